// How search hits are shown: label, description, a detail snippet around the matched words, codicon, and what the
// item's buttons act on. Pure (no `vscode`); catalog text stays in the catalog language, like the sidebar's.
import { partiesLabel, dateLabel, agreementKindLabel } from '../labels/agreementLabels';
import { termSecondaryLabel } from '../glossary/glossary';
import { initialConsonants, isInitialConsonants } from '../text/koreanText';
import { otherLanguage } from '../text/language';
import { text, type Catalog, type Lang } from '../catalog/model';
import type { SearchHit, SearchKind } from './searchIndex';
import { agreementKindIcon, PROVISION_ICON, TERM_ICON } from '../labels/icons';
import { provisionReference, provisionTextLabel } from '../labels/provisionLabels';


/** Longest detail line; VS Code ellipsizes beyond the quick pick's width anyway. */
export const SNIPPET_MAX = 160;

export interface SearchItemModel {
  kind: SearchKind;
  id: string;
  /** Codicon id. */
  icon: string;
  label: string;
  description: string;
  detail: string;
  /** Provision uid the Copy Citation button copies (provisions only). */
  citation?: string;
  /** Agreement ids the Compare button opens (an agreement, a provision's agreement, a term's related agreements). */
  compare: string[];
}

/** Where a snippet's matched words start in `value` (UTF-16 offset), or -1. Longer matched terms win. */
export function matchOffset(value: string, terms: readonly string[]): number {
  const lower = value.toLowerCase();
  const sorted = [...new Set(terms)].filter((t) => t.length > 0).sort((a, b) => b.length - a.length);
  for (const term of sorted) {
    const at = isInitialConsonants(term) ? initialsOffset(value, term) : wordOffset(lower, term);
    if (at >= 0) return at;
  }
  return -1;
}

/** A Latin term must start a word (`us` is not found inside `focus`); a Korean one may sit inside a compound. */
function wordOffset(lower: string, term: string): number {
  const latin = /^[a-z0-9]/.test(term);
  for (let at = lower.indexOf(term); at >= 0; at = lower.indexOf(term, at + 1)) {
    if (!latin || at === 0 || !/[\p{L}\p{N}]/u.test(lower[at - 1])) return at;
  }
  return -1;
}

/** The first Korean word from which the 초성 run on as `initials` (possibly across spaces: 한국형 위성 ⇐ ㅎㄱㅎㅇㅅ). */
function initialsOffset(value: string, initials: string): number {
  for (const m of value.matchAll(/[\uAC00-\uD7A3]+/g)) {
    if (initialConsonants(value.slice(m.index, m.index + initials.length * 3)).startsWith(initials)) return m.index;
  }
  return -1;
}

/**
 * A window of `value` around its matched words (at most `max` characters, cut at spaces where possible, with
 * ellipses), or the start of `value` when nothing matched.
 */
export function matchSnippet(value: string, terms: readonly string[], max = SNIPPET_MAX): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const at = Math.max(0, matchOffset(flat, terms));
  let start = Math.max(0, Math.min(at - Math.floor(max / 4), flat.length - max));
  if (start > 0) {
    const space = flat.lastIndexOf(' ', start + 12);
    if (space > start - 12 && space < at) start = space + 1;
  }
  let end = Math.min(flat.length, start + max - (start > 0 ? 1 : 0));
  if (end < flat.length) {
    const space = flat.lastIndexOf(' ', end);
    if (space > at && space > end - 20) end = space;
    end = Math.min(end, start + max - (start > 0 ? 2 : 1));
  }
  return `${start > 0 ? '…' : ''}${flat.slice(start, end).trim()}${end < flat.length ? '…' : ''}`;
}

/**
 * The detail line: a snippet of the first of `candidates` (display language first) containing matched words, skipping
 * a text the label already shows in full; without a match, the first candidate the label does not already show.
 */
function detailFor(candidates: readonly string[], terms: readonly string[], shownInLabel?: string): string {
  const usable = candidates.filter((c) => c && c.replace(/\s+/g, ' ').trim() !== shownInLabel);
  const matched = usable.find((c) => matchOffset(c, terms) >= 0);
  return matchSnippet(matched ?? usable[0] ?? '', terms);
}

/** Everything a quick pick item needs for one hit; undefined when the hit is no longer in the catalog. */
export function searchItemModel(catalog: Catalog, hit: Pick<SearchHit, 'kind' | 'id' | 'terms'>, lang: Lang): SearchItemModel | undefined {
  const other = otherLanguage(lang);
  if (hit.kind === 'agreement') {
    const agreement = catalog.agreements.get(hit.id);
    if (!agreement) return undefined;
    const label = text(agreement.title.short, lang);
    const titles = matchOffset(label, hit.terms) >= 0 ? [] : [agreement.title.official[lang], agreement.title.official[other]];
    return {
      kind: 'agreement',
      id: agreement.id,
      icon: agreementKindIcon(agreement.kind),
      label,
      description: [agreementKindLabel(agreement.kind, lang), partiesLabel(catalog, agreement, lang), dateLabel(agreement.date, lang)].join(' · '),
      detail: detailFor([agreement.summary[lang], agreement.summary[other], ...titles], hit.terms),
      compare: [agreement.id],
    };
  }
  if (hit.kind === 'provision') {
    const provision = catalog.provisions.get(hit.id);
    const agreement = provision && catalog.agreements.get(provision.agreementId);
    if (!provision || !agreement) return undefined;
    const sectors = provision.sectors.map((s) => catalog.sectors.get(s)).filter((s) => s !== undefined);
    const label = provisionTextLabel(provision, lang);
    const body = text(provision.text, lang).replace(/\s+/g, ' ').trim();
    return {
      kind: 'provision',
      id: provision.uid,
      icon: PROVISION_ICON,
      label,
      description: [text(agreement.title.short, lang), provisionReference(agreement, provision, lang), ...sectors.map((s) => text(s.name, lang))].join(' · '),
      detail: detailFor([provision.text[lang], provision.text[other]], hit.terms, label.endsWith('…') ? undefined : body),
      citation: provision.uid,
      compare: [agreement.id],
    };
  }
  const term = catalog.terms.get(hit.id);
  if (!term) return undefined;
  const label = text(term.term, lang);
  const description = termSecondaryLabel(term, lang);
  // Aliases explain a match only when the name line does not already show the matched words.
  const aliases = matchOffset(`${label} ${description}`, hit.terms) >= 0 ? [] : [[...(term.aliases?.[lang] ?? []), ...(term.aliases?.[other] ?? [])].join(' · ')];
  return {
    kind: 'term',
    id: term.id,
    icon: TERM_ICON,
    label,
    description,
    detail: detailFor([term.definition[lang], term.definition[other], ...aliases], hit.terms),
    compare: (term.related?.agreements ?? []).filter((id) => catalog.agreements.has(id)),
  };
}
