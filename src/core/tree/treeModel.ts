// Shape of the sidebar trees, independent of VS Code:
//   Agreements view: [group →] agreement → its chapters, or (when it has none) the sectors it covers → provisions
//   Sectors view:    sector → agreements that address it → provisions   (a provision tagged with two sectors
//                    appears under both)
// Grouping the Agreements view (by party, year signed, kind, status) is optional; the default is the flat list. An
// agreement sits under one party group per side, so it can appear more than once: node ids are paths of ids.
// Nodes are plain values with stable ids (entity ids, never labels), so a tree rebuilt after a catalog reload or a
// language switch keeps its expansion state. Filters (by sector, by party) narrow both views the same way.
//
// Imported treaties bring hundreds of agreements and tens of thousands of provisions: roots and their items never
// walk provisions (beyond one pass to know which agreements a sector filter keeps), and chapters, sectors and
// provisions are worked out only when a node is expanded.
import { agreementKindsLabel, agreementStatusLabel, bindingLabel, currentStateLabel, currentStatusLabel, dateLabel, eventKindLabel, officialTitleLabel } from '../labels/agreementLabels';
import { formatCitation } from '../citation/citation';
import { truncate } from '../text/truncate';
import { escapeMarkdown, markdownCodeSpan } from '../text/markdown';
import { agreementKindIcon, PROVISION_ICON } from '../labels/icons';
import { capitalized, chapterLabel, officialLocationWithSources, provisionNumberLabel, provisionReference, provisionTextLabel } from '../labels/provisionLabels';
import {
  otherText,
  text,
  type Texts,
  type Agreement,
  type AgreementKind,
  type Catalog,
  type ChapterData,
  type Lang,
  type PartyData,
  type Provision,
  type SectorData,
} from '../catalog/model';
import { attributionLines, citedSources, sourceBadge } from '../labels/provenance';
import { disagreementMarkdown, disputedMark } from '../labels/disagreementLabels';
import { disagreementIndex, type DisagreementIndex } from '../disputes/disagreements';
import { currentStatus, eventsInOrder, type CurrentState } from '../events/status';
import { displayText, displayTextMarkdown } from '../labels/textLabels';

export type TreeViewKind = 'agreements' | 'sectors';

/** Pseudo sector for provisions none of whose sector references resolved (user data with dangling ids). */
export const NO_SECTOR = '(none)';
/** Pseudo chapter for provisions of a chaptered agreement that name no chapter, or one the agreement does not list. */
export const NO_CHAPTER = '(none)';
/** Key of the group for agreements without the fact grouped by (no date, no status). */
export const NO_GROUP = '(none)';

/** How the Agreements view groups its agreements: `none` is the flat list. */
export type AgreementGrouping = 'none' | 'party' | 'year' | 'kind' | 'status';
export const AGREEMENT_GROUPINGS: readonly AgreementGrouping[] = ['none', 'party', 'year', 'kind', 'status'];

export function isAgreementGrouping(value: unknown): value is AgreementGrouping {
  return typeof value === 'string' && (AGREEMENT_GROUPINGS as readonly string[]).includes(value);
}

/** A group of the Agreements view: what it groups by and its key (party id, year, kinds joined by `+`, state). */
export interface GroupRef {
  readonly by: Exclude<AgreementGrouping, 'none'>;
  readonly key: string;
}

export interface GroupNode {
  readonly kind: 'group';
  readonly view: 'agreements';
  /** Stable `TreeItem.id`: `group:party:KR`, `group:year:2019`, `group:status:(none)`. */
  readonly nodeId: string;
  readonly group: GroupRef;
  /** A group shows several agreements; declared so `node.agreementId` reads on every node. */
  readonly agreementId?: undefined;
}

export interface AgreementNode {
  readonly kind: 'agreement';
  readonly view: TreeViewKind;
  /** Stable `TreeItem.id`: the path of entity ids from the root (never a label). */
  readonly nodeId: string;
  readonly agreementId: string;
  /** Set when the agreement sits under a sector (Sectors view). */
  readonly sectorId?: string;
  /** Set when the Agreements view is grouped. */
  readonly group?: GroupRef;
}

export interface SectorNode {
  readonly kind: 'sector';
  readonly view: TreeViewKind;
  /** Stable `TreeItem.id`: the path of entity ids from the root (never a label). */
  readonly nodeId: string;
  readonly sectorId: string;
  /** Set when the sector sits under an agreement (Agreements view). */
  readonly agreementId?: string;
  readonly group?: GroupRef;
}

/** A chapter (or unnamed part) of an agreement, in the Agreements view. */
export interface ChapterNode {
  readonly kind: 'chapter';
  readonly view: 'agreements';
  /** Stable `TreeItem.id`: the path of entity ids from the root (never a label). */
  readonly nodeId: string;
  readonly agreementId: string;
  /** The agreement's chapter id, or `NO_CHAPTER`. */
  readonly chapterId: string;
  readonly group?: GroupRef;
}

export interface ProvisionNode {
  readonly kind: 'provision';
  readonly view: TreeViewKind;
  /** Stable `TreeItem.id`: the path of entity ids from the root (never a label). */
  readonly nodeId: string;
  /** Global provision id `agreement/provision`. */
  readonly uid: string;
  readonly agreementId: string;
  /** The sector group the provision is listed under (it may be listed under several); unset under a chapter. */
  readonly sectorId?: string;
  /** The chapter it is listed under (Agreements view, chaptered agreements). */
  readonly chapterId?: string;
  readonly group?: GroupRef;
}

export type TreeNode = GroupNode | AgreementNode | SectorNode | ChapterNode | ProvisionNode;

/** What other features ask the tree to reveal (the `techDealAtlas.revealInTree` argument). */
export interface TreeTarget {
  readonly kind: 'agreement' | 'sector' | 'provision';
  /** Agreement id, sector id, or provision uid. */
  readonly id: string;
}

export interface TreeFilter {
  /** Only these sectors (none = all). */
  readonly sectors: readonly string[];
  /** Only agreements involving at least one of these parties (none = all): as a party, or a bloc as a side. */
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
  /**
   * `agreement`, `sector`, `provision`, `unclassified` (the pseudo sector: no sector actions), `chapter` or
   * `agreementGroup`.
   */
  readonly contextValue: string;
  readonly collapsible: boolean;
  /** What a screen reader announces: the label plus the facts sighted users get from icon and description. */
  readonly accessibilityLabel: string;
}

/** A command a view item runs on click: a command id and its arguments (plain values). */
export interface ItemCommand {
  readonly command: string;
  readonly arguments: readonly unknown[];
}

/** An item of the smaller sidebar views (Disagreements, Timeline): a `TreeItemModel` with its own id and click. */
export interface ViewItem extends TreeItemModel {
  /** Stable across reloads: built from entity ids. */
  readonly id: string;
  readonly command?: ItemCommand;
}

/** A party the party filter offers, with how many agreements it would keep. */
export interface PartyChoice {
  readonly party: PartyData;
  readonly bloc: boolean;
  /** Agreements naming it as a party, or (a bloc) as a side: what filtering by it keeps, whatever the other filters. */
  readonly agreements: number;
}

const FALLBACK_SECTOR_ICON = 'tag';
const NO_SECTOR_ICON = 'question';
const CHAPTER_ICON = 'book';
// The party filter's own icon stays the countries'; blocs get one of their own so they stand out in a long list.
export const COUNTRY_ICON = 'organization';
export const BLOC_ICON = 'globe';
const STATUS_ORDER: readonly string[] = ['in-force', 'implementing', 'operative', 'concluded', 'released', 'signed', 'paused', 'inactive', 'ended', NO_GROUP];
const STATUS_ICONS: Record<string, string> = { 'in-force': 'pass', signed: 'edit', inactive: 'circle-slash', [NO_GROUP]: 'question' };

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
    noStatus: '상태 미상',
    noParties: '당사국 미상',
    year: (year: string) => `${year}년`,
    chapter: '장',
    noChapter: '장 밖의 조항',
    unnamedChapterNote: '출처가 이 부분에 제목을 붙이지 않았다.',
    noChapterNote: '데이터가 협정의 어느 장에도 넣지 않은 조항.',
    // `code` is Markdown (a code span); the words around it hold no Markdown syntax.
    chapterDataId: (code: string) => `데이터 식별자 ${code}: 데이터셋이 붙인 식별자로, 협정 자체의 장 번호가 아니다.`,
    range: (first: string, last: string) => `${first} ~ ${last}`,
    blocMembers: (bloc: string) => `${bloc} 회원국(당사국으로 열거)`,
    bloc: '블록',
    partyGroupCountry: (name: string) => `${name}이(가) 당사국인 협정. 블록의 회원국으로서 맺은 협정은 그 블록 아래에 있다.`,
    partyGroupBloc: (name: string) => `${name}이(가) 한쪽 당사자인 협정(회원국은 당사국으로 하나하나 열거됨).`,
    yearGroup: (year: string) => `${year}년에 서명(또는 발표)된 협정.`,
    noDateGroup: '출처에 서명 날짜가 없는 협정.',
    statusGroup: {
      'in-force': '발효 중인 협정.',
      signed: '서명되었으나 발효되지 않은 협정.',
      inactive: '효력을 잃은 협정.',
      concluded: '서명된 뒤 다른 사건이 기록되지 않은 문서.',
      released: '공개된 뒤 이행 사건이 기록되지 않은 문서.',
      operative: '운용이 시작된 문서.',
      implementing: '이행 기구나 조치가 출범한 문서.',
      paused: '이행이 중단된 문서.',
      ended: '종료된 문서.',
      [NO_GROUP]: '출처에 상태가 없는 협정.',
    } as Record<string, string>,
    timeline: '경과',
    place: '장소',
    signatories: '서명',
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
    noStatus: 'Status not given',
    noParties: 'Parties not given',
    year: (year: string) => year,
    chapter: 'Chapter',
    noChapter: 'Outside the chapters',
    unnamedChapterNote: 'The source gives this part no title.',
    noChapterNote: "Provisions the data places in none of the agreement's chapters.",
    chapterDataId: (code: string) => `Data id ${code}: the dataset's identifier for this part, not the agreement's own chapter number.`,
    range: (first: string, last: string) => `${first} to ${last}`,
    blocMembers: (bloc: string) => `Members of the ${bloc} (listed as parties)`,
    bloc: 'Bloc',
    partyGroupCountry: (name: string) => `Agreements with ${name} as a party. Those it is party to as a member of a bloc are under the bloc.`,
    partyGroupBloc: (name: string) => `Agreements with the ${name} as a side (its members are listed as parties one by one).`,
    yearGroup: (year: string) => `Agreements signed (or issued) in ${year}.`,
    noDateGroup: 'Agreements whose sources give no date signed.',
    statusGroup: {
      'in-force': 'Agreements in force.',
      signed: 'Agreements signed but not in force.',
      inactive: 'Agreements no longer in force.',
      concluded: 'Documents signed, with nothing recorded since.',
      released: 'Documents released, with no implementation step recorded since.',
      operative: 'Documents that have become operative.',
      implementing: 'Documents with an implementing body or step under way.',
      paused: 'Documents whose implementation is paused.',
      ended: 'Documents that have ended.',
      [NO_GROUP]: 'Agreements whose sources give no status.',
    } as Record<string, string>,
    timeline: 'Timeline',
    place: 'Place',
    signatories: 'Signed by',
  },
} as const;

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** The sector groups a provision is listed under. */
export function provisionSectors(provision: Provision): readonly string[] {
  return provision.sectors.length ? provision.sectors : [NO_SECTOR];
}

/** Whether the Agreements view shows the agreement's chapters (instead of its sectors) between it and its provisions. */
export function hasChapters(agreement: Pick<Agreement, 'chapters'>): boolean {
  return (agreement.chapters?.length ?? 0) > 0;
}

// Node constructors. Every id is its parent's id plus the node's own entity id, so ids are unique even where an
// agreement sits under two party groups, and the same whatever the language.

const withGroup = <T extends object>(node: T, group: GroupRef | undefined): T & { group?: GroupRef } => (group ? { ...node, group } : node);

export function groupNode(group: GroupRef): GroupNode {
  return { kind: 'group', view: 'agreements', nodeId: `group:${group.by}:${group.key}`, group };
}

/** `group` places an Agreements-view node under a group (grouped view); `sectorId` a Sectors-view one under a sector. */
export function agreementNode(view: TreeViewKind, agreementId: string, sectorId?: string, group?: GroupRef): AgreementNode {
  if (view === 'sectors') return { kind: 'agreement', view, nodeId: `S:${sectorId}>${agreementId}`, agreementId, sectorId };
  const prefix = group ? `${groupNode(group).nodeId}>` : '';
  return withGroup({ kind: 'agreement', view, nodeId: `${prefix}A:${agreementId}`, agreementId } as const, group);
}

export function sectorNode(view: TreeViewKind, sectorId: string, agreementId?: string, group?: GroupRef): SectorNode {
  if (view === 'sectors') return { kind: 'sector', view, nodeId: `S:${sectorId}`, sectorId };
  const parent = agreementNode('agreements', agreementId ?? '', undefined, group);
  return withGroup({ kind: 'sector', view, nodeId: `${parent.nodeId}>${sectorId}`, sectorId, agreementId } as const, group);
}

export function chapterNode(agreementId: string, chapterId: string, group?: GroupRef): ChapterNode {
  const parent = agreementNode('agreements', agreementId, undefined, group);
  return withGroup({ kind: 'chapter', view: 'agreements', nodeId: `${parent.nodeId}>chapter:${chapterId}`, agreementId, chapterId } as const, group);
}

/** A provision listed under a sector (either view) or a chapter (Agreements view). */
export function provisionNode(parent: SectorNode | ChapterNode | AgreementNode, provision: Provision): ProvisionNode {
  const node: ProvisionNode = {
    kind: 'provision',
    view: parent.view,
    nodeId: `${parent.nodeId}>${provision.uid}`,
    uid: provision.uid,
    agreementId: provision.agreementId,
    ...(parent.kind === 'chapter' ? { chapterId: parent.chapterId } : { sectorId: parent.sectorId }),
  };
  return withGroup(node, parent.group);
}

interface ChapterGroup {
  readonly id: string;
  readonly chapter?: ChapterData;
  readonly provisions: Provision[];
}

/** One immutable snapshot of both trees for a catalog, a language, a filter and a grouping. */
export class TreeModel {
  readonly filter: TreeFilter;
  private readonly collator: Intl.Collator;
  private readonly sectorFilter: ReadonlySet<string>;
  private readonly partyFilter: ReadonlySet<string>;
  private readonly s: (typeof STRINGS)[Lang];
  // The model is immutable: derived lists are computed once (views ask for them once per node).
  private agreementsCache: Agreement[] | undefined;
  private readonly sectorCountsCache = new Map<string, ReadonlyMap<string, number>>();
  private readonly sectorsOfCache = new Map<string, string[]>();
  private readonly agreementsInCache = new Map<string, Agreement[]>();
  private readonly chaptersCache = new Map<string, ChapterGroup[]>();
  private readonly sidesCache = new Map<string, string[]>();
  private groupsCache: { keys: string[]; members: Map<string, Agreement[]> } | undefined;
  private partyByCode: Map<string, string> | undefined;
  private unclassifiedCache: boolean | undefined;
  private readonly disputes: DisagreementIndex;

  constructor(
    readonly catalog: Catalog,
    readonly lang: Lang,
    filter: TreeFilter = NO_FILTER,
    readonly grouping: AgreementGrouping = 'none',
  ) {
    this.filter = normalizeFilter(catalog, filter);
    this.collator = new Intl.Collator(lang, { numeric: true, sensitivity: 'base' });
    this.sectorFilter = new Set(this.filter.sectors);
    this.partyFilter = new Set(this.filter.parties);
    this.s = STRINGS[lang];
    this.disputes = disagreementIndex(catalog);
  }

  get filtered(): boolean {
    return isFilterActive(this.filter);
  }

  // ---------------------------------------------------------------------------------------------
  // Structure

  roots(view: TreeViewKind): TreeNode[] {
    if (view === 'sectors') return this.visibleSectorIds().map((id) => sectorNode('sectors', id));
    if (this.grouping === 'none') return this.visibleAgreements().map((a) => agreementNode('agreements', a.id));
    const by = this.grouping;
    return this.groups().keys.map((key) => groupNode({ by, key }));
  }

  children(node: TreeNode): TreeNode[] {
    if (node.kind === 'provision') return [];
    if (node.kind === 'group') {
      if (node.group.by !== this.grouping) return [];
      return (this.groups().members.get(node.group.key) ?? []).map((a) => agreementNode('agreements', a.id, undefined, node.group));
    }
    if (node.view === 'sectors' && node.kind === 'sector') return this.agreementsIn(node.sectorId).map((a) => agreementNode('sectors', a.id, node.sectorId));
    const agreement = this.catalog.agreements.get(node.agreementId ?? '');
    if (!agreement || !this.agreementPasses(agreement)) return [];
    if (node.view === 'agreements') {
      if (node.kind === 'agreement') {
        if (hasChapters(agreement)) return this.chaptersOf(agreement).map((c) => chapterNode(agreement.id, c.id, node.group));
        return this.sectorsOf(agreement).map((id) => sectorNode('agreements', id, agreement.id, node.group));
      }
      if (node.kind === 'chapter') return (this.chaptersOf(agreement).find((c) => c.id === node.chapterId)?.provisions ?? []).map((p) => provisionNode(node, p));
      return this.provisionsIn(agreement, node.sectorId).map((p) => provisionNode(node, p));
    }
    if (node.sectorId === undefined) return [];
    return this.provisionsIn(agreement, node.sectorId).map((p) => provisionNode(node, p));
  }

  parent(node: TreeNode): TreeNode | undefined {
    switch (node.kind) {
      case 'group':
        return undefined;
      case 'agreement':
        if (node.view === 'sectors') return sectorNode('sectors', node.sectorId!);
        return node.group && groupNode(node.group);
      case 'sector':
        return node.view === 'agreements' ? agreementNode('agreements', node.agreementId!, undefined, node.group) : undefined;
      case 'chapter':
        return agreementNode('agreements', node.agreementId, undefined, node.group);
      case 'provision':
        if (node.view === 'sectors') return agreementNode('sectors', node.agreementId, node.sectorId);
        if (node.chapterId !== undefined) return chapterNode(node.agreementId, node.chapterId, node.group);
        return sectorNode('agreements', node.sectorId!, node.agreementId, node.group);
    }
  }

  /**
   * The node to reveal for a target, in the view that suits it (agreements and provisions: Agreements view;
   * sectors: Sectors view) unless `view` says otherwise. Undefined when the catalog lacks it or the filter hides it.
   * When the view is grouped and the agreement sits under several groups, the group of `near` (say, the selected
   * node) wins if it holds the agreement, else the first such group.
   */
  locate(target: TreeTarget, view?: TreeViewKind, near?: TreeNode): TreeNode | undefined {
    const where = view ?? (target.kind === 'sector' ? 'sectors' : 'agreements');
    if (target.kind === 'sector') {
      if (where === 'agreements' || !this.visibleSectorIds().includes(target.id)) return undefined;
      return sectorNode('sectors', target.id);
    }
    const provision = target.kind === 'provision' ? this.catalog.provisions.get(target.id) : undefined;
    const agreement = this.catalog.agreements.get(target.kind === 'agreement' ? target.id : (provision?.agreementId ?? ''));
    if (!agreement || (target.kind === 'provision' && !provision) || !this.agreementPasses(agreement)) return undefined;
    if (!provision) {
      if (where === 'agreements') return this.isVisibleAgreement(agreement) ? agreementNode('agreements', agreement.id, undefined, this.groupFor(agreement, near)) : undefined;
      const sectorId = this.sectorsOf(agreement)[0];
      return sectorId === undefined ? undefined : agreementNode('sectors', agreement.id, sectorId);
    }
    if (where === 'agreements' && hasChapters(agreement)) {
      if (!this.provisionPasses(provision)) return undefined;
      return provisionNode(chapterNode(agreement.id, this.chapterOf(agreement, provision), this.groupFor(agreement, near)), provision);
    }
    const sectorId = this.sectorsOf(agreement).find((id) => provisionSectors(provision).includes(id));
    if (sectorId === undefined) return undefined;
    if (where === 'sectors') return provisionNode(agreementNode('sectors', agreement.id, sectorId), provision);
    return provisionNode(sectorNode('agreements', sectorId, agreement.id, this.groupFor(agreement, near)), provision);
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
    if ((this.unclassifiedCache ??= [...this.catalog.provisions.values()].some((p) => p.sectors.length === 0))) ids.push(NO_SECTOR);
    return this.sortSectors(ids.filter((id) => this.sectorPasses(id) && (!this.filtered || this.agreementsIn(id).length > 0)));
  }

  /** Sector groups under an agreement: the sectors its provisions are tagged with that pass the filter, by name. */
  sectorsOf(agreement: Agreement): string[] {
    let ids = this.sectorsOfCache.get(agreement.id);
    if (!ids) {
      ids = this.sortSectors([...this.sectorCounts(agreement).keys()].filter((id) => this.sectorPasses(id)));
      this.sectorsOfCache.set(agreement.id, ids);
    }
    return [...ids];
  }

  /** Agreements with at least one provision in the sector, passing the filter. */
  agreementsIn(sectorId: string): Agreement[] {
    let list = this.agreementsInCache.get(sectorId);
    if (!list) {
      list = this.sectorPasses(sectorId) ? this.visibleAgreements().filter((a) => this.sectorCounts(a).has(sectorId)) : [];
      this.agreementsInCache.set(sectorId, list);
    }
    return [...list];
  }

  /** An agreement's provisions in one sector, in document order. */
  provisionsIn(agreement: Agreement, sectorId: string): Provision[] {
    return agreement.provisions.filter((p) => provisionSectors(p).includes(sectorId));
  }

  /** The groups of the Agreements view (for the current grouping) an agreement sits in, in display order. */
  groupsOf(agreement: Agreement): GroupRef[] {
    if (this.grouping === 'none') return [];
    const by = this.grouping;
    const keys = this.groupKeysOf(agreement);
    return this.groups().keys.filter((k) => keys.includes(k)).map((key) => ({ by, key }));
  }

  /**
   * The sides of an agreement: its blocs, then its parties that are not members of one of them, so an EU agreement
   * reads `EU · Korea` rather than 27 member states and Korea.
   */
  sidesOf(agreement: Agreement): string[] {
    let sides = this.sidesCache.get(agreement.id);
    if (!sides) {
      const blocs = unique(agreement.blocs ?? []);
      const members = new Set(blocs.flatMap((id) => this.memberIds(id)));
      sides = [...blocs, ...agreement.parties.filter((p) => !blocs.includes(p) && !members.has(p))];
      this.sidesCache.set(agreement.id, sides);
    }
    return [...sides];
  }

  /** Parties the party filter offers: those some agreement names as a party, and blocs some agreement has as a side; blocs first, then by name. */
  partyChoices(): PartyChoice[] {
    const counts = new Map<string, number>();
    for (const agreement of this.catalog.agreements.values()) {
      for (const id of new Set([...agreement.parties, ...(agreement.blocs ?? [])])) counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return [...counts]
      .flatMap(([id, agreements]) => {
        const party = this.catalog.parties.get(id);
        return party ? [{ party, bloc: party.kind === 'bloc', agreements }] : [];
      })
      .sort((a, b) => Number(b.bloc) - Number(a.bloc) || this.collator.compare(text(a.party.name, this.lang), text(b.party.name, this.lang)) || a.party.id.localeCompare(b.party.id));
  }

  private isVisibleAgreement(agreement: Agreement): boolean {
    return this.agreementPasses(agreement) && (this.sectorFilter.size === 0 || this.sectorsOf(agreement).length > 0);
  }

  // A bloc is a side, not a party (its members are the parties): filtering by it keeps the agreements it is a side of.
  // A member state is a party in its own right, so filtering by it keeps those agreements too.
  private agreementPasses(agreement: Agreement): boolean {
    if (this.partyFilter.size === 0) return true;
    return agreement.parties.some((p) => this.partyFilter.has(p)) || (agreement.blocs ?? []).some((b) => this.partyFilter.has(b));
  }

  private sectorPasses(sectorId: string): boolean {
    return this.sectorFilter.size === 0 || this.sectorFilter.has(sectorId);
  }

  private provisionPasses(provision: Provision): boolean {
    return this.sectorFilter.size === 0 || provisionSectors(provision).some((id) => this.sectorFilter.has(id));
  }

  /** Provisions per sector group of an agreement: one pass over its provisions, then counts come free. */
  private sectorCounts(agreement: Agreement): ReadonlyMap<string, number> {
    let counts = this.sectorCountsCache.get(agreement.id);
    if (!counts) {
      const map = new Map<string, number>();
      for (const p of agreement.provisions) for (const id of unique(provisionSectors(p))) map.set(id, (map.get(id) ?? 0) + 1);
      this.sectorCountsCache.set(agreement.id, (counts = map));
    }
    return counts;
  }

  /** The chapters holding provisions that pass the filter, in the agreement's order; `NO_CHAPTER` last. */
  private chaptersOf(agreement: Agreement): ChapterGroup[] {
    let list = this.chaptersCache.get(agreement.id);
    if (!list) {
      const known = new Map<string, ChapterData>();
      for (const c of agreement.chapters ?? []) if (!known.has(c.id)) known.set(c.id, c);
      const provisions = new Map<string, Provision[]>();
      for (const p of agreement.provisions) {
        if (!this.provisionPasses(p)) continue;
        const id = this.chapterOf(agreement, p, known);
        const bucket = provisions.get(id);
        if (bucket) bucket.push(p);
        else provisions.set(id, [p]);
      }
      list = [...known.values()].filter((c) => provisions.has(c.id)).map((c) => ({ id: c.id, chapter: c, provisions: provisions.get(c.id)! }));
      const outside = provisions.get(NO_CHAPTER);
      if (outside && !known.has(NO_CHAPTER)) list.push({ id: NO_CHAPTER, provisions: outside });
      this.chaptersCache.set(agreement.id, list);
    }
    return list;
  }

  private chapterOf(agreement: Agreement, provision: Provision, known?: ReadonlyMap<string, ChapterData>): string {
    const listed = provision.chapter !== undefined && (known ? known.has(provision.chapter) : (agreement.chapters ?? []).some((c) => c.id === provision.chapter));
    return listed ? provision.chapter! : NO_CHAPTER;
  }

  private groups(): { keys: string[]; members: Map<string, Agreement[]> } {
    if (!this.groupsCache) {
      const members = new Map<string, Agreement[]>();
      for (const agreement of this.visibleAgreements()) {
        for (const key of this.groupKeysOf(agreement)) {
          const list = members.get(key);
          if (list) list.push(agreement);
          else members.set(key, [agreement]);
        }
      }
      this.groupsCache = { keys: this.sortGroupKeys([...members.keys()]), members };
    }
    return this.groupsCache;
  }

  private groupKeysOf(agreement: Agreement): string[] {
    switch (this.grouping) {
      case 'party': {
        const sides = this.sidesOf(agreement);
        return sides.length ? sides : [NO_GROUP];
      }
      case 'year':
        return [agreement.date?.slice(0, 4) ?? NO_GROUP];
      case 'kind':
        return [unique([agreement.kind, ...(agreement.otherKinds ?? [])]).join('+')];
      case 'status':
        return [currentStatus(agreement)?.state ?? NO_GROUP];
      case 'none':
        return [];
    }
  }

  private groupFor(agreement: Agreement, near: TreeNode | undefined): GroupRef | undefined {
    const groups = this.groupsOf(agreement);
    const preferred = near?.view === 'agreements' ? near.group : undefined;
    return groups.find((g) => preferred && g.by === preferred.by && g.key === preferred.key) ?? groups[0];
  }

  private sortGroupKeys(keys: string[]): string[] {
    const last = (a: string, b: string) => Number(a === NO_GROUP) - Number(b === NO_GROUP);
    if (this.grouping === 'year') return keys.sort((a, b) => last(a, b) || (a < b ? 1 : a > b ? -1 : 0));
    if (this.grouping === 'status') return keys.sort((a, b) => rank(STATUS_ORDER, a) - rank(STATUS_ORDER, b) || a.localeCompare(b));
    const by = this.grouping as GroupRef['by'];
    const labels = new Map(keys.map((key) => [key, this.groupLabel({ by, key })]));
    return keys.sort((a, b) => last(a, b) || this.collator.compare(labels.get(a)!, labels.get(b)!) || a.localeCompare(b));
  }

  /** Party ids of a bloc's members (the bloc lists them by alpha-3 code). */
  private memberIds(blocId: string): string[] {
    if (!this.partyByCode) {
      this.partyByCode = new Map();
      for (const party of this.catalog.parties.values()) this.partyByCode.set(party.id, party.id);
      for (const party of this.catalog.parties.values()) if (party.alpha3 && !this.partyByCode.has(party.alpha3)) this.partyByCode.set(party.alpha3, party.id);
    }
    return (this.catalog.parties.get(blocId)?.members ?? []).map((code) => this.partyByCode!.get(code) ?? code);
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

  /** A group's label in the data language: `European Union`, `2019`, `Free trade agreement`, `In force`. */
  groupLabel(group: GroupRef): string {
    const { lang, s } = this;
    switch (group.by) {
      case 'party': {
        const party = this.catalog.parties.get(group.key);
        return party ? text(party.name, lang) : group.key === NO_GROUP ? s.noParties : group.key;
      }
      case 'year':
        return group.key === NO_GROUP ? dateLabel(undefined, lang) : s.year(group.key);
      case 'kind': {
        const [kind, ...otherKinds] = group.key.split('+') as AgreementKind[];
        return agreementKindsLabel({ kind, otherKinds }, lang);
      }
      case 'status':
        return group.key === NO_GROUP ? s.noStatus : currentStateLabel(group.key as CurrentState, lang);
    }
  }

  /** Undefined when the node's entity is gone (a stale node after a reload). */
  item(node: TreeNode): TreeItemModel | undefined {
    switch (node.kind) {
      case 'group':
        return this.groupItem(node);
      case 'agreement': {
        const agreement = this.catalog.agreements.get(node.agreementId);
        return agreement && this.agreementItem(agreement, node);
      }
      case 'sector': {
        const sector = this.catalog.sectors.get(node.sectorId);
        if (!sector && node.sectorId !== NO_SECTOR) return undefined;
        return this.sectorItem(node, sector);
      }
      case 'chapter': {
        const agreement = this.catalog.agreements.get(node.agreementId);
        return agreement && this.chapterItem(agreement, node);
      }
      case 'provision': {
        const provision = this.catalog.provisions.get(node.uid);
        return provision && this.provisionItem(provision);
      }
    }
  }

  private groupItem(node: GroupNode): TreeItemModel | undefined {
    const { s, lang } = this;
    const agreements = node.group.by === this.grouping ? this.groups().members.get(node.group.key) : undefined;
    if (!agreements) return undefined;
    const label = this.groupLabel(node.group);
    const description = s.agreements(agreements.length);
    const { key } = node.group;
    let icon = 'question';
    let note: string;
    // What the icon tells sighted users (a bloc, not a country), for screen readers.
    let iconMeaning: string | undefined;
    switch (node.group.by) {
      case 'party': {
        const party = this.catalog.parties.get(key);
        if (!party) {
          note = '';
          break;
        }
        const bloc = party.kind === 'bloc';
        const short = text(party.short, lang);
        icon = bloc ? BLOC_ICON : COUNTRY_ICON;
        if (bloc) iconMeaning = s.bloc;
        note = `${bloc ? s.partyGroupBloc(short) : s.partyGroupCountry(short)}\n\n${[...(bloc ? [s.bloc] : []), ...unique([short, key])].join(' · ')}`;
        break;
      }
      case 'year':
        if (key !== NO_GROUP) icon = 'calendar';
        note = key === NO_GROUP ? s.noDateGroup : s.yearGroup(key);
        break;
      case 'kind':
        icon = agreementKindIcon(key.split('+')[0] as AgreementKind);
        note = '';
        break;
      case 'status':
        icon = STATUS_ICONS[key] ?? icon;
        note = s.statusGroup[key] ?? '';
        break;
    }
    return {
      label,
      description,
      tooltip: [`**${escapeMarkdown(label)}** — ${escapeMarkdown(description)}`, ...(note ? ['', escapeMarkdown(note)] : [])].join('\n'),
      icon,
      contextValue: 'agreementGroup',
      collapsible: agreements.length > 0,
      accessibilityLabel: [label, iconMeaning, description].filter(Boolean).join(', '),
    };
  }

  private agreementItem(agreement: Agreement, node: AgreementNode): TreeItemModel {
    const { lang, s } = this;
    const label = text(agreement.title.short, lang);
    const parties = this.sidesLabel(agreement);
    const count = node.sectorId === undefined ? 0 : (this.sectorCounts(agreement).get(node.sectorId) ?? 0);
    // A status the events give is news an analyst must see in the list (a pause); a treaty's WTO status stays in the tooltip.
    const current = currentStatus(agreement);
    const status = current && currentStatusLabel(current, lang);
    const disputed = this.disputes.inAgreement(agreement.id).length > 0;
    const description =
      node.sectorId === undefined
        ? [agreement.date, parties, current?.event ? status : undefined, disputed ? disputedMark(lang) : undefined].filter(Boolean).join(' · ')
        : s.provisions(count);
    const facts = [
      agreementKindsLabel(agreement, lang),
      dateLabel(agreement.date, lang),
      ...(status ? [status] : []),
      s.between(this.fullSidesLabel(agreement)),
      bindingLabel(agreement.legalNature.binding, lang),
      ...(disputed ? [disputedMark(lang)] : []),
    ];
    // Whether it has children, without listing them: a visible agreement has a provision passing the filter.
    const collapsible =
      node.view === 'sectors' ? count > 0 : this.agreementPasses(agreement) && (this.sectorFilter.size === 0 ? agreement.provisions.length > 0 : this.sectorsOf(agreement).length > 0);
    return {
      label,
      description,
      tooltip: this.agreementTooltip(agreement),
      icon: agreementKindIcon(agreement.kind),
      contextValue: 'agreement',
      collapsible,
      accessibilityLabel: [label, ...facts, ...(node.sectorId === undefined ? [] : [`${this.sectorName(node.sectorId)}: ${s.provisions(count)}`])].join(', '),
    };
  }

  private agreementTooltip(agreement: Agreement): string {
    const { lang, s, catalog } = this;
    const status = agreementStatusLabel(agreement, lang);
    const lines = [
      `**${escapeMarkdown(officialTitleLabel(agreement, lang))}**`,
      '',
      escapeMarkdown([agreementKindsLabel(agreement, lang), dateLabel(agreement.date, lang), ...(status ? [status] : []), this.fullSidesLabel(agreement)].join(' · ')),
    ];
    for (const blocId of agreement.blocs ?? []) {
      const bloc = catalog.parties.get(blocId);
      const members = new Set(this.memberIds(blocId));
      const listed = agreement.parties.filter((p) => members.has(p));
      if (bloc && listed.length) lines.push('', `**${escapeMarkdown(s.blocMembers(text(bloc.short, lang)))}:** ${escapeMarkdown(this.fullNames(listed))}`);
    }
    if (agreement.place) lines.push('', `**${s.place}:** ${escapeMarkdown(text(agreement.place, lang))}`);
    if (agreement.signatories?.length) {
      lines.push('', `**${s.signatories}:** ${escapeMarkdown(agreement.signatories.map((p) => `${text(p.name, lang)} (${text(p.role, lang)})`).join('; '))}`);
    }
    lines.push(
      '',
      `**${s.legalNature}:** ${escapeMarkdown(bindingLabel(agreement.legalNature.binding, lang))} — ${escapeMarkdown(truncate(text(agreement.legalNature.description, lang), TOOLTIP_SUMMARY_MAX))}`,
      '',
      `**${s.summary}:** ${escapeMarkdown(truncate(text(agreement.summary, lang), TOOLTIP_SUMMARY_MAX))}`,
    );
    const events = eventsInOrder(agreement).slice(-TOOLTIP_EVENTS);
    if (events.length) {
      lines.push('', `**${s.timeline}:**`, '', ...events.map((e) => `- ${escapeMarkdown(e.date)} · ${escapeMarkdown(eventKindLabel(e.kind, lang))}: ${escapeMarkdown(text(e.text, lang))}`));
    }
    // Disputes about the agreement's own facts show in full; those about its provisions by topic (their rows have them).
    const disputes = this.disputes.inAgreement(agreement.id);
    const own = disputes.filter((d) => d.about.some((a) => a.agreement === agreement.id && a.provision === undefined));
    for (const d of own) lines.push('', '---', '', disagreementMarkdown(catalog, d, lang));
    const others = disputes.filter((d) => !own.includes(d));
    if (others.length) lines.push('', `**${escapeMarkdown(disputedMark(lang))}:** ${escapeMarkdown(others.map((d) => text(d.topic, lang)).join('; '))}`);
    if (own.length) lines.push('', '---');
    const sources = citedSources(catalog, agreement.provenance ?? [], lang);
    if (sources.length) {
      lines.push('', `**${s.source}:** ${sources.map(({ source }) => `${escapeMarkdown(text(source.title, lang))} ${markdownCodeSpan(sourceBadge(source, lang))}`).join('; ')}`);
    }
    return lines.join('\n');
  }

  private sectorItem(node: SectorNode, sector: SectorData | undefined): TreeItemModel {
    const { s } = this;
    const label = this.sectorName(node.sectorId);
    let description: string;
    let count: number;
    if (node.agreementId !== undefined) {
      const agreement = this.catalog.agreements.get(node.agreementId);
      count = agreement ? (this.sectorCounts(agreement).get(node.sectorId) ?? 0) : 0;
      description = s.provisions(count);
    } else {
      const agreements = this.agreementsIn(node.sectorId);
      count = agreements.reduce((n, a) => n + (this.sectorCounts(a).get(node.sectorId) ?? 0), 0);
      description = count === 0 ? s.provisions(0) : `${s.agreements(agreements.length)} · ${s.provisions(count)}`;
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
      collapsible: count > 0,
      accessibilityLabel: [label, agreementName && s.in(agreementName), description].filter(Boolean).join(', '),
    };
  }

  /** Named as everywhere else (an unnamed chapter says so: the atlas never numbers chapters itself), or the pseudo chapter. */
  private chapterName(agreement: Agreement, chapterId: string): string | undefined {
    return chapterId === NO_CHAPTER ? this.s.noChapter : chapterLabel(agreement, chapterId, this.lang);
  }

  private chapterItem(agreement: Agreement, node: ChapterNode): TreeItemModel | undefined {
    const { lang, s } = this;
    const label = this.chapterName(agreement, node.chapterId);
    if (label === undefined) return undefined;
    const provisions = this.chaptersOf(agreement).find((c) => c.id === node.chapterId)?.provisions ?? [];
    const description = s.provisions(provisions.length);
    const agreementName = text(agreement.title.short, lang);
    const chapter = agreement.chapters?.find((c) => c.id === node.chapterId);
    const lines = [`**${escapeMarkdown(label)}** — ${escapeMarkdown(s.in(agreementName))}`];
    if (node.chapterId === NO_CHAPTER) lines.push('', escapeMarkdown(s.noChapterNote));
    else if (!chapter?.title) lines.push('', escapeMarkdown(s.unnamedChapterNote));
    const [first, last] = [provisions[0], provisions.at(-1)];
    const range = first && last && (first === last ? provisionNumberLabel(agreement, first, lang) : s.range(provisionNumberLabel(agreement, first, lang), provisionNumberLabel(agreement, last, lang)));
    lines.push('', escapeMarkdown([description, range].filter(Boolean).join(': ')));
    // The id is the data's (a corpus's identifier, or one the importer gave): shown here only, and named as such.
    if (node.chapterId !== NO_CHAPTER) lines.push('', s.chapterDataId(markdownCodeSpan(node.chapterId)));
    return {
      label,
      description,
      tooltip: lines.join('\n'),
      icon: node.chapterId === NO_CHAPTER ? NO_SECTOR_ICON : CHAPTER_ICON,
      contextValue: 'chapter',
      collapsible: provisions.length > 0,
      accessibilityLabel: [label, s.in(agreementName), description].join(', '),
    };
  }

  private provisionItem(provision: Provision): TreeItemModel {
    const { lang, s } = this;
    const agreement = this.catalog.agreements.get(provision.agreementId);
    const agreementName = this.agreementShortName(provision.agreementId);
    const name = provisionReference(agreement, provision, lang);
    // A treaty article with its own heading ("Cross-Border Information Flows") is known by it; the atlas's own items
    // (whose headings are shared pillars) by their text. The description says whose number it is, never a clause number
    // of ours: the treaty's own ("ARTICLE 15.8") where a source gives it, then the dataset's.
    const titled = provision.heading && agreement && hasChapters(agreement);
    return {
      label: titled ? displayText(provision.heading!, lang) : provisionTextLabel(provision, lang),
      description: [
        titled ? provisionReference(agreement, provision, lang) : provisionNumberLabel(agreement, provision, lang),
        ...(this.disputes.about({ agreement: provision.agreementId, provision: provision.id }).length ? [disputedMark(lang)] : []),
      ].join(' · '),
      tooltip: this.provisionTooltip(provision, agreementName, name),
      icon: PROVISION_ICON,
      contextValue: 'provision',
      collapsible: false,
      accessibilityLabel: `${s.provisionOf(name, agreementName)}: ${text(provision.text, lang)}`,
    };
  }

  private provisionTooltip(provision: Provision, agreementName: string, name: string): string {
    const { lang, s, catalog } = this;
    const heading = provision.heading ? ` — *${escapeMarkdown(text(provision.heading, lang))}*` : '';
    const lines = [`**${escapeMarkdown(agreementName)} · ${escapeMarkdown(name)}**${heading}`, '', displayTextMarkdown(truncateForTooltip(provision.text), lang)];
    const second = otherText(provision.text, lang);
    if (second) lines.push('', `*${s.otherLanguage}:* ${escapeMarkdown(second.text)}`);
    const agreement = catalog.agreements.get(provision.agreementId);
    const chapter = agreement && provision.chapter !== undefined && hasChapters(agreement) ? this.chapterName(agreement, this.chapterOf(agreement, provision)) : undefined;
    if (chapter) lines.push('', `**${s.chapter}:** ${escapeMarkdown(chapter)}`);
    lines.push('', `**${s.sectors}:** ${escapeMarkdown(provisionSectors(provision).map((id) => this.sectorName(id)).join(', '))}`);
    const location = officialLocationWithSources(catalog, provision, lang);
    if (location) lines.push('', `**${s.inTheAgreement}:** ${escapeMarkdown(location)}`);
    for (const d of this.disputes.about({ agreement: provision.agreementId, provision: provision.id })) lines.push('', '---', '', disagreementMarkdown(catalog, d, lang), '', '---');
    for (const { source, places } of citedSources(catalog, provision.provenance, lang)) {
      const where = places.length ? ` — ${escapeMarkdown(places.join('; '))}` : '';
      lines.push('', `**${s.source}:** ${escapeMarkdown(text(source.title, lang))}${where} ${markdownCodeSpan(sourceBadge(source, lang))}`);
      if (source.note) lines.push('', `> ⚠ ${escapeMarkdown(text(source.note, lang))}`);
    }
    for (const line of attributionLines(catalog, provision.provenance, lang)) lines.push('', `*${escapeMarkdown(line)}*`);
    lines.push('', `**${s.citation}:** ${markdownCodeSpan(formatCitation(catalog, provision, lang))}`);
    return lines.join('\n');
  }

  private agreementShortName(agreementId: string): string {
    const agreement = this.catalog.agreements.get(agreementId);
    return agreement ? text(agreement.title.short, this.lang) : agreementId;
  }

  /** Sides by short name, e.g. `EU · Korea` / `EU·한국` (not the bloc's members one by one); unknown codes stay as codes. */
  sidesLabel(agreement: Agreement): string {
    return this.sidesOf(agreement)
      .map((id) => {
        const party = this.catalog.parties.get(id);
        return party ? text(party.short, this.lang) : id;
      })
      .join(this.lang === 'ko' ? '·' : ' · ');
  }

  private fullSidesLabel(agreement: Agreement): string {
    return this.fullNames(this.sidesOf(agreement));
  }

  private fullNames(ids: readonly string[]): string {
    return ids
      .map((id) => {
        const party = this.catalog.parties.get(id);
        return party ? text(party.name, this.lang) : id;
      })
      .join(this.lang === 'ko' ? '·' : ', ');
  }
}

function rank(order: readonly string[], key: string): number {
  const i = order.indexOf(key);
  return i < 0 ? order.length : i;
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

const NODE_KINDS: readonly string[] = ['group', 'agreement', 'sector', 'chapter', 'provision'];

export function isTreeNode(value: unknown): value is TreeNode {
  if (!value || typeof value !== 'object') return false;
  const kind = (value as { kind?: unknown }).kind;
  return typeof kind === 'string' && NODE_KINDS.includes(kind) && typeof (value as { nodeId?: unknown }).nodeId === 'string';
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

/** The catalog entity a tree node shows; undefined for groups and chapters, which are no entity one can reveal. */
export function nodeTarget(node: TreeNode): TreeTarget | undefined {
  if (node.kind === 'agreement') return { kind: 'agreement', id: node.agreementId };
  if (node.kind === 'sector') return { kind: 'sector', id: node.sectorId };
  if (node.kind === 'provision') return { kind: 'provision', id: node.uid };
  return undefined;
}

/** An agreement tooltip shows its latest events and this much of its longer texts; the agreement document has all. */
const TOOLTIP_EVENTS = 4;
const TOOLTIP_SUMMARY_MAX = 600;

/** A tooltip shows at most this much of a provision's text; the agreement document has all of it. */
const TOOLTIP_TEXT_MAX = 4000;

function truncateForTooltip(value: Texts): Texts {
  return Object.fromEntries(Object.entries(value).map(([tag, t]) => [tag, t.length > TOOLTIP_TEXT_MAX ? truncate(t, TOOLTIP_TEXT_MAX) : t]));
}
