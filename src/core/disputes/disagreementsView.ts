// The Disagreements view, independent of VS Code: every point on which sources disagree, each with its claims (and
// under each claim the sources it rests on) and the items it is about. Clicking an item opens what it names: the
// provision, the agreement document at that point, the glossary term, the comparison, or the source's web page.
import { provisionUid, text, type Catalog, type DisagreementData, type Lang } from '../catalog/model';
import { claimPlainText, claimSourcesMarkdown, claimStandingLabel, disagreementKindLabel, disagreementMarkdown, subjectLabel } from '../labels/disagreementLabels';
import { citedSources, sourceBadge } from '../labels/provenance';
import { safeWebUrl } from '../text/commandLink';
import { escapeMarkdown, markdownCodeSpan } from '../text/markdown';
import type { ItemCommand, ViewItem } from '../tree/treeModel';

export type DisagreementNode =
  | { readonly kind: 'disagreement'; readonly id: string }
  | { readonly kind: 'claim'; readonly id: string; readonly claim: number }
  | { readonly kind: 'claim-source'; readonly id: string; readonly claim: number; readonly source: string }
  | { readonly kind: 'subject'; readonly id: string; readonly subject: number };

const WORDS = {
  ko: { about: '대상', claims: (n: number) => `주장 ${n}개` },
  en: { about: 'About', claims: (n: number) => `${n} claims` },
};

export function disagreementRoots(catalog: Catalog): DisagreementNode[] {
  return catalog.disagreements.map((d) => ({ kind: 'disagreement', id: d.id }));
}

export function disagreementChildren(catalog: Catalog, node: DisagreementNode): DisagreementNode[] {
  const d = find(catalog, node.id);
  if (!d) return [];
  if (node.kind === 'disagreement') {
    return [
      ...d.claims.map((_, claim) => ({ kind: 'claim' as const, id: d.id, claim })),
      ...d.about.map((_, subject) => ({ kind: 'subject' as const, id: d.id, subject })),
    ];
  }
  if (node.kind === 'claim') {
    const claim = d.claims[node.claim];
    return claim ? citedSources(catalog, claim.provenance, 'en').map((c) => ({ kind: 'claim-source' as const, id: d.id, claim: node.claim, source: c.source.id })) : [];
  }
  return [];
}

export function disagreementParent(node: DisagreementNode): DisagreementNode | undefined {
  if (node.kind === 'disagreement') return undefined;
  if (node.kind === 'claim-source') return { kind: 'claim', id: node.id, claim: node.claim };
  return { kind: 'disagreement', id: node.id };
}

export function disagreementItem(catalog: Catalog, node: DisagreementNode, lang: Lang): ViewItem | undefined {
  const d = find(catalog, node.id);
  if (!d) return undefined;
  const w = WORDS[lang];
  if (node.kind === 'disagreement') {
    const about = d.about.map((a) => subjectLabel(catalog, a, lang)).join('; ');
    return {
      id: `disagreement:${d.id}`,
      label: text(d.topic, lang),
      description: about,
      tooltip: disagreementMarkdown(catalog, d, lang) + `\n\n**${w.about}:** ${escapeMarkdown(about)}`,
      icon: d.kind === 'source-error' ? 'error' : d.kind === 'commentary-vs-text' ? 'comment-discussion' : 'warning',
      contextValue: 'disagreement',
      collapsible: true,
      accessibilityLabel: [text(d.topic, lang), disagreementKindLabel(d.kind, lang), w.claims(d.claims.length), about].join(', '),
    };
  }
  if (node.kind === 'claim') {
    const claim = d.claims[node.claim];
    if (!claim) return undefined;
    const standing = claimStandingLabel(claim.standing, lang);
    const sources = citedSources(catalog, claim.provenance, lang);
    return {
      id: `disagreement:${d.id}/claim:${node.claim}`,
      label: text(claim.text, lang),
      description: [sources.map(({ source }) => sourceBadge(source, lang)).join(', '), standing].filter(Boolean).join(' · '),
      tooltip: `**${escapeMarkdown(text(claim.text, lang))}**${standing ? ` *(${escapeMarkdown(standing)})*` : ''}\n\n${claimSourcesMarkdown(catalog, claim, lang)}`,
      icon: claim.standing === 'rejected' ? 'close' : claim.standing === 'supported' ? 'check' : claim.standing === 'unverified' ? 'question' : 'quote',
      contextValue: 'disagreementClaim',
      collapsible: sources.length > 0,
      accessibilityLabel: [claimPlainText(catalog, claim, lang), standing].filter(Boolean).join(', '),
    };
  }
  if (node.kind === 'claim-source') {
    const source = catalog.sources.get(node.source);
    const claim = d.claims[node.claim];
    if (!source || !claim) return undefined;
    const places = citedSources(catalog, claim.provenance, lang).find((c) => c.source.id === source.id)?.places ?? [];
    const url = safeWebUrl(source.url);
    return {
      id: `disagreement:${d.id}/claim:${node.claim}/source:${source.id}`,
      label: text(source.title, lang),
      description: [sourceBadge(source, lang), ...places].join(' · '),
      tooltip: [`**${escapeMarkdown(text(source.title, lang))}** ${markdownCodeSpan(sourceBadge(source, lang))}`, ...(source.note ? [`> ⚠ ${escapeMarkdown(text(source.note, lang))}`] : []), ...(url ? [escapeMarkdown(url)] : [])].join('\n\n'),
      icon: url ? 'link-external' : 'book',
      contextValue: 'disagreementSource',
      collapsible: false,
      accessibilityLabel: [text(source.title, lang), sourceBadge(source, lang)].join(', '),
      command: { command: 'techDealAtlas.openSource', arguments: [source.id] },
    };
  }
  const subject = d.about[node.subject];
  if (!subject) return undefined;
  const label = subjectLabel(catalog, subject, lang);
  return {
    id: `disagreement:${d.id}/about:${node.subject}`,
    label,
    description: w.about,
    tooltip: escapeMarkdown(label),
    icon: subject.term !== undefined ? 'book' : subject.comparison !== undefined ? 'diff' : subject.provision !== undefined ? 'symbol-key' : subject.event !== undefined ? 'history' : 'file-text',
    contextValue: 'disagreementSubject',
    collapsible: false,
    accessibilityLabel: `${w.about}: ${label}`,
    command: subjectCommand(catalog, subject),
  };
}

function subjectCommand(catalog: Catalog, subject: DisagreementData['about'][number]): ItemCommand | undefined {
  if (subject.term !== undefined) return { command: 'techDealAtlas.revealTerm', arguments: [subject.term] };
  if (subject.comparison !== undefined) {
    const note = catalog.comparisons.find((c) => c.id === subject.comparison);
    return note && { command: 'techDealAtlas.compare', arguments: [[note.subject, ...note.against]] };
  }
  if (subject.agreement === undefined) return undefined;
  if (subject.provision !== undefined) return { command: 'techDealAtlas.openProvision', arguments: [provisionUid(subject.agreement, subject.provision)] };
  return { command: 'techDealAtlas.openAgreement', arguments: [subject.agreement, { section: subject.event !== undefined ? 'timeline' : 'disagreements' }] };
}

function find(catalog: Catalog, id: string): DisagreementData | undefined {
  return catalog.disagreements.find((d) => d.id === id);
}
