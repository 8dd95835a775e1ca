// What the quick fixes on citations offer: replacements for a broken citation, and the citation a plain-text mention
// of a provision ("한미 MOU 제28항", "provision 28 of the ROK–US MOU") stands for.
//
// Rules:
//  - A broken citation's replacements: provisions of the same agreement (or of the agreement whose id is one typo
//    away) whose id is nearest (numbers by distance, other ids by edit distance), then provisions the search core finds
//    for the text the memo cited (remembered when it was cited) or, failing that, for the words around the citation.
//  - A mention is a provision number (`제28항`, `28항`, `provision 28`, `Article 15.8`) next to words naming exactly one
//    agreement: the longest run of up to MAX_NAME_WORDS words before the number (Korean, or "the ROK–US MOU,
//    provision 28") or after "of" ("provision 28 of the ROK–US MOU") that the search core matches to one agreement
//    completely. An "article"/"조" number is looked for in the provisions' official locations first, then as the
//    atlas's own item number; the quick fix's title shows which provision it found, so the analyst can judge.
//
// Cost: bounded by the line window given (callers pass the line around the cursor) and a few search-core queries.
import type { Catalog, Provision, Texts } from '../catalog/model';
import type { SearchIndex } from '../search/searchIndex';
import { editDistance } from '../text/editDistance';
import { findCitations } from './citation';

const MAX_REPLACEMENTS = 5;
const MAX_NAME_WORDS = 5;
const NEAR_IDS = 3;
const QUERY_MAX = 200;
/** How far ahead of the runner-up a name's best agreement must score to count as the one named. */
const CLEARLY_AHEAD = 1.3;

/** Provisions a broken citation may have meant, best first. */
export function replacementsFor(catalog: Catalog, index: SearchIndex | undefined, brokenUid: string, hints: { remembered?: Texts; lineText?: string }): Provision[] {
  const slash = brokenUid.indexOf('/');
  const agreementId = brokenUid.slice(0, slash);
  const provisionId = brokenUid.slice(slash + 1);
  const out: Provision[] = [];
  const add = (p: Provision | undefined) => {
    if (p && out.length < MAX_REPLACEMENTS && !out.includes(p)) out.push(p);
  };
  const agreements = catalog.agreements.has(agreementId)
    ? [agreementId]
    : [...catalog.agreements.keys()].filter((id) => editDistance(id, agreementId) <= Math.max(1, Math.floor(agreementId.length / 4))).slice(0, 2);
  for (const id of agreements) {
    const provisions = catalog.agreements.get(id)?.provisions ?? [];
    add(provisions.find((p) => p.id === provisionId));
    const n = Number(provisionId);
    const distance = (p: Provision) => (Number.isFinite(n) && Number.isFinite(Number(p.id)) ? Math.abs(Number(p.id) - n) : editDistance(p.id, provisionId));
    const nearest = provisions
      .map((p) => ({ p, d: distance(p) }))
      .filter(({ d }) => d > 0 && d <= NEAR_IDS)
      .sort((a, b) => a.d - b.d)
      .slice(0, NEAR_IDS);
    for (const { p } of nearest) add(p);
  }
  const query = hints.remembered ? Object.values(hints.remembered).find((t) => t)?.slice(0, QUERY_MAX) : withoutCitations(hints.lineText ?? '').slice(0, QUERY_MAX);
  if (index && query && query.trim()) {
    const before = out.length;
    for (const id of agreements.length ? agreements : [undefined]) {
      for (const hit of index.search(query, { kinds: ['provision'], agreement: id, limit: MAX_REPLACEMENTS })) if (hit.complete || out.length === before) add(catalog.provisions.get(hit.id));
    }
  }
  return out;
}

function withoutCitations(line: string): string {
  let rest = line;
  for (const c of findCitations(line).reverse()) rest = rest.slice(0, c.start) + ' ' + rest.slice(c.end);
  return rest.replace(/[#>*_`[\]()]/g, ' ').replace(/\s+/g, ' ').trim();
}

export interface ProvisionMention {
  /** UTF-16 offsets of the whole mention (agreement words and number) in the searched text. */
  start: number;
  end: number;
  provision: Provision;
}

// A number the way prose writes one: 제28항, 28항, 제3조, provision 28, item 28, Article 15.8, para. 3, § 4.
// A particle may follow (제3항을, 제3항에): only 항목 ("item", a different word) is not a number.
const KOREAN_NUMBER = /(제\s*)?(\d+[a-z]?(?:\.\d+)?)\s*(항|조)(?!목)/gu;
const ENGLISH_NUMBER = /\b(provision|item|article|art\.|paragraph|para\.|§)\s*(\d+[a-z]?(?:\.\d+)?)\b/giu;
/** Stands in for each character of a citation while mentions are looked for: no text contains it. */
const CITATION_MASK = '\u0000';
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’–—-]*/gu;

/** Plain-text mentions of provisions in `line` (or in its part [from, to)), resolved against the catalog. */
export function findProvisionMentions(catalog: Catalog, index: SearchIndex, line: string, from = 0, to = line.length): ProvisionMention[] {
  const out: ProvisionMention[] = [];
  const covered = findCitations(line).map((c) => [c.start, c.end]);
  const overlapsCitation = (s: number, e: number) => covered.some(([a, b]) => s < b && a < e);
  // Citations are masked (same length, so offsets hold): a name never runs into one (the mask ends a run of words).
  line = covered.reduce((masked, [a, b]) => masked.slice(0, a) + CITATION_MASK.repeat(b - a) + masked.slice(b), line);
  // A mention already followed by its citation ("provision 2 (tda:…)", what the id style leaves) is done.
  const cited = (end: number) => new RegExp(`^\\s*\\(?${CITATION_MASK}`).test(line.slice(end, end + 4));
  for (const m of line.matchAll(KOREAN_NUMBER)) {
    const before = namedBefore(catalog, index, line, m.index, /의?\s*$/u);
    const provision = before && provisionNumbered(catalog, before.agreement, m[2], m[3] === '조');
    if (before && provision) out.push({ start: before.start, end: m.index + m[0].length, provision });
  }
  for (const m of line.matchAll(ENGLISH_NUMBER)) {
    const end = m.index + m[0].length;
    const article = /^(article|art\.)$/i.test(m[1]);
    const of = /^\s+of\s+(?:the\s+)?/iu.exec(line.slice(end));
    const after = of && namedAfter(catalog, index, line, end + of[0].length);
    const before = after ? undefined : namedBefore(catalog, index, line, m.index, /(?:['’]s|,)?\s*$/u);
    const named = after ?? before;
    const provision = named && provisionNumbered(catalog, named.agreement, m[2], article);
    if (named && provision) out.push({ start: before ? before.start : m.index, end: after ? after.end : end, provision });
  }
  return out.filter((m) => m.end > from && m.start < to && !overlapsCitation(m.start, m.end) && !cited(m.end)).sort((a, b) => a.start - b.start);
}

/** The agreement named by the words just before `at`, and where those words start (see `bestName`). */
function namedBefore(catalog: Catalog, index: SearchIndex, line: string, at: number, joiner: RegExp): { agreement: string; start: number } | undefined {
  const head = line.slice(Math.max(0, at - 80), at);
  const offset = at - head.length;
  const trimmed = head.replace(joiner, '');
  const words = [...trimmed.matchAll(WORD)].filter((w) => w.index + w[0].length <= trimmed.length);
  const runs: Array<{ phrase: string; at: number }> = [];
  for (let n = 1; n <= Math.min(MAX_NAME_WORDS, words.length); n++) {
    const start = words[words.length - n].index;
    runs.push({ phrase: trimmed.slice(start), at: start });
  }
  const best = bestName(catalog, index, runs);
  return best && { agreement: best.agreement, start: offset + best.at };
}

/** The agreement named by the words starting at `at`, and where those words end (see `bestName`). */
function namedAfter(catalog: Catalog, index: SearchIndex, line: string, at: number): { agreement: string; end: number } | undefined {
  const tail = line.slice(at, at + 80);
  const words = [...tail.matchAll(WORD)];
  const runs: Array<{ phrase: string; at: number }> = [];
  for (let n = 1; n <= Math.min(MAX_NAME_WORDS, words.length); n++) {
    const last = words[n - 1];
    runs.push({ phrase: tail.slice(0, last.index + last[0].length), at: last.index + last[0].length });
  }
  const best = bestName(catalog, index, runs);
  return best && { agreement: best.agreement, end: at + best.at };
}

/**
 * Of the runs of words next to a number (shortest first), the one that names an agreement best: the highest search
 * score, the shorter on a tie. Longer is not better: "See the ROK–US MOU" also names the MOU, but "See" and "the"
 * are not part of its name and score it lower, while "한미 팩트시트" scores well above "팩트시트".
 */
function bestName(catalog: Catalog, index: SearchIndex, runs: ReadonlyArray<{ phrase: string; at: number }>): { agreement: string; at: number } | undefined {
  let best: { agreement: string; at: number; score: number } | undefined;
  for (const run of runs) {
    // The words must be one run: no sentence punctuation, brackets or quotes between them.
    if (/[.;:!?()[\]{}"“”\u0000]/.test(run.phrase)) break;
    const named = namedAgreement(catalog, index, run.phrase);
    if (named && (!best || named.score > best.score)) best = { agreement: named.id, at: run.at, score: named.score };
  }
  return best && { agreement: best.agreement, at: best.at };
}

/**
 * The agreement `phrase` names, with its score: the search core's best complete match, when it is clearly ahead of
 * the next one ("한미 MOU" names the ROK–US MOU; "MOU" alone names none, two MOUs score alike).
 */
function namedAgreement(catalog: Catalog, index: SearchIndex, phrase: string): { id: string; score: number } | undefined {
  const hits = index.search(`${phrase} `, { kinds: ['agreement'], limit: 2 }).filter((h) => h.complete);
  if (!hits.length || !catalog.agreements.has(hits[0].id)) return undefined;
  return hits.length === 1 || hits[0].score >= CLEARLY_AHEAD * hits[1].score ? { id: hits[0].id, score: hits[0].score } : undefined;
}

/** The provision a number names in an agreement: an article by its official location first, else the atlas item. */
function provisionNumbered(catalog: Catalog, agreementId: string, number: string, article: boolean): Provision | undefined {
  const provisions = catalog.agreements.get(agreementId)?.provisions ?? [];
  if (article) {
    const escaped = number.replace('.', '\\.');
    const official = new RegExp(`(?:\\bart(?:icle)?\\.?\\s*|제\\s*)${escaped}(?![\\d.])`, 'i');
    const found = provisions.find((p) => p.officialLocation && Object.values(p.officialLocation.label).some((l) => official.test(l)));
    if (found) return found;
  }
  return provisions.find((p) => p.id === number.toLowerCase());
}
