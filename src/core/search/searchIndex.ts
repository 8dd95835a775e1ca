// Full-text search over agreements, provisions and glossary terms, in Korean and English at once.
//
// Its own analysis, into its own postings (termIndex.ts; CONTRIBUTING.md says why not MiniSearch's at corpus scale):
//  - Latin: case-folded, US/UK spelling and plurals folded, stop words dropped. Queries match the word being typed
//    as a prefix; a finished word that matches nothing is retried as a prefix, then with typos (edit distance).
//  - Korean: every word as written, plus syllable bigrams of each run of Korean words joined without spaces, so
//    항법체계 finds 위성항법체계 and 핵연료재처리 finds 핵연료 재처리. Queries strip particles and endings
//    (koreanText.ts) and match words by prefix, so 아르테미스를 finds 아르테미스에; a long word may miss one bigram
//    (a wrong syllable). 초성 of each word (and of each pair of adjacent words) of names, headings and sectors sit in
//    separate fields, for ㅇㄹㅌㅁㅅ.
//  - Fields are boosted so term names and agreement titles outrank aliases, which outrank headings and sectors,
//    which outrank body text. An agreement's names and parties are not copied into its provisions: a query word
//    that names an agreement matches its provisions through it.
// A document must match every query word (rarest first: later words only look up the documents earlier ones
// matched); when nothing does, the documents matching most of them are returned, marked incomplete. A quoted phrase,
// or three words and more, puts texts with the words next to each other in that order first. Citation tokens
// (tda:kr-us-tpd/28) and item numbers (atlas item 28, 아틀라스 항목 28, and habits such as 제28항; `Article 102` also
// in text) are understood.
// Costs at the ToTA corpus (41,000 articles): built in ~3–4 s in 15 ms slices, ~50 MB; a query ~1 ms, p99 < 10 ms;
// per-document working arrays are allocated once and reused. Pure TypeScript, no `vscode`.
import { findCitations } from '../citation/citation';
import {
  hangulToQwerty,
  hasBareJamo,
  initialConsonants,
  isHangulSyllables,
  isInitialConsonants,
  isParticle,
  koreanStems,
  qwertyToHangul,
  syllableBigrams,
  withoutPendingFinal,
} from '../text/koreanText';
import { LANGS, type Catalog, type Texts } from '../catalog/model';
import { runInSlices, runToEnd, type TimeSlices } from '../timeSlices';
import { FIELD_BIT, INITIALS_PREFIX, REF_PREFIX, TermIndex, TermIndexBuilder, type FieldName } from './termIndex';

export type SearchKind = 'agreement' | 'provision' | 'term';
export const SEARCH_KINDS: readonly SearchKind[] = ['agreement', 'provision', 'term'];

export interface SearchOptions {
  /** Most hits returned (default 100). */
  limit?: number;
  /** Only these kinds. */
  kinds?: readonly SearchKind[];
  /** Only provisions in this sector, terms related to it and agreements with provisions in it. */
  sector?: string;
  /** Only this agreement and its provisions (citation completion after `tda:<agreement>/`). */
  agreement?: string;
}

export interface SearchHit {
  kind: SearchKind;
  /** Agreement id, provision uid (`agreement/provision`) or term id. */
  id: string;
  score: number;
  /** Matched every word of the query (false: the best partial matches, returned only when nothing matched all). */
  complete: boolean;
  /** Index terms the hit matched (words, stems, bigrams, 초성): what a snippet should show. */
  terms: string[];
}

// ---------------------------------------------------------------------------------------------
// Documents

type TextField = 'title' | 'alias' | 'context' | 'body';
const TEXT_FIELDS: readonly TextField[] = ['title', 'alias', 'context', 'body'];
const INITIALS_FIELDS = ['initialsName', 'initialsContext'] as const;
const FIELDS = [...TEXT_FIELDS, 'ref', ...INITIALS_FIELDS];

/** Field boosts: names first, then aliases, then headings/sectors/agreement names, then body text. */
const BOOST: Record<string, number> = {
  title: 6,
  alias: 4,
  context: 1.5,
  body: 1,
  ref: 3,
  initialsName: 5,
  initialsContext: 1,
};

interface SearchDocument extends Record<TextField, string> {
  key: string;
  kind: SearchKind;
  id: string;
  /** Item number (atlas item 28; also found when typed as 제28항 or provision 28). */
  ref: string;
}

interface DocumentInfo {
  kind: SearchKind;
  id: string;
  sectors: readonly string[];
}

/** Every language a text has: an imported article is found by its Spanish words as well. */
const both = (value: Texts | undefined) => (value ? Object.values(value).join('\n') : '');
const lines = (...parts: (string | undefined)[]) => parts.filter((p) => p).join('\n');

/** The text each field of each document is built from. Exported for tests and for the snippet builder. */
export function searchDocuments(catalog: Catalog): SearchDocument[] {
  return [...searchDocumentSteps(catalog)];
}

/** The documents one at a time, in catalog order (their numbers), built as they are needed. */
function* searchDocumentSteps(catalog: Catalog): Generator<SearchDocument> {
  const partyNames = (ids: readonly string[]) =>
    lines(
      ...ids.map((id) => {
        const party = catalog.parties.get(id);
        return lines(id, both(party?.short), both(party?.name));
      }),
    );
  for (const agreement of catalog.agreements.values()) {
    yield {
      key: `agreement:${agreement.id}`,
      kind: 'agreement',
      id: agreement.id,
      title: lines(both(agreement.title.short), both(agreement.title.official)),
      alias: agreement.id,
      context: lines(partyNames(agreement.parties), both(agreement.place), agreement.date),
      body: lines(both(agreement.summary), both(agreement.legalNature.description)),
      ref: '',
    };
    for (const provision of agreement.provisions) {
      yield {
        key: `provision:${provision.uid}`,
        kind: 'provision',
        id: provision.uid,
        title: '',
        alias: '',
        // The agreement's names and parties are not repeated in each of its provisions: a query word naming the
        // agreement matches its provisions through the agreement (see `SearchIndex.search`).
        context: lines(both(provision.heading), ...provision.sectors.map((s) => both(catalog.sectors.get(s)?.name))),
        body: both(provision.text),
        ref: provision.id,
      };
    }
  }
  for (const term of catalog.terms.values()) {
    yield {
      key: `term:${term.id}`,
      kind: 'term',
      id: term.id,
      title: lines(both(term.term), ...(term.abbreviations ?? [])),
      alias: lines(...(term.aliases?.ko ?? []), ...(term.aliases?.en ?? [])),
      context: '',
      body: both(term.definition),
      ref: '',
    };
  }
}

/** A name reduced to its letters and digits, lower case: `한·미 팩트시트` and `한미팩트시트` are the same name. */
function compactName(value: string): string {
  return normalizeSearchText(value).replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Document keys by compact name: term forms, aliases and abbreviations, agreement short titles. */
function documentNames(catalog: Catalog): Map<string, string[]> {
  const names = new Map<string, string[]>();
  const add = (key: string, name: string | undefined) => {
    const compact = name ? compactName(name) : '';
    if (!compact) return;
    const keys = names.get(compact) ?? [];
    if (!keys.includes(key)) keys.push(key);
    names.set(compact, keys);
  };
  for (const a of catalog.agreements.values()) for (const lang of LANGS) add(`agreement:${a.id}`, a.title.short[lang]);
  for (const t of catalog.terms.values()) {
    const key = `term:${t.id}`;
    for (const lang of LANGS) add(key, t.term[lang]);
    for (const form of [...(t.abbreviations ?? []), ...(t.aliases?.ko ?? []), ...(t.aliases?.en ?? [])]) add(key, form);
  }
  return names;
}

/** The documents by number (catalog order: each agreement, then its provisions; then the terms), with their links. */
interface DocumentTable {
  keys: string[];
  infos: DocumentInfo[];
  numbers: Map<string, number>;
  /** A provision's agreement (-1 for others), and an agreement's provisions, by document number. */
  parentOf: Int32Array;
  provisionsOf: (Int32Array | undefined)[];
}

/** Builds the document table a step per 2,000 documents (a corpus has 40,000 and more). */
function* documentTableSteps(catalog: Catalog): Generator<void, DocumentTable> {
  const count = catalog.agreements.size + catalog.provisions.size + catalog.terms.size;
  const table: DocumentTable = { keys: [], infos: [], numbers: new Map(), parentOf: new Int32Array(count).fill(-1), provisionsOf: [] };
  const add = (key: string, info: DocumentInfo) => {
    const doc = table.keys.length;
    table.keys.push(key);
    table.infos.push(info);
    table.numbers.set(key, doc);
    return doc;
  };
  let sinceStep = 0;
  for (const agreement of catalog.agreements.values()) {
    const sectors = new Set<string>();
    for (const p of agreement.provisions) for (const s of p.sectors) sectors.add(s);
    const parent = add(`agreement:${agreement.id}`, { kind: 'agreement', id: agreement.id, sectors: [...sectors] });
    const children = new Int32Array(agreement.provisions.length);
    agreement.provisions.forEach((p, i) => {
      const doc = add(`provision:${p.uid}`, { kind: 'provision', id: p.uid, sectors: p.sectors });
      table.parentOf[doc] = parent;
      children[i] = doc;
    });
    table.provisionsOf[parent] = children;
    sinceStep += 1 + agreement.provisions.length;
    if (sinceStep >= 2000) {
      sinceStep = 0;
      yield;
    }
  }
  for (const term of catalog.terms.values()) add(`term:${term.id}`, { kind: 'term', id: term.id, sectors: term.related?.sectors ?? [] });
  return table;
}

// ---------------------------------------------------------------------------------------------
// Text analysis

type Script = 'hangul' | 'cjk' | 'latin';
interface Token {
  text: string;
  script: Script;
  /** A Hangul particle written against the preceding Latin word (the 를 of `AI를`, the 이 of `(NASA)이`). */
  particleOfLatin: boolean;
}

/** What may stand between a Latin word and its particle: closing brackets and quotes. */
const CLOSERS = new Set([...')]}"\'’”」』》〉'].map((c) => c.charCodeAt(0)));
const OTHER_WORD_CHAR = /[\p{L}\p{N}]/u;

/** Script class of one UTF-16 code unit: Hangul (syllables and jamo), CJK, other letters and digits, or none. */
function charScript(c: number, ch: string): Script | undefined {
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) ? 'latin' : undefined; // already lower case
  if ((c >= 0xac00 && c <= 0xd7a3) || (c >= 0x3131 && c <= 0x318e)) return 'hangul';
  if ((c >= 0x3040 && c <= 0x30ff) || (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff)) return 'cjk';
  return OTHER_WORD_CHAR.test(ch) ? 'latin' : undefined;
}

/** NFC, full-width ASCII to ASCII, dotted abbreviations joined (U.S. → US), possessive 's dropped, lower case. */
export function normalizeSearchText(value: string): string {
  return value
    .normalize('NFC')
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\b(?:[A-Za-z]\.){2,}/g, (m) => m.replace(/\./g, ''))
    .replace(/['’]s\b/g, '')
    .toLowerCase();
}

/**
 * Splits normalized text into words, and words into runs of one script (`AI를` → `ai`, `를`). A single pass over
 * the characters: this runs on every field of every document when the index is built.
 */
function tokenize(value: string): Token[] {
  const tokens: Token[] = [];
  const text = normalizeSearchText(value);
  let start = -1;
  let script: Script | undefined;
  /** The previous token was Latin and only closing brackets or quotes (or nothing) came after it. */
  let afterLatin = false;
  const push = (end: number) => {
    const word = text.slice(start, end);
    tokens.push({ text: word, script: script!, particleOfLatin: script === 'hangul' && afterLatin && isParticle(word) });
    afterLatin = script === 'latin';
  };
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 0;
    let s = i < text.length ? charScript(c, text[i]) : undefined;
    // `r&d`, `at&t`: an ampersand between Latin letters stays inside the word.
    if (!s && c === 0x26 && script === 'latin' && i + 1 < text.length && charScript(text.charCodeAt(i + 1), text[i + 1]) === 'latin') {
      s = 'latin';
    }
    if (s === script && s) continue;
    if (script) push(i);
    if (!s && c !== 0x20 && !CLOSERS.has(c)) afterLatin = false;
    script = s;
    start = i;
  }
  return tokens;
}

const STOPWORDS = new Set(
  'a an and are as at be between by for from in into is it its of on or that the this to with 및 등'.split(' '),
);

/** British spellings folded to American ones (both sides of the index get the same fold). */
const SPELLING: readonly [RegExp, string][] = [
  [/isation(s?)$/, 'ization$1'],
  [/(al|on|ard|it|gn|an|im|il|or|as)is(e|es|ed|ing)$/, '$1iz$2'], // harmonise, standardised, recognising
  [/(an|al)ys(e|es|ed|ing)$/, '$1yz$2'], // analyse
  [/(def|lic|off|pret)ence(s?)$/, '$1ense$2'],
  [/programme(s?)$/, 'program$1'],
  [/(cen|me|li|fib|thea)tre(s?)$/, '$1ter$2'],
  [/(lab|fav|behavi|col|hon|neighb|harb|vig|hum)our(s?)$/, '$1or$2'],
];

/** Light English normalisation: British spellings and plurals folded, so `standardisation` meets `standardization`. */
export function englishStem(word: string): string {
  if (!/^[a-z]+$/.test(word) || word.length < 4) return word;
  let stem = word;
  for (const [pattern, replacement] of SPELLING) stem = stem.replace(pattern, replacement);
  if (stem.length >= 5 && stem.endsWith('ies')) stem = `${stem.slice(0, -3)}y`;
  else if (/(?:ss|sh|ch|x)es$/.test(stem)) stem = stem.slice(0, -2);
  else if (stem.endsWith('s') && !/(?:ss|us|is)$/.test(stem)) stem = stem.slice(0, -1);
  return stem;
}

/** Runs of Korean words not interrupted by a Latin word: the unit bigrams are taken from. */
function koreanRuns(tokens: readonly Token[]): string[][] {
  const runs: string[][] = [];
  let run: string[] = [];
  for (const t of tokens) {
    if (t.script === 'hangul' && !t.particleOfLatin && isHangulSyllables(t.text)) {
      run.push(t.text);
    } else if (!t.particleOfLatin) {
      if (run.length) runs.push(run);
      run = [];
    }
  }
  if (run.length) runs.push(run);
  return runs;
}

const BUCKETS = 31;
const BUCKET_BASE = 0xe000; // Unicode private use area

/**
 * MiniSearch's radix tree finds a child by scanning a node's children in turn. Latin terms start with one of a few
 * dozen characters, but Korean terms start with hundreds of different syllables, which made indexing scan hundreds of
 * children per term. So every term starting with a syllable or ideograph is filed under one of 31 bucket characters
 * first: the key is the bucket plus the term. Prefix search is unaffected (a prefix has the same first character).
 */
function indexKey(term: string): string {
  const c = term.charCodeAt(0);
  return c >= 0x3400 && c < BUCKET_BASE ? String.fromCharCode(BUCKET_BASE + (c % BUCKETS)) + term : term;
}

function fromIndexKey(key: string): string {
  const c = key.charCodeAt(0);
  return c >= BUCKET_BASE && c < BUCKET_BASE + BUCKETS ? key.slice(1) : key;
}

/** Text that `Analyzer.textTermIds` cannot treat as Latin words only: Hangul, kana, CJK ideographs, surrogates. */
const NOT_LATIN_ONLY = /[\u3040-\u30ff\u3131-\u318e\u3400-\u9fff\uac00-\ud7a3\uf900-\ufaff\ud800-\udfff]/;
let wordChars: Uint8Array | undefined;
/** Per UTF-16 code unit: 1 for a letter or digit (what `charScript` calls Latin outside Hangul and CJK). */
function wordCharTable(): Uint8Array {
  if (!wordChars) {
    wordChars = new Uint8Array(0x10000);
    for (let c = 0; c < 0x10000; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      wordChars[c] = c < 0x80 ? ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) ? 1 : 0) : OTHER_WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 0;
    }
  }
  return wordChars;
}

/**
 * Turns field text into index terms. Memoizes word analyses, since a catalog repeats the same words thousands of
 * times; one analyzer lives as long as one index.
 */
export class Analyzer {
  private readonly latin = new Map<string, readonly string[]>();
  private readonly latinIds = new Map<string, readonly number[]>();
  private readonly initials = new Map<string, string>();

  /** `termId` numbers index terms (see TermIndexBuilder.id); only `documentTermIds` needs it. */
  constructor(private readonly termId: (term: string) => number = () => -1) {}

  /** Every field's index terms of one document, as term ids (item numbers and 초성 in their namespaces). */
  documentTermIds(doc: SearchDocument): [FieldName, number[]][] {
    const ids = (terms: readonly string[]) => terms.map(this.termId);
    const korean = (value: string) => (NOT_LATIN_ONLY.test(value) ? this.initialsTerms(value) : []);
    return [
      ...TEXT_FIELDS.map((field): [FieldName, number[]] => [field, this.textTermIds(doc[field])]),
      ['ref', doc.ref ? ids([REF_PREFIX + doc.ref.toLowerCase()]) : []],
      ['initialsName', ids(korean(`${doc.title}\n${doc.alias}`).map((t) => INITIALS_PREFIX + t))],
      ['initialsContext', ids(korean(doc.context).map((t) => INITIALS_PREFIX + t))],
    ];
  }

  /**
   * Term ids of one text field. Most text (every imported treaty) has no Korean, Japanese or Chinese and no
   * surrogate pair: then every run of letters and digits is a Latin word (as `tokenize` would find), and a
   * regular expression finds them without building tokens; each distinct word is analysed once.
   */
  private textTermIds(value: string): number[] {
    if (!value) return [];
    if (NOT_LATIN_ONLY.test(value)) return this.textTerms(value).map((t) => this.termId(indexKey(t)));
    const ids: number[] = [];
    const text = normalizeSearchText(value);
    const isWordChar = wordCharTable();
    const n = text.length;
    let i = 0;
    while (i < n) {
      while (i < n && !isWordChar[text.charCodeAt(i)]) i++;
      const start = i;
      // `r&d`, `at&t`: an ampersand between letters stays inside the word.
      while (i < n && (isWordChar[text.charCodeAt(i)] || (text.charCodeAt(i) === 0x26 && i > start && isWordChar[text.charCodeAt(i + 1)]))) i++;
      if (i === start) break;
      const word = text.slice(start, i);
      let wordIds = this.latinIds.get(word);
      if (!wordIds) {
        wordIds = this.latinTerms(word).map((t) => this.termId(indexKey(t)));
        this.latinIds.set(word, wordIds);
      }
      for (let k = 0; k < wordIds.length; k++) ids.push(wordIds[k]);
    }
    return ids;
  }

  /** Index terms of one field's text, as MiniSearch's tokenizer would be given them (the bench's MiniSearch-only row). */
  fieldTerms(value: string, field: string): string[] {
    if (field === 'ref') return value ? [value.toLowerCase()] : [];
    if (field === 'initialsName' || field === 'initialsContext') return this.initialsTerms(value);
    return this.textTerms(value).map(indexKey);
  }

  /** Index terms of one text field. */
  private textTerms(value: string): string[] {
    const tokens = tokenize(value);
    const terms: string[] = [];
    for (const t of tokens) {
      if (t.particleOfLatin) continue;
      if (t.script === 'latin') terms.push(...this.latinTerms(t.text));
      else if (t.script === 'cjk') terms.push(t.text, ...(t.text.length > 2 ? syllableBigrams(t.text) : []));
      // Only the Korean word as written: its stems (아르테미스 of 아르테미스에, 협력 of 협력한다) are prefixes of it,
      // and queries match Korean words by prefix.
      else if (!STOPWORDS.has(t.text)) terms.push(t.text);
    }
    for (const run of koreanRuns(tokens)) {
      // A two-syllable word is already its own bigram: skip the duplicate.
      const pairs = new Set(run.filter((word) => word.length === 2));
      for (const bigram of syllableBigrams(run.join(''))) if (!pairs.has(bigram)) terms.push(bigram);
    }
    return terms;
  }

  private latinTerms(word: string): readonly string[] {
    let terms = this.latin.get(word);
    if (!terms) {
      const stem = englishStem(word);
      terms = STOPWORDS.has(word) ? [] : stem === word ? [word] : [word, stem];
      this.latin.set(word, terms);
    }
    return terms;
  }

  /** 초성 of each Korean word and of each pair of adjacent words (한·미 → ㅎㅁ). */
  private initialsTerms(value: string): string[] {
    const terms: string[] = [];
    for (const run of koreanRuns(tokenize(value))) {
      run.forEach((word, i) => {
        terms.push(this.initialsOf(word));
        if (i + 1 < run.length) terms.push(this.initialsOf(word) + this.initialsOf(run[i + 1]));
      });
    }
    return terms;
  }

  private initialsOf(word: string): string {
    let initials = this.initials.get(word);
    if (initials === undefined) {
      initials = initialConsonants(word);
      this.initials.set(word, initials);
    }
    return initials;
  }
}

// ---------------------------------------------------------------------------------------------
// Queries

interface Alternative {
  term: string;
  fields: readonly string[];
  /** Match longer words too: always, never, or only when the word as typed matches nothing (`fallback`). */
  prefix?: boolean | 'fallback';
  fuzzy?: number;
  weight: number;
  /** One of the word's syllable bigrams: counts towards coverage rather than matching the word on its own. */
  bigram?: boolean;
}

interface QueryWord {
  alternatives: Alternative[];
  /** Bigram alternatives a document must match when no whole-word alternative matches. */
  bigramsRequired: number;
  /** Tried when this word matches nothing: the same keys typed with the other keyboard layout. */
  fallback?: QueryWord;
}

interface ParsedQuery {
  /** Provision uids named by citation tokens or bare `agreement/provision` ids. */
  citations: string[];
  words: QueryWord[];
}

const TEXT_ONLY: readonly string[] = TEXT_FIELDS;
const INITIALS_ONLY: readonly string[] = INITIALS_FIELDS;

/**
 * Item numbers as analysts write them — the atlas's own ("atlas item 28", "아틀라스 항목 28", "항목 28") and the
 * clause-style forms people type out of habit (제28항, 28항, provision 28, § 28, para. 28) — all find atlas item 28.
 * Results still name it "atlas item 28", never as the agreement's own clause (see labels/provisionLabels.ts).
 */
const PROVISION_NUMBER =
  /(?:제\s*(\d+[a-z]?)\s*(?:항|조)?|(\d+[a-z]?)\s*(?:항|조)(?![가-힣])|\b(?:atlas\s+)?(?:provisions?|prov|items?|para(?:graph)?|art(?:icle)?|no)\.?\s*(\d+[a-z]?)\b|§\s*(\d+[a-z]?)|(?:아틀라스\s*)?항목\s*(\d+[a-z]?)|아틀라스\s*(\d+[a-z]?))/giu;
const BARE_UID = /\b([a-z0-9][a-z0-9-]*\/[0-9a-z](?:[0-9a-z.-]*[0-9a-z])?)\b/gi;

/**
 * Longest query searched. Typing stays instant whatever is pasted: a longer query (a paragraph) is cut here, and the
 * quick pick says so. Cutting also bounds the words and bigrams one call looks up.
 */
export const MAX_QUERY_LENGTH = 256;
/** Most words one query is matched by (the rest of a long query is not searched). */
const MAX_QUERY_WORDS = 16;
/** A word longer than this is matched as typed only: no typo or prefix expansion, which grows with its length. */
const MAX_EXPANDED_WORD = 24;
/** Most syllable bigrams a long Korean word is matched by. */
const MAX_BIGRAMS = 16;

/** The part of `query` that is searched: at most MAX_QUERY_LENGTH characters, never half a surrogate pair. */
export function boundedQuery(query: string): { text: string; cut: boolean } {
  if (query.length <= MAX_QUERY_LENGTH) return { text: query, cut: false };
  const end = /[\uD800-\uDBFF]/.test(query[MAX_QUERY_LENGTH - 1]) ? MAX_QUERY_LENGTH - 1 : MAX_QUERY_LENGTH;
  return { text: query.slice(0, end), cut: true };
}

function latinWord(word: string, open: boolean): QueryWord {
  const alternatives: Alternative[] = [];
  const digits = /\d/.test(word);
  // The word being typed is a prefix; a finished word is itself (standard ≠ standardisation), unless that finds nothing.
  const expandable = !digits && word.length <= MAX_EXPANDED_WORD;
  alternatives.push({
    term: word,
    fields: digits ? [...TEXT_ONLY, 'ref'] : TEXT_ONLY,
    prefix: expandable ? open || (word.length >= 3 ? 'fallback' : false) : false,
    fuzzy: !expandable || word.length < 4 ? 0 : word.length >= 10 ? 2 : 1,
    weight: 1,
  });
  const stem = englishStem(word);
  if (stem !== word) alternatives.push({ term: stem, fields: TEXT_ONLY, prefix: 'fallback', weight: 0.9 });
  const hangul = qwertyToHangul(word);
  return { alternatives, bigramsRequired: 0, fallback: hangul ? koreanWord(hangul, open) : undefined };
}

function koreanWord(word: string, open: boolean): QueryWord {
  // A finished one-syllable word (한 and 미 of 한·미) means itself; as a prefix it would match half the index.
  const alternatives: Alternative[] = [{ term: word, fields: TEXT_ONLY, prefix: open || word.length > 1, weight: 1 }];
  const stems = koreanStems(word);
  for (const stem of stems) alternatives.push({ term: stem, fields: TEXT_ONLY, prefix: true, weight: 0.9 });
  const pending = open ? withoutPendingFinal(word) : undefined;
  if (pending && pending.length >= 2) alternatives.push({ term: pending, fields: TEXT_ONLY, prefix: true, weight: 0.7 });
  const core = stems.length ? stems[stems.length - 1] : word;
  const bigrams = core.length >= 3 ? [...new Set(syllableBigrams(core))].slice(0, MAX_BIGRAMS) : [];
  for (const bigram of bigrams) alternatives.push({ term: bigram, fields: TEXT_ONLY, weight: 1, bigram: true });
  const n = bigrams.length;
  return { alternatives, bigramsRequired: n <= 2 ? n : n - Math.max(1, Math.floor(n / 5)) };
}

function initialsWord(initials: string): QueryWord {
  return { alternatives: [{ term: initials, fields: INITIALS_ONLY, prefix: true, weight: 1 }], bigramsRequired: 0 };
}

/**
 * An item number: atlas item 28. Written as a treaty's own reference (`Article 102`, `§ 4`, `para. 3`), it also
 * matches a text that cites the number: an imported treaty's provisions mention its articles by their numbers.
 */
function refWord(number: string, cited: boolean): QueryWord {
  const term = number.toLowerCase();
  const alternatives: Alternative[] = [{ term, fields: ['ref'], weight: 1 }];
  if (cited) alternatives.push({ term, fields: ['body'], weight: 0.5 });
  return { alternatives, bigramsRequired: 0 };
}

/**
 * Turns what the user typed into words to match. The last word counts as still being typed unless the query ends
 * with a space. `isAgreement` tells a bare `agreement/provision` id from other slashed words (AI/ML).
 */
export function parseQuery(query: string, isAgreement: (id: string) => boolean = () => false): ParsedQuery {
  const citations = [...new Set(findCitations(query).map((c) => c.uid))];
  let rest = query.replace(/\btda:\S*/g, ' ');
  rest = rest.replace(BARE_UID, (m) => {
    const uid = m.toLowerCase();
    if (!isAgreement(uid.slice(0, uid.indexOf('/')))) return m;
    citations.push(uid);
    return ' ';
  });
  const words: QueryWord[] = [];
  rest = rest.replace(PROVISION_NUMBER, (m, ...groups: (string | undefined)[]) => {
    const number = groups.slice(0, 6).find((g) => g);
    if (number) words.push(refWord(number, /^(?:art|para|§)/i.test(m.trim())));
    return ' ';
  });
  const open = !/\s$/.test(query);
  const tokens = tokenize(rest).filter((t) => !t.particleOfLatin && !STOPWORDS.has(t.text));
  tokens.forEach((t, i) => {
    const last = open && i === tokens.length - 1;
    if (t.script === 'latin') {
      words.push(latinWord(t.text, last));
    } else if (t.script === 'cjk') {
      words.push(koreanWord(t.text, last));
    } else if (isInitialConsonants(t.text)) {
      const latin = hangulToQwerty(t.text);
      words.push({ ...initialsWord(t.text), fallback: latin ? latinWord(latin, last) : undefined });
    } else if (hasBareJamo(t.text)) {
      // Syllables followed by consonants still being typed (아르ㅌ): the syllables as a prefix, and the 초성 of all.
      const syllables = t.text.match(/^[\uAC00-\uD7A3]+/)?.[0];
      const initials = initialConsonants(t.text);
      if (syllables && isInitialConsonants(initials)) {
        words.push(koreanWord(syllables, true), initialsWord(initials));
      } else {
        const latin = hangulToQwerty(t.text);
        if (latin) words.push(latinWord(latin, last));
      }
    } else {
      words.push(koreanWord(t.text, last));
    }
  });
  return { citations: [...new Set(citations)], words: words.slice(0, MAX_QUERY_WORDS) };
}

// ---------------------------------------------------------------------------------------------
// Index

interface WordMatches {
  /** Documents matching the word, ascending, with their score and whether they matched in body text only. */
  docs: Int32Array;
  scores: Float64Array;
  bodyOnly: Uint8Array;
  /**
   * Agreements the word names (US–UK, 한미, MOU, Japan: it is in their title or among their parties). Their
   * provisions match the word too; mixed with topic words, such a word narrows the search to those agreements
   * instead of ranking.
   */
  named: Set<number>;
  /** Index terms the word was looked up as: a hit's matched terms are found among them when it is shown. */
  expansions: number[];
}

/** Score a provision gets from a word that names its agreement (relative to the agreement's own score). */
const INHERITED = 0.1;

/** Which of its alternatives a word is searched with: as typed, then wider ones when that finds nothing. */
type Tier = 'typed' | 'prefix' | 'fuzzy';

/**
 * The first `k` of `items` in `order`, without sorting them all (a query can match most of the catalog): a heap of
 * the best `k` so far, whose worst is replaced when a better item comes; O(n log k).
 */
function topK<T>(items: ArrayLike<T> & Iterable<T>, k: number, order: (a: T, b: T) => number): T[] {
  if (items.length <= k) return Array.from(items).sort(order);
  // Max-heap by `order`: the root is the worst of the best k.
  const heap: T[] = [];
  const worse = (a: T, b: T) => order(a, b) > 0;
  const up = (i: number) => {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!worse(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  };
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(heap[l], heap[m])) m = l;
      if (r < heap.length && worse(heap[r], heap[m])) m = r;
      if (m === i) break;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  };
  for (const item of items) {
    if (heap.length < k) {
      heap.push(item);
      up(heap.length - 1);
    } else if (order(item, heap[0]) < 0) {
      heap[0] = item;
      down(0);
    }
  }
  return heap.sort(order);
}

/** Documents of a search, by number: all of them, or those a filter or earlier words left. */
type Allowed = Uint8Array | undefined;

/** How much an expansion of a query term counts, relative to the term itself (as MiniSearch weighs them). */
const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;
/** Most index terms one prefix expands to: the most frequent ones (a one-letter prefix matches thousands). */
const MAX_PREFIX_EXPANSIONS = 32;
const NAME_MASK = FIELD_BIT.title | FIELD_BIT.alias | FIELD_BIT.context | FIELD_BIT.ref;

export class SearchIndex {
  private readonly infos: readonly DocumentInfo[];
  private readonly numbers: ReadonlyMap<string, number>;
  /** A provision's agreement (-1 for others), and an agreement's provisions, by document number. */
  private readonly parentOf: Int32Array;
  private readonly provisionsOf: readonly (Int32Array | undefined)[];
  private readonly names: ReadonlyMap<string, readonly number[]>;

  private constructor(
    private readonly index: TermIndex,
    private readonly catalog: Catalog,
    table: DocumentTable,
  ) {
    this.infos = table.infos;
    this.numbers = table.numbers;
    this.parentOf = table.parentOf;
    this.provisionsOf = table.provisionsOf;
    this.names = new Map([...documentNames(catalog)].map(([name, keys]) => [name, keys.map((k) => this.numbers.get(k)!)]));
  }

  /** The index and the catalog's document table, in steps. */
  private static *assemble(index: Generator<void, TermIndex | undefined>, catalog: Catalog): Generator<void, SearchIndex | undefined> {
    const termIndex = yield* index;
    if (!termIndex) return undefined;
    const table = yield* documentTableSteps(catalog);
    return termIndex.documentCount === table.keys.length ? new SearchIndex(termIndex, catalog, table) : undefined;
  }

  /** Builds the index synchronously (a few milliseconds for the shipped dataset). */
  static build(catalog: Catalog): SearchIndex {
    return runToEnd(SearchIndex.assemble(buildSteps(catalog), catalog))!;
  }

  /**
   * Builds the index in time slices (see core/timeSlices.ts), yielding to the event loop between them, so that a
   * large catalog never blocks the extension host for long.
   */
  static async buildAsync(catalog: Catalog, slices?: TimeSlices | number): Promise<SearchIndex> {
    return (await runInSlices(SearchIndex.assemble(buildSteps(catalog), catalog), slices))!;
  }

  /** The index as bytes, to store and read back with `fromBytes` for the same catalog (see `catalogFingerprint`). */
  toBytes(): Uint8Array {
    return runToEnd(this.index.toBytesSteps());
  }

  /** `toBytes` in slices (copying tens of megabytes into fresh memory takes a while). */
  toBytesAsync(slices?: TimeSlices | number): Promise<Uint8Array> {
    return runInSlices(this.index.toBytesSteps(), slices);
  }

  /** An index stored by `toBytes` for this catalog; undefined when the bytes are not one (another format, damage). */
  static fromBytes(bytes: Uint8Array, catalog: Catalog): SearchIndex | undefined {
    return runToEnd(SearchIndex.assemble(readSteps(bytes), catalog));
  }

  /** `fromBytes` in slices. */
  static fromBytesAsync(bytes: Uint8Array, catalog: Catalog, slices?: TimeSlices | number): Promise<SearchIndex | undefined> {
    return runInSlices(SearchIndex.assemble(readSteps(bytes), catalog), slices);
  }

  /** Documents indexed. */
  get documentCount(): number {
    return this.index.documentCount;
  }

  /** Distinct index terms. */
  get termCount(): number {
    return this.index.termCount;
  }

  /** Postings (one per term and document): what the index's size grows with. */
  get postingCount(): number {
    return this.index.postingCount;
  }

  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const limit = options.limit ?? 100;
    const { kinds, sector, agreement } = options;
    const accepted = kinds || sector || agreement !== undefined ? this.acceptedDocuments(kinds, sector, agreement) : undefined;
    const parsed = parseQuery(boundedQuery(query).text, (id) => this.numbers.has(`agreement:${id}`));
    const cited = parsed.citations.filter((uid) => {
      const doc = this.numbers.get(`provision:${uid}`);
      return doc !== undefined && (!accepted || accepted[doc] === 1);
    });
    if (parsed.words.length === 0) {
      if (cited.length) return cited.slice(0, limit).map((id) => ({ kind: 'provision', id, score: 1, complete: true, terms: [] }));
      return sector && !query.trim() ? this.browse(accepted!, limit) : [];
    }

    // Every word must match: the rarest word first, then each word only looks at the documents the words before it
    // matched.
    const estimates = new Map(parsed.words.map((w) => [w, this.estimate(w)]));
    const words = [...parsed.words].sort((a, b) => estimates.get(a)! - estimates.get(b)!);
    let perWord: WordMatches[] = [];
    let candidates: Int32Array | undefined;
    for (const word of words) {
      const found = this.matchWordWithFallbacks(word, accepted, candidates);
      perWord.push(found);
      candidates = found.docs;
      if (candidates.length === 0) break;
    }
    let complete = perWord.length === words.length && candidates!.length > 0;
    if (!complete && words.length > 1) {
      // Nothing matches every word: rank what matches most of them (each word on its own this time).
      // The first word was matched on its own already.
      perWord = words.map((word, i) => (i === 0 ? perWord[0] : this.matchWordWithFallbacks(word, accepted, undefined)));
    }

    // "research security Japan", "US–UK 원자력": words naming an agreement only select; the topic words rank.
    // Otherwise the agreement itself (its title matches, its summary mentions everything) or a term whose definition
    // happens to name the agreement would outrank the provision the analyst is after.
    const narrowing = perWord.some((w) => w.named.size > 0) && perWord.some((w) => w.named.size === 0);
    const n = this.infos.length;
    // Per-document sums, reused from search to search (zeroed again below, only where they were written).
    const combined = (this.combined ??= { scores: new Float64Array(n), words: new Uint8Array(n), touched: new Int32Array(n), qualifying: new Int32Array(n) });
    const { scores, words: wordsMatched, touched } = combined;
    let touchedCount = 0;
    for (const { docs, scores: wordScores, bodyOnly, named } of perWord) {
      const scope = named.size > 0;
      for (let i = 0; i < docs.length; i++) {
        const doc = docs[i];
        if (narrowing && scope && bodyOnly[i] && perWord.length > 1) continue;
        if (wordsMatched[doc] === 0) touched[touchedCount++] = doc;
        scores[doc] += narrowing && scope ? 0 : wordScores[i];
        wordsMatched[doc]++;
      }
    }
    const wordCount = words.length;
    let needed = wordCount;
    let matching = 0;
    for (let i = 0; i < touchedCount; i++) if (wordsMatched[touched[i]] === wordCount) matching++;
    complete = matching > 0;
    if (!complete && wordCount > 1) needed = Math.ceil(wordCount / 2);
    // The best `keep` of the documents matching at least `needed` words (a query can match most of the catalog): the
    // page, or more when a phrase may reorder them.
    const phrase = complete && !cited.length ? phraseOf(query) : undefined;
    const keep = phrase ? Math.max(limit, PHRASE_CHECKED) : limit;
    const better = (a: number, b: number) => wordsMatched[b] - wordsMatched[a] || scores[b] - scores[a] || a - b;
    let qualifying = 0;
    for (let i = 0; i < touchedCount; i++) if (wordsMatched[touched[i]] >= needed) combined.qualifying[qualifying++] = touched[i];
    let ranked = topK(combined.qualifying.subarray(0, qualifying), keep, better).map((doc) => ({ doc, score: scores[doc], words: wordsMatched[doc] }));
    // The query is exactly a term's name, alias or abbreviation, or an agreement's short title (`AI`, `MOU`,
    // `한미 팩트시트`): that document goes first, whatever the statistics say.
    const named = complete ? this.names.get(compactName(query)) : undefined;
    if (named) {
      for (const doc of named) {
        if (wordsMatched[doc] === wordCount && !ranked.some((e) => e.doc === doc)) ranked.push({ doc, score: scores[doc], words: wordCount });
      }
      let top = 0;
      for (const e of ranked) top = Math.max(top, e.score);
      for (const e of ranked) if (named.includes(e.doc)) e.score += top;
    }
    const byRank = (a: { doc: number; score: number; words: number }, b: { doc: number; score: number; words: number }) =>
      b.words - a.words || b.score - a.score || a.doc - b.doc;
    if (phrase) {
      // Words in the order typed, next to each other (or a quoted phrase): such documents go first. `ranked` is in
      // rank order, and among themselves such documents keep it: once `limit` of them are found, none further down
      // could be shown, so the check stops there.
      const top = ranked.reduce((max, e) => Math.max(max, e.score), 0);
      let found = 0;
      for (const e of ranked) {
        if (!this.containsPhrase(e.doc, phrase)) continue;
        e.score += top;
        if (++found >= limit) break;
      }
    }
    ranked = topK(ranked, limit, byRank);
    for (let i = 0; i < touchedCount; i++) {
      scores[touched[i]] = 0;
      wordsMatched[touched[i]] = 0;
    }

    const hits: SearchHit[] = [];
    const top = ranked.length ? ranked[0].score : 0;
    for (const uid of cited) hits.push({ kind: 'provision', id: uid, score: top + 1, complete: true, terms: [] });
    for (const e of ranked) {
      if (hits.length >= limit) break;
      const info = this.infos[e.doc];
      if (info.kind === 'provision' && cited.includes(info.id)) continue;
      hits.push({ kind: info.kind, id: info.id, score: e.score, complete: complete && e.words === wordCount, terms: this.matchedTerms(e.doc, perWord) });
    }
    return hits;
  }

  /** The index terms a document matched: what its snippet shows. */
  private matchedTerms(doc: number, perWord: readonly WordMatches[]): string[] {
    const terms = new Set<string>();
    for (const { expansions } of perWord) {
      for (const id of expansions) if (this.index.find(id, doc) >= 0) terms.add(fromIndexKey(this.index.terms[id]));
    }
    return [...terms].filter((t) => t[0] !== REF_PREFIX && t[0] !== INITIALS_PREFIX).concat([...terms].filter((t) => t[0] === INITIALS_PREFIX).map((t) => t.slice(1)));
  }

  /** Whether a document's text has the phrase: its words next to each other, in order. */
  private containsPhrase(doc: number, phrase: RegExp): boolean {
    const info = this.infos[doc];
    const texts: (Texts | undefined)[] = [];
    if (info.kind === 'provision') {
      const provision = this.catalog.provisions.get(info.id);
      texts.push(provision?.text, provision?.heading);
    } else if (info.kind === 'term') {
      const term = this.catalog.terms.get(info.id);
      texts.push(term?.term, term?.definition);
    } else {
      const agreement = this.catalog.agreements.get(info.id);
      texts.push(agreement?.title.official, agreement?.title.short, agreement?.summary);
    }
    return texts.some((t) => t && Object.values(t).some((value) => phrase.test(value)));
  }

  /** Documents a kinds/sector/agreement filter lets through, as a flag per document. */
  private acceptedDocuments(kinds: readonly SearchKind[] | undefined, sector: string | undefined, agreement: string | undefined): Uint8Array {
    const flags = new Uint8Array(this.infos.length);
    const accepts = (info: DocumentInfo) => (!kinds || kinds.includes(info.kind)) && (!sector || info.sectors.includes(sector));
    if (agreement !== undefined) {
      // Only the agreement's own documents are looked at: the filter costs its size, not the catalog's.
      const parent = this.numbers.get(`agreement:${agreement}`);
      if (parent === undefined) return flags;
      if (accepts(this.infos[parent])) flags[parent] = 1;
      for (const doc of this.provisionsOf[parent] ?? []) if (accepts(this.infos[doc])) flags[doc] = 1;
      return flags;
    }
    this.infos.forEach((info, doc) => {
      if (accepts(info)) flags[doc] = 1;
    });
    return flags;
  }

  /** About how many documents a word matches as typed (prefix expansions included). */
  private estimate(word: QueryWord): number {
    let whole = 0;
    let rarestBigram = Number.MAX_SAFE_INTEGER;
    for (const alt of word.alternatives) {
      for (const key of alternativeKeys(alt)) {
        if (alt.bigram) {
          const id = this.index.idOf(key);
          rarestBigram = Math.min(rarestBigram, id < 0 ? 0 : this.index.frequency(id));
        } else if (alt.prefix === true) {
          whole += this.index.prefixFrequency(key);
        } else {
          const id = this.index.idOf(key);
          whole += id < 0 ? 0 : this.index.frequency(id);
        }
      }
    }
    return whole + (rarestBigram === Number.MAX_SAFE_INTEGER ? 0 : rarestBigram);
  }

  private browse(accepted: Uint8Array, limit: number): SearchHit[] {
    const hits: SearchHit[] = [];
    for (let doc = 0; doc < this.infos.length && hits.length < limit; doc++) {
      if (accepted[doc] !== 1) continue;
      const info = this.infos[doc];
      hits.push({ kind: info.kind, id: info.id, score: 0, complete: true, terms: [] });
    }
    return hits;
  }

  /**
   * A word's matches among `candidates` (all documents when undefined): as typed first; a word that matches nothing
   * is retried as a prefix, then with typo tolerance, then as typed with the other keyboard layout.
   */
  private matchWordWithFallbacks(word: QueryWord, accepted: Allowed, candidates: Int32Array | undefined): WordMatches {
    let found = this.matchWord(word, accepted, candidates, 'typed');
    // A word the index has, which only does not occur together with the other words, is no typo to correct.
    if (found.docs.length || (candidates && this.estimate(word) > 0)) return found;
    if (word.alternatives.some((a) => a.prefix === 'fallback')) found = this.matchWord(word, accepted, candidates, 'prefix');
    if (!found.docs.length && word.alternatives.some((a) => a.fuzzy)) found = this.matchWord(word, accepted, candidates, 'fuzzy');
    if (!found.docs.length && word.fallback) found = this.matchWordWithFallbacks(word.fallback, accepted, candidates);
    return found;
  }

  /** The index terms an alternative expands to at this tier, each with how much it counts. */
  private expansions(alt: Alternative, tier: Tier): { id: number; weight: number }[] {
    const out: { id: number; weight: number }[] = [];
    for (const key of alternativeKeys(alt)) {
      const exact = this.index.idOf(key);
      if (exact >= 0) out.push({ id: exact, weight: 1 });
      if (alt.prefix === true || (alt.prefix === 'fallback' && tier !== 'typed')) {
        const [first, end] = this.index.prefixRange(key);
        let ids: number[] = [];
        for (let id = first; id < end; id++) if (id !== exact) ids.push(id);
        if (ids.length > MAX_PREFIX_EXPANSIONS) {
          ids = topK(ids, MAX_PREFIX_EXPANSIONS, (a, b) => this.index.frequency(b) - this.index.frequency(a) || a - b);
        }
        for (const id of ids) {
          const length = this.index.terms[id].length;
          out.push({ id, weight: (PREFIX_WEIGHT * length) / (length + 0.3 * (length - key.length)) });
        }
      }
      if (tier === 'fuzzy' && alt.fuzzy) {
        for (const [id, distance] of this.index.fuzzy(key, alt.fuzzy)) {
          if (distance === 0) continue;
          const length = this.index.terms[id].length;
          out.push({ id, weight: (FUZZY_WEIGHT * length) / (length + distance) });
        }
      }
    }
    return out;
  }

  /** Per-document sums of `search`, reused from call to call (each call leaves them zeroed). */
  private combined: { scores: Float64Array; words: Uint8Array; touched: Int32Array; qualifying: Int32Array } | undefined;

  /** Per-document working arrays of `matchWord`, reused from call to call (each call leaves them zeroed). */
  private scratch:
    | { score: Float64Array; best: Float64Array; alternatives: Uint32Array; flags: Uint8Array; allowed: Uint8Array; candidate: Uint8Array; seen: Int32Array; touched: Int32Array; allowedList: Int32Array }
    | undefined;

  /** Documents matching one query word, with that word's score. */
  private matchWord(word: QueryWord, accepted: Allowed, candidates: Int32Array | undefined, tier: Tier): WordMatches {
    const n = this.infos.length;
    const scratch = (this.scratch ??= {
      score: new Float64Array(n),
      best: new Float64Array(n),
      alternatives: new Uint32Array(n),
      flags: new Uint8Array(n),
      allowed: new Uint8Array(n),
      candidate: new Uint8Array(n),
      seen: new Int32Array(n),
      touched: new Int32Array(n),
      allowedList: new Int32Array(n),
    });
    const { score, best, alternatives: alternativesOf, flags, candidate, seen, touched } = scratch;
    const { docs: postingDocs, masks: postingMasks, weights: postingWeights, offsets } = this.index;
    // Documents outside the candidates are skipped while scoring. Agreements of candidate provisions stay in: their
    // name may be what those provisions match.
    let allowed: Allowed = accepted;
    let allowedList: Int32Array | undefined;
    if (candidates) {
      allowed = scratch.allowed;
      let allowedCount = 0;
      const list = scratch.allowedList;
      for (const doc of candidates) {
        candidate[doc] = 1;
        if (accepted && !accepted[doc]) continue;
        allowed[doc] = 1;
        list[allowedCount++] = doc;
        const parentDoc = this.parentOf[doc];
        if (parentDoc >= 0 && !allowed[parentDoc]) {
          allowed[parentDoc] = 1;
          list[allowedCount++] = parentDoc;
        }
      }
      allowedList = list.subarray(0, allowedCount);
    }
    let seenCount = 0;
    const expansionIds: number[] = [];
    let bigramBits = 0;
    let wholeBits = 0;
    word.alternatives.forEach((alt, a) => {
      const bit = a < 31 ? 1 << a : 0;
      if (alt.bigram) bigramBits |= bit;
      else wholeBits |= bit;
      const fieldMask = alternativeMask(alt);
      // A document counts each alternative once, by its best expansion: a name with several forms starting with the
      // typed prefix does not outrank one that is exactly what was typed.
      let touchedCount = 0;
      for (const { id, weight } of this.expansions(alt, tier)) {
        expansionIds.push(id);
        const factor = alt.weight * weight * this.index.idf(id);
        const exactName = weight === 1 ? 1 : 0;
        const from = offsets[id];
        const to = offsets[id + 1];
        // Few candidates left (rarest word first): look each one up instead of reading the whole list.
        const lookUp = allowedList !== undefined && allowedList.length * 16 < to - from;
        const count = lookUp ? allowedList!.length : to - from;
        for (let k = 0; k < count; k++) {
          const i = lookUp ? this.index.find(id, allowedList![k]) : from + k;
          if (i < 0) continue;
          const doc = postingDocs[i];
          const mask = postingMasks[i];
          if (!(mask & fieldMask) || (allowed !== undefined && !allowed[doc])) continue;
          if (flags[doc] === 0) seen[seenCount++] = doc;
          if (best[doc] === 0) touched[touchedCount++] = doc;
          const value = factor * postingWeights[i];
          if (value > best[doc]) best[doc] = value;
          alternativesOf[doc] |= bit;
          flags[doc] |= (exactName && mask & NAME_MASK ? 1 : 0) | (mask & ~FIELD_BIT.body ? 2 : 0) | 4;
        }
      }
      for (let k = 0; k < touchedCount; k++) {
        const doc = touched[k];
        score[doc] += best[doc];
        best[doc] = 0;
      }
    });
    // In document order: a sort for a few, a sweep over the flags for many (a common word matches most documents).
    let order: Int32Array;
    if (seenCount < n / 32) order = seen.slice(0, seenCount).sort();
    else {
      order = new Int32Array(seenCount);
      for (let doc = 0, k = 0; doc < n; doc++) if (flags[doc]) order[k++] = doc;
    }
    const total = popCount(bigramBits);
    let docs = new Int32Array(seenCount);
    let scores = new Float64Array(seenCount);
    let bodyOnly = new Uint8Array(seenCount);
    let count = 0;
    const named = new Set<number>();
    for (const doc of order) {
      const alternatives = alternativesOf[doc];
      const docFlags = flags[doc];
      const docScore = score[doc];
      score[doc] = 0;
      alternativesOf[doc] = 0;
      flags[doc] = 0;
      // Without bigrams every alternative is the whole word: any document matched it.
      let coverage = 1;
      if (total > 0 && !(alternatives & wholeBits)) {
        const matchedBigrams = popCount(alternatives & bigramBits);
        if (matchedBigrams < word.bigramsRequired) continue;
        coverage = (matchedBigrams / total) ** 2;
      }
      const info = this.infos[doc];
      if (info.kind === 'agreement' && docFlags & 1) named.add(doc);
      if (candidates && !candidate[doc]) continue; // matched only to pass its name on to its provisions
      docs[count] = doc;
      scores[count] = (docScore / Math.sqrt(Math.max(1, popCount(alternatives)))) * coverage;
      // Only terms are ever judged by where they matched (see `narrowing`).
      bodyOnly[count] = info.kind === 'term' && !(docFlags & 2) ? 1 : 0;
      count++;
    }
    docs = docs.subarray(0, count);
    scores = scores.subarray(0, count);
    bodyOnly = bodyOnly.subarray(0, count);
    // A word naming an agreement matches its provisions (weakly: the provision does not say it, its agreement does).
    if (named.size) {
      const matched = new Uint8Array(n);
      const agreementScores = new Map<number, number>();
      docs.forEach((doc, i) => {
        matched[doc] = 1;
        if (named.has(doc)) agreementScores.set(doc, scores[i]);
      });
      const extra: { doc: number; score: number }[] = [];
      for (const agreement of named) {
        const agreementScore = agreementScores.get(agreement) ?? 0;
        for (const doc of this.provisionsOf[agreement]!) {
          if ((candidates && !candidate[doc]) || (accepted && !accepted[doc]) || matched[doc]) continue;
          matched[doc] = 1;
          extra.push({ doc, score: agreementScore * INHERITED });
        }
      }
      if (extra.length) {
        const grow = <T extends Int32Array | Float64Array | Uint8Array>(array: T, make: (size: number) => T, tail: (e: (typeof extra)[0]) => number): T => {
          const next = make(array.length + extra.length);
          next.set(array);
          extra.forEach((e, i) => (next[array.length + i] = tail(e)));
          return next;
        };
        docs = grow(docs, (size) => new Int32Array(size), (e) => e.doc);
        scores = grow(scores, (size) => new Float64Array(size), (e) => e.score);
        bodyOnly = grow(bodyOnly, (size) => new Uint8Array(size), () => 0);
      }
    }
    if (candidates) {
      for (const doc of candidates) candidate[doc] = 0;
      for (const doc of allowedList!) scratch.allowed[doc] = 0;
    }
    return { docs, scores, bodyOnly, named, expansions: expansionIds };
  }
}

/** Best-ranked documents checked for the words of the query as a phrase. */
const PHRASE_CHECKED = 1000;

/**
 * The phrase a query asks for: its quoted part (two words or more), or else all its words in the order typed when
 * there are three or more (two words, such as `연구 안보를` or `R&D`, say too little about order to rank by it).
 * Matched case-insensitively against the text as written, words separated by anything that is not a letter or digit.
 */
function phraseOf(query: string): RegExp | undefined {
  const quoted = /"([^"]+)"|“([^”]+)”/.exec(query);
  const text = boundedQuery(quoted ? (quoted[1] ?? quoted[2]) : query).text;
  const spaced = text.trim().split(/\s+/).length;
  if (spaced < (quoted ? 2 : 3)) return undefined;
  const words = text
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, MAX_QUERY_WORDS)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?<![\\p{L}\\p{N}])${words.join('[^\\p{L}\\p{N}]+')}`, 'iu');
}

/** The index terms (see `indexKey` and the namespaces of termIndex.ts) an alternative is looked up as. */
function alternativeKeys(alt: Alternative): string[] {
  const keys: string[] = [];
  if (alt.fields.some((f) => TEXT_FIELDS.includes(f as TextField))) keys.push(indexKey(alt.term));
  if (alt.fields.includes('ref')) keys.push(REF_PREFIX + alt.term.toLowerCase());
  if (alt.fields.some((f) => (INITIALS_FIELDS as readonly string[]).includes(f))) keys.push(INITIALS_PREFIX + alt.term);
  return keys;
}

function alternativeMask(alt: Alternative): number {
  let mask = 0;
  for (const field of alt.fields) mask |= FIELD_BIT[field as FieldName] ?? 0;
  return mask;
}

function popCount(n: number): number {
  let count = 0;
  for (let v = n >>> 0; v; v &= v - 1) count++;
  return count;
}

function newBuilder(): TermIndexBuilder {
  return new TermIndexBuilder(BOOST as Record<FieldName, number>);
}

/** Reading the bytes back is one step (a generator, so that it composes with the other steps). */
function* readSteps(bytes: Uint8Array): Generator<void, TermIndex | undefined> {
  return TermIndex.fromBytes(bytes);
}

/** The index's construction, a step per document and then the steps of `TermIndexBuilder.finishSteps`. */
function* buildSteps(catalog: Catalog): Generator<void, TermIndex> {
  const builder = newBuilder();
  const analyzer = new Analyzer(builder.id);
  for (const doc of searchDocumentSteps(catalog)) {
    builder.addDocument(analyzer.documentTermIds(doc));
    yield;
  }
  return yield* builder.finishSteps();
}

/**
 * A fingerprint of everything the index is built from (the text of every field of every document, and the analysis
 * version): an index stored under it is valid for exactly this catalog. 53 bits of two interleaved 32-bit hashes.
 */
export function catalogFingerprint(catalog: Catalog): string {
  return runToEnd(fingerprintSteps(catalog));
}

/** `catalogFingerprint` in time slices (it reads every text of the catalog once). */
export function catalogFingerprintAsync(catalog: Catalog, slices?: TimeSlices | number): Promise<string> {
  return runInSlices(fingerprintSteps(catalog), slices);
}

function* fingerprintSteps(catalog: Catalog): Generator<void, string> {
  let h1 = 0xdeadbeef ^ ANALYSIS_VERSION;
  let h2 = 0x41c6ce57 ^ ANALYSIS_VERSION;
  const add = (value: string) => {
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    h1 = Math.imul(h1 ^ 0x1f, 2654435761); // a separator, so that ("ab", "c") and ("a", "bc") differ
  };
  for (const doc of searchDocumentSteps(catalog)) {
    add(doc.key);
    for (const field of FIELDS) add((doc as unknown as Record<string, string>)[field] ?? '');
    yield;
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** Bumped whenever the analysis changes what terms a text yields (a stored index is then rebuilt). */
const ANALYSIS_VERSION = 1;

/** Builds the search index of a catalog (synchronously). */
export function buildSearchIndex(catalog: Catalog): SearchIndex {
  return SearchIndex.build(catalog);
}
