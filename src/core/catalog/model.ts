// Domain model of Tech Deal Atlas. Pure types: no `vscode` import, usable in Node and the browser.
//
// Two layers:
//  - *File types (`CatalogFile`, `AgreementData`, …) mirror the JSON on disk (data/*.json, .techdeals/**/*.json);
//    their shape is fixed by data/schemas/catalog.schema.json.
//  - `Catalog` is the merged, cross-referenced, read-only result the features use (lookup maps, back-links).

/** The two languages of the atlas's own interface and of every entry it writes itself. */
export type Lang = 'ko' | 'en';
export const LANGS: readonly Lang[] = ['ko', 'en'];

/** A string the atlas writes itself (names, definitions, notes): always in both interface languages. */
export type LocalizedText = {
  ko: string;
  en: string;
};

/**
 * Text in the languages its source has, keyed by BCP 47 tag (`ko`, `en`, `es`, `fr`, `zh-Hant`): at least one.
 * The atlas's own entries give `ko` and `en`; an imported treaty article has only the language it was written in.
 * Read it with `text()` / `textIn()`, which fall back to the original language.
 */
export type Texts = Readonly<Record<string, string>>;

/** Where in a source a fact comes from. Paragraphs and sentences are 1-based; `footnote` names a glossary note. */
export interface Locator {
  paragraph?: number;
  sentence?: number;
  /** 1-based index of a bulleted (△) item within the sentence. */
  item?: number;
  footnote?: number;
  /** A section or heading of the source, as the source numbers or names it (`II`, `Preamble`). */
  section?: string;
}

export interface Provenance {
  /** Id of a `Source`. */
  source: string;
  /** Absent when the whole source supports the fact (a short page or release whose passages are not numbered). */
  locator?: Locator;
}

export type SourceKind =
  | 'official-text' // the signed text itself
  | 'official-summary' // government fact sheet, press release, ministry summary
  | 'news-analysis' // journalism, commentary, secondary summary
  | 'corpus-copy'; // a machine-readable research corpus's copy of a text (may contain OCR errors)

/** Terms under which a source's text may be shown; its attribution line goes wherever that text is shown. */
export interface Licence {
  /** Short licence name, e.g. `CC BY-NC 4.0`. */
  name: string;
  url?: string;
  attribution: Texts;
}

/**
 * How far a source can be relied on, best first: the official text or a government's own publication; official
 * material quoted by the press; news and specialist outlets; third-party summaries (corroboration only: nothing may
 * rest on them alone); commentary (analysis, never agreement text).
 */
export type SourceTier = 'official' | 'official-via-press' | 'news' | 'third-party-summary' | 'commentary';
export const SOURCE_TIERS: readonly SourceTier[] = ['official', 'official-via-press', 'news', 'third-party-summary', 'commentary'];

export interface SourceData {
  id: string;
  kind: SourceKind;
  /** Default: from `kind` (see `sourceTier`). */
  tier?: SourceTier;
  /** Why the source must not be relied on; it may be cited only by a rejected claim of a disagreement. */
  avoid?: LocalizedText;
  title: Texts;
  publisher?: Texts;
  /** Publication date, ISO `YYYY-MM-DD`, when known. */
  date?: string;
  /** Language the source is written in: a BCP 47 tag (`ko`, `en`, `ja`, `es`, `fr`, …). */
  language: string;
  /** `http(s)` address of the source (many official archives of older treaties are plain http). */
  url?: string;
  /** Caveats an analyst should see next to every citation of this source. */
  note?: Texts;
  licence?: Licence;
}

/** A source's tier: as given, else from its kind (older catalog files give only the kind). */
export function sourceTier(source: Pick<SourceData, 'kind' | 'tier'>): SourceTier {
  if (source.tier) return source.tier;
  return source.kind === 'news-analysis' ? 'news' : 'official';
}

export interface PartyData {
  /** ISO 3166-1 alpha-2 code (`KR`); the alpha-3 code where there is no alpha-2 one (`YUG`); a bloc's abbreviation (`EU`). */
  id: string;
  /** ISO 3166-1 alpha-3 code: agreements may name the party by it (`KOR` is the same party as `KR`). */
  alpha3?: string;
  /** Default `country` (territories included). */
  kind?: 'country' | 'bloc';
  name: LocalizedText;
  short: LocalizedText;
  /** A bloc's members, by alpha-3 code, former members included (an agreement lists the members of its day). */
  members?: string[];
  /** How a bloc is written as a side in agreement names (`EU`, `EC`, `European Union`), for recognising it. */
  aliases?: string[];
}

export interface SectorData {
  id: string;
  name: LocalizedText;
  description: LocalizedText;
  /** Codicon id used by tree items and the comparison panel. */
  icon: string;
}

export type AgreementKind =
  | 'mou'
  | 'moc'
  | 'joint-fact-sheet'
  | 'joint-statement'
  | 'agreement'
  // Regional trade agreements, as the WTO RTA database names their types.
  | 'free-trade-agreement'
  | 'economic-integration-agreement'
  | 'customs-union'
  | 'partial-scope-agreement';

export type AgreementState = 'signed' | 'in-force' | 'inactive';

/** Where an agreement stands, with the dates behind it (the date signed is `AgreementData.date`). */
export interface AgreementStatus {
  state: AgreementState;
  inForce?: string;
  inactive?: string;
  /** Notified to the WTO. */
  notified?: string;
  /** End of the implementation (phase-in) period. */
  implementationEnds?: string;
  provenance?: Provenance[];
}

/** The WTO RTA database's "ID card" facts a corpus gives about a trade agreement. */
export interface RtaFacts {
  /** WTO RTA database id. */
  wtoId?: number;
  /** Legal basis of the notification, e.g. `GATT Art. XXIV`, `GATS Art. V`, `Enabling Clause`. */
  notification?: string[];
  composition?: string;
  regions?: string[];
  crossRegional?: boolean;
  /** Whether every party is a WTO member. */
  allPartiesWto?: boolean;
}

/** A chapter or part of an agreement, as its text divides it. Unnamed chapters (the corpus gives no title) have no title. */
export interface ChapterData {
  id: string;
  /** The chapter's own number as its text writes it (`CHAPTER TWO`), when a source gives it. */
  number?: string;
  title?: Texts;
}

export interface LegalNature {
  /** `false` = expressly not legally binding; `null` = the sources do not say. */
  binding: boolean | null;
  description: Texts;
  provenance?: Provenance[];
}

/**
 * Where a provision sits in the agreement's own structure, as a source gives it: `II. Areas of Cooperation — …`,
 * `Article 15.8`. Only ever set from a source, so the atlas's own numbering is never presented as the agreement's.
 */
export interface OfficialLocation {
  label: Texts;
  provenance: Provenance[];
}

export interface ProvisionData {
  /**
   * Stable id within its agreement ("1", "12"; an imported corpus's article id). Citable as `agreementId/id`, and
   * never the agreement's own clause number: labels name whose numbering it is (`AgreementData.provisionNumbering`).
   */
  id: string;
  /**
   * Ids the provision had before it was renumbered: a memo's citation of `agreement/<former id>` still resolves to it
   * (and is offered an update). Never reused by another provision of the agreement.
   */
  formerIds?: string[];
  sectors: string[];
  /** Why the provision has its sectors, when a rule assigned them (`by chapter title: Electronic Commerce`). */
  sectorBasis?: SectorBasis[];
  /** Optional grouping heading inside the agreement (e.g. a pillar). */
  heading?: Texts;
  /** Id of the agreement's chapter the provision belongs to. */
  chapter?: string;
  text: Texts;
  provenance: Provenance[];
  officialLocation?: OfficialLocation;
}

/** One sector assignment made by a classification rule, with what it rested on. */
export interface SectorBasis {
  sector: string;
  by: 'chapter-title' | 'keywords' | 'default';
  /** The chapter title or the keywords found. */
  evidence: string[];
}

/** Sources for single facts of an agreement, where they differ from the agreement's `provenance`. */
export interface FieldProvenance {
  title?: Provenance[];
  date?: Provenance[];
  place?: Provenance[];
  parties?: Provenance[];
  summary?: Provenance[];
}

export interface TitleAlternate {
  text: Texts;
  /** Whose form it is. */
  note: LocalizedText;
  provenance: Provenance[];
}

export interface Signatory {
  party: string;
  name: LocalizedText;
  /** Office held at the time. */
  role: LocalizedText;
  /** `signed`: named as the signatory; `represented`: led the party's side at the ceremony. */
  act: 'signed' | 'represented';
  provenance: Provenance[];
}

/** Kinds of event; those in `STATUS_EVENT_KINDS` change an agreement's status. */
export type EventKind = 'announced' | 'signed' | 'released' | 'operative' | 'implementation' | 'meeting-planned' | 'paused' | 'resumed' | 'ended' | 'related';

export interface EventData {
  /** Stable id within the agreement. */
  id: string;
  /** ISO date as precise as the sources give it: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. */
  date: string;
  kind: EventKind;
  text: LocalizedText;
  provenance: Provenance[];
}

export interface AgreementData {
  id: string;
  kind: AgreementKind;
  /** Further kinds the agreement also is (an FTA that is also an economic integration agreement). */
  otherKinds?: AgreementKind[];
  title: {
    official: Texts;
    short: Texts;
    /** No source gives the official title: `official` is a descriptive one written for this dataset. */
    descriptive?: boolean;
    /** Other official forms of the title (the other party's copy, which names itself first). */
    alternates?: TitleAlternate[];
  };
  signatories?: Signatory[];
  /** What happened to the agreement; its current status is derived from these (`derivedStatus`). */
  events?: EventData[];
  /** Party ids or ISO alpha-3 codes; the merged catalog holds party ids. The current parties of an inactive agreement are its last. */
  parties: string[];
  /** The parties at signature, where they differ from `parties` (an agreement later joined, or left). */
  originalParties?: string[];
  /** Blocs that are a side of the agreement (their members are also listed in `parties`). */
  blocs?: string[];
  /** ISO `YYYY-MM-DD` (date signed or issued); omitted when the sources do not say. */
  date?: string;
  status?: AgreementStatus;
  rta?: RtaFacts;
  /** Language the agreement's texts are written in, when it is one (BCP 47). */
  language?: string;
  place?: Texts;
  legalNature: LegalNature;
  summary: Texts;
  sources: string[];
  /** Where the sources name this document, its date and its parties. */
  provenance?: Provenance[];
  /** Sources for the title, date, place or parties on their own (e.g. a date the main source gives only in part). */
  fieldProvenance?: FieldProvenance;
  /**
   * Whose numbering the provision ids are, as a label prefix: `{ en: 'ToTA article', ko: 'ToTA 조문' }` gives
   * "ToTA article 15225". Default: the atlas's own running numbers ("atlas item 12" / "아틀라스 항목 12").
   */
  provisionNumbering?: Texts;
  /** The agreement's chapters, in order; provisions refer to them by id. */
  chapters?: ChapterData[];
  provisions: ProvisionData[];
}

export interface TermData {
  id: string;
  /** Canonical forms. */
  term: LocalizedText;
  /** Other spellings, long forms and translations per language, matched in documents like the canonical forms. */
  aliases?: { ko?: string[]; en?: string[] };
  /** Abbreviations (KPS, NSF); matched case-sensitively. */
  abbreviations?: string[];
  definition: LocalizedText;
  /**
   * `source`: the definition restates the cited source.
   * `editorial`: the source only names the term; the definition is the editors' general-knowledge gloss.
   */
  definitionBasis: 'source' | 'editorial';
  related?: { agreements?: string[]; sectors?: string[]; terms?: string[] };
  provenance: Provenance[];
}

/** An observation the source makes about how agreements differ or relate (not a commitment of either). */
export interface ComparisonNoteData {
  id: string;
  /** The agreement the note is about. */
  subject: string;
  /** The agreements it is contrasted with; empty for a note that gives context on the subject alone. */
  against: string[];
  sectors?: string[];
  text: LocalizedText;
  provenance: Provenance[];
}

/** A field of an agreement a disagreement can be about. */
export type AgreementField = 'title' | 'date' | 'place' | 'signatories' | 'legalNature' | 'status' | 'summary';

/** What a disagreement is about: an agreement (or one of its fields, provisions or events), a term or a comparison note. */
export interface DisagreementSubject {
  agreement?: string;
  field?: AgreementField;
  /** Provision id within `agreement`. */
  provision?: string;
  /** Event id within `agreement`. */
  event?: string;
  term?: string;
  comparison?: string;
}

export interface Claim {
  text: LocalizedText;
  provenance: Provenance[];
  /** How the claim stands against the other sources; absent when the sources simply differ. */
  standing?: 'supported' | 'unverified' | 'rejected';
}

/** A point on which sources disagree, kept with each claim and its sources instead of choosing silently. */
export interface DisagreementData {
  id: string;
  kind: 'sources-differ' | 'commentary-vs-text' | 'source-error';
  topic: LocalizedText;
  about: DisagreementSubject[];
  claims: Claim[];
  note: LocalizedText;
}

/** One JSON data file. Every array is optional so users can add a single agreement or a few terms. */
export interface CatalogFile {
  $schema?: string;
  parties?: PartyData[];
  sectors?: SectorData[];
  sources?: SourceData[];
  agreements?: AgreementData[];
  terms?: TermData[];
  comparisons?: ComparisonNoteData[];
  disagreements?: DisagreementData[];
}

// ---------------------------------------------------------------------------------------------
// Merged catalog

export interface Provision extends ProvisionData {
  /** Global, citable id: `${agreement.id}/${id}`. */
  readonly uid: string;
  readonly agreementId: string;
}

export interface Agreement extends Omit<AgreementData, 'provisions'> {
  readonly provisions: readonly Provision[];
}

export interface Catalog {
  readonly parties: ReadonlyMap<string, PartyData>;
  readonly sectors: ReadonlyMap<string, SectorData>;
  readonly sources: ReadonlyMap<string, SourceData>;
  readonly agreements: ReadonlyMap<string, Agreement>;
  /** By global id (`agreement/provision`). */
  readonly provisions: ReadonlyMap<string, Provision>;
  /** Former global ids (`agreement/<former id>`) of renumbered provisions, to the provision as it is now. */
  readonly formerProvisions: ReadonlyMap<string, Provision>;
  readonly terms: ReadonlyMap<string, TermData>;
  readonly comparisons: readonly ComparisonNoteData[];
  readonly disagreements: readonly DisagreementData[];
  /** Which file each entity came from (key: `kind:id`), for diagnostics and "open source file". */
  readonly origins: ReadonlyMap<string, string>;
}

/** Provision uid helper: the one place that defines the citation id format. */
export function provisionUid(agreementId: string, provisionId: string): string {
  return `${agreementId}/${provisionId}`;
}

/** Problems are values, never exceptions: the loader always returns a (possibly partial) catalog. */
export interface CatalogProblem {
  /** File path or URI string as given to the loader. */
  file: string;
  /** JSON pointer to the offending value (`/agreements/0/provisions/3/sectors/1`); '' for the whole file. */
  path: string;
  /** 1-based line and column of the offending value (or of the syntax error). */
  line: number;
  column: number;
  /** 1-based end of the offending text (exclusive column). */
  endLine: number;
  endColumn: number;
  /** 0-based offset and length, for editors that want a range. */
  offset: number;
  length: number;
  severity: 'error' | 'warning';
  /** Stable machine-readable code, e.g. `json-syntax`, `schema`, `duplicate-id`, `unknown-ref`. */
  code: string;
  message: string;
}

/** The text in `lang` if it has it, else in the other interface language, else in its own (first) language. */
export function text(value: Texts, lang: Lang): string {
  return textIn(value, lang).text;
}

/** Like `text()`, also saying which language the text is in (to mark it when it is not the one asked for). */
export function textIn(value: Texts, lang: Lang): { text: string; lang: string } {
  if (value[lang]) return { text: value[lang], lang };
  const other = lang === 'ko' ? 'en' : 'ko';
  if (value[other]) return { text: value[other], lang: other };
  for (const [tag, t] of Object.entries(value)) if (t) return { text: t, lang: tag };
  return { text: '', lang };
}

/** The text in another language than the one `text(value, lang)` shows, for bilingual views; undefined if none. */
export function otherText(value: Texts, lang: Lang): { text: string; lang: string } | undefined {
  const shown = textIn(value, lang);
  const other = lang === 'ko' ? 'en' : 'ko';
  if (shown.lang === lang && value[other] && value[other] !== shown.text) return { text: value[other], lang: other };
  return undefined;
}
