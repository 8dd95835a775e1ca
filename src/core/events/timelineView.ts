// The Timeline view, independent of VS Code: every agreement's events across agreements, newest first, grouped by
// year. Clicking an event opens its agreement's document at the Timeline section.
import { text, type Catalog, type EventKind, type Lang } from '../catalog/model';
import { eventKindLabel } from '../labels/agreementLabels';
import { disputedMark } from '../labels/disagreementLabels';
import { sourcesMarkdown } from '../labels/provenance';
import { escapeMarkdown } from '../text/markdown';
import type { ViewItem } from '../tree/treeModel';
import { disagreementIndex } from '../disputes/disagreements';
import { changesStatus } from './status';
import { timeline, timelineYears, type TimelineEntry } from './timeline';

export type TimelineNode = { readonly kind: 'year'; readonly year: string } | { readonly kind: 'event'; readonly agreementId: string; readonly eventId: string };

const WORDS = {
  ko: { events: (n: number) => `사건 ${n}건`, changesStatus: '상태를 바꾼 사건', source: '출처:' },
  en: { events: (n: number) => (n === 1 ? '1 event' : `${n} events`), changesStatus: 'Changes the status', source: 'Source:' },
};

export class TimelineModel {
  private readonly entries: TimelineEntry[];

  constructor(
    readonly catalog: Catalog,
    readonly lang: Lang,
  ) {
    this.entries = timeline(catalog);
  }

  get size(): number {
    return this.entries.length;
  }

  roots(): TimelineNode[] {
    return timelineYears(this.entries).map((year) => ({ kind: 'year', year }));
  }

  children(node: TimelineNode): TimelineNode[] {
    if (node.kind !== 'year') return [];
    return this.entries.filter((e) => e.event.date.startsWith(node.year)).map((e) => ({ kind: 'event', agreementId: e.agreement.id, eventId: e.event.id }));
  }

  parent(node: TimelineNode): TimelineNode | undefined {
    if (node.kind === 'year') return undefined;
    const entry = this.entry(node.agreementId, node.eventId);
    return entry && { kind: 'year', year: entry.event.date.slice(0, 4) };
  }

  /** The node of an agreement's event, for reveal(). */
  eventNode(agreementId: string, eventId: string): TimelineNode | undefined {
    return this.entry(agreementId, eventId) && { kind: 'event', agreementId, eventId };
  }

  item(node: TimelineNode): ViewItem | undefined {
    const { lang, catalog } = this;
    const w = WORDS[lang];
    if (node.kind === 'year') {
      const count = this.children(node).length;
      return { id: `year:${node.year}`, label: node.year, description: w.events(count), tooltip: escapeMarkdown(`${node.year}: ${w.events(count)}`), icon: 'calendar', contextValue: 'timelineYear', collapsible: true, accessibilityLabel: `${node.year}, ${w.events(count)}` };
    }
    const entry = this.entry(node.agreementId, node.eventId);
    if (!entry) return undefined;
    const { agreement, event } = entry;
    const name = text(agreement.title.short, lang);
    const kind = eventKindLabel(event.kind, lang);
    const disputed = disagreementIndex(catalog).about({ agreement: agreement.id, event: event.id }).length > 0;
    const tooltip = [
      `**${escapeMarkdown(event.date)} · ${escapeMarkdown(name)} · ${escapeMarkdown(kind)}**${changesStatus(event.kind) ? ` *(${escapeMarkdown(w.changesStatus)})*` : ''}`,
      escapeMarkdown(text(event.text, lang)),
      sourcesMarkdown(catalog, event.provenance, lang, w.source, { notes: false }),
      ...(disputed ? [escapeMarkdown(disputedMark(lang))] : []),
    ].join('\n\n');
    return {
      id: `event:${agreement.id}:${event.id}`,
      label: `${event.date} · ${name}`,
      description: [kind, text(event.text, lang), disputed ? disputedMark(lang) : ''].filter(Boolean).join(' · '),
      tooltip,
      icon: EVENT_ICONS[event.kind],
      contextValue: 'timelineEvent',
      collapsible: false,
      accessibilityLabel: [event.date, name, kind, text(event.text, lang)].join(', '),
      command: { command: 'techDealAtlas.openAgreement', arguments: [agreement.id, { section: 'timeline' }] },
    };
  }

  private entry(agreementId: string, eventId: string): TimelineEntry | undefined {
    return this.entries.find((e) => e.agreement.id === agreementId && e.event.id === eventId);
  }
}

const EVENT_ICONS: Record<EventKind, string> = {
  announced: 'megaphone',
  signed: 'edit',
  released: 'megaphone',
  operative: 'play',
  implementation: 'gear',
  'meeting-planned': 'calendar',
  paused: 'debug-pause',
  resumed: 'debug-continue',
  ended: 'circle-slash',
  related: 'link',
};
