// Markdown for data-derived text. Data may contain anything (it can come from users' own files), so:
//  - `escapeMarkdown` makes a string render as literal text inside Markdown (hovers, tooltips);
//  - `renderMarkdown` renders Markdown to HTML with raw HTML disabled and only http(s) links kept.
import type MarkdownIt from 'markdown-it';

let renderer: ReturnType<typeof MarkdownIt> | undefined;
function markdownIt(): ReturnType<typeof MarkdownIt> {
  if (!renderer) {
    // Required on first use: evaluating markdown-it costs ~15 ms, which activation should not pay.
    const MarkdownItClass = require('markdown-it') as typeof MarkdownIt;
    renderer = new MarkdownItClass({ html: false, linkify: false, typographer: false });
    // Only web links survive; `command:`, `javascript:`, `file:`, `data:` … become plain text.
    renderer.validateLink = (url: string) => /^https?:\/\//i.test(url.trim());
  }
  return renderer;
}

export function renderMarkdown(source: string): string {
  return markdownIt().render(source);
}

export function renderInlineMarkdown(source: string): string {
  return markdownIt().renderInline(source);
}

/** Escapes every character Markdown (and VS Code's MarkdownString) could treat as syntax or HTML. */
export function escapeMarkdown(value: string): string {
  return value.replace(/[\\`*_{}[\]()#+\-.!|<>~&:$"']/g, (c) => `\\${c}`).replace(/\r?\n/g, '  \n');
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Inline code span showing `value` verbatim (citations, ids): the fence outgrows any backtick run inside. */
export function markdownCodeSpan(value: string): string {
  const flat = value.replace(/\r?\n/g, ' ');
  const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = /^`|`$|^ .* $/.test(flat) ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/**
 * Text for one cell of a GFM table in a memo, escaped only where inline Markdown would act (emphasis, code, links,
 * HTML, entities, strikethrough, math, the cell's `|`), so the raw memo stays readable; line breaks become spaces.
 * Block syntax (`#`, `-`, `1.`) means nothing inside a cell. For hovers and MarkdownStrings use `escapeMarkdown`.
 */
export function escapeMarkdownTableCell(value: string): string {
  return value
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .trim()
    .replace(/[\\`*_[\]<>~|$]|&(?=#?[a-z0-9]+;)/gi, (c) => `\\${c}`);
}
