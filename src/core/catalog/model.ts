// Domain model of Tech Deal Atlas. Pure types: no `vscode` import, usable in Node and the browser.
//
// Two layers:
//  - *File types (`CatalogFile`, `AgreementData`, …) mirror the JSON on disk (data/*.json, .techdeals/**/*.json);
//    their shape is fixed by data/schemas/catalog.schema.json.
//  - `Catalog` is the merged, cross-referenced, read-only result the features use (lookup maps, back-links).

export type Lang = 'ko' | 'en';
export const LANGS: readonly Lang[] = ['ko', 'en'];

/** Every user-visible string exists in both languages. */
export interface LocalizedText {
  ko: string;
  en: string;
}

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
  | 'news-analysis'; // journalism, commentary, secondary summary

export interface SourceData {
  id: string;
  kind: SourceKind;
  title: LocalizedText;
  publisher?: LocalizedText;
  /** Publication date, ISO `YYYY-MM-DD`, when known. */
  date?: string;
  /** Language the source is written in: a BCP 47 tag (`ko`, `en`, `ja`, `es`, `fr`, …). */
  language: string;
  url?: string;
  /** Caveats an analyst should see next to every citation of this source. */
  note?: LocalizedText;
}

export interface PartyData {
  /** ISO 3166-1 alpha-2 code, e.g. `KR`, `US`. */
  id: string;
  name: LocalizedText;
  short: LocalizedText;
}

export interface SectorData {
  id: string;
  name: LocalizedText;
  description: LocalizedText;
  /** Codicon id used by tree items and the comparison panel. */
  icon: string;
}

export type AgreementKind = 'mou' | 'joint-fact-sheet' | 'joint-statement' | 'agreement';

export interface LegalNature {
  /** `false` = expressly not legally binding; `null` = the sources do not say. */
  binding: boolean | null;
  description: LocalizedText;
  provenance?: Provenance[];
}

/**
 * Where a provision sits in the agreement's own structure, as a source gives it: `II. Areas of Cooperation — …`,
 * `Article 15.8`. Only ever set from a source, so the atlas's own numbering is never presented as the agreement's.
 */
export interface OfficialLocation {
  label: LocalizedText;
  provenance: Provenance[];
}

export interface ProvisionData {
  /**
   * Stable id within its agreement ("1", "12"; an imported corpus's article id). Citable as `agreementId/id`, and
   * never the agreement's own clause number: labels name whose numbering it is (`AgreementData.provisionNumbering`).
   */
  id: string;
  sectors: string[];
  /** Optional grouping heading inside the agreement (e.g. a pillar or chapter). */
  heading?: LocalizedText;
  text: LocalizedText;
  provenance: Provenance[];
  officialLocation?: OfficialLocation;
}

/** Sources for single facts of an agreement, where they differ from the agreement's `provenance`. */
export interface FieldProvenance {
  title?: Provenance[];
  date?: Provenance[];
  place?: Provenance[];
  parties?: Provenance[];
}

export interface AgreementData {
  id: string;
  kind: AgreementKind;
  title: {
    official: LocalizedText;
    short: LocalizedText;
    /** No source gives the official title: `official` is a descriptive one written for this dataset. */
    descriptive?: boolean;
  };
  parties: string[];
  /** ISO `YYYY-MM-DD` (date signed or issued); omitted when the sources do not say. */
  date?: string;
  place?: LocalizedText;
  legalNature: LegalNature;
  summary: LocalizedText;
  sources: string[];
  /** Where the sources name this document, its date and its parties. */
  provenance?: Provenance[];
  /** Sources for the title, date, place or parties on their own (e.g. a date the main source gives only in part). */
  fieldProvenance?: FieldProvenance;
  /**
   * Whose numbering the provision ids are, as a label prefix: `{ en: 'ToTA article', ko: 'ToTA 조문' }` gives
   * "ToTA article 15225". Default: the atlas's own running numbers ("atlas item 12" / "아틀라스 항목 12").
   */
  provisionNumbering?: LocalizedText;
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

/** One JSON data file. Every array is optional so users can add a single agreement or a few terms. */
export interface CatalogFile {
  $schema?: string;
  parties?: PartyData[];
  sectors?: SectorData[];
  sources?: SourceData[];
  agreements?: AgreementData[];
  terms?: TermData[];
  comparisons?: ComparisonNoteData[];
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
  readonly terms: ReadonlyMap<string, TermData>;
  readonly comparisons: readonly ComparisonNoteData[];
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

export function text(value: LocalizedText, lang: Lang): string {
  return value[lang] || value[lang === 'ko' ? 'en' : 'ko'];
}
