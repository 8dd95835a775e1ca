// How sources and provenance (source + locator) are written for people: source kinds, `Title, para. 8, sentence 3` /
// `제목, 8문단 3문장`. Shared by tooltips, hovers, the agreement document and the comparison panel.
import { text, type Catalog, type Lang, type Locator, type Provenance, type SourceData, type SourceKind } from '../catalog/model';
import { safeWebUrl } from '../text/commandLink';
import { escapeMarkdown } from '../text/markdown';
import { truncate } from '../text/truncate';

const KIND_LABELS: Record<SourceKind, Record<Lang, string>> = {
  'official-text': { ko: '공식 원문', en: 'Official text' },
  'official-summary': { ko: '공식 요약(팩트시트·보도자료)', en: 'Official summary (fact sheet, press release)' },
  'news-analysis': { ko: '뉴스·분석(2차 자료)', en: 'News/analysis (secondary source)' },
  'corpus-copy': { ko: '연구 코퍼스 사본(기계 판독, OCR 오류 가능)', en: 'Research corpus copy (machine-readable; may contain OCR errors)' },
};

/**
 * Whether a source kind rests on the text itself, not on someone's account of it: the parties' own text or summary,
 * or a research corpus's copy of the text (which carries its own OCR caveat).
 */
export function restsOnTheText(kind: SourceKind): boolean {
  return isOfficialSource(kind) || kind === 'corpus-copy';
}

/** Whether a source kind speaks for the parties themselves (the signed text or their own summary). */
export function isOfficialSource(kind: SourceKind): boolean {
  return kind === 'official-text' || kind === 'official-summary';
}

export function sourceKindLabel(kind: SourceKind, lang: Lang): string {
  return KIND_LABELS[kind]?.[lang] ?? kind;
}

export function formatLocator(locator: Locator | undefined, lang: Lang): string {
  const parts: string[] = [];
  if (!locator) return '';
  if (lang === 'ko') {
    if (locator.paragraph !== undefined) parts.push(`${locator.paragraph}문단`);
    if (locator.sentence !== undefined) parts.push(`${locator.sentence}문장`);
    if (locator.item !== undefined) parts.push(`${locator.item}번째 항목`);
    if (locator.footnote !== undefined) parts.push(`용어설명 ${locator.footnote}`);
    if (locator.section !== undefined) parts.push(`§ ${locator.section}`);
    return parts.join(' ');
  }
  if (locator.paragraph !== undefined) parts.push(`para. ${locator.paragraph}`);
  if (locator.sentence !== undefined) parts.push(`sentence ${locator.sentence}`);
  if (locator.item !== undefined) parts.push(`item ${locator.item}`);
  if (locator.footnote !== undefined) parts.push(`note ${locator.footnote}`);
  if (locator.section !== undefined) parts.push(`§ ${locator.section}`);
  return parts.join(', ');
}

/** `Source title, para. 8, sentence 3`; an unknown source id stays as the id. */
export function formatProvenance(catalog: Catalog, provenance: Provenance, lang: Lang): string {
  const source = catalog.sources.get(provenance.source);
  const title = source ? text(source.title, lang) : provenance.source;
  const where = formatLocator(provenance.locator, lang);
  return where ? `${title}, ${where}` : title;
}

/** Title with publisher and date when known, as plain text: `Title (Publisher, 2025-11-14)`. */
export function formatSourceLine(source: SourceData, lang: Lang): string {
  const details = [source.publisher && text(source.publisher, lang), source.date].filter((s): s is string => !!s);
  return details.length ? `${text(source.title, lang)} (${details.join(', ')})` : text(source.title, lang);
}

export interface SourceCitation {
  readonly source: SourceData;
  /** Plain-text locators in `lang`, in cited order, without repeats; empty when the whole source is cited. */
  readonly places: readonly string[];
}

/** Provenance grouped by source, in first-cited order (entries pointing at unknown sources are skipped). */
export function citedSources(catalog: Catalog, provenance: readonly Provenance[], lang: Lang): SourceCitation[] {
  const bySource = new Map<string, { source: SourceData; places: string[] }>();
  for (const p of provenance) {
    const source = catalog.sources.get(p.source);
    if (!source) continue;
    const entry = bySource.get(source.id) ?? { source, places: [] };
    const where = formatLocator(p.locator, lang);
    if (where && !entry.places.includes(where)) entry.places.push(where);
    bySource.set(source.id, entry);
  }
  return [...bySource.values()];
}

/**
 * The licence and attribution lines of the cited sources that carry one (a corpus's CC BY-NC notice), without
 * repeats: shown wherever their text is.
 */
export function attributionLines(catalog: Catalog, provenance: readonly Provenance[], lang: Lang): string[] {
  const lines: string[] = [];
  for (const p of provenance) {
    const licence = catalog.sources.get(p.source)?.licence;
    const line = licence && text(licence.attribution, lang);
    if (line && !lines.includes(line)) lines.push(line);
  }
  return lines;
}

/** Long source titles are cut in hovers (the agreement document and the tree show them in full). */
const SOURCE_TITLE_MAX = 100;

/**
 * `Source: Title (Publisher, date) — para. 1, sentence 2 · News/analysis (secondary source)`, one Markdown line per
 * source (`sourceWord` is the UI's "Source:"), with the source's caveat note below it unless `notes` is false.
 */
export function sourcesMarkdown(catalog: Catalog, provenance: readonly Provenance[], lang: Lang, sourceWord: string, options: { notes?: boolean } = {}): string {
  return citedSources(catalog, provenance, lang)
    .map(({ source, places }) => {
      const url = safeWebUrl(source.url);
      const title = escapeMarkdown(truncate(formatSourceLine(source, lang), SOURCE_TITLE_MAX));
      const where = places.length ? ` — ${escapeMarkdown(places.join('; '))}` : '';
      const kind = isOfficialSource(source.kind) ? '' : ` · *${escapeMarkdown(sourceKindLabel(source.kind, lang))}*`;
      const note = source.note && options.notes !== false ? `  \n*${escapeMarkdown(text(source.note, lang))}*` : '';
      const licence = source.licence ? `  \n$(law) *${escapeMarkdown(text(source.licence.attribution, lang))}*` : '';
      return `$(book) ${escapeMarkdown(sourceWord)} ${url ? `[${title}](${url})` : title}${where}${kind}${note}${licence}`;
    })
    .join('  \n');
}
