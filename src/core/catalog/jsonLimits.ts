// Limits checked on a catalog file's raw text before anything recursive touches it. jsonc-parser's parser, the
// tree-to-value walk and the schema validator all recurse once per nesting level, so a file nested a few thousand
// levels deep (`[[[[…`) would overflow the stack: the scan below finds that first, in one linear pass with no
// recursion, skipping strings and JSONC comments. Real catalog files nest about eight levels.

/** Deepest nesting of arrays and objects a catalog file may have. */
export const MAX_NESTING = 64;

/**
 * The offset of the first `[` or `{` nested deeper than `max` levels, or -1 when there is none. Brackets inside
 * strings and comments do not count; unbalanced or malformed text is left to the parser to report.
 */
export function tooDeepAt(text: string, max = MAX_NESTING): number {
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) i++;
        else if (d === 0x22 || d === 0x0a /* an unterminated string ends at the line */) break;
      }
    } else if (c === 0x2f /* / */ && text.charCodeAt(i + 1) === 0x2f) {
      while (i < n && text.charCodeAt(i) !== 0x0a) i++;
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a /* * */) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 1;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > max) return i;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      if (depth > 0) depth--;
    }
  }
  return -1;
}
