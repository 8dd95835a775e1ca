// Shape of the sidebar trees, independent of VS Code:
//   Agreements view: agreement → sectors it covers (with provision counts) → provisions
//   Sectors view:    sector → agreements that address it → provisions   (a provision tagged with two sectors
//                    appears under both)
// Nodes are plain values with stable ids (entity ids, never labels), so a tree rebuilt after a catalog reload or a
// language switch keeps its expansion state. Filters (by sector, by party) narrow both views the same way.
import { agreementKindLabel, bindingLabel, dateLabel, officialTitleLabel, partiesLabel } from '../labels/agreementLabels';
import { formatCitation } from '../citation/citation';
import { otherLanguage } from '../text/language';
import { escapeMarkdown, markdownCodeSpan } from '../text/markdown';
import { agreementKindIcon, PROVISION_ICON } from '../labels/icons';
import { capitalized, officialLocationWithSources, provisionNumberLabel, provisionReference, provisionTextLabel } from '../labels/provisionLabels';
import { text, type Agreement, type Catalog, type Lang, type Provision, type SectorData } from '../catalog/model';
import { citedSources, sourceKindLabel } from '../labels/provenance';

export type TreeViewKind = 'agreements' | 'sectors';

/** Pseudo sector for provisions none of whose sector references resolved (user data with dangling ids). */
export const NO_SECTOR = '(none)';

export interface AgreementNode {
  readonly kind: 'agreement';
  readonly view: TreeViewKind;
  /** Stable `TreeItem.id`: the path of entity ids from the root (never a label). */
  readonly nodeId: string;
  readonly agreementId: string;
  /** Set when the agreement sits under a sector (Sectors view). */
  readonly sectorId?: string;
}

export interface SectorNode {
  readonly kind: 'sector';
  readonly view: TreeViewKind;
  /** Stable `TreeItem.id`: the path of entity ids from the root (never a label). */
  readonly nodeId: string;
  readonly sectorId: string;
  /** Set when the sector sits under an agreement (Agreements view). */
  readonly agreementId?: string;
}

export interface ProvisionNode {
  readonly kind: 'provision';
  readonly view: TreeViewKind;
  /** Stable `TreeItem.id`: the path of entity ids from the root (never a label). */
  readonly nodeId: string;
  /** Global provision id `agreement/provision`. */
  readonly uid: string;
  readonly agreementId: string;
  /** The sector group the provision is listed under (it may be listed under several). */
  readonly sectorId: string;
}

export type TreeNode = AgreementNode | SectorNode | ProvisionNode;

/** What other features ask the tree to reveal (the `techDealAtlas.revealInTree` argument). */
export interface TreeTarget {
  readonly kind: 'agreement' | 'sector' | 'provision';
  /** Agreement id, sector id, or provision uid. */
  readonly id: string;
}

export interface TreeFilter {
  /** Only these sectors (none = all). */
  readonly sectors: readonly string[];
  /** Only agreements involving at least one of these parties (none = all). */
  readonly parties: readonly string[];
}

export const NO_FILTER: TreeFilter = { sectors: [], parties: [] };

export function isFilterActive(filter: TreeFilter): boolean {
  return filter.sectors.length > 0 || filter.parties.length > 0;
}

/** Drops ids the catalog no longer has (after a reload), keeping the order the user chose. */
export function normalizeFilter(catalog: Catalog, filter: TreeFilter): TreeFilter {
  return {
    sectors: unique(filter.sectors).filter((id) => catalog.sectors.has(id)),
    parties: unique(filter.parties).filter((id) => catalog.parties.has(id)),
  };
}

/** The active filter in words, e.g. `Artificial intelligence, Space · Japan`; empty when no filter is on. */
export function describeFilter(catalog: Catalog, filter: TreeFilter, lang: Lang): string {
  const sectors = filter.sectors.map((id) => {
    const sector = catalog.sectors.get(id);
    return sector ? text(sector.name, lang) : id;
  });
  const parties = filter.parties.map((id) => {
    const party = catalog.parties.get(id);
    return party ? text(party.short, lang) : id;
  });
  return [sectors.join(', '), parties.join(', ')].filter(Boolean).join(' · ');
}

/** Presentation of one node; the VS Code adapter turns it into a `TreeItem` one field at a time. */
export interface TreeItemModel {
  readonly label: string;
  readonly description?: string;
  /** Markdown; every piece of data in it is escaped. */
  readonly tooltip: string;
  /** Codicon id. */
  readonly icon: string;
  /** `agreement`, `sector`, `provision`, or `unclassified` (the pseudo sector: no sector actions). */
  readonly contextValue: string;
  readonly collapsible: boolean;
  /** What a screen reader announces: the label plus the facts sighted users get from icon and description. */
  readonly accessibilityLabel: string;
}

const FALLBACK_SECTOR_ICON = 'tag';
const NO_SECTOR_ICON = 'question';

const STRINGS = {
  ko: {
    provisions: (n: number) => (n === 0 ? '조항 없음' : `조항 ${n}개`),
    agreements: (n: number) => `협정 ${n}건`,
    noSector: '분야 미지정',
    noSectorDescription: '분야가 지정되지 않았거나 알 수 없는 분야만 지정된 조항.',
    sectors: '분야',
    source: '출처',
    legalNature: '법적 성격',
    summary: '요약',
    otherLanguage: 'English',
    citation: '인용',
    inTheAgreement: '협정 안의 위치',
    in: (agreement: string) => `${agreement}에서`,
    provisionOf: (name: string, agreement: string) => `${agreement} ${name}`,
    between: (parties: string) => `당사국 ${parties}`,
  },
  en: {
    provisions: (n: number) => (n === 0 ? 'no provisions' : n === 1 ? '1 provision' : `${n} provisions`),
    agreements: (n: number) => (n === 1 ? '1 agreement' : `${n} agreements`),
    noSector: 'No sector',
    noSectorDescription: 'Provisions with no sector, or only sectors the catalog does not define.',
    sectors: 'Sectors',
    source: 'Source',
    legalNature: 'Legal nature',
    summary: 'Summary',
    otherLanguage: '한국어',
    citation: 'Citation',
    inTheAgreement: 'In the agreement',
    in: (agreement: string) => `in ${agreement}`,
    provisionOf: (name: string, agreement: string) => `${capitalized(name)} of ${agreement}`,
    between: (parties: string) => `parties ${parties}`,
  },
} as const;

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** The sector groups a provision is listed under. */
export function provisionSectors(provision: Provision): readonly string[] {
  return provision.sectors.length ? provision.sectors : [NO_SECTOR];
}

const nodeId = {
  agreement: (view: TreeViewKind, agreementId: string, sectorId?: string) =>
    view === 'agreements' ? `A:${agreementId}` : `S:${sectorId}>${agreementId}`,
  sector: (view: TreeViewKind, sectorId: string, agreementId?: string) =>
    view === 'sectors' ? `S:${sectorId}` : `A:${agreementId}>${sectorId}`,
  provision: (view: TreeViewKind, uid: string, agreementId: string, sectorId: string) =>
    view === 'agreements' ? `A:${agreementId}>${sectorId}>${uid}` : `S:${sectorId}>${agreementId}>${uid}`,
};

export function agreementNode(view: TreeViewKind, agreementId: string, sectorId?: string): AgreementNode {
  const node = { kind: 'agreement', view, nodeId: nodeId.agreement(view, agreementId, sectorId), agreementId } as const;
  return view === 'sectors' ? { ...node, sectorId } : node;
}

export function sectorNode(view: TreeViewKind, sectorId: string, agreementId?: string): SectorNode {
  const node = { kind: 'sector', view, nodeId: nodeId.sector(view, sectorId, agreementId), sectorId } as const;
  return view === 'agreements' ? { ...node, agreementId } : node;
}

export function provisionNode(view: TreeViewKind, provision: Provision, sectorId: string): ProvisionNode {
  return {
    kind: 'provision',
    view,
    nodeId: nodeId.provision(view, provision.uid, provision.agreementId, sectorId),
    uid: provision.uid,
    agreementId: provision.agreementId,
    sectorId,
  };
}

/** One immutable snapshot of both trees for a catalog, a language and a filter. */
export class TreeModel {
  readonly filter: TreeFilter;
  private readonly collator: Intl.Collator;
  private readonly sectorFilter: ReadonlySet<string>;
  private readonly partyFilter: ReadonlySet<string>;
  private readonly s: (typeof STRINGS)[Lang];
  // The model is immutable: derived lists are computed once (views ask for them once per node).
  private agreementsCache: Agreement[] | undefined;
  private readonly sectorsOfCache = new Map<string, string[]>();
  private readonly agreementsInCache = new Map<string, Agreement[]>();

  constructor(
    readonly catalog: Catalog,
    readonly lang: Lang,
    filter: TreeFilter = NO_FILTER,
  ) {
    this.filter = normalizeFilter(catalog, filter);
    this.collator = new Intl.Collator(lang, { numeric: true, sensitivity: 'base' });
    this.sectorFilter = new Set(this.filter.sectors);
    this.partyFilter = new Set(this.filter.parties);
    this.s = STRINGS[lang];
  }

  get filtered(): boolean {
    return isFilterActive(this.filter);
  }

  // ---------------------------------------------------------------------------------------------
  // Structure

  roots(view: TreeViewKind): TreeNode[] {
    if (view === 'agreements') return this.visibleAgreements().map((a) => agreementNode('agreements', a.id));
    return this.visibleSectorIds().map((id) => sectorNode('sectors', id));
  }

  children(node: TreeNode): TreeNode[] {
    if (node.kind === 'provision') return [];
    if (node.view === 'agreements') {
      const agreement = this.catalog.agreements.get(node.agreementId ?? '');
      if (!agreement || !this.agreementPasses(agreement)) return [];
      if (node.kind === 'agreement') return this.sectorsOf(agreement).map((id) => sectorNode('agreements', id, agreement.id));
      return this.provisionsIn(agreement, node.sectorId).map((p) => provisionNode('agreements', p, node.sectorId));
    }
    if (node.kind === 'sector') {
      return this.agreementsIn(node.sectorId).map((a) => agreementNode('sectors', a.id, node.sectorId));
    }
    const agreement = this.catalog.agreements.get(node.agreementId);
    if (!agreement || node.sectorId === undefined || !this.agreementPasses(agreement)) return [];
    return this.provisionsIn(agreement, node.sectorId).map((p) => provisionNode('sectors', p, node.sectorId!));
  }

  parent(node: TreeNode): TreeNode | undefined {
    if (node.view === 'agreements') {
      if (node.kind === 'provision') return sectorNode('agreements', node.sectorId, node.agreementId);
      if (node.kind === 'sector') return agreementNode('agreements', node.agreementId!);
      return undefined;
    }
    if (node.kind === 'provision') return agreementNode('sectors', node.agreementId, node.sectorId);
    if (node.kind === 'agreement') return sectorNode('sectors', node.sectorId!);
    return undefined;
  }

  /**
   * The node to reveal for a target, in the view that suits it (agreements and provisions: Agreements view;
   * sectors: Sectors view) unless `view` says otherwise. Undefined when the catalog lacks it or the filter hides it.
   */
  locate(target: TreeTarget, view?: TreeViewKind): TreeNode | undefined {
    const where = view ?? (target.kind === 'sector' ? 'sectors' : 'agreements');
    if (target.kind === 'agreement') {
      const agreement = this.catalog.agreements.get(target.id);
      if (!agreement || !this.agreementPasses(agreement)) return undefined;
      if (where === 'agreements') return this.isVisibleAgreement(agreement) ? agreementNode('agreements', agreement.id) : undefined;
      const sectorId = this.sectorsOf(agreement)[0];
      return sectorId === undefined ? undefined : agreementNode('sectors', agreement.id, sectorId);
    }
    if (target.kind === 'sector') {
      if (where === 'agreements' || !this.visibleSectorIds().includes(target.id)) return undefined;
      return sectorNode('sectors', target.id);
    }
    const provision = this.catalog.provisions.get(target.id);
    const agreement = provision && this.catalog.agreements.get(provision.agreementId);
    if (!provision || !agreement || !this.agreementPasses(agreement)) return undefined;
    const sectorId = this.sectorsOf(agreement).find((id) => provisionSectors(provision).includes(id));
    return sectorId === undefined ? undefined : provisionNode(where, provision, sectorId);
  }

  /** Whether the catalog has the target at all (whatever the filter). */
  has(target: TreeTarget): boolean {
    const map = { agreement: this.catalog.agreements, sector: this.catalog.sectors, provision: this.catalog.provisions }[target.kind];
    return map.has(target.id);
  }

  /** Agreements passing the filter, newest first (undated last), then by short title. */
  visibleAgreements(): Agreement[] {
    return (this.agreementsCache ??= [...this.catalog.agreements.values()]
      .filter((a) => this.isVisibleAgreement(a))
      .sort((a, b) => compareDatesNewestFirst(a.date, b.date) || this.collator.compare(text(a.title.short, this.lang), text(b.title.short, this.lang)))).slice();
  }

  /** Root sectors of the Sectors view: every sector (even unused) without a filter; with one, those with matches. */
  visibleSectorIds(): string[] {
    const ids = [...this.catalog.sectors.keys()];
    if ([...this.catalog.provisions.values()].some((p) => p.sectors.length === 0)) ids.push(NO_SECTOR);
    return this.sortSectors(ids.filter((id) => this.sectorPasses(id) && (!this.filtered || this.agreementsIn(id).length > 0)));
  }

  /** Sector groups under an agreement: the sectors its provisions are tagged with that pass the filter, by name. */
  sectorsOf(agreement: Agreement): string[] {
    let ids = this.sectorsOfCache.get(agreement.id);
    if (!ids) {
      ids = this.sortSectors(unique(agreement.provisions.flatMap((p) => provisionSectors(p))).filter((id) => this.sectorPasses(id)));
      this.sectorsOfCache.set(agreement.id, ids);
    }
    return [...ids];
  }

  /** Agreements with at least one provision in the sector, passing the filter. */
  agreementsIn(sectorId: string): Agreement[] {
    let list = this.agreementsInCache.get(sectorId);
    if (!list) {
      list = this.sectorPasses(sectorId) ? this.visibleAgreements().filter((a) => a.provisions.some((p) => provisionSectors(p).includes(sectorId))) : [];
      this.agreementsInCache.set(sectorId, list);
    }
    return [...list];
  }

  /** An agreement's provisions in one sector, in document order. */
  provisionsIn(agreement: Agreement, sectorId: string): Provision[] {
    return agreement.provisions.filter((p) => provisionSectors(p).includes(sectorId));
  }

  private isVisibleAgreement(agreement: Agreement): boolean {
    return this.agreementPasses(agreement) && (this.sectorFilter.size === 0 || this.sectorsOf(agreement).length > 0);
  }

  private agreementPasses(agreement: Agreement): boolean {
    return this.partyFilter.size === 0 || agreement.parties.some((p) => this.partyFilter.has(p));
  }

  private sectorPasses(sectorId: string): boolean {
    return this.sectorFilter.size === 0 || this.sectorFilter.has(sectorId);
  }

  private sortSectors(ids: string[]): string[] {
    return ids.sort((a, b) => {
      if (a === NO_SECTOR || b === NO_SECTOR) return Number(a === NO_SECTOR) - Number(b === NO_SECTOR);
      return this.collator.compare(this.sectorName(a), this.sectorName(b)) || a.localeCompare(b);
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Presentation

  sectorName(sectorId: string): string {
    const sector = this.catalog.sectors.get(sectorId);
    return sector ? text(sector.name, this.lang) : sectorId === NO_SECTOR ? this.s.noSector : sectorId;
  }

  /** Undefined when the node's entity is gone (a stale node after a reload). */
  item(node: TreeNode): TreeItemModel | undefined {
    if (node.kind === 'agreement') {
      const agreement = this.catalog.agreements.get(node.agreementId);
      return agreement && this.agreementItem(agreement, node);
    }
    if (node.kind === 'sector') {
      const sector = this.catalog.sectors.get(node.sectorId);
      if (!sector && node.sectorId !== NO_SECTOR) return undefined;
      return this.sectorItem(node, sector);
    }
    const provision = this.catalog.provisions.get(node.uid);
    return provision && this.provisionItem(provision);
  }

  private agreementItem(agreement: Agreement, node: AgreementNode): TreeItemModel {
    const { lang, s } = this;
    const label = text(agreement.title.short, lang);
    const parties = partiesLabel(this.catalog, agreement, lang);
    const count = node.sectorId === undefined ? 0 : this.provisionsIn(agreement, node.sectorId).length;
    const description = node.sectorId === undefined ? [agreement.date, parties].filter(Boolean).join(' · ') : s.provisions(count);
    const facts = [
      agreementKindLabel(agreement.kind, lang),
      dateLabel(agreement.date, lang),
      s.between(fullPartyNames(this.catalog, agreement, lang)),
      bindingLabel(agreement.legalNature.binding, lang),
    ];
    return {
      label,
      description,
      tooltip: this.agreementTooltip(agreement),
      icon: agreementKindIcon(agreement.kind),
      contextValue: 'agreement',
      collapsible: this.children(node).length > 0,
      accessibilityLabel: [label, ...facts, ...(node.sectorId === undefined ? [] : [`${this.sectorName(node.sectorId)}: ${s.provisions(count)}`])].join(', '),
    };
  }

  private agreementTooltip(agreement: Agreement): string {
    const { lang, s, catalog } = this;
    const lines = [
      `**${escapeMarkdown(officialTitleLabel(agreement, lang))}**`,
      '',
      escapeMarkdown(
        [agreementKindLabel(agreement.kind, lang), dateLabel(agreement.date, lang), fullPartyNames(catalog, agreement, lang)].join(' · '),
      ),
      '',
      `**${s.legalNature}:** ${escapeMarkdown(bindingLabel(agreement.legalNature.binding, lang))} — ${escapeMarkdown(text(agreement.legalNature.description, lang))}`,
      '',
      `**${s.summary}:** ${escapeMarkdown(text(agreement.summary, lang))}`,
    ];
    const sources = agreement.sources.map((id) => catalog.sources.get(id)).filter((x) => x !== undefined);
    if (sources.length) {
      lines.push('', `**${s.source}:** ${sources.map((src) => `${escapeMarkdown(text(src.title, lang))} *(${escapeMarkdown(sourceKindLabel(src.kind, lang))})*`).join('; ')}`);
    }
    return lines.join('\n');
  }

  private sectorItem(node: SectorNode, sector: SectorData | undefined): TreeItemModel {
    const { s } = this;
    const label = this.sectorName(node.sectorId);
    let description: string;
    if (node.agreementId !== undefined) {
      const agreement = this.catalog.agreements.get(node.agreementId);
      description = s.provisions(agreement ? this.provisionsIn(agreement, node.sectorId).length : 0);
    } else {
      const agreements = this.agreementsIn(node.sectorId);
      const provisions = agreements.reduce((n, a) => n + this.provisionsIn(a, node.sectorId).length, 0);
      description = provisions === 0 ? s.provisions(0) : `${s.agreements(agreements.length)} · ${s.provisions(provisions)}`;
    }
    const agreementName = node.agreementId === undefined ? undefined : this.agreementShortName(node.agreementId);
    const tooltip = [
      `**${escapeMarkdown(label)}**${agreementName ? ` — ${escapeMarkdown(s.in(agreementName))}` : ''}`,
      '',
      escapeMarkdown(sector ? text(sector.description, this.lang) : s.noSectorDescription),
      '',
      escapeMarkdown(description),
    ].join('\n');
    return {
      label,
      description,
      tooltip,
      icon: sector ? sector.icon || FALLBACK_SECTOR_ICON : NO_SECTOR_ICON,
      contextValue: sector ? 'sector' : 'unclassified',
      collapsible: this.children(node).length > 0,
      accessibilityLabel: [label, agreementName && s.in(agreementName), description].filter(Boolean).join(', '),
    };
  }

  private provisionItem(provision: Provision): TreeItemModel {
    const { lang, s } = this;
    const agreement = this.catalog.agreements.get(provision.agreementId);
    const agreementName = this.agreementShortName(provision.agreementId);
    const name = provisionReference(agreement, provision, lang);
    return {
      label: provisionTextLabel(provision, lang),
      // The agreement is the item's ancestor in both views; its number says whose numbering it is (never a clause number).
      description: provisionNumberLabel(agreement, provision, lang),
      tooltip: this.provisionTooltip(provision, agreementName, name),
      icon: PROVISION_ICON,
      contextValue: 'provision',
      collapsible: false,
      accessibilityLabel: `${s.provisionOf(name, agreementName)}: ${text(provision.text, lang)}`,
    };
  }

  private provisionTooltip(provision: Provision, agreementName: string, name: string): string {
    const { lang, s, catalog } = this;
    const other = otherLanguage(lang);
    const heading = provision.heading ? ` — *${escapeMarkdown(text(provision.heading, lang))}*` : '';
    const lines = [`**${escapeMarkdown(agreementName)} · ${escapeMarkdown(name)}**${heading}`, '', escapeMarkdown(text(provision.text, lang))];
    if (provision.text[other] && provision.text[other] !== provision.text[lang]) {
      lines.push('', `*${s.otherLanguage}:* ${escapeMarkdown(provision.text[other])}`);
    }
    lines.push('', `**${s.sectors}:** ${escapeMarkdown(provisionSectors(provision).map((id) => this.sectorName(id)).join(', '))}`);
    const location = officialLocationWithSources(catalog, provision, lang);
    if (location) lines.push('', `**${s.inTheAgreement}:** ${escapeMarkdown(location)}`);
    for (const { source, places } of citedSources(catalog, provision.provenance, lang)) {
      const where = places.length ? ` — ${escapeMarkdown(places.join('; '))}` : '';
      lines.push('', `**${s.source}:** ${escapeMarkdown(text(source.title, lang))}${where} *(${escapeMarkdown(sourceKindLabel(source.kind, lang))})*`);
      if (source.note) lines.push('', `> ⚠ ${escapeMarkdown(text(source.note, lang))}`);
    }
    lines.push('', `**${s.citation}:** ${markdownCodeSpan(formatCitation(catalog, provision, lang))}`);
    return lines.join('\n');
  }

  private agreementShortName(agreementId: string): string {
    const agreement = this.catalog.agreements.get(agreementId);
    return agreement ? text(agreement.title.short, this.lang) : agreementId;
  }
}

function fullPartyNames(catalog: Catalog, agreement: Agreement, lang: Lang): string {
  return agreement.parties.map((id) => {
    const party = catalog.parties.get(id);
    return party ? text(party.name, lang) : id;
  }).join(lang === 'ko' ? '·' : ', ');
}

/** Newest first; a missing date sorts after every date. */
function compareDatesNewestFirst(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  return a < b ? 1 : -1;
}

// ---------------------------------------------------------------------------------------------
// Command arguments: a documented id, a list of ids, a tree node, or VS Code's `(clicked, selected[])` pair when a
// command runs from a tree's context menu (the selection includes the clicked node).

export function isTreeNode(value: unknown): value is TreeNode {
  if (!value || typeof value !== 'object') return false;
  const kind = (value as { kind?: unknown }).kind;
  return (kind === 'agreement' || kind === 'sector' || kind === 'provision') && typeof (value as { nodeId?: unknown }).nodeId === 'string';
}

function invokedWith(args: readonly unknown[]): unknown[] {
  const [first, second] = args;
  if (Array.isArray(second) && second.length > 0 && second.every(isTreeNode)) return second;
  if (Array.isArray(first)) return first;
  return first === undefined || first === null ? [] : [first];
}

/** Agreement ids from agreement ids or agreement nodes (other nodes are ignored). */
export function agreementIdsFromArgs(args: readonly unknown[]): string[] {
  return unique(
    invokedWith(args).flatMap((a) => (typeof a === 'string' ? [a] : isTreeNode(a) && a.kind === 'agreement' ? [a.agreementId] : [])),
  );
}

/** Provision uids from uids or provision nodes (other nodes are ignored). */
export function provisionUidsFromArgs(args: readonly unknown[]): string[] {
  return unique(invokedWith(args).flatMap((a) => (typeof a === 'string' ? [a] : isTreeNode(a) && a.kind === 'provision' ? [a.uid] : [])));
}

/** A sector id from a sector id or a sector node. */
export function sectorIdFromArgs(args: readonly unknown[]): string | undefined {
  const [first] = invokedWith(args);
  if (typeof first === 'string') return first;
  return isTreeNode(first) && first.kind === 'sector' && first.sectorId !== NO_SECTOR ? first.sectorId : undefined;
}

/** The catalog entity a tree node shows. */
export function nodeTarget(node: TreeNode): TreeTarget {
  if (node.kind === 'agreement') return { kind: 'agreement', id: node.agreementId };
  if (node.kind === 'sector') return { kind: 'sector', id: node.sectorId };
  return { kind: 'provision', id: node.uid };
}

