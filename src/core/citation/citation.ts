// The one place that defines how provisions are cited in memos and how citations are found again.
import { provisionUid, text, type Catalog, type Lang, type Provision } from '../catalog/model';
import { provisionReference } from '../labels/provisionLabels';

/** Machine-readable part of a citation: `tda:<agreement-id>/<provision-id>`. */
export const CITATION_SCHEME = 'tda';
// Provision ids may contain '.' and '-' but never end with one, so "…/12." in prose stops before the period.
const CITATION_PATTERN = /\btda:([a-z0-9][a-z0-9-]*)\/([0-9a-z](?:[0-9a-z.-]*[0-9a-z])?)/g;

export function citationToken(provision: Provision): string {
  return `${CITATION_SCHEME}:${provision.uid}`;
}

/** How a citation is written: with the agreement and provision label (`labelAndId`, the default) or the token alone. */
export type CitationStyle = 'labelAndId' | 'id';

export function citationStyle(value: unknown): CitationStyle {
  return value === 'id' ? 'id' : 'labelAndId';
}

/** A citation as the `techDealAtlas.citation.style` setting asks: the token alone, or `formatCitation`. */
export function writeCitation(catalog: Catalog, provision: Provision, lang: Lang, style: CitationStyle): string {
  return style === 'id' ? citationToken(provision) : formatCitation(catalog, provision, lang);
}

export interface ResolvedCitation {
  provision: Provision;
  /** The uid cited is a former id of the provision (it was renumbered): the citation should be updated. */
  renumbered: boolean;
}

/** Every uid a memo may cite a provision by: its current one, then its former ones. */
export function citableUids(provision: Provision): string[] {
  return [provision.uid, ...(provision.formerIds ?? []).map((id) => provisionUid(provision.agreementId, id))];
}

/** The provision a cited uid stands for: by its current id, else by a former id. Undefined: a broken citation. */
export function resolveCitation(catalog: Catalog, uid: string): ResolvedCitation | undefined {
  const provision = catalog.provisions.get(uid);
  if (provision) return { provision, renumbered: false };
  const renamed = catalog.formerProvisions.get(uid);
  return renamed && { provision: renamed, renumbered: true };
}

/**
 * Human-readable citation with the machine token: `ROK–US TPD MOU, atlas item 28 (tda:kr-us-tpd/28)`, or with the
 * agreement's own location where a source gives it: `ROK–US TPD MOU, II. Areas of Cooperation — …; atlas item 16
 * (tda:kr-us-tpd/16)`. Never "provision 28": the number is the atlas's, not the agreement's (see provisionLabels.ts).
 */
export function formatCitation(catalog: Catalog, provision: Provision, lang: Lang): string {
  const agreement = catalog.agreements.get(provision.agreementId);
  const name = agreement ? text(agreement.title.short, lang) : provision.agreementId;
  return `${name}, ${provisionReference(agreement, provision, lang)} (${citationToken(provision)})`;
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

/** Characters around the cursor `citationAtColumn` looks at: any real citation token is far shorter. */
const NEAR_WINDOW = 200;

/** The citation token under `character` (start <= character < end), looking only at a window of the line around it. */
export function citationAtColumn(line: string, character: number): CitationMatch | undefined {
  const from = Math.max(0, character - NEAR_WINDOW);
  const to = Math.min(line.length, character + NEAR_WINDOW);
  for (const c of findCitations(line.slice(from, to))) {
    const start = from + c.start;
    const end = from + c.end;
    // A token cut by the window edge is not trusted: `\b` may have matched inside a word, or the id may go on.
    if ((c.start === 0 && from > 0) || (c.end === to - from && to < line.length)) continue;
    if (start <= character && character < end) return { uid: c.uid, start, end };
  }
  return undefined;
}
