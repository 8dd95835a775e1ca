// Glossary terms that a hard-wrapped line breaks in two ("Joint Fact⏎Sheet", "공동⏎팩트시트를", "> Joint Fact⏎> Sheet"),
// found from a line and its neighbours only, never by scanning the document.
//
// Rules (when two lines join, and what then matches):
//  - Line L joins line L+1 when L has text besides its indentation and `>` markers and is not a heading (`#`) or a
//    table row (`|`), and L+1 continues it: once L+1's indentation and `>` markers are stripped, text is left that does
//    not start a new block (a list item `-` `*` `+` `1.` `1)` followed by a space, a heading `#`, a fence, a table row
//    `|`, a horizontal rule), and L+1 is not quoted deeper than L (a deeper `>` opens a new quote; fewer is Markdown's
//    lazy continuation). So a list item's text continued on an indented line joins; a new item, a blank line, a
//    heading do not. (Lines inside a fenced code block join like any others: knowing the fence means reading upwards.)
//  - Joined, the two lines read as L up to its trailing whitespace, one space, then L+1 after the stripped prefix, and
//    the matcher's rules apply unchanged: Korean, where the space is optional, matches "공동⏎팩트시트를" as
//    "공동 팩트시트", and a word cut in two ("공동팩트⏎시트") too.
//  - A term crosses at most one break. Matches inside one line are the matcher's on that line alone (the same answers
//    as without this module wherever no term crosses a break), except that a term crossing a break removes the ones it
//    overlaps. Two crossing terms overlap only across a line shorter than a term; then the matcher's overlap rule
//    decides (the longer wins, on equal length the earlier).
//  - An occurrence's range runs from its start on L to its end on L+1; every position in it hovers it, L's trailing
//    whitespace and L+1's prefix included (as the spaces inside "Joint  Fact" do on one line).
//
// Cost: a break costs one matcher query on a window of at most W characters each side (W = 3 × maxSpan, the reach of
// `findAt`, plus room for a Korean ending), however long the lines are. `termAtPosition` reads four breaks (lines L−2 …
// L+2). `termsInLines` reads each line and one break per line: about three times the matcher's work on the same lines
// when lines are shorter than a window (each is matched alone and again inside the windows of its two breaks). What
// starts on line L depends on lines L−2 … L+2 (L−1 … L+1 unless a line is shorter than a term), so an index that
// re-scans edited lines must re-scan two more on each side.
import type { FormKind, GlossaryMatch, GlossaryMatcher } from './glossaryMatcher';

export interface LineSource {
  readonly lineCount: number;
  /** The line's text without its line break. */
  lineAt(line: number): string;
}

export interface LinePosition {
  line: number;
  /** UTF-16 offset in the line. */
  character: number;
}

export interface TermOccurrence {
  termId: string;
  /** The catalog form that matched, as written in the catalog. */
  form: string;
  kind: FormKind;
  start: LinePosition;
  /** Exclusive; on the next line when the term crosses a line break. */
  end: LinePosition;
}

/**
 * The term at (line, character), also one that continues onto the next line or started on the previous one. With
 * `touching`, also one ending right before the character (a cursor just after a word).
 */
export function termAtPosition(matcher: GlossaryMatcher, source: LineSource, line: number, character: number, touching = false): TermOccurrence | undefined {
  if (matcher.formCount === 0 || !(line >= 0 && line < source.lineCount)) return undefined;
  const text = source.lineAt(line);
  if (!(character >= 0 && character <= text.length)) return undefined;
  const breaks = new Breaks(matcher, source);
  const hit = occurrenceAt(matcher, breaks, line, text, character);
  if (hit || !touching || character === 0) return hit;
  const before = occurrenceAt(matcher, breaks, line, text, character - 1);
  return before && before.end.line === line && before.end.character === character ? before : undefined;
}

/**
 * Every term occurrence that starts on a line in [fromLine, toLine], in document order, each once: one crossing into
 * the next line belongs to the line it starts on. With `maxCharacters`, only that head of each line is matched (terms
 * crossing its break are still found: their window is bounded anyway).
 */
export function termsInLines(matcher: GlossaryMatcher, source: LineSource, fromLine: number, toLine: number, maxCharacters = Infinity): TermOccurrence[] {
  const out: TermOccurrence[] = [];
  if (matcher.formCount === 0) return out;
  const last = Math.min(source.lineCount - 1, toLine);
  const breaks = new Breaks(matcher, source);
  for (let line = Math.max(0, fromLine); line <= last; line++) {
    const text = source.lineAt(line);
    const above = breaks.winner(line - 1);
    const below = breaks.winner(line);
    // Only the stretch between the crossing terms can hold a match of the line's own.
    const from = above ? above.occurrence.end.character : 0;
    const to = Math.min(text.length, maxCharacters, below ? below.occurrence.start.character : Infinity);
    for (const m of matcher.findAll(text, from, to)) {
      if (!overlapsCrossing(m, above, below)) out.push(occurrence(m, line));
    }
    if (below) out.push(below.occurrence);
    breaks.forget(line - 2); // sequential: the next line needs breaks line - 1 … line + 2 only
  }
  return out;
}

/** A stretch of one line: [start, end) in UTF-16 units. */
export interface LineSegment {
  line: number;
  start: number;
  end: number;
}

/**
 * The text of an occurrence, one segment per line: a term crossing a break without L's trailing whitespace and L+1's
 * indentation or `>` markers (what an underline should mark). Reads no further than the occurrence.
 */
export function termSegments(source: LineSource, occurrence: TermOccurrence): LineSegment[] {
  const { start, end } = occurrence;
  if (start.line === end.line) return [{ line: start.line, start: start.character, end: end.character }];
  const upper = source.lineAt(start.line);
  let tailEnd = upper.length;
  while (tailEnd > start.character && isBlank(upper.charCodeAt(tailEnd - 1))) tailEnd--;
  const headStart = blockPrefix(source.lineAt(end.line), end.character).end;
  return [
    { line: start.line, start: start.character, end: tailEnd },
    { line: end.line, start: headStart, end: end.character },
  ];
}

// ---------------------------------------------------------------------------------------------

interface Crossing {
  occurrence: TermOccurrence;
  /** Length in the joined text, the line break counting as one space: what the overlap rule compares. */
  length: number;
}

/** Characters beyond 3 × maxSpan in a window: a Korean ending after a term at the window's edge must still be seen. */
const ENDING_SLACK = 16;

/** The terms crossing each line break, computed once per query (a break is read by up to three lines). */
class Breaks {
  private readonly memo = new Map<number, Crossing | null>();
  private readonly window: number;

  constructor(
    private readonly matcher: GlossaryMatcher,
    private readonly source: LineSource,
  ) {
    this.window = 3 * matcher.maxSpan + ENDING_SLACK;
  }

  forget(line: number): void {
    this.memo.delete(line);
  }

  /** The term crossing the break after `line`, unless an overlapping term crossing a neighbouring break beats it. */
  winner(line: number): Crossing | undefined {
    const c = this.crossing(line);
    if (!c) return undefined;
    const before = this.crossing(line - 1);
    if (before && before.occurrence.end.character > c.occurrence.start.character && before.length >= c.length) return undefined;
    const after = this.crossing(line + 1);
    if (after && after.occurrence.start.character < c.occurrence.end.character && after.length > c.length) return undefined;
    return c;
  }

  /** The term crossing the break after `line` as the matcher sees the two joined lines (at most one: they overlap). */
  private crossing(line: number): Crossing | undefined {
    if (line < 0 || line >= this.source.lineCount - 1) return undefined;
    let c = this.memo.get(line);
    if (c === undefined) this.memo.set(line, (c = this.join(line) ?? null));
    return c ?? undefined;
  }

  private join(line: number): Crossing | undefined {
    const w = this.window;
    const upper = this.source.lineAt(line);
    const up = blockPrefix(upper, w);
    // Trailing whitespace goes (a Markdown hard break's two spaces); more than a window of it and nothing crosses.
    const floor = Math.max(up.end, upper.length - w);
    let tailEnd = upper.length;
    while (tailEnd > floor && isBlank(upper.charCodeAt(tailEnd - 1))) tailEnd--;
    if (tailEnd === floor || endsBlock(upper.charCodeAt(up.end))) return undefined;
    const lower = this.source.lineAt(line + 1);
    const low = blockPrefix(lower, w);
    // Blank (or a window of indentation), quoted deeper, or a new block: no join.
    if (low.end >= Math.min(lower.length, w) || low.depth > up.depth || startsBlock(lower, low.end, w)) return undefined;
    const tailStart = Math.max(up.end, tailEnd - w);
    const tail = upper.slice(tailStart, tailEnd);
    const joined = `${tail} ${lower.slice(low.end, Math.min(lower.length, low.end + w))}`;
    const at = tail.length;
    // A match overlapping the joining space crosses the break: ranges never start or end on a space.
    const m = this.matcher.findAll(joined, at, at + 1)[0];
    if (!m) return undefined;
    return {
      occurrence: {
        termId: m.termId,
        form: m.form,
        kind: m.kind,
        start: { line, character: tailStart + m.start },
        end: { line: line + 1, character: low.end + m.end - at - 1 },
      },
      length: m.end - m.start,
    };
  }
}

function occurrenceAt(matcher: GlossaryMatcher, breaks: Breaks, line: number, text: string, character: number): TermOccurrence | undefined {
  const above = breaks.winner(line - 1);
  if (above && character < above.occurrence.end.character) return above.occurrence;
  const below = breaks.winner(line);
  if (below && character >= below.occurrence.start.character) return below.occurrence;
  const m = character < text.length ? matcher.findAt(text, character) : undefined;
  return m && !overlapsCrossing(m, above, below) ? occurrence(m, line) : undefined;
}

function overlapsCrossing(m: GlossaryMatch, above: Crossing | undefined, below: Crossing | undefined): boolean {
  return (!!above && m.start < above.occurrence.end.character) || (!!below && m.end > below.occurrence.start.character);
}

function occurrence(m: GlossaryMatch, line: number): TermOccurrence {
  return { termId: m.termId, form: m.form, kind: m.kind, start: { line, character: m.start }, end: { line, character: m.end } };
}

// ---------------------------------------------------------------------------------------------
// Block structure, read from a line's first characters only (at most `limit` of them).

const GT = 0x3e;
const HASH = 0x23;
const PIPE = 0x7c;

function isBlank(u: number): boolean {
  return u === 32 || u === 9 || (u > 127 && /\s/.test(String.fromCharCode(u)));
}

/** Leading indentation and blockquote markers: where the text starts, and how deeply it is quoted. */
function blockPrefix(text: string, limit: number): { end: number; depth: number } {
  const n = Math.min(text.length, limit);
  let i = 0;
  let depth = 0;
  for (; i < n; i++) {
    const u = text.charCodeAt(i);
    if (u === GT) depth++;
    else if (!isBlank(u)) break;
  }
  return { end: i, depth };
}

/** A line whose text starts with this is a block of one line (a heading, a table row): the next never continues it. */
function endsBlock(u: number): boolean {
  return u === HASH || u === PIPE;
}

/** True if the text at `i` opens a block of its own rather than continuing a paragraph. */
function startsBlock(text: string, i: number, limit: number): boolean {
  const u = text.charCodeAt(i);
  switch (u) {
    case HASH:
    case PIPE:
      return true;
    case 0x60: // ``` fence
    case 0x7e: // ~~~ fence
      return text.charCodeAt(i + 1) === u && text.charCodeAt(i + 2) === u;
    case 0x2b: // + item
      return spaceOrEnd(text, i + 1);
    case 0x2d: // - item or ---
    case 0x2a: // * item or ***
      return spaceOrEnd(text, i + 1) || isRule(text, i, limit);
    case 0x5f: // ___
      return isRule(text, i, limit);
  }
  // An ordered item: 1–9 digits, then `.` or `)` and a space.
  let j = i;
  while (j < text.length && j - i < 9 && text.charCodeAt(j) >= 0x30 && text.charCodeAt(j) <= 0x39) j++;
  const after = text.charCodeAt(j);
  return j > i && (after === 0x2e || after === 0x29) && spaceOrEnd(text, j + 1);
}

function spaceOrEnd(text: string, k: number): boolean {
  return k >= text.length || isBlank(text.charCodeAt(k));
}

/** Three or more of the same `-` `*` `_`, spaces allowed between: a horizontal rule (or a setext underline). */
function isRule(text: string, i: number, limit: number): boolean {
  const u = text.charCodeAt(i);
  const n = Math.min(text.length, i + limit);
  let count = 0;
  for (let k = i; k < n; k++) {
    const c = text.charCodeAt(k);
    if (c === u) count++;
    else if (!isBlank(c)) return false;
  }
  return count >= 3;
}
