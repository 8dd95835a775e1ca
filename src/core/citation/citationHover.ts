// The Markdown of a cited provision, for the hover over a `tda:` citation in a memo.
import { otherText, text, type Catalog, type Lang, type Provision } from '../catalog/model';
import { bindingLabel } from '../labels/agreementLabels';
import type { HoverStrings } from '../labels/hoverStrings';
import { sourcesMarkdown } from '../labels/provenance';
import { disagreementMarkdown } from '../labels/disagreementLabels';
import { disagreementIndex } from '../disputes/disagreements';
import { displayTextMarkdown } from '../labels/textLabels';
import { chapterLabel, officialLocationWithSources, provisionReference, sectorsWithBasis } from '../labels/provisionLabels';
import { CommandLinks, type TrustedMarkdown } from '../text/commandLink';
import { escapeMarkdown } from '../text/markdown';

const OPEN_PROVISION = 'techDealAtlas.openProvision';
const REVEAL_IN_TREE = 'techDealAtlas.revealInTree';

/** Where the provision is from, its text in both languages, its sources, and actions. */
export function citationHoverMarkdown(catalog: Catalog, provision: Provision, lang: Lang, s: HoverStrings): TrustedMarkdown {
  const agreement = catalog.agreements.get(provision.agreementId);
  const links = new CommandLinks();
  const parts: string[] = [];
  const title = agreement ? text(agreement.title.short, lang) : provision.agreementId;
  const chapter = chapterLabel(agreement, provision.chapter, lang);
  const heading = [chapter, provision.heading && text(provision.heading, lang)].filter(Boolean).map((h) => ` · ${escapeMarkdown(h!)}`).join('');
  // Actions right under the title, as in glossary hovers: visible without scrolling the hover.
  const actions = [
    links.link(`$(go-to-file) ${escapeMarkdown(s.openProvision)}`, OPEN_PROVISION, [provision.uid]),
    links.link(`$(list-tree) ${escapeMarkdown(s.showInSidebar)}`, REVEAL_IN_TREE, [{ kind: 'provision', id: provision.uid }]),
  ];
  parts.push(`**${escapeMarkdown(`${title}, ${provisionReference(agreement, provision, lang)}`)}**${heading}  \n${actions.join(' · ')}`);
  parts.push(displayTextMarkdown(provision.text, lang));
  const second = otherText(provision.text, lang);
  if (second) parts.push(`> ${escapeMarkdown(second.text)}`);
  const facts: string[] = [];
  if (agreement) facts.push(`$(law) ${escapeMarkdown(bindingLabel(agreement.legalNature.binding, lang))}`);
  const sectors = sectorsWithBasis(catalog, provision, lang);
  if (sectors) facts.push(`$(tag) ${escapeMarkdown(sectors)}`);
  if (facts.length) parts.push(facts.join(' · '));
  const location = officialLocationWithSources(catalog, provision, lang);
  if (location) parts.push(`$(symbol-structure) ${escapeMarkdown(s.inTheAgreement)} ${escapeMarkdown(location)}`);
  for (const d of disagreementIndex(catalog).about({ agreement: provision.agreementId, provision: provision.id })) parts.push(disagreementMarkdown(catalog, d, lang));
  const sources = sourcesMarkdown(catalog, provision.provenance, lang, s.source);
  if (sources) parts.push(sources);
  return links.markdown(parts.join('\n\n'));
}
