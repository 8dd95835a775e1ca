// The Markdown of a cited provision, for the hover over a `tda:` citation in a memo.
import { text, type Catalog, type Lang, type Provision } from '../catalog/model';
import { bindingLabel } from '../labels/agreementLabels';
import type { HoverStrings } from '../labels/hoverStrings';
import { sourcesMarkdown } from '../labels/provenance';
import { officialLocationWithSources, provisionReference } from '../labels/provisionLabels';
import { CommandLinks, type TrustedMarkdown } from '../text/commandLink';
import { otherLanguage } from '../text/language';
import { escapeMarkdown } from '../text/markdown';

const OPEN_PROVISION = 'techDealAtlas.openProvision';
const REVEAL_IN_TREE = 'techDealAtlas.revealInTree';

/** Where the provision is from, its text in both languages, its sources, and actions. */
export function citationHoverMarkdown(catalog: Catalog, provision: Provision, lang: Lang, s: HoverStrings): TrustedMarkdown {
  const other = otherLanguage(lang);
  const agreement = catalog.agreements.get(provision.agreementId);
  const links = new CommandLinks();
  const parts: string[] = [];
  const title = agreement ? text(agreement.title.short, lang) : provision.agreementId;
  const heading = provision.heading ? ` · ${escapeMarkdown(text(provision.heading, lang))}` : '';
  // Actions right under the title, as in glossary hovers: visible without scrolling the hover.
  const actions = [
    links.link(`$(go-to-file) ${escapeMarkdown(s.openProvision)}`, OPEN_PROVISION, [provision.uid]),
    links.link(`$(list-tree) ${escapeMarkdown(s.showInSidebar)}`, REVEAL_IN_TREE, [{ kind: 'provision', id: provision.uid }]),
  ];
  parts.push(`**${escapeMarkdown(`${title}, ${provisionReference(agreement, provision, lang)}`)}**${heading}  \n${actions.join(' · ')}`);
  parts.push(escapeMarkdown(text(provision.text, lang)));
  const otherText = provision.text[other];
  if (otherText && otherText !== provision.text[lang]) parts.push(`> ${escapeMarkdown(otherText)}`);
  const facts: string[] = [];
  if (agreement) facts.push(`$(law) ${escapeMarkdown(bindingLabel(agreement.legalNature.binding, lang))}`);
  const sectors = provision.sectors.map((id) => catalog.sectors.get(id)).filter((sector) => sector !== undefined);
  if (sectors.length) facts.push(`$(tag) ${escapeMarkdown(sectors.map((sector) => text(sector.name, lang)).join(', '))}`);
  if (facts.length) parts.push(facts.join(' · '));
  const location = officialLocationWithSources(catalog, provision, lang);
  if (location) parts.push(`$(symbol-structure) ${escapeMarkdown(s.inTheAgreement)} ${escapeMarkdown(location)}`);
  const sources = sourcesMarkdown(catalog, provision.provenance, lang, s.source);
  if (sources) parts.push(sources);
  return links.markdown(parts.join('\n\n'));
}
