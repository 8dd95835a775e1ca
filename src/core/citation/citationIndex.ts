// Where the workspace's memos cite provisions and use glossary terms: the index behind Find All References, the
// Citations view and "cited in N memos".
//
// Rules:
//  - A memo is any text keyed by a string (its URI). Citations are `tda:` tokens as `findCitations` finds them, stored
//    under the uid as written: a renumbered provision's former uid resolves at query time (`resolveCitation`), so a
//    catalog change never forces a rescan.
//  - Terms are glossary matches, including those a single line break splits (multilineTerms.ts), each attributed to
//    the line it starts on.
//  - An edit replaces occurrences on the lines it touched (and TERM_CONTEXT lines each side, whose terms may depend on
//    them) and shifts the lines after; nothing else of the memo is looked at again.
//
// Costs: citations of a whole memo are one regular-expression pass over its text (memos without "tda:" cost one
// `indexOf`); terms cost one matcher pass, so a memo's terms are scanned separately (`scanTerms`) and a large
// workspace can do it in slices after its citations are in. An edit costs the changed lines plus a copy of the memo's
// occurrence arrays. Occurrences are packed in Int32Arrays (4–5 numbers each), and ids interned, so 1,000 memos of
// 100 KB stay in tens of megabytes.
import { findCitations } from './citation';
import type { GlossaryMatcher } from '../glossary/glossaryMatcher';
import { termsInLines, type LineSource } from '../glossary/multilineTerms';

/** A citation in a memo: zero-based line, UTF-16 columns [start, end). */
export interface CitationOccurrence {
  memo: string;
  uid: string;
  line: number;
  start: number;
  end: number;
}

/** A glossary term in a memo; it may end on the line after the one it starts on. */
export interface TermOccurrenceInMemo {
  memo: string;
  termId: string;
  line: number;
  start: number;
  endLine: number;
  end: number;
}

/** One change to a memo's text, as editors report them: a range of the text before, and the text replacing it. */
export interface LineChange {
  startLine: number;
  endLine: number;
  /** Lines the new text spans (1 + its line breaks). */
  newLineCount: number;
}

const CITATION_FIELDS = 4; // line, start, end, uid
const TERM_FIELDS = 5; // line, start, endLine, end, term
const EMPTY = new Int32Array(0);
/** Lines each side of a change whose terms are rescanned: what starts on a line depends on the two lines around it (multilineTerms.ts). */
const TERM_CONTEXT = 2;

interface MemoEntry {
  citations: Int32Array;
  /** Undefined until the memo's terms are scanned. */
  terms: Int32Array | undefined;
}

/** Strings to small integers and back (uids and term ids repeat across memos). */
class Interner {
  private readonly ids = new Map<string, number>();
  private readonly values: string[] = [];
  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(value, id);
      this.values.push(value);
    }
    return id;
  }
  lookup(value: string): number | undefined {
    return this.ids.get(value);
  }
  value(id: number): string {
    return this.values[id];
  }
}

/** Lines of a string, split once (CRLF, CR and LF all end a line, as editors count them). */
export function linesOf(text: string): LineSource {
  const lines = text.split(/\r\n|\r|\n/);
  return { lineCount: lines.length, lineAt: (line) => lines[line] ?? '' };
}

export class CitationIndex {
  private readonly memos = new Map<string, MemoEntry>();
  private readonly uids = new Interner();
  private readonly termIds = new Interner();
  /** Posting lists: which memos cite a uid / use a term. */
  private readonly memosByUid = new Map<number, Set<string>>();
  private readonly memosByTerm = new Map<number, Set<string>>();
  private matcherValue: GlossaryMatcher | undefined;
  /** Bumped on every change (views compare it to skip work). */
  version = 0;

  constructor(matcher?: GlossaryMatcher) {
    this.matcherValue = matcher;
  }

  get memoCount(): number {
    return this.memos.size;
  }

  /** A new glossary: every memo's terms are stale and wait for `scanTerms`. */
  setMatcher(matcher: GlossaryMatcher | undefined): void {
    if (matcher === this.matcherValue) return;
    this.matcherValue = matcher;
    for (const [memo, entry] of this.memos) this.replaceTerms(memo, entry, undefined);
    this.version++;
  }

  has(memo: string): boolean {
    return this.memos.has(memo);
  }

  /** Memos whose terms are not scanned yet. */
  *memosWithoutTerms(): Iterable<string> {
    if (!this.matcherValue) return;
    for (const [memo, entry] of this.memos) if (!entry.terms) yield memo;
  }

  /** Indexes (or re-indexes) a memo's citations from its whole text; its terms wait for `scanTerms`. */
  setText(memo: string, text: string): void {
    const entry = this.memos.get(memo) ?? { citations: EMPTY, terms: undefined };
    this.memos.set(memo, entry);
    this.replaceCitations(memo, entry, this.scanCitations(text));
    this.replaceTerms(memo, entry, undefined);
    this.version++;
  }

  /** Scans a memo's terms over its lines (no-op without a glossary). */
  scanTerms(memo: string, lines: LineSource): void {
    const entry = this.memos.get(memo);
    if (!entry || !this.matcherValue) return;
    this.replaceTerms(memo, entry, Int32Array.from(this.scanTermLines(lines, 0, lines.lineCount - 1)));
    this.version++;
  }

  /**
   * Applies an editor's changes (in the order reported, each range relative to the text after the ones before it),
   * then rescans the touched lines of `after`, the memo's text once all changes are applied.
   */
  applyChanges(memo: string, changes: readonly LineChange[], after: LineSource): void {
    const entry = this.memos.get(memo);
    if (!entry) return;
    // Lines to rescan, as spans [from, to] in the coordinates of the text as changed so far.
    let dirty: Array<[number, number]> = [];
    let citations = entry.citations;
    let terms = entry.terms;
    for (const change of changes) {
      const delta = change.newLineCount - 1 - (change.endLine - change.startLine);
      // Terms starting near a change may depend on it (a term crossing a line break, and which of two overlapping
      // ones wins): TERM_CONTEXT lines each side are rescanned with it.
      const from = Math.max(0, change.startLine - TERM_CONTEXT);
      const oldTo = change.endLine + TERM_CONTEXT;
      let to = change.startLine + change.newLineCount - 1 + TERM_CONTEXT;
      citations = spliceLines(citations, CITATION_FIELDS, from, oldTo, delta);
      if (terms) terms = spliceLines(terms, TERM_FIELDS, from, oldTo, delta);
      let spanFrom = from;
      const kept: Array<[number, number]> = [];
      for (const [a, b] of dirty) {
        if (a > oldTo) kept.push([a + delta, b + delta]);
        else if (b < from) kept.push([a, b]);
        else {
          // Overlaps the change: one span with it (its part after the change moves with the lines).
          spanFrom = Math.min(spanFrom, a);
          if (b > oldTo) to = Math.max(to, b + delta);
        }
      }
      dirty = [...kept, [spanFrom, to]];
    }
    const last = after.lineCount - 1;
    for (const [from, to] of mergeSpans(dirty.map(([a, b]): [number, number] => [Math.min(a, last), Math.min(b, last)]))) {
      citations = insertSorted(citations, CITATION_FIELDS, this.scanCitationLines(after, from, to), from, to);
      if (terms) terms = insertSorted(terms, TERM_FIELDS, this.scanTermLines(after, from, to), from, to);
    }
    this.replaceCitations(memo, entry, citations);
    if (entry.terms) this.replaceTerms(memo, entry, terms);
    this.version++;
  }

  remove(memo: string): void {
    const entry = this.memos.get(memo);
    if (!entry) return;
    this.replaceCitations(memo, entry, EMPTY);
    this.replaceTerms(memo, entry, undefined);
    this.memos.delete(memo);
    this.version++;
  }

  rename(from: string, to: string): void {
    const entry = this.memos.get(from);
    if (!entry || from === to) return;
    const { citations, terms } = entry;
    this.remove(from);
    const moved: MemoEntry = { citations: EMPTY, terms: undefined };
    this.memos.set(to, moved);
    this.replaceCitations(to, moved, citations);
    this.replaceTerms(to, moved, terms);
    this.version++;
  }

  memoKeys(): string[] {
    return [...this.memos.keys()];
  }

  /** How many citations a memo has (without building them). */
  citationCount(memo: string): number {
    return (this.memos.get(memo)?.citations.length ?? 0) / CITATION_FIELDS;
  }

  /** Every citation of a memo, in text order. */
  citationsIn(memo: string): CitationOccurrence[] {
    const entry = this.memos.get(memo);
    return entry ? this.citationList(memo, entry.citations) : [];
  }

  /** Memos that cite any of `uids` (a provision's current and former uids), sorted. */
  memosCiting(uids: readonly string[]): string[] {
    const memos = new Set<string>();
    for (const uid of uids) {
      const id = this.uids.lookup(uid);
      for (const memo of (id !== undefined && this.memosByUid.get(id)) || []) memos.add(memo);
    }
    return [...memos].sort();
  }

  /** Every citation of any of `uids`, memo by memo (sorted), in text order. */
  citationsOf(uids: readonly string[]): CitationOccurrence[] {
    const wanted = new Set(uids);
    return this.memosCiting(uids).flatMap((memo) => this.citationsIn(memo).filter((c) => wanted.has(c.uid)));
  }

  /** Memos using a glossary term (among those whose terms are scanned), sorted. */
  memosUsingTerm(termId: string): string[] {
    const id = this.termIds.lookup(termId);
    return [...((id !== undefined && this.memosByTerm.get(id)) || [])].sort();
  }

  /** Every occurrence of a glossary term (in memos whose terms are scanned), memo by memo, in text order. */
  termOccurrences(termId: string): TermOccurrenceInMemo[] {
    const id = this.termIds.lookup(termId);
    if (id === undefined) return [];
    const out: TermOccurrenceInMemo[] = [];
    for (const memo of this.memosUsingTerm(termId)) {
      const terms = this.memos.get(memo)?.terms ?? EMPTY;
      for (let i = 0; i < terms.length; i += TERM_FIELDS) {
        if (terms[i + 4] === id) out.push({ memo, termId, line: terms[i], start: terms[i + 1], endLine: terms[i + 2], end: terms[i + 3] });
      }
    }
    return out;
  }

  // -------------------------------------------------------------------------------------------

  private scanCitations(text: string): Int32Array {
    if (!text.includes('tda:')) return EMPTY;
    const out: number[] = [];
    let line = 0;
    let lineStart = 0;
    let scanned = 0;
    for (const c of findCitations(text)) {
      // Count line breaks between the previous citation and this one.
      for (let i = scanned; i < c.start; i++) {
        const u = text.charCodeAt(i);
        if (u === 10 || (u === 13 && text.charCodeAt(i + 1) !== 10)) {
          line++;
          lineStart = i + 1;
        }
      }
      scanned = c.start;
      out.push(line, c.start - lineStart, c.end - lineStart, this.uids.id(c.uid));
    }
    return Int32Array.from(out);
  }

  private scanCitationLines(lines: LineSource, from: number, to: number): number[] {
    const out: number[] = [];
    for (let line = from; line <= to; line++) {
      const text = lines.lineAt(line);
      if (!text.includes('tda:')) continue;
      for (const c of findCitations(text)) out.push(line, c.start, c.end, this.uids.id(c.uid));
    }
    return out;
  }

  private scanTermLines(lines: LineSource, from: number, to: number): number[] {
    const matcher = this.matcherValue;
    if (!matcher || to < from || lines.lineCount === 0) return [];
    const out: number[] = [];
    for (const t of termsInLines(matcher, lines, from, to)) out.push(t.start.line, t.start.character, t.end.line, t.end.character, this.termIds.id(t.termId));
    return out;
  }

  private citationList(memo: string, packed: Int32Array): CitationOccurrence[] {
    const out: CitationOccurrence[] = [];
    for (let i = 0; i < packed.length; i += CITATION_FIELDS) out.push({ memo, uid: this.uids.value(packed[i + 3]), line: packed[i], start: packed[i + 1], end: packed[i + 2] });
    return out;
  }

  private replaceCitations(memo: string, entry: MemoEntry, next: Int32Array): void {
    updatePostings(this.memosByUid, memo, idsOf(entry.citations, CITATION_FIELDS, 3), idsOf(next, CITATION_FIELDS, 3));
    entry.citations = next;
  }

  private replaceTerms(memo: string, entry: MemoEntry, next: Int32Array | undefined): void {
    updatePostings(this.memosByTerm, memo, idsOf(entry.terms ?? EMPTY, TERM_FIELDS, 4), idsOf(next ?? EMPTY, TERM_FIELDS, 4));
    entry.terms = next;
  }
}

function idsOf(packed: Int32Array, fields: number, at: number): Set<number> {
  const ids = new Set<number>();
  for (let i = at; i < packed.length; i += fields) ids.add(packed[i]);
  return ids;
}

function updatePostings(postings: Map<number, Set<string>>, memo: string, before: Set<number>, after: Set<number>): void {
  for (const id of before) {
    if (after.has(id)) continue;
    const memos = postings.get(id);
    memos?.delete(memo);
    if (memos && memos.size === 0) postings.delete(id);
  }
  for (const id of after) {
    if (before.has(id)) continue;
    let memos = postings.get(id);
    if (!memos) postings.set(id, (memos = new Set()));
    memos.add(memo);
  }
}

/** Drops records whose first field (their line) is in [from, to] and shifts those after `to` by `delta` lines. */
function spliceLines(packed: Int32Array, fields: number, from: number, to: number, delta: number): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < packed.length; i += fields) {
    const line = packed[i];
    if (line >= from && line <= to) continue;
    for (let k = 0; k < fields; k++) out.push(packed[i + k]);
    if (line > to) {
      out[out.length - fields] += delta;
      // A term's end line moves with it.
      if (fields === TERM_FIELDS) out[out.length - fields + 2] += delta;
    }
  }
  return Int32Array.from(out);
}

/** Replaces the records on lines [from, to] by `added` (which lie on those lines), keeping line order. */
function insertSorted(packed: Int32Array, fields: number, added: number[], from: number, to: number): Int32Array {
  const out: number[] = [];
  let i = 0;
  for (; i < packed.length && packed[i] < from; i += fields) for (let k = 0; k < fields; k++) out.push(packed[i + k]);
  for (; i < packed.length && packed[i] <= to; i += fields); // stale records of the span (spliceLines removed most)
  out.push(...added);
  for (; i < packed.length; i += fields) for (let k = 0; k < fields; k++) out.push(packed[i + k]);
  return Int32Array.from(out);
}

function mergeSpans(spans: Array<[number, number]>): Array<[number, number]> {
  const sorted = spans.filter(([a, b]) => a <= b).sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const span of sorted) {
    const last = out[out.length - 1];
    if (last && span[0] <= last[1] + 1) last[1] = Math.max(last[1], span[1]);
    else out.push([...span]);
  }
  return out;
}
