// "Cited in N memos": where the workspace's memos cite a provision, for its tree tooltip (command links that open the
// memo at the citation) and its agreement document (links to the memo files at the line, which the Markdown preview
// and editor open). One line per place shown, memos sorted, the first citation of each memo linked.
import type { Lang } from '../catalog/model';
import { CommandLinks, type TrustedMarkdown } from '../text/commandLink';
import { escapeMarkdown } from '../text/markdown';
import { OPEN_CITATION } from './citationsView';

/** A memo citing the provision: its key (URI), how the UI names it, and its first citation of the provision. */
export interface CitingPlace {
  memo: string;
  label: string;
  line: number;
  start: number;
  end: number;
}

const SHOW_CITING_MEMOS = 'techDealAtlas.showCitingMemos';
/** Memos linked one by one; the rest are counted (the tooltip's "all" link lists every one). */
const MAX_LINKED = 5;

const WORDS = {
  ko: { citedIn: (n: number) => `메모 ${n}개에서 인용`, more: (n: number) => `외 ${n}개`, all: '모두 보기' },
  en: { citedIn: (n: number) => `Cited in ${n} memo${n === 1 ? '' : 's'}`, more: (n: number) => `and ${n} more`, all: 'Show all' },
};

/** The first citation in each memo, memos in label order. */
export function firstPerMemo(places: readonly CitingPlace[]): CitingPlace[] {
  const seen = new Map<string, CitingPlace>();
  for (const p of places) if (!seen.has(p.memo)) seen.set(p.memo, p);
  return [...seen.values()].sort((a, b) => a.label.localeCompare(b.label));
}

/** Tooltip Markdown: "Cited in 3 memos: a.md · b.md · c.md · Show all" (links run this extension's commands only). */
export function citedInMarkdown(places: readonly CitingPlace[], uid: string, lang: Lang): TrustedMarkdown | undefined {
  const memos = firstPerMemo(places);
  if (!memos.length) return undefined;
  const w = WORDS[lang];
  const links = new CommandLinks();
  const shown = memos.slice(0, MAX_LINKED).map((p) => links.link(escapeMarkdown(p.label), OPEN_CITATION, [p.memo, p.line, p.start, p.end]));
  if (memos.length > MAX_LINKED) shown.push(escapeMarkdown(w.more(memos.length - MAX_LINKED)));
  shown.push(links.link(escapeMarkdown(w.all), SHOW_CITING_MEMOS, [uid]));
  return links.markdown(`$(references) **${escapeMarkdown(w.citedIn(memos.length))}:** ${shown.join(' · ')}`);
}

/** Agreement-document line: "Cited in 2 memos: [a.md](file:///…/a.md#L12), [b.md](…#L3)". */
export function citedInDocumentLine(places: readonly CitingPlace[], lang: Lang): string | undefined {
  const memos = firstPerMemo(places);
  if (!memos.length) return undefined;
  const w = WORDS[lang];
  const links = memos.slice(0, MAX_LINKED).map((p) => `[${escapeMarkdown(p.label)}](${linkTarget(p.memo)}#L${p.line + 1})`);
  if (memos.length > MAX_LINKED) links.push(escapeMarkdown(w.more(memos.length - MAX_LINKED)));
  return `${escapeMarkdown(w.citedIn(memos.length))}: ${links.join(', ')}`;
}

/** A memo URI as a Markdown link target: URIs are already percent-encoded, but `(`, `)` and spaces would end it. */
function linkTarget(memo: string): string {
  return memo.replace(/[()\s<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
