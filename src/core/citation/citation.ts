// The one place that defines how provisions are cited in memos and how citations are found again.
import { text, type Catalog, type Lang, type Provision } from '../catalog/model';

/** Machine-readable part of a citation: `tda:<agreement-id>/<provision-id>`. */
export const CITATION_SCHEME = 'tda';
// Provision ids may contain '.' and '-' but never end with one, so "…/12." in prose stops before the period.
const CITATION_PATTERN = /\btda:([a-z0-9][a-z0-9-]*)\/([0-9a-z](?:[0-9a-z.-]*[0-9a-z])?)/g;

export function citationToken(provision: Provision): string {
  return `${CITATION_SCHEME}:${provision.uid}`;
}

/** Human-readable citation with the machine token, e.g. `ROK–US TPD MOU, provision 12 (tda:kr-us-tpd/12)`. */
export function formatCitation(catalog: Catalog, provision: Provision, lang: Lang): string {
  const agreement = catalog.agreements.get(provision.agreementId);
  const name = agreement ? text(agreement.title.short, lang) : provision.agreementId;
  return `${name}, ${provisionName(provision.id, lang)} (${citationToken(provision)})`;
}

/** How a provision is named in prose: `provision 12` / `제12항`. */
export function provisionName(provisionId: string, lang: Lang): string {
  return lang === 'ko' ? `제${provisionId}항` : `provision ${provisionId}`;
}

export interface CitationMatch {
  /** Global provision id (`agreement/provision`). */
  uid: string;
  /** UTF-16 offsets of the `tda:…` token within the searched text. */
  start: number;
  end: number;
}

/** Every citation token in `line` (resolved or not: callers check the catalog and warn on dangling ones). */
export function findCitations(line: string): CitationMatch[] {
  const found: CitationMatch[] = [];
  for (const m of line.matchAll(CITATION_PATTERN)) {
    found.push({ uid: `${m[1]}/${m[2]}`, start: m.index, end: m.index + m[0].length });
  }
  return found;
}
