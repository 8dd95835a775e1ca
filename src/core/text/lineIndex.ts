/**
 * Maps 0-based UTF-16 offsets to 1-based line/column, the way editors count (CRLF, CR and LF all end a line). An
 * offset past the end of the text, or inside a line break, maps to the end of its line: a position is always one an
 * editor can show.
 */
export class LineIndex {
  private readonly starts: number[] = [0];
  /** Where each line's text ends (before its line break). */
  private readonly ends: number[] = [];
  readonly length: number;

  constructor(text: string) {
    this.length = text.length;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */ || c === 10 /* \n */) {
        this.ends.push(i);
        if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
    this.ends.push(text.length);
  }

  position(offset: number): { line: number; column: number } {
    const at = Math.max(0, Math.min(offset, this.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= at) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: Math.min(at, this.ends[lo]) - this.starts[lo] + 1 };
  }
}
