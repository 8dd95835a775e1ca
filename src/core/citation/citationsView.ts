// The Citations view, independent of VS Code: memos that cite provisions, and under each memo its citations in text
// order, each marked when it is broken (no such provision), renumbered (a former id) or its provision's text changed
// since the memo cited it. Clicking a citation opens the memo at it.
import { text, type Catalog, type Lang } from '../catalog/model';
import { provisionReference, provisionTextLabel } from '../labels/provisionLabels';
import { escapeMarkdown, markdownCodeSpan } from '../text/markdown';
import type { ViewItem } from '../tree/treeModel';
import { resolveCitation } from './citation';
import type { CitationOccurrence } from './citationIndex';

export const OPEN_CITATION = 'techDealAtlas.openCitation';

export type CitationState = 'ok' | 'renumbered' | 'broken';

export function citationState(catalog: Catalog, uid: string): CitationState {
  const resolved = resolveCitation(catalog, uid);
  return !resolved ? 'broken' : resolved.renumbered ? 'renumbered' : 'ok';
}

const WORDS = {
  ko: {
    citations: (n: number) => `인용 ${n}개`,
    broken: (n: number) => `⚠ 깨진 인용 ${n}개`,
    line: (n: number) => `${n}행`,
    brokenMark: '⚠ 카탈로그에 없음',
    renumberedMark: '번호 바뀜',
    renumberedTo: (uid: string) => `현재 ID: ${uid}`,
    changedMark: '문구 변경됨',
    changedNote: '이 메모가 인용한 뒤 조항 문구가 바뀌었습니다.',
    notFound: '이 ID의 조항이 카탈로그에 없습니다.',
  },
  en: {
    citations: (n: number) => `${n} citation${n === 1 ? '' : 's'}`,
    broken: (n: number) => `⚠ ${n} broken`,
    line: (n: number) => `line ${n}`,
    brokenMark: '⚠ not in the catalog',
    renumberedMark: 'renumbered',
    renumberedTo: (uid: string) => `Current id: ${uid}`,
    changedMark: 'text changed',
    changedNote: 'The provision’s text changed since this memo cited it.',
    notFound: 'No provision with this id is in the catalog.',
  },
};

/** A memo with citations. `label`: how the UI names the memo (its workspace-relative path). */
export function memoItem(catalog: Catalog, memo: string, label: string, citations: readonly CitationOccurrence[], lang: Lang): ViewItem {
  const w = WORDS[lang];
  const broken = citations.filter((c) => citationState(catalog, c.uid) === 'broken').length;
  const description = [w.citations(citations.length), broken ? w.broken(broken) : undefined].filter(Boolean).join(' · ');
  return {
    id: `memo:${memo}`,
    label,
    description,
    tooltip: `**${escapeMarkdown(label)}**  \n${escapeMarkdown(description)}`,
    icon: broken ? 'warning' : 'file-text',
    contextValue: 'citingMemo',
    collapsible: citations.length > 0,
    accessibilityLabel: `${label}, ${description}`,
  };
}

/** One citation of a memo (`index`: its position among the memo's citations, for a stable id). */
export function citationItem(catalog: Catalog, occurrence: CitationOccurrence, index: number, lang: Lang, changed = false): ViewItem {
  const w = WORDS[lang];
  const resolved = resolveCitation(catalog, occurrence.uid);
  const token = `tda:${occurrence.uid}`;
  const where = w.line(occurrence.line + 1);
  const command = { command: OPEN_CITATION, arguments: [occurrence.memo, occurrence.line, occurrence.start, occurrence.end] };
  if (!resolved) {
    const description = `${where} · ${w.brokenMark}`;
    return {
      id: `citation:${occurrence.memo}#${index}`,
      label: token,
      description,
      tooltip: `${markdownCodeSpan(token)}\n\n${escapeMarkdown(w.notFound)}`,
      icon: 'warning',
      contextValue: 'citation.broken',
      collapsible: false,
      accessibilityLabel: `${token}, ${description}`,
      command,
    };
  }
  const { provision, renumbered } = resolved;
  const agreement = catalog.agreements.get(provision.agreementId);
  const title = agreement ? text(agreement.title.short, lang) : provision.agreementId;
  const marks = [renumbered ? w.renumberedMark : undefined, changed ? w.changedMark : undefined].filter(Boolean);
  const description = [where, ...marks].join(' · ');
  const label = `${title}, ${provisionReference(agreement, provision, lang)}`;
  const tooltip = [
    `**${escapeMarkdown(label)}** ${markdownCodeSpan(token)}`,
    escapeMarkdown(provisionTextLabel(provision, lang)),
    renumbered ? escapeMarkdown(w.renumberedTo(`tda:${provision.uid}`)) : undefined,
    changed ? `*${escapeMarkdown(w.changedNote)}*` : undefined,
  ].filter(Boolean);
  return {
    id: `citation:${occurrence.memo}#${index}`,
    label,
    description,
    tooltip: tooltip.join('\n\n'),
    icon: renumbered || changed ? 'info' : 'quote',
    contextValue: 'citation',
    collapsible: false,
    accessibilityLabel: `${label}, ${description}`,
    command,
  };
}
