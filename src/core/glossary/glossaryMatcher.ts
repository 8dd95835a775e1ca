// Finds glossary terms (canonical forms, aliases, abbreviations) in running text, Korean and English alike.
//
// Rules (what a match is):
//  - Latin script: case-insensitive (abbreviations case-sensitive), whole words only ("Artemis" never matches inside
//    "Artemisia"), plurals ("Fact Sheets", "MOUs", "technologies") and possessives ("Artemis'", "NASA's": the
//    apostrophe ends the word) included. Dashes (‐ – — −) match "-", curly apostrophes match "'".
//  - Korean: spaces inside a term are optional ("공동 팩트시트" = "공동팩트시트"); a term may be followed directly by
//    particles and a plural that agree with its last syllable ("아르테미스 계획에", "공동 팩트시트를", "한국연구재단과",
//    "계획들에서는") but never by other syllables ("계획가", "공동체"), and it never starts inside a word.
//  - Up to MAX_GAP spaces may stand where a term has one space (or where Korean allows none); longer gaps, tabs
//    and line breaks end a term.
//  - Overlaps: every start position yields at most its longest valid match; a match is kept unless an overlapping one
//    is longer (equal length: the one that starts first wins). So "Joint Fact Sheet" beats "Fact Sheet", and the
//    rule is local, which is what lets `findAt` look at a bounded window only.
//  - Ranges never include surrounding whitespace, particles or the possessive apostrophe; plural endings are part of
//    the word and are included.
//
// Cost: one trie over normalized forms, built once per catalog (`matcherForCatalog` caches it); a query walks the
// trie from word starts only, and `findAt` touches at most ~3 × `maxSpan` characters around the position whatever
// the line or document length. Child lookup is a binary search, so glossary size only adds a log factor.
import { ALTERNATING_PARTICLES, COPULA_ENDINGS, FIXED_PARTICLES, SECOND_PARTICLES, STACKABLE_ALTERNATING, hasFinalConsonant, particleAfter } from '../text/koreanText';
import type { Catalog, TermData } from '../catalog/model';

/** What the matcher needs from a glossary term. */
export type MatchableTerm = Pick<TermData, 'id' | 'term' | 'aliases' | 'abbreviations'>;

export type FormKind = 'term' | 'alias' | 'abbreviation';

export interface GlossaryMatch {
  /** UTF-16 offsets into the searched string; `end` is exclusive. */
  start: number;
  end: number;
  termId: string;
  /** The catalog form (canonical term, alias or abbreviation) that matched, as written in the catalog. */
  form: string;
  kind: FormKind;
}

export interface GlossaryMatcher {
  readonly termCount: number;
  /** Catalog forms (terms, aliases, abbreviations) in the automaton, plural variants not counted. */
  readonly formCount: number;
  /** Upper bound of `end - start` of any match; queries never look further than a few times this. */
  readonly maxSpan: number;
  /** The match containing `character` (start <= character < end) — exactly the one `findAll(line)` would report. */
  findAt(line: string, character: number): GlossaryMatch | undefined;
  /** Every match, in order; with `from`/`to`, only those overlapping [from, to) (work is bounded by that range). */
  findAll(text: string, from?: number, to?: number): GlossaryMatch[];
}

/** Longest run of spaces allowed inside a term. */
export const MAX_GAP = 3;

// ---------------------------------------------------------------------------------------------
// Characters

const enum Cls {
  Other = 0,
  /** Letters, digits, marks and `_` of scripts that separate words with spaces (Latin, Greek, Cyrillic, …). */
  Word = 1,
  Hangul = 2,
  /** Horizontal spaces (space separators); tabs and line breaks are `Other`. */
  Space = 3,
}

const HANGUL_RE = /\p{Script=Hangul}/u;
const WORD_RE = /[\p{L}\p{N}\p{M}_]/u;
const NO_SPACE_SCRIPTS_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
const SPACE_RE = /\p{Zs}/u;

function classify(cp: number): Cls {
  const c = String.fromCodePoint(cp);
  if (SPACE_RE.test(c)) return Cls.Space;
  // Hangul letters (syllables and jamo); Hangul-script symbols such as ㈜ are `Other`.
  if (HANGUL_RE.test(c)) return WORD_RE.test(c) ? Cls.Hangul : Cls.Other;
  if (NO_SPACE_SCRIPTS_RE.test(c)) return Cls.Other;
  return WORD_RE.test(c) ? Cls.Word : Cls.Other;
}

const bmpClass = new Int8Array(0x10000).fill(-1);
const astralClass = new Map<number, Cls>();

function classOf(cp: number): Cls {
  if (cp < 0x10000) {
    let c = bmpClass[cp];
    if (c < 0) c = bmpClass[cp] = classify(cp);
    return c as Cls;
  }
  let c = astralClass.get(cp);
  if (c === undefined) astralClass.set(cp, (c = classify(cp)));
  return c;
}

function isHighSurrogate(u: number): boolean {
  return u >= 0xd800 && u <= 0xdbff;
}
function isLowSurrogate(u: number): boolean {
  return u >= 0xdc00 && u <= 0xdfff;
}

/** Code point starting at `i` (a lone surrogate stands for itself). */
function codePointAt(s: string, i: number): number {
  return s.codePointAt(i) ?? -1;
}

/** Code point ending just before `i`, or -1 at the start. */
function codePointBefore(s: string, i: number): number {
  if (i <= 0) return -1;
  const lo = s.charCodeAt(i - 1);
  if (isLowSurrogate(lo) && i >= 2) {
    const hi = s.charCodeAt(i - 2);
    if (isHighSurrogate(hi)) return (hi - 0xd800) * 0x400 + (lo - 0xdc00) + 0x10000;
  }
  return lo;
}

function classBefore(s: string, i: number): Cls {
  const cp = codePointBefore(s, i);
  return cp < 0 ? Cls.Other : classOf(cp);
}

function classAt(s: string, i: number): Cls {
  return i >= s.length ? Cls.Other : classOf(codePointAt(s, i));
}

/** Hangul is in the BMP, so a code unit test is exact. */
function isHangulUnit(u: number): boolean {
  return u < 0x10000 && !Number.isNaN(u) && classOf(u) === Cls.Hangul;
}

function isSpaceUnit(u: number): boolean {
  return u === 32 || (u > 127 && !Number.isNaN(u) && classOf(u) === Cls.Space);
}

// Folding is per UTF-16 code unit and never changes a string's length, so offsets stay those of the original text.
const DASHES = new Set([0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xfe58, 0xfe63, 0xff0d]);
const APOSTROPHES = new Set([0x2018, 0x2019, 0x02bc, 0xff07]);

function foldExact(u: number): number {
  if (u < 128) return u;
  if (DASHES.has(u)) return 0x2d;
  if (APOSTROPHES.has(u)) return 0x27;
  return u;
}

const lowerTable = new Int32Array(0x10000).fill(-1);
function foldCase(u: number): number {
  if (u < 128) return u >= 65 && u <= 90 ? u + 32 : u;
  let l = lowerTable[u];
  if (l < 0) {
    const f = foldExact(u);
    const lower = String.fromCharCode(f).toLowerCase();
    l = lowerTable[u] = lower.length === 1 ? lower.charCodeAt(0) : f;
  }
  return l;
}

/**
 * The trie key of a form (or of matched text, to verify an exact-case form): folded code units, whitespace runs
 * collapsed to one space between non-Hangul characters and removed next to Hangul.
 */
function normalizeKey(value: string, fold: (u: number) => number): string {
  const out: number[] = [];
  const n = value.length;
  let i = 0;
  while (i < n) {
    if (!isBlankUnit(value.charCodeAt(i))) {
      out.push(fold(value.charCodeAt(i++)));
      continue;
    }
    let j = i + 1;
    while (j < n && isBlankUnit(value.charCodeAt(j))) j++;
    if (out.length > 0 && j < n && !isHangulUnit(value.charCodeAt(i - 1)) && !isHangulUnit(value.charCodeAt(j))) out.push(32);
    i = j;
  }
  return String.fromCharCode(...out);
}

/** Whitespace in catalog forms (any kind counts as one space there). */
function isBlankUnit(u: number): boolean {
  return u === 9 || u === 10 || u === 11 || u === 12 || u === 13 || isSpaceUnit(u);
}

// ---------------------------------------------------------------------------------------------
// Korean endings: particles (josa), the plural 들 and copula forms that may follow a noun directly.

/** Last-syllable classes that decide particle forms: no final consonant, final ㄹ, any other final consonant. */
type SyllableClass = 'vowel' | 'rieul' | 'consonant';

const REPRESENTATIVE: Record<SyllableClass, string> = { vowel: '가', rieul: '갈', consonant: '각' };

function buildEndings(cls: SyllableClass): Set<string> {
  const out = new Set<string>(['']);
  const stem = REPRESENTATIVE[cls];
  for (const plural of ['', '들']) {
    const word = stem + plural;
    const add = (base: string, stackable: boolean) => {
      out.add(plural + base);
      if (stackable) for (const second of SECOND_PARTICLES) out.add(plural + base + particleAfter(word + base, second));
    };
    add('', false);
    for (const option of ALTERNATING_PARTICLES) add(particleAfter(word, option), STACKABLE_ALTERNATING.has(option));
    for (const [particle, stackable] of FIXED_PARTICLES) add(particle, stackable);
    const vowelFinal = !hasFinalConsonant(word);
    for (const ending of COPULA_ENDINGS) {
      add(`이${ending}`, false);
      if (vowelFinal) add(ending === '었다' ? '였다' : ending, false);
    }
  }
  return out;
}

/** Endings by syllable class and the longest one in UTF-16 units; built on first use (a few hundred es-hangul
 * calls, ~1 ms that activation should not pay). */
let endingTable: { byClass: Record<SyllableClass, ReadonlySet<string>>; longest: number } | undefined;
function endings(): NonNullable<typeof endingTable> {
  if (!endingTable) {
    const byClass = { vowel: buildEndings('vowel'), rieul: buildEndings('rieul'), consonant: buildEndings('consonant') };
    const longest = Math.max(...Object.values(byClass).flatMap((set) => [...set].map((e) => e.length)));
    endingTable = { byClass, longest };
  }
  return endingTable;
}

function syllableClass(syllable: string): SyllableClass {
  if (!hasFinalConsonant(syllable)) return 'vowel';
  return particleAfter(syllable, '으로/로') === '로' ? 'rieul' : 'consonant';
}

const syllableClasses = new Map<number, SyllableClass>();
/** Which Korean endings may follow `syllable` (a Hangul code unit) directly. */
export function koreanEndings(syllable: number): ReadonlySet<string> {
  let cls = syllableClasses.get(syllable);
  if (!cls) syllableClasses.set(syllable, (cls = syllableClass(String.fromCharCode(syllable))));
  return endings().byClass[cls];
}

// ---------------------------------------------------------------------------------------------
// English plural variants, added to the trie as extra keys of the same form.

/** Plural spellings of a form that ends in an ASCII letter: Sheet → Sheets, Box → Boxes, Technology → Technologies. */
export function pluralVariants(form: string, caseSensitive: boolean): string[] {
  const last = form.charCodeAt(form.length - 1);
  const asciiLetter = (last >= 65 && last <= 90) || (last >= 97 && last <= 122);
  if (!asciiLetter) return [];
  if (caseSensitive) return [`${form}s`];
  if (/(?:s|x|z|ch|sh)$/i.test(form)) return [`${form}es`];
  if (/[^aeiou]y$/i.test(form)) return [`${form.slice(0, -1)}ies`];
  return [`${form}s`];
}

// ---------------------------------------------------------------------------------------------
// Trie

interface Form {
  termId: string;
  form: string;
  kind: FormKind;
}

interface Entry {
  form: number;
  /** Exact key for case-sensitive forms (abbreviations), checked against the matched text. */
  exact: string | undefined;
}

/** The forms of one term in priority order: when two terms share a form, the earlier term (and form) wins. */
export function termForms(term: MatchableTerm): Array<{ form: string; kind: FormKind; caseSensitive: boolean }> {
  const forms: Array<{ form: string; kind: FormKind; caseSensitive: boolean }> = [];
  forms.push({ form: term.term.en, kind: 'term', caseSensitive: false }, { form: term.term.ko, kind: 'term', caseSensitive: false });
  for (const form of term.aliases?.en ?? []) forms.push({ form, kind: 'alias', caseSensitive: false });
  for (const form of term.aliases?.ko ?? []) forms.push({ form, kind: 'alias', caseSensitive: false });
  for (const form of term.abbreviations ?? []) forms.push({ form, kind: 'abbreviation', caseSensitive: true });
  return forms;
}

class TrieMatcher implements GlossaryMatcher {
  readonly termCount: number;
  readonly formCount: number;
  readonly maxSpan: number;

  private readonly forms: Form[] = [];
  private readonly entries: Entry[] = [];
  /** Edges of node n: edgeChar/edgeTarget[edgeStart[n] .. edgeStart[n + 1]), sorted by character. */
  private readonly edgeStart: Int32Array;
  private readonly edgeChar: Uint16Array;
  private readonly edgeTarget: Int32Array;
  /** Entries of node n: outEntries[outStart[n] .. outStart[n + 1]), in priority order. */
  private readonly outStart: Int32Array;
  private readonly outEntries: Int32Array;

  constructor(terms: Iterable<MatchableTerm>) {
    /** Entries of each distinct key, in priority order. */
    const byKey = new Map<string, number[]>();
    const addKey = (key: string, entry: number) => {
      const list = byKey.get(key);
      if (list) list.push(entry);
      else byKey.set(key, [entry]);
    };
    const variants: Array<{ key: string; entry: Entry }> = [];
    let termCount = 0;
    for (const term of terms) {
      termCount++;
      const seen = new Set<string>();
      for (const { form, kind, caseSensitive } of termForms(term)) {
        const trimmed = form.normalize('NFC').trim();
        const key = normalizeKey(trimmed, foldCase);
        const exact = caseSensitive ? normalizeKey(trimmed, foldExact) : undefined;
        if (!key || seen.has(exact ?? key)) continue;
        seen.add(exact ?? key);
        const formIndex = this.forms.push({ termId: term.id, form: trimmed, kind }) - 1;
        addKey(key, this.entries.push({ form: formIndex, exact }) - 1);
        for (const variant of pluralVariants(trimmed, caseSensitive)) {
          variants.push({
            key: normalizeKey(variant, foldCase),
            entry: { form: formIndex, exact: caseSensitive ? normalizeKey(variant, foldExact) : undefined },
          });
        }
      }
    }
    // Variants rank after every real form, so "Artemis Accords" (a term) beats "Artemis Accord" + s.
    for (const { key, entry } of variants) addKey(key, this.entries.push(entry) - 1);
    this.termCount = termCount;
    this.formCount = this.forms.length;
    let maxSpan = 1;
    for (const key of byKey.keys()) maxSpan = Math.max(maxSpan, spanBound(key));
    this.maxSpan = maxSpan;

    // The default sort compares UTF-16 code units, the order the trie's edges need.
    const keys = [...byKey.keys()].sort();
    // A trie has at most one node per key character plus the root: size every array once, allocate nothing per node.
    let capacity = 1;
    for (const key of keys) capacity += key.length;
    const edgeStart = new Int32Array(capacity + 1);
    const edgeChar = new Uint16Array(capacity);
    const edgeTarget = new Int32Array(capacity);
    const outStart = new Int32Array(capacity + 1);
    const outEntries = new Int32Array(this.entries.length);
    // Breadth-first over ranges of the sorted keys that share a prefix (node n covers keys lo[n] .. hi[n] - 1 and
    // sits at depth[n]): node ids come out in processing order, so each node's edges and outputs are contiguous.
    const lo = new Int32Array(capacity);
    const hi = new Int32Array(capacity);
    const depth = new Int32Array(capacity);
    hi[0] = keys.length;
    let nodes = 1;
    let edges = 0;
    let outs = 0;
    for (let node = 0; node < nodes; node++) {
      const d = depth[node];
      const end = hi[node];
      edgeStart[node] = edges;
      outStart[node] = outs;
      let i = lo[node];
      // Keys are distinct, so at most one ends here.
      if (i < end && keys[i].length === d) for (const entry of byKey.get(keys[i++])!) outEntries[outs++] = entry;
      while (i < end) {
        const c = keys[i].charCodeAt(d);
        let j = i + 1;
        while (j < end && keys[j].charCodeAt(d) === c) j++;
        edgeChar[edges] = c;
        edgeTarget[edges++] = nodes;
        lo[nodes] = i;
        hi[nodes] = j;
        depth[nodes++] = d + 1;
        i = j;
      }
    }
    edgeStart[nodes] = edges;
    outStart[nodes] = outs;
    this.edgeStart = edgeStart.slice(0, nodes + 1);
    this.edgeChar = edgeChar.slice(0, edges);
    this.edgeTarget = edgeTarget.slice(0, edges);
    this.outStart = outStart.slice(0, nodes + 1);
    this.outEntries = outEntries;
  }

  findAt(line: string, character: number): GlossaryMatch | undefined {
    if (!(character >= 0 && character < line.length) || this.formCount === 0) return undefined;
    const span = this.maxSpan;
    const candidates = this.candidates(line, character - 2 * span, character + span + 1);
    for (let k = 0; k < candidates.length; k++) {
      const m = candidates[k];
      if (m.start <= character && character < m.end && !beaten(candidates, k, span)) return m;
    }
    return undefined;
  }

  findAll(text: string, from = 0, to = text.length): GlossaryMatch[] {
    if (this.formCount === 0 || to <= from) return [];
    const span = this.maxSpan;
    const candidates = this.candidates(text, from - 2 * span, to + span);
    const out: GlossaryMatch[] = [];
    for (let k = 0; k < candidates.length; k++) {
      const m = candidates[k];
      if (m.end > from && m.start < to && !beaten(candidates, k, span)) out.push(m);
    }
    return out;
  }

  /** Longest valid match at each start in [from, to), in start order. */
  private candidates(text: string, from: number, to: number): GlossaryMatch[] {
    const out: GlossaryMatch[] = [];
    const end = Math.min(text.length, to);
    for (let s = Math.max(0, from); s < end; s++) {
      if (!isWordStart(text, s)) continue;
      const m = this.longestAt(text, s);
      if (m) out.push(m);
    }
    return out;
  }

  private child(node: number, c: number): number {
    let lo = this.edgeStart[node];
    let hi = this.edgeStart[node + 1] - 1;
    const chars = this.edgeChar;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const m = chars[mid];
      if (m === c) return this.edgeTarget[mid];
      if (m < c) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  private longestAt(text: string, s: number): GlossaryMatch | undefined {
    const n = text.length;
    let node = 0;
    let i = s;
    let best: GlossaryMatch | undefined;
    while (i < n) {
      const u = text.charCodeAt(i);
      if (isSpaceUnit(u)) {
        let j = i + 1;
        while (j < n && isSpaceUnit(text.charCodeAt(j))) {
          if (++j - i > MAX_GAP) return best;
        }
        if (j >= n) return best;
        if (!isHangulUnit(text.charCodeAt(i - 1)) && !isHangulUnit(text.charCodeAt(j))) {
          node = this.child(node, 32);
          if (node < 0) return best;
        }
        i = j;
        continue;
      }
      node = this.child(node, foldCase(u));
      if (node < 0) return best;
      i++;
      const first = this.outStart[node];
      const last = this.outStart[node + 1];
      if (first === last || !isWordEnd(text, i)) continue;
      for (let k = first; k < last; k++) {
        const entry = this.entries[this.outEntries[k]];
        if (entry.exact !== undefined && normalizeKey(text.slice(s, i), foldExact) !== entry.exact) continue;
        const form = this.forms[entry.form];
        best = { start: s, end: i, termId: form.termId, form: form.form, kind: form.kind };
        break;
      }
    }
    return best;
  }
}

/** How far (UTF-16 units) the text of a key can stretch: every space may grow to MAX_GAP, MAX_GAP spaces may appear next to Hangul. */
function spanBound(key: string): number {
  let span = key.length;
  for (let i = 0; i < key.length; i++) {
    const u = key.charCodeAt(i);
    if (u === 32) span += MAX_GAP - 1;
    else if (i + 1 < key.length && key.charCodeAt(i + 1) !== 32 && (isHangulUnit(u) || isHangulUnit(key.charCodeAt(i + 1)))) span += MAX_GAP;
  }
  return span;
}

/** A term may start at `s` if `s` begins a code point that is not a space and does not continue a word of its script. */
function isWordStart(text: string, s: number): boolean {
  const u = text.charCodeAt(s);
  if (isSpaceUnit(u)) return false;
  if (isLowSurrogate(u) && s > 0 && isHighSurrogate(text.charCodeAt(s - 1))) return false;
  const cls = classAt(text, s);
  return cls === Cls.Other || classBefore(text, s) !== cls;
}

/** A term may end at `e` if the next code point does not continue its word (Korean: unless as a valid ending). */
function isWordEnd(text: string, e: number): boolean {
  const last = classBefore(text, e);
  if (last === Cls.Word) return classAt(text, e) !== Cls.Word;
  if (last !== Cls.Hangul) return true;
  let j = e;
  const longest = endings().longest;
  while (j < text.length && isHangulUnit(text.charCodeAt(j))) {
    if (++j - e > longest) return false;
  }
  return j === e || koreanEndings(text.charCodeAt(e - 1)).has(text.slice(e, j));
}

/** True if an overlapping candidate is longer, or as long and earlier. Candidates are sorted by start, one per start. */
function beaten(candidates: readonly GlossaryMatch[], k: number, maxSpan: number): boolean {
  const m = candidates[k];
  const len = m.end - m.start;
  for (let j = k - 1; j >= 0 && candidates[j].start > m.start - maxSpan; j--) {
    const o = candidates[j];
    if (o.end > m.start && o.end - o.start >= len) return true;
  }
  for (let j = k + 1; j < candidates.length && candidates[j].start < m.end; j++) {
    const o = candidates[j];
    if (o.end - o.start > len) return true;
  }
  return false;
}

export function createMatcher(terms: Iterable<MatchableTerm>): GlossaryMatcher {
  return new TrieMatcher(terms);
}

const byCatalog = new WeakMap<Catalog, GlossaryMatcher>();
/** The matcher of a catalog's glossary, built on first use and shared by every feature while that catalog lives. */
export function matcherForCatalog(catalog: Catalog): GlossaryMatcher {
  let matcher = byCatalog.get(catalog);
  if (!matcher) byCatalog.set(catalog, (matcher = createMatcher(catalog.terms.values())));
  return matcher;
}
