// The Markdown of a glossary term, for hovers in documents and the glossary view's tooltips.
import { text, type Catalog, type Lang, type TermData } from '../catalog/model';
import type { HoverStrings } from '../labels/hoverStrings';
import { sourcesMarkdown } from '../labels/provenance';
import { disagreementMarkdown } from '../labels/disagreementLabels';
import { disagreementIndex } from '../disputes/disagreements';
import { CommandLinks, type TrustedMarkdown } from '../text/commandLink';
import { otherLanguage } from '../text/language';
import { escapeMarkdown } from '../text/markdown';
import { termSecondaryLabel } from './glossary';

const HOVER_SOURCES = 4;

const COMMANDS = {
  revealTerm: 'techDealAtlas.revealTerm',
  revealInTree: 'techDealAtlas.revealInTree',
  compare: 'techDealAtlas.compare',
  search: 'techDealAtlas.search',
} as const;

/**
 * Both names with the actions right below them (hovers have a limited height: the actions stay visible without
 * scrolling), the definition in `lang` with the other language below, sources and related agreements. Every
 * data-derived string is escaped; only the linked commands are enabled.
 */
export function termMarkdown(catalog: Catalog, term: TermData, lang: Lang, s: HoverStrings, options: { showInSidebar?: boolean } = {}): TrustedMarkdown {
  const other = otherLanguage(lang);
  const links = new CommandLinks();
  const agreements = (term.related?.agreements ?? []).filter((id) => catalog.agreements.has(id));

  const actions: string[] = [];
  if (options.showInSidebar !== false) actions.push(links.link(`$(list-tree) ${escapeMarkdown(s.showInSidebar)}`, COMMANDS.revealTerm, [term.id]));
  if (agreements.length >= 2) actions.push(links.link(`$(diff) ${escapeMarkdown(s.compareRelated)}`, COMMANDS.compare, [agreements]));
  actions.push(links.link(`$(search) ${escapeMarkdown(s.search)}`, COMMANDS.search, [text(term.term, lang)], s.searchTooltip));

  const parts: string[] = [];
  const secondary = termSecondaryLabel(term, lang);
  parts.push(`**${escapeMarkdown(text(term.term, lang))}**${secondary ? ` · ${escapeMarkdown(secondary)}` : ''}  \n${actions.join(' · ')}`);
  parts.push(escapeMarkdown(text(term.definition, lang)));
  const otherDefinition = term.definition[other];
  if (otherDefinition && otherDefinition !== term.definition[lang]) parts.push(`> ${escapeMarkdown(otherDefinition)}`);

  for (const d of disagreementIndex(catalog).about({ term: term.id })) parts.push(disagreementMarkdown(catalog, d, lang));
  // The source's caveat note is for citations (citation hovers show it); here its tier says enough. A hover is short:
  // the best few sources show, the glossary view's tooltip and the search list the rest.
  const sources = sourcesMarkdown(catalog, term.provenance, lang, s.source, { notes: false, max: HOVER_SOURCES });
  const basis = term.definitionBasis === 'editorial' ? `*${escapeMarkdown(s.editorsGloss)}*` : '';
  if (sources || basis) parts.push([sources, basis].filter(Boolean).join('  \n'));

  if (agreements.length) {
    const names = agreements.map((id) =>
      links.link(escapeMarkdown(text(catalog.agreements.get(id)!.title.short, lang)), COMMANDS.revealInTree, [{ kind: 'agreement', id }], s.showInSidebar),
    );
    parts.push(`${escapeMarkdown(s.relatedAgreements)} ${names.join(' · ')}`);
  }
  return links.markdown(parts.join('\n\n'));
}
