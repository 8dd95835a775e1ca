// "New Agreement…": the answers' validators, the id suggestion, and the skeleton catalog file written for them.
//
// Rules:
//  - The skeleton is one catalog file that loads with zero problems on top of the catalog it was made for (and on its
//    own): every required field is present, and every reference resolves — to the catalog, or to an entry the file
//    adds itself (a placeholder source, parties the catalog lacks, the `unclassified` sector if the catalog has none).
//  - The user's answers are written exactly (JSON.stringify escapes quotes, backslashes and control characters; the
//    line and paragraph separators U+2028/U+2029 are escaped too, or VS Code would offer to "fix" the file's line
//    ends). Whatever the atlas cannot know is a placeholder starting with "TODO:" in the entry's language — the
//    language of the title (Hangul → `ko`, else `en`) — so one search finds everything left to fill in. A `texts`
//    field holds that one language only: a placeholder in the other would be shown instead of the real title.
//  - No `$schema`: the manifest's `jsonValidation` already gives `.techdeals/**/*.json` the schema, and a relative
//    path to the extension's copy would be wrong in every workspace.
//  - Validators return problems as values (codes with what the message needs); the adapter words them in the UI
//    language.
//
// Cost: linear in the answers and in the catalog's parties (alpha-3 lookups); the selection is found by one tree
// parse of the few hundred characters written.
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { isCalendarDate } from './dates';
import type { AgreementData, AgreementKind, Catalog, CatalogFile, Lang, PartyData, SectorData, SourceData } from './model';

/** `definitions.id.pattern` of the schema (a unit test keeps them equal). */
export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
/** `definitions.partyId.pattern` of the schema. */
export const PARTY_ID_PATTERN = /^[A-Z][A-Z0-9-]{1,15}$/;
/** `definitions.date.pattern` of the schema (the calendar is checked besides: 2025-02-31 is refused). */
export const DATE_PATTERN = /^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/;
/** `definitions.nonEmpty.maxLength`: the longest title the schema accepts. */
export const TITLE_MAX_LENGTH = 20000;
export const ID_MAX_LENGTH = 64;

/** `definitions.agreementKind.enum`, in the schema's order. */
export const AGREEMENT_KINDS: readonly AgreementKind[] = [
  'mou',
  'moc',
  'joint-fact-sheet',
  'joint-statement',
  'agreement',
  'free-trade-agreement',
  'economic-integration-agreement',
  'customs-union',
  'partial-scope-agreement',
];
export const DEFAULT_KIND: AgreementKind = 'mou';

/** The sector of the first provision until the analyst chooses: the honest "not yet placed" one. */
export const PLACEHOLDER_SECTOR = 'unclassified';
/** The provision the skeleton starts with. */
export const FIRST_PROVISION_ID = '1';

/** What the user answered, already normalised (`normalizeTitle`, `resolvePartyCodes`). */
export interface NewAgreementInput {
  id: string;
  title: string;
  kind: AgreementKind;
  /** Catalog party ids, or codes the catalog lacks (the file then adds a placeholder party for each). */
  parties: readonly string[];
  /** ISO `YYYY-MM-DD`; absent when the sources do not give it. */
  date?: string;
}

/** What the skeleton must not clash with and may refer to. */
export type SkeletonCatalog = Pick<Catalog, 'parties' | 'sources' | 'sectors'>;

export type InputProblem =
  | { code: 'empty' }
  | { code: 'too-long'; max: number; length: number }
  | { code: 'id-uppercase'; suggestion: string }
  | { code: 'id-start' }
  | { code: 'id-character'; character: string }
  | { code: 'id-taken' }
  | { code: 'date-format' }
  | { code: 'date-not-real' }
  | { code: 'party-code'; token: string };

// ---------------------------------------------------------------------------------------------
// Validators

/** Titles as typed or pasted (a PDF's line breaks included): whitespace runs become one space, ends trimmed. */
export function normalizeTitle(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

export function validateTitle(title: string): InputProblem | undefined {
  if (title === '') return { code: 'empty' };
  if (title.length > TITLE_MAX_LENGTH) return { code: 'too-long', max: TITLE_MAX_LENGTH, length: title.length };
  return undefined;
}

/**
 * An agreement id: the schema's pattern (the most specific reason first) and not `taken` — by an agreement of the
 * catalog or, as the adapter checks, by a file `.techdeals/<id>.json`.
 */
export function validateAgreementId(id: string, taken: (id: string) => boolean = () => false): InputProblem | undefined {
  if (id === '') return { code: 'empty' };
  if (id.length > ID_MAX_LENGTH) return { code: 'too-long', max: ID_MAX_LENGTH, length: id.length };
  if (!ID_PATTERN.test(id)) {
    const lower = id.toLowerCase();
    if (lower !== id && ID_PATTERN.test(lower)) return { code: 'id-uppercase', suggestion: lower };
    if (!/^[a-z0-9]/.test(lower)) return { code: 'id-start' };
    return { code: 'id-character', character: [...lower].find((c) => !/[a-z0-9-]/.test(c)) ?? id[0] };
  }
  return taken(id) ? { code: 'id-taken' } : undefined;
}

/** A date as typed: empty (the sources do not give one) or a real calendar date `YYYY-MM-DD`. */
export function validateDate(value: string): InputProblem | undefined {
  if (value === '') return undefined;
  if (!DATE_PATTERN.test(value)) return { code: 'date-format' };
  return isCalendarDate(value) ? undefined : { code: 'date-not-real' };
}

/** `YYYY-MM-DD` of `now` in local time (what "today" means to the person typing). */
export function localIsoDate(now: Date): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(now.getFullYear(), 4)}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * Party codes typed as a list (`FR, de; VNM`): upper-cased, checked against the schema's party id pattern, an alpha-3
 * code of a catalog party replaced by its id (`KOR` → `KR`), duplicates dropped. Empty input is no codes, not an error.
 */
export function resolvePartyCodes(value: string, parties: SkeletonCatalog['parties']): { ids: string[] } | { problem: InputProblem } {
  const ids: string[] = [];
  for (const token of value.split(/[\s,;·]+/).filter((t) => t !== '')) {
    const code = token.toUpperCase();
    if (!PARTY_ID_PATTERN.test(code)) return { problem: { code: 'party-code', token } };
    const id = resolveParty(code, parties);
    if (!ids.includes(id)) ids.push(id);
  }
  return { ids };
}

/** A party's catalog id from its id or alpha-3 code; the code itself when the catalog does not know it. */
export function resolveParty(code: string, parties: SkeletonCatalog['parties']): string {
  if (parties.has(code)) return code;
  for (const party of parties.values()) if (party.alpha3 === code) return party.id;
  return code;
}

/** `ko` when the title has Hangul, else `en`: the language the skeleton's texts are keyed by. */
export function titleLanguage(title: string): Lang {
  return /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]/.test(title) ? 'ko' : 'en';
}

// ---------------------------------------------------------------------------------------------
// Id suggestion

const STOP_WORDS = new Set(['a', 'an', 'the', 'of', 'and', 'on', 'in', 'for', 'to', 'between', 'with', 'by', 'at', 'regarding', 'concerning']);
const PHRASES: [RegExp, string][] = [
  [/\bmemorandum of understanding\b/g, 'mou'],
  [/\bmemorandum of cooperation\b/g, 'moc'],
  [/\bfree trade agreement\b/g, 'fta'],
  [/\bgovernments?\b/g, ''],
  [/\bunited states( of america)?\b/g, 'us'],
  [/\bunited kingdom( of great britain and northern ireland)?\b/g, 'uk'],
  [/\brepublic of korea\b/g, 'korea'],
];
/** Suggestions stay short: an id is typed in every citation. */
const SUGGESTION_MAX = 40;

/**
 * An id for the answers so far: the title's Latin words (`Memorandum of Understanding on AI` → `mou-ai`), or, for a
 * title without any, the parties, kind and year (`kr-us-mou-2025`); made unique against `taken` with `-2`, `-3` ….
 */
export function suggestAgreementId(answers: { title: string; parties?: readonly string[]; kind?: AgreementKind; date?: string }, taken: (id: string) => boolean = () => false): string {
  let ascii = answers.title.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  for (const [phrase, short] of PHRASES) ascii = ascii.replace(phrase, short);
  const words = ascii.split(/[^a-z0-9]+/).filter((w) => w !== '' && !STOP_WORDS.has(w));
  const parts = words.length ? words : [...(answers.parties ?? []).map((p) => p.toLowerCase()), answers.kind ?? DEFAULT_KIND, ...(answers.date ? [answers.date.slice(0, 4)] : [])];
  let base = '';
  for (const part of parts) {
    const next = base ? `${base}-${part}` : part;
    if (next.length > SUGGESTION_MAX) break;
    base = next;
  }
  base = (base || parts[0].slice(0, SUGGESTION_MAX)).replace(/-+/g, '-').replace(/^-+|-+$/g, '') || 'agreement';
  if (!/^[a-z0-9]/.test(base)) base = `a${base}`;
  return uniqueId(base, taken);
}

/** `base`, or `base-2`, `base-3` … (cut to fit the 64 characters) — the first that is not taken. */
function uniqueId(base: string, taken: (id: string) => boolean): string {
  if (!taken(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const id = `${base.slice(0, ID_MAX_LENGTH - suffix.length)}${suffix}`;
    if (!taken(id)) return id;
  }
}

// ---------------------------------------------------------------------------------------------
// Skeleton

const PLACEHOLDERS: Record<Lang, { summary: string; legalNature: string; provision: string; source: string; partyName: (code: string) => string }> = {
  en: {
    summary: 'TODO: what the agreement does, in two or three sentences, from its sources.',
    legalNature: 'TODO: whether the agreement is legally binding, as its sources say (then set binding to true or false).',
    provision: 'TODO: the text of the provision, exactly as the source gives it.',
    source: 'TODO: title of the source (the signed text, a fact sheet, a press release …); add its url, publisher and date.',
    partyName: (code) => `TODO: full name of ${code}`,
  },
  ko: {
    summary: 'TODO: 출처에 근거해 협정의 내용을 두세 문장으로 요약하세요.',
    legalNature: 'TODO: 출처가 밝히는 법적 구속력 여부를 쓰세요(그다음 binding을 true 또는 false로 바꾸세요).',
    provision: 'TODO: 출처에 나온 조항의 원문을 그대로 옮기세요.',
    source: 'TODO: 출처의 제목(서명된 원문, 팩트시트, 보도자료 등). url, publisher, date도 추가하세요.',
    partyName: (code) => `TODO: ${code}의 정식 명칭`,
  },
};

/** The source the skeleton adds: `<id>-source` (cut to fit), unique in the catalog. */
export function skeletonSourceId(agreementId: string, catalog: SkeletonCatalog): string {
  const suffix = '-source';
  return uniqueId(`${agreementId.slice(0, ID_MAX_LENGTH - suffix.length)}${suffix}`, (id) => catalog.sources.has(id));
}

/**
 * Sides as the views read them: blocs in `blocs`, countries in `parties`. The schema wants at least one party, so an
 * agreement between blocs only names the blocs as its parties (and no `blocs`, which would show each of them twice).
 */
function sides(given: readonly string[], catalog: SkeletonCatalog): { parties: string[]; blocs?: string[] } {
  const parties = [...new Set(given.map((code) => resolveParty(code, catalog.parties)))];
  const isBloc = (id: string) => catalog.parties.get(id)?.kind === 'bloc';
  const blocs = parties.filter(isBloc);
  const countries = parties.filter((id) => !isBloc(id));
  if (!blocs.length || !countries.length) return { parties };
  return { parties: countries, blocs };
}

/** The catalog file (JSON text, ending in a newline) that `New Agreement…` writes for `input`. */
export function agreementSkeleton(input: NewAgreementInput, catalog: SkeletonCatalog): string {
  const lang = titleLanguage(input.title);
  const words = PLACEHOLDERS[lang];
  const sourceId = skeletonSourceId(input.id, catalog);
  const texts = (value: string) => ({ [lang]: value });
  const agreement: AgreementData = {
    id: input.id,
    kind: input.kind,
    title: { official: texts(input.title), short: texts(input.title) },
    ...sides(input.parties, catalog),
    ...(input.date ? { date: input.date } : {}),
    legalNature: { binding: null, description: texts(words.legalNature) },
    summary: texts(words.summary),
    sources: [sourceId],
    provenance: [{ source: sourceId }],
    provisions: [
      {
        id: FIRST_PROVISION_ID,
        sectors: [PLACEHOLDER_SECTOR],
        text: texts(words.provision),
        provenance: [{ source: sourceId }],
      },
    ],
  };
  const source: SourceData = { id: sourceId, kind: 'official-text', title: texts(words.source), language: lang };
  const newParties: PartyData[] = [...new Set(input.parties)]
    .filter((id) => resolveParty(id, catalog.parties) === id && !catalog.parties.has(id))
    .map((id) => ({ id, name: { ko: PLACEHOLDERS.ko.partyName(id), en: PLACEHOLDERS.en.partyName(id) }, short: { ko: id, en: id } }));
  const sector: SectorData | undefined = catalog.sectors.has(PLACEHOLDER_SECTOR)
    ? undefined
    : {
        id: PLACEHOLDER_SECTOR,
        name: { ko: '미분류', en: 'Unclassified' },
        description: { ko: '아직 분야를 정하지 않은 조항.', en: 'Provisions not yet placed in a sector.' },
        icon: 'question',
      };
  const file: CatalogFile = {
    agreements: [agreement],
    sources: [source],
    ...(newParties.length ? { parties: newParties } : {}),
    ...(sector ? { sectors: [sector] } : {}),
  };
  return `${JSON.stringify(file, null, 2).replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`)}\n`;
}

/**
 * Where the cursor goes in a skeleton: the text of the first provision's placeholder, inside its quotes (UTF-16
 * offsets into `json`). Undefined when the text has no such string (it was not made by `agreementSkeleton`).
 */
export function provisionTextSelection(json: string): { offset: number; length: number } | undefined {
  const root = parseTree(json);
  const text = root && findNodeAtLocation(root, ['agreements', 0, 'provisions', 0, 'text']);
  const value = text?.type === 'object' ? text.children?.[0]?.children?.[1] : undefined;
  if (value?.type !== 'string') return undefined;
  return { offset: value.offset + 1, length: value.length - 2 };
}
