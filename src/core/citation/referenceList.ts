// The reference list of a memo: every provision the memo cites, written as one marked block that a later run replaces
// in place.
//
// Rules:
//  - What is listed: the provisions cited outside the block, in order of first citation, once each; a former id
//    (renumbered provision) lists the provision under its current id. Citations that resolve to nothing are listed
//    last as not found, so the analyst sees them. Citations inside the block never count, so a citation removed from
//    the body drops out on the next run.
//  - Language: the memo's own (`memoLanguage`), not the UI's or the catalog setting's: the list is part of the memo.
//    Data falls back to the other language through `text()`; labels are the shared ones (provisionLabels,
//    agreementLabels, provenance), so an entry names a provision exactly as the rest of the atlas does ("atlas item
//    28", never "provision 28").
//  - Markers: `<!-- tda:references -->` … `<!-- /tda:references -->` in Markdown (an HTML comment renders as nothing in
//    any Markdown renderer), `[tda:references]` … `[/tda:references]` in plain text (which has no invisible syntax).
//    They are ASCII and never translated, so a memo that changes language keeps its block; `tda:` without a `/` is
//    never read as a citation; both styles are recognised in any document, so a memo renamed from .txt to .md is
//    still updated in place. A marker counts only alone on its line, so a memo may mention one in prose.
//  - Safety: only a start marker paired with a later end marker of its style is a block, the nearest pair wins, and a
//    start marker without an end marker is no block: an edit replaces exactly a block, or inserts, and never deletes
//    the analyst's text. Every data string is flattened to one line behind a literal prefix, so no data line can pass
//    for a marker or (in Markdown) start a heading or list; Markdown escapes inline syntax and HTML.
//  - Insertion (no block yet): at the caret or after the memo's last line with text, on lines of its own a blank line
//    from the text around it (`blockInsertion`, the comparison table's rule). Later runs replace marker to marker, so
//    those blank lines and everything else stay as the analyst left them.
//  - Idempotent: no timestamp or count of runs; the same memo and catalog give a byte-identical block.
//
// Cost: one pass over the memo's lines for the markers and one regex pass for citations; the language sample is
// bounded (LANGUAGE_SAMPLE characters), so it costs the same for a long memo.
import { text, type Catalog, type Lang, type Provision } from '../catalog/model';
import { blockInsertion } from '../compare/comparison';
import { dateLabel, officialTitleLabel } from '../labels/agreementLabels';
import { citedSources, formatSourceLine, sourceBadge } from '../labels/provenance';
import { provisionReference, provisionTextLabel } from '../labels/provisionLabels';
import { safeWebUrl } from '../text/commandLink';
import { escapeMarkdownTableCell, markdownCodeSpan } from '../text/markdown';
import { CITATION_SCHEME, citationToken, findCitations, resolveCitation } from './citation';

export type ReferenceFormat = 'markdown' | 'plain';
export type Placement = 'cursor' | 'end';

/** UTF-16 offsets into the memo; `end` is exclusive. */
export interface TextRange {
  start: number;
  end: number;
}

/** One replacement of `[start, end)` by `newText` (an insertion when `start === end`). */
export interface TextReplacement extends TextRange {
  newText: string;
}

export interface CitedProvisions {
  /** Provisions cited, in order of first citation, each once (renumbered ones under their current id). */
  readonly provisions: readonly Provision[];
  /** Cited uids (`agreement/provision`) the catalog does not know, in order of first citation, each once. */
  readonly broken: readonly string[];
}

export interface BlockOptions {
  lang: Lang;
  format: ReferenceFormat;
  eol: string;
}

export interface EditOptions {
  /** Where the caret is; used only to insert a new block with `placement: 'cursor'`. */
  cursorOffset: number;
  /** Where a new block goes; ignored when the memo already has one (it is replaced where it is). */
  placement: Placement;
  format: ReferenceFormat;
  eol: string;
  /** Default: `memoLanguage(memo)`. */
  lang?: Lang;
}

/** Characters of the memo that decide its language: enough for any opening, bounded for long memos. */
const LANGUAGE_SAMPLE = 20_000;
/**
 * Share of letters that must be Hangul for a Korean memo. A Hangul syllable carries about as much as two or three
 * Latin letters, so a Korean memo that quotes English titles and abbreviations stays well above it, and an English
 * memo quoting a Korean term or two stays well below.
 */
const KOREAN_SHARE = 0.3;

const MARKERS: Record<ReferenceFormat, { start: string; end: string; startRe: RegExp; endRe: RegExp }> = {
  markdown: { start: '<!-- tda:references -->', end: '<!-- /tda:references -->', startRe: /^<!--\s*tda:references\s*-->$/, endRe: /^<!--\s*\/tda:references\s*-->$/ },
  plain: { start: '[tda:references]', end: '[/tda:references]', startRe: /^\[tda:references\]$/, endRe: /^\[\/tda:references\]$/ },
};
const STYLES: readonly ReferenceFormat[] = ['markdown', 'plain'];

const HEADING: Record<Lang, string> = { ko: '참고 자료', en: 'References' };
const SOURCE: Record<Lang, string> = { ko: '출처', en: 'Source' };
const NO_SOURCE: Record<Lang, string> = { ko: '출처 기록 없음', en: 'No source recorded' };
const NOT_FOUND: Record<Lang, string> = { ko: '아틀라스에 없는 인용', en: 'Cited but not in the atlas' };

const HANGUL_LETTERS = /(?=\p{L})\p{Script=Hangul}/gu;
const LETTERS = /\p{L}/gu;

/** The Markdown format for Markdown-like documents, plain text for everything else. */
export function referenceFormat(languageId: string): ReferenceFormat {
  return ['markdown', 'mdx', 'quarto'].includes(languageId) ? 'markdown' : 'plain';
}

/** 'ko' when Hangul is a substantial share of the memo's letters (citation tokens and the reference block aside). */
export function memoLanguage(memo: string): Lang {
  return languageOf(outsideBlock(memo, findReferenceBlock(memo)));
}

function languageOf(parts: readonly string[]): Lang {
  const sample = parts.join('\n').slice(0, LANGUAGE_SAMPLE);
  const hangul = sample.match(HANGUL_LETTERS)?.length ?? 0;
  // Tokens are ASCII: their letters are Latin, and they say nothing about the memo's language.
  const tokenLetters = findCitations(sample).reduce((n, c) => n + (sample.slice(c.start, c.end).match(LETTERS)?.length ?? 0), 0);
  const letters = (sample.match(LETTERS)?.length ?? 0) - tokenLetters;
  return letters > 0 && hangul / letters >= KOREAN_SHARE ? 'ko' : 'en';
}

/** The memo's reference block, markers included (from the start of the start marker's line to the end of the end marker). */
export function findReferenceBlock(memo: string): TextRange | undefined {
  // Per style, the start of the last start marker not yet closed: the nearest pair wins, so a stray start marker
  // further up never stretches a block over the analyst's text.
  const open: Partial<Record<ReferenceFormat, number>> = {};
  let lineStart = 0;
  while (lineStart <= memo.length) {
    const newline = memo.indexOf('\n', lineStart);
    const next = newline < 0 ? memo.length : newline;
    const lineEnd = next > lineStart && memo[next - 1] === '\r' ? next - 1 : next;
    const line = memo.slice(lineStart, lineEnd).trim();
    if (line.includes('tda:references')) {
      for (const style of STYLES) {
        if (MARKERS[style].startRe.test(line)) open[style] = lineStart;
        else if (MARKERS[style].endRe.test(line) && open[style] !== undefined) return { start: open[style], end: lineEnd };
      }
    }
    if (newline < 0) break;
    lineStart = newline + 1;
  }
  return undefined;
}

/** The provisions the memo cites outside its reference block, and the citations that resolve to nothing. */
export function citedProvisions(catalog: Catalog, memo: string): CitedProvisions {
  return citedIn(catalog, outsideBlock(memo, findReferenceBlock(memo)));
}

function citedIn(catalog: Catalog, parts: readonly string[]): CitedProvisions {
  const provisions = new Map<string, Provision>();
  const broken = new Set<string>();
  for (const part of parts) {
    for (const { uid } of findCitations(part)) {
      const resolved = resolveCitation(catalog, uid);
      if (!resolved) broken.add(uid);
      else if (!provisions.has(resolved.provision.uid)) provisions.set(resolved.provision.uid, resolved.provision);
    }
  }
  return { provisions: [...provisions.values()], broken: [...broken] };
}

/** The whole block, markers included, without a line break after the end marker. */
export function referenceListBlock(catalog: Catalog, cited: CitedProvisions, options: BlockOptions): string {
  const { lang, format } = options;
  const markdown = format === 'markdown';
  const lines: string[] = [MARKERS[format].start, markdown ? `## ${HEADING[lang]}` : HEADING[lang], ''];
  cited.provisions.forEach((provision, i) => {
    const entry = referenceEntry(catalog, provision, lang);
    if (!markdown && i > 0) lines.push('');
    lines.push(...(markdown ? markdownEntry : plainEntry)(entry, i + 1, lang));
  });
  if (cited.broken.length) {
    const tokens = cited.broken.map((uid) => `${CITATION_SCHEME}:${uid}`);
    if (cited.provisions.length) lines.push('');
    lines.push(`${NOT_FOUND[lang]}: ${(markdown ? tokens.map(markdownCodeSpan) : tokens).join(', ')}`);
  }
  // Markdown: a blank line ends the list before the comment for every renderer, lenient ones included.
  if (markdown) lines.push('');
  lines.push(MARKERS[format].end);
  return lines.join(options.eol);
}

/** The one replacement that brings the memo's reference list up to date: the block replaced, or a new one inserted. */
export function referenceListEdit(catalog: Catalog, memo: string, options: EditOptions): TextReplacement {
  const block = findReferenceBlock(memo);
  const body = outsideBlock(memo, block);
  const lang = options.lang ?? languageOf(body);
  const newBlock = referenceListBlock(catalog, citedIn(catalog, body), { lang, format: options.format, eol: options.eol });
  if (block) return { ...block, newText: newBlock };
  const at = options.placement === 'end' ? afterLastText(memo) : clampOffset(memo, options.cursorOffset);
  const lineStart = lineStartOf(memo, at);
  const newline = memo.indexOf('\n', at);
  const lineEnd = newline < 0 ? memo.length : memo[newline - 1] === '\r' ? newline - 1 : newline;
  const newText = blockInsertion(newBlock, {
    before: memo.slice(lineStart, at),
    after: memo.slice(at, lineEnd),
    ...(lineStart > 0 ? { previousLine: memo.slice(lineStartOf(memo, lineStart - 1), lineStart - 1).replace(/\r$/, '') } : {}),
    eol: options.eol,
  });
  return { start: at, end: at, newText };
}

interface ReferenceEntry {
  agreement: string;
  title: string;
  date: string;
  reference: string;
  token: string;
  excerpt: string;
  source?: { line: string; places: string; badge: string; url?: string };
}

/** An entry's parts as plain one-line text in `lang`, through the shared labels. */
function referenceEntry(catalog: Catalog, provision: Provision, lang: Lang): ReferenceEntry {
  const agreement = catalog.agreements.get(provision.agreementId);
  // The best-tier source only: the list says what the citation rests on; the hover and the document list the rest.
  const best = citedSources(catalog, provision.provenance, lang)[0];
  const url = safeWebUrl(best?.source.url);
  return {
    agreement: oneLine(agreement ? text(agreement.title.short, lang) : provision.agreementId),
    title: oneLine(agreement ? officialTitleLabel(agreement, lang) : provision.agreementId),
    date: oneLine(dateLabel(agreement?.date, lang)),
    reference: oneLine(provisionReference(agreement, provision, lang)),
    token: citationToken(provision),
    // The excerpt the tree and pickers show (cut at a word, language-badged): enough to recognise the provision; the
    // live token's hover has the full text.
    excerpt: provisionTextLabel(provision, lang),
    ...(best && {
      source: {
        line: oneLine(formatSourceLine(best.source, lang)),
        places: oneLine(best.places.join('; ')),
        badge: oneLine(sourceBadge(best.source, lang)),
        ...(url && { url }),
      },
    }),
  };
}

/**
 * A numbered item with its details as sub-items. A sub-item belongs to its item only when indented to the item's
 * content ("10. " is 4 wide), and every line starts with literal text, never with data.
 */
function markdownEntry(entry: ReferenceEntry, n: number, lang: Lang): string[] {
  const number = `${n}. `;
  const indent = ' '.repeat(number.length);
  const { source } = entry;
  const sourceText = source ? `${md(sourceWithPlaces(source))} · ${markdownCodeSpan(source.badge)}${source.url ? ` · <${source.url}>` : ''}` : md(NO_SOURCE[lang]);
  return [
    `${number}**${md(entry.agreement)}** — ${md(entry.title)} (${md(entry.date)})`,
    `${indent}- ${markdownCodeSpan(entry.token)} — ${md(entry.reference)}`,
    `${indent}- “${md(entry.excerpt)}”`,
    `${indent}- ${SOURCE[lang]}: ${sourceText}`,
  ];
}

/** The same in plain text, the address on a line of its own (long, and clickable there in most editors). */
function plainEntry(entry: ReferenceEntry, n: number, lang: Lang): string[] {
  const number = `${n}. `;
  const indent = ' '.repeat(number.length);
  const { source } = entry;
  return [
    `${number}${entry.agreement} — ${entry.title} (${entry.date})`,
    `${indent}${entry.token} — ${entry.reference}`,
    `${indent}“${entry.excerpt}”`,
    `${indent}${SOURCE[lang]}: ${source ? `${sourceWithPlaces(source)} · ${source.badge}` : NO_SOURCE[lang]}`,
    ...(source?.url ? [`${indent}${source.url}`] : []),
  ];
}

function sourceWithPlaces(source: NonNullable<ReferenceEntry['source']>): string {
  return source.places ? `${source.line} — ${source.places}` : source.line;
}

/**
 * Data as inline Markdown that reads as written in the raw memo: only what inline Markdown would act on is escaped
 * (emphasis, code, links, HTML, entities). `escapeMarkdownTableCell` is exactly that; block syntax (`#`, `-`, `1.`)
 * is inert here because no data string starts a line.
 */
function md(value: string): string {
  return escapeMarkdownTableCell(value);
}

/** One line: data may hold line breaks, and a data line of its own could pass for a marker or a heading. */
function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/** The memo without its reference block, as the parts before and after it. */
function outsideBlock(memo: string, block: TextRange | undefined): readonly string[] {
  return block ? [memo.slice(0, block.start), memo.slice(block.end)] : [memo];
}

/** Start of the line that holds `offset`. */
function lineStartOf(memo: string, offset: number): number {
  return offset === 0 ? 0 : memo.lastIndexOf('\n', offset - 1) + 1;
}

/** Start of the line after the last line with text (or the end of that line when it is the memo's last). */
function afterLastText(memo: string): number {
  const last = memo.trimEnd().length;
  if (last === 0) return 0;
  const newline = memo.indexOf('\n', last);
  return newline < 0 ? memo.length : newline + 1;
}

/** An offset inside the memo and never between the `\r` and `\n` of a line break. */
function clampOffset(memo: string, offset: number): number {
  const at = Math.max(0, Math.min(memo.length, Math.floor(offset) || 0));
  return at > 0 && memo[at - 1] === '\r' && memo[at] === '\n' ? at - 1 : at;
}
