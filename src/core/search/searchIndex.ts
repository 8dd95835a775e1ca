// Full-text search over agreements, provisions and glossary terms, in Korean and English at once.
//
// One MiniSearch index, with its own analysis (MiniSearch's whitespace tokenizer knows nothing about Korean):
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
// A document must match every query word (rarest first: later words only look at what earlier ones matched); when
// nothing does, the documents matching most of them are returned, marked incomplete. Citation tokens
// (tda:kr-us-tpd/28) and item numbers (atlas item 28, 아틀라스 항목 28, and habits such as 제28항) are understood.
// Pure TypeScript, no `vscode`.
import type MiniSearch from 'minisearch';
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

export type SearchKind = 'agreement' | 'provision' | 'term';
export const SEARCH_KINDS: readonly SearchKind[] = ['agreement', 'provision', 'term'];

export interface SearchOptions {
  /** Most hits returned (default 100). */
  limit?: number;
  /** Only these kinds. */
  kinds?: readonly SearchKind[];
  /** Only provisions in this sector, terms related to it and agreements with provisions in it. */
  sector?: string;
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
  /** Position in catalog order, for listing a sector without a query. */
  order: number;
  /** A provision's agreement (key), or an agreement's provisions (keys). */
  agreement?: string;
  provisions?: readonly string[];
}

/** Every language a text has: an imported article is found by its Spanish words as well. */
const both = (value: Texts | undefined) => (value ? Object.values(value).join('\n') : '');
const lines = (...parts: (string | undefined)[]) => parts.filter((p) => p).join('\n');

/** The text each field of each document is built from. Exported for tests and for the snippet builder. */
export function searchDocuments(catalog: Catalog): SearchDocument[] {
  const partyNames = (ids: readonly string[]) =>
    lines(
      ...ids.map((id) => {
        const party = catalog.parties.get(id);
        return lines(id, both(party?.short), both(party?.name));
      }),
    );
  const docs: SearchDocument[] = [];
  for (const agreement of catalog.agreements.values()) {
    docs.push({
      key: `agreement:${agreement.id}`,
      kind: 'agreement',
      id: agreement.id,
      title: lines(both(agreement.title.short), both(agreement.title.official)),
      alias: agreement.id,
      context: lines(partyNames(agreement.parties), both(agreement.place), agreement.date),
      body: lines(both(agreement.summary), both(agreement.legalNature.description)),
      ref: '',
    });
    for (const provision of agreement.provisions) {
      docs.push({
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
      });
    }
  }
  for (const term of catalog.terms.values()) {
    docs.push({
      key: `term:${term.id}`,
      kind: 'term',
      id: term.id,
      title: lines(both(term.term), ...(term.abbreviations ?? [])),
      alias: lines(...(term.aliases?.ko ?? []), ...(term.aliases?.en ?? [])),
      context: '',
      body: both(term.definition),
      ref: '',
    });
  }
  return docs;
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

function documentInfos(catalog: Catalog): Map<string, DocumentInfo> {
  const infos = new Map<string, DocumentInfo>();
  let order = 0;
  for (const agreement of catalog.agreements.values()) {
    const sectors = new Set(agreement.provisions.flatMap((p) => p.sectors));
    const key = `agreement:${agreement.id}`;
    const provisions = agreement.provisions.map((p) => `provision:${p.uid}`);
    infos.set(key, { kind: 'agreement', id: agreement.id, sectors: [...sectors], order: order++, provisions });
    for (const p of agreement.provisions) {
      infos.set(`provision:${p.uid}`, { kind: 'provision', id: p.uid, sectors: p.sectors, order: order++, agreement: key });
    }
  }
  for (const term of catalog.terms.values()) {
    infos.set(`term:${term.id}`, { kind: 'term', id: term.id, sectors: term.related?.sectors ?? [], order: order++ });
  }
  return infos;
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

/**
 * Turns field text into index terms. Memoizes word analyses, since a catalog repeats the same words thousands of
 * times; one analyzer lives as long as one index.
 */
class Analyzer {
  private readonly latin = new Map<string, readonly string[]>();
  private readonly initials = new Map<string, string>();

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

function refWord(number: string): QueryWord {
  return { alternatives: [{ term: number.toLowerCase(), fields: ['ref'], weight: 1 }], bigramsRequired: 0 };
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
  rest = rest.replace(PROVISION_NUMBER, (_m, ...groups: (string | undefined)[]) => {
    const number = groups.slice(0, 6).find((g) => g);
    if (number) words.push(refWord(number));
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

interface WordMatch {
  score: number;
  /** Index keys (see `indexKey`) of the terms matched. */
  terms: string[];
  /** Matched only in body text (a summary or definition), not in any name or heading. */
  bodyOnly: boolean;
}

interface WordMatches {
  matches: Map<string, WordMatch>;
  /**
   * Agreements the word names (US–UK, 한미, MOU, Japan: it is in their title or among their parties). Their
   * provisions match the word too; mixed with topic words, such a word narrows the search to those agreements
   * instead of ranking.
   */
  named: Set<string>;
}

const NAME_FIELDS = new Set(['title', 'alias', 'context', 'ref']);
const BODY_FIELDS = new Set(['body']);
/** Score a provision gets from a word that names its agreement (relative to the agreement's own score). */
const INHERITED = 0.1;

const SEARCH_DEFAULTS = { tokenize: (q: string) => [q], processTerm: (t: string) => t };

/** Which of its alternatives a word is searched with: as typed, then wider ones when that finds nothing. */
type Tier = 'typed' | 'prefix' | 'fuzzy';
/** The kinds/sector filter of a search; undefined when everything is accepted. */
type Accept = ((key: string) => boolean) | undefined;

/** The first `k` of `items` in `order`, without sorting them all (a query can match thousands of documents). */
function topK<T>(items: T[], k: number, order: (a: T, b: T) => number): T[] {
  if (items.length <= k * 2) return items.sort(order);
  const best: T[] = [];
  for (const item of items) {
    if (best.length === k && order(item, best[k - 1]) >= 0) continue;
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (order(item, best[mid]) < 0) hi = mid;
      else lo = mid + 1;
    }
    best.splice(lo, 0, item);
    if (best.length > k) best.pop();
  }
  return best;
}

export class SearchIndex {
  private readonly infos: ReadonlyMap<string, DocumentInfo>;
  private readonly names: ReadonlyMap<string, readonly string[]>;
  private readonly uids: ReadonlySet<string>;

  private readonly mini: MiniSearch<SearchDocument>;
  private readonly frequencies: DocumentFrequencies;

  private constructor(index: ReturnType<typeof createMiniSearch>, catalog: Catalog) {
    this.mini = index.mini;
    this.frequencies = index.frequencies;
    this.infos = documentInfos(catalog);
    this.names = documentNames(catalog);
    this.uids = new Set(catalog.provisions.keys());
  }

  /** Builds the index synchronously (a few milliseconds for the shipped dataset). */
  static build(catalog: Catalog): SearchIndex {
    const index = createMiniSearch();
    index.mini.addAll(searchDocuments(catalog));
    return new SearchIndex(index, catalog);
  }

  /** Builds the index in chunks, yielding to the event loop between them (for large catalogs). */
  static async buildAsync(catalog: Catalog, chunkSize = 200): Promise<SearchIndex> {
    const index = createMiniSearch();
    await index.mini.addAllAsync(searchDocuments(catalog), { chunkSize });
    return new SearchIndex(index, catalog);
  }

  /** Documents indexed. */
  get documentCount(): number {
    return this.mini.documentCount;
  }

  /** Distinct index terms. */
  get termCount(): number {
    return this.mini.termCount;
  }

  search(query: string, options: SearchOptions = {}): SearchHit[] {
    const limit = options.limit ?? 100;
    const { kinds, sector } = options;
    const accept =
      kinds || sector
        ? (key: string) => {
            const info = this.infos.get(key);
            return !!info && (!kinds || kinds.includes(info.kind)) && (!sector || info.sectors.includes(sector));
          }
        : undefined;
    const parsed = parseQuery(boundedQuery(query).text, (id) => this.infos.has(`agreement:${id}`));
    const cited = parsed.citations.filter((uid) => this.uids.has(uid) && (!accept || accept(`provision:${uid}`)));
    if (parsed.words.length === 0) {
      if (cited.length) return cited.slice(0, limit).map((id) => ({ kind: 'provision', id, score: 1, complete: true, terms: [] }));
      return sector && !query.trim() ? this.browse(accept!, limit) : [];
    }

    // Every word must match: the rarest word first, then each word only looks at the documents the words before it
    // matched.
    const estimates = new Map(parsed.words.map((w) => [w, this.estimate(w)]));
    const words = [...parsed.words].sort((a, b) => estimates.get(a)! - estimates.get(b)!);
    let perWord: WordMatches[] = [];
    let candidates: Set<string> | undefined;
    for (const word of words) {
      const found = this.matchWordWithFallbacks(word, accept, candidates);
      perWord.push(found);
      candidates = new Set(found.matches.keys());
      if (candidates.size === 0) break;
    }
    let complete = perWord.length === words.length && candidates!.size > 0;
    if (!complete && words.length > 1) {
      // Nothing matches every word: rank what matches most of them (each word on its own this time).
      // The first word was matched on its own already.
      perWord = words.map((word, i) => (i === 0 ? perWord[0] : this.matchWordWithFallbacks(word, accept, undefined)));
    }

    // "research security Japan", "US–UK 원자력": words naming an agreement only select; the topic words rank.
    // Otherwise the agreement itself (its title matches, its summary mentions everything) or a term whose definition
    // happens to name the agreement would outrank the provision the analyst is after.
    const narrowing = perWord.some((w) => w.named.size > 0) && perWord.some((w) => w.named.size === 0);
    const combined = new Map<string, { key: string; score: number; words: number }>();
    if (perWord.length === 1) {
      // One word: its matches are the ranking (no merging needed).
      for (const [key, m] of perWord[0].matches) combined.set(key, { key, score: m.score, words: 1 });
    } else {
      for (const { matches, named } of perWord) {
        const scope = named.size > 0;
        for (const [key, m] of matches) {
          if (narrowing && scope && m.bodyOnly && key.startsWith('term:')) continue;
          let entry = combined.get(key);
          if (!entry) combined.set(key, (entry = { key, score: 0, words: 0 }));
          entry.score += narrowing && scope ? 0 : m.score;
          entry.words += 1;
        }
      }
    }
    const wordCount = words.length;
    let ranked: { key: string; score: number; words: number }[] = [];
    for (const e of combined.values()) if (e.words === wordCount) ranked.push(e);
    complete = ranked.length > 0;
    if (!complete && wordCount > 1) {
      const needed = Math.ceil(wordCount / 2);
      for (const e of combined.values()) if (e.words >= needed) ranked.push(e);
    }
    // The query is exactly a term's name, alias or abbreviation, or an agreement's short title (`AI`, `MOU`,
    // `한미 팩트시트`): that document goes first, whatever the statistics say.
    const named = this.names.get(compactName(query));
    if (named && complete) {
      let best = 0;
      for (const e of ranked) best = Math.max(best, e.score);
      for (const e of ranked) if (named.includes(e.key)) e.score += best;
    }
    ranked = topK(ranked, limit, (a, b) => b.words - a.words || b.score - a.score || this.order(a.key) - this.order(b.key));

    const hits: SearchHit[] = [];
    const top = ranked.length ? ranked[0].score : 0;
    for (const uid of cited) hits.push({ kind: 'provision', id: uid, score: top + 1, complete: true, terms: [] });
    for (const e of ranked) {
      if (hits.length >= limit) break;
      const info = this.infos.get(e.key)!;
      if (info.kind === 'provision' && cited.includes(info.id)) continue;
      const terms = new Set<string>();
      for (const { matches } of perWord) for (const t of matches.get(e.key)?.terms ?? []) terms.add(fromIndexKey(t));
      hits.push({ kind: info.kind, id: info.id, score: e.score, complete: complete && e.words === wordCount, terms: [...terms] });
    }
    return hits;
  }

  /** About how many documents a word matches as typed (prefix expansions included). */
  private estimate(word: QueryWord): number {
    let whole = 0;
    let rarestBigram = Number.MAX_SAFE_INTEGER;
    for (const alt of word.alternatives) {
      const key = indexKey(alt.term);
      if (alt.bigram) rarestBigram = Math.min(rarestBigram, this.frequencies.of(key));
      else whole += alt.prefix === true ? this.frequencies.withPrefix(key) : this.frequencies.of(key);
    }
    return whole + (rarestBigram === Number.MAX_SAFE_INTEGER ? 0 : rarestBigram);
  }

  private order(key: string): number {
    return this.infos.get(key)?.order ?? Number.MAX_SAFE_INTEGER;
  }

  private browse(accept: (key: string) => boolean, limit: number): SearchHit[] {
    return [...this.infos]
      .filter(([key]) => accept(key))
      .sort(([, a], [, b]) => a.order - b.order)
      .slice(0, limit)
      .map(([, info]) => ({ kind: info.kind, id: info.id, score: 0, complete: true, terms: [] }));
  }

  /**
   * A word's matches among `candidates` (all documents when undefined): as typed first; a word that matches nothing
   * is retried as a prefix, then with typo tolerance, then as typed with the other keyboard layout.
   */
  private matchWordWithFallbacks(word: QueryWord, accept: Accept, candidates: Set<string> | undefined): WordMatches {
    let found = this.matchWord(word, accept, candidates, 'typed');
    // A word the index has, which only does not occur together with the other words, is no typo to correct.
    if (found.matches.size || (candidates && this.estimate(word) > 0)) return found;
    if (word.alternatives.some((a) => a.prefix === 'fallback')) found = this.matchWord(word, accept, candidates, 'prefix');
    if (!found.matches.size && word.alternatives.some((a) => a.fuzzy)) found = this.matchWord(word, accept, candidates, 'fuzzy');
    if (!found.matches.size && word.fallback) found = this.matchWordWithFallbacks(word.fallback, accept, candidates);
    return found;
  }

  /** Documents matching one query word, with that word's score and the index terms it matched. */
  private matchWord(word: QueryWord, accept: Accept, candidates: Set<string> | undefined, tier: Tier): WordMatches {
    // Documents outside the candidates are skipped while scoring (a zero boost), not filtered afterwards. Agreements
    // of candidate provisions stay in: their name may be what those provisions match.
    const restricted = !!candidates || !!accept;
    const parents = candidates && this.parentsOf(candidates);
    const results = this.mini.search(
      {
        combineWith: 'OR',
        queries: word.alternatives.map((alt) => ({
          queries: [indexKey(alt.term)],
          fields: [...alt.fields],
          prefix: alt.prefix === true || (alt.prefix === 'fallback' && tier !== 'typed'),
          fuzzy: (tier === 'fuzzy' && alt.fuzzy) || false,
          boostTerm: () => alt.weight,
        })),
      },
      {
        ...SEARCH_DEFAULTS,
        boostDocument: restricted
          ? (id: string) => ((!accept || accept(id)) && (!candidates || candidates.has(id) || parents!.has(id)) ? 1 : 0)
          : undefined,
      },
    );
    const bigrams = new Set(word.alternatives.filter((a) => a.bigram).map((a) => indexKey(a.term)));
    const wholeWords = new Set(word.alternatives.filter((a) => !a.bigram).map((a) => indexKey(a.term)));
    const total = bigrams.size;
    const exact = new Set(word.alternatives.map((a) => indexKey(a.term)));
    const matches = new Map<string, WordMatch>();
    const named = new Set<string>();
    for (const r of results) {
      const queryTerms = r.queryTerms;
      // Without bigrams every alternative is the whole word: any result matched it.
      let coverage = 1;
      if (total > 0 && !queryTerms.some((t) => wholeWords.has(t))) {
        let matchedBigrams = 0;
        for (const t of queryTerms) if (bigrams.has(t)) matchedBigrams++;
        if (matchedBigrams < word.bigramsRequired) continue;
        coverage = (matchedBigrams / total) ** 2;
      }
      const key = r.id as string;
      const match = r.match as Record<string, string[]>;
      if (key.startsWith('agreement:') && Object.entries(match).some(([term, fs]) => exact.has(term) && fs.some((f) => NAME_FIELDS.has(f)))) {
        named.add(key);
      }
      if (candidates && !candidates.has(key)) continue; // matched only to pass its name on to its provisions
      // Only terms are ever judged by where they matched (see `narrowing`).
      const bodyOnly = key.startsWith('term:') && Object.values(match).every((fs) => fs.every((f) => BODY_FIELDS.has(f)));
      // MiniSearch multiplies by the number of query terms matched; undo that and weigh bigram coverage instead.
      const n = Math.max(1, queryTerms.length);
      matches.set(key, { score: (r.score / n) * Math.sqrt(n) * coverage, terms: r.terms, bodyOnly });
    }
    // A word naming an agreement matches its provisions (weakly: the provision does not say it, its agreement does).
    for (const agreementKey of named) {
      const agreementScore = matches.get(agreementKey)?.score ?? 0;
      for (const key of this.infos.get(agreementKey)!.provisions!) {
        if ((candidates && !candidates.has(key)) || (accept && !accept(key)) || matches.has(key)) continue;
        matches.set(key, { score: agreementScore * INHERITED, terms: [], bodyOnly: false });
      }
    }
    return { matches, named };
  }

  /** Agreements (keys) of the provisions among `keys`. */
  private parentsOf(keys: Set<string>): Set<string> {
    const parents = new Set<string>();
    for (const key of keys) {
      const parent = this.infos.get(key)?.agreement;
      if (parent) parents.add(parent);
    }
    return parents;
  }

}

/**
 * How many documents contain each index term, counted while indexing: a query matches its rarest word first, and a
 * word's estimate includes every term its prefix expands to.
 */
class DocumentFrequencies {
  private readonly counts = new Map<string, number>();
  private seen = new Set<string>();
  private sorted: string[] | undefined;

  startDocument(): void {
    this.seen = new Set();
  }

  add(terms: readonly string[]): void {
    for (const term of terms) {
      if (this.seen.has(term)) continue;
      this.seen.add(term);
      this.counts.set(term, (this.counts.get(term) ?? 0) + 1);
    }
  }

  of(term: string): number {
    return this.counts.get(term) ?? 0;
  }

  /** Documents containing a term that starts with `prefix` (an upper bound: a document may contain several). */
  withPrefix(prefix: string): number {
    const sorted = (this.sorted ??= [...this.counts.keys()].sort());
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    let total = 0;
    for (let i = lo; i < sorted.length && sorted[i].startsWith(prefix); i++) total += this.counts.get(sorted[i])!;
    return total;
  }
}

/** MiniSearch is required on first use so that evaluating the extension bundle (activation) does not pay for it. */
function miniSearchClass(): typeof MiniSearch {
  const loaded = require('minisearch') as typeof MiniSearch | { default: typeof MiniSearch };
  return 'default' in loaded ? loaded.default : loaded;
}

function createMiniSearch(): { mini: MiniSearch<SearchDocument>; frequencies: DocumentFrequencies } {
  const analyzer = new Analyzer();
  const frequencies = new DocumentFrequencies();
  const mini = new (miniSearchClass())<SearchDocument>({
    idField: 'key',
    fields: FIELDS,
    storeFields: [],
    extractField: (doc, field) => {
      if (field === 'key') frequencies.startDocument(); // MiniSearch reads the id first, once per document
      if (field === 'initialsName') return `${doc.title}\n${doc.alias}`;
      if (field === 'initialsContext') return doc.context;
      return (doc as unknown as Record<string, string>)[field];
    },
    tokenize: (value, field) => {
      const terms = analyzer.fieldTerms(value, field ?? 'body');
      frequencies.add(terms);
      return terms;
    },
    processTerm: (term) => term,
    searchOptions: { ...SEARCH_DEFAULTS, boost: BOOST },
  });
  return { mini, frequencies };
}

/** Builds the search index of a catalog (synchronously). */
export function buildSearchIndex(catalog: Catalog): SearchIndex {
  return SearchIndex.build(catalog);
}
