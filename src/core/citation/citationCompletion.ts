// Citation completion: what the text before the cursor asks for, and the agreements and provisions offered.
//
// Rules (when completion answers at all):
//  - `tda:` opens it, but only where a citation can start: at the line start, after whitespace or an opening bracket,
//    quote or Markdown emphasis mark. Never inside a word (`xtda:`), an e-mail address (`a@tda:`) or a URL
//    (`https://x.org/tda:`): the character before `tda:` decides, so the rule is local and costs nothing on prose.
//  - `tda:` then text without a slash: agreements (and, from two characters on, provisions) found by the search core
//    (Korean-aware: 초성, typos, a syllable still being composed, `제28항`). `tda:<agreement>/` then text: that agreement's
//    provisions, by id prefix first (`28`), then by the search core restricted to the agreement.
//  - A configured trigger (`@@`, `[[` …) followed by up to MAX_TRIGGER_QUERY characters of free text searches
//    agreements and provisions; longer text is prose, and completion stays quiet.
//  - Accepting replaces everything from the `tda:` (or trigger) to the cursor with the citation in the configured
//    style; accepting an agreement writes `tda:<agreement>/` and asks for completion again (its provisions).
//
// Cost: one look at the last LOOKBACK characters of the line, and one search-core query (bounded by `limit`).
import { text, type Catalog, type Lang, type Provision } from '../catalog/model';
import type { SearchIndex } from '../search/searchIndex';
import { agreementStatusLabel, dateLabel, officialTitleLabel, partiesLabel } from '../labels/agreementLabels';
import { provisionNumberLabel, provisionReference, provisionTextLabel } from '../labels/provisionLabels';
import { sourcesMarkdown } from '../labels/provenance';
import { displayTextMarkdown } from '../labels/textLabels';
import { escapeMarkdown } from '../text/markdown';
import { truncate } from '../text/truncate';
import { CITATION_SCHEME, writeCitation, type CitationStyle } from './citation';

/** Characters before the cursor looked at. */
const LOOKBACK = 120;
/** Longest free-text query after a configured trigger: beyond it the writer is typing prose. */
export const MAX_TRIGGER_QUERY = 60;
/** Characters after which a citation may start (besides whitespace and the line start). */
const OPENERS = new Set([...'([{<"\'“‘«「『（［｛〈《>*_~']);
const TOKEN = `${CITATION_SCHEME}:`;

export type CompletionStage = 'agreements' | 'provisions' | 'search';

export interface CitationCompletionQuery {
  stage: CompletionStage;
  /** Offset in the line where the replaced text starts (the `tda:` or the trigger). */
  start: number;
  /** Agreement id written before the slash (stage `provisions`). */
  agreementId?: string;
  query: string;
}

function canStartAt(line: string, at: number): boolean {
  if (at === 0) return true;
  const before = line[at - 1];
  return /\s/.test(before) || OPENERS.has(before);
}

/** What the text before the cursor asks for; undefined when completion should stay quiet. */
export function citationCompletionQuery(lineBefore: string, trigger = ''): CitationCompletionQuery | undefined {
  const offset = Math.max(0, lineBefore.length - LOOKBACK);
  const tail = lineBefore.slice(offset);
  let best: CitationCompletionQuery | undefined;
  const at = tail.lastIndexOf(TOKEN);
  if (at >= 0 && canStartAt(lineBefore, offset + at)) {
    const rest = tail.slice(at + TOKEN.length);
    if (!/\s/.test(rest)) {
      const slash = rest.indexOf('/');
      best =
        slash < 0
          ? { stage: 'agreements', start: offset + at, query: rest }
          : { stage: 'provisions', start: offset + at, agreementId: rest.slice(0, slash), query: rest.slice(slash + 1) };
    }
  }
  if (trigger) {
    const t = tail.lastIndexOf(trigger);
    if (t >= 0 && (!best || offset + t > best.start) && canStartAt(lineBefore, offset + t)) {
      const query = tail.slice(t + trigger.length);
      if (query.length <= MAX_TRIGGER_QUERY && !/^\s/.test(query)) return { stage: 'search', start: offset + t, query };
    }
  }
  return best;
}

export interface CitationCandidate {
  kind: 'agreement' | 'provision';
  /** Agreement id or provision uid. */
  id: string;
  label: string;
  /** Shown right of the label (agreement, date). */
  description: string;
  /** One line above the documentation: the provision's full reference, or the agreement's official title. */
  detail: string;
  /** Markdown (escaped data, no command links). */
  documentation: string;
  /** Text replacing [start, cursor). */
  insertText: string;
  /** Accepting opens completion again (after an agreement come its provisions). */
  retrigger: boolean;
}

export interface CandidateOptions {
  lang: Lang;
  style: CitationStyle;
  /** "Source:" in the UI language. */
  sourceWord: string;
  limit?: number;
}

const DEFAULT_LIMIT = 50;
/** Characters of a provision's text in its completion label. */
const LABEL_TEXT_MAX = 60;
/** Provisions offered beside agreements once the query is this long (a one-letter query names agreements). */
const PROVISIONS_FROM = 2;

/** Agreements and provisions for a completion query, best first. */
export function citationCandidates(catalog: Catalog, index: SearchIndex | undefined, q: CitationCompletionQuery, options: CandidateOptions): CitationCandidate[] {
  const limit = options.limit ?? DEFAULT_LIMIT;
  const out: CitationCandidate[] = [];
  const seen = new Set<string>();
  // Candidates are built only once they are sure to be kept: building one (labels, documentation) is the costly part,
  // and `tda:` alone matches every agreement of a large catalog.
  const add = (id: string, build: () => CitationCandidate | undefined) => {
    if (out.length >= limit || seen.has(id)) return;
    const candidate = build();
    if (!candidate) return;
    seen.add(id);
    out.push(candidate);
  };
  const provision = (uid: string) => () => {
    const p = catalog.provisions.get(uid);
    return p && provisionCandidate(catalog, p, options);
  };
  const query = q.query.trim();

  if (q.stage === 'provisions') {
    const agreement = catalog.agreements.get(q.agreementId ?? '') ?? catalog.agreements.get((q.agreementId ?? '').toLowerCase());
    if (!agreement) return [];
    const typed = query.toLowerCase();
    // Ids as typed first (`28` → 28, 280 …), in the agreement's order; then what the search core finds in it.
    for (const p of agreement.provisions) {
      if (out.length >= limit) break;
      if (p.id.startsWith(typed)) add(p.uid, () => provisionCandidate(catalog, p, options));
    }
    if (query && index && out.length < limit) for (const hit of index.search(query, { kinds: ['provision'], agreement: agreement.id, limit })) add(hit.id, provision(hit.id));
    return out;
  }

  if (q.stage === 'agreements') {
    const typed = query.toLowerCase();
    for (const a of catalog.agreements.values()) {
      if (out.length >= limit) break;
      if (a.id.startsWith(typed)) add(a.id, () => agreementCandidate(catalog, a.id, options));
    }
  }
  if (query && index) {
    const kinds = query.length >= PROVISIONS_FROM || q.stage === 'search' ? (['agreement', 'provision'] as const) : (['agreement'] as const);
    if (out.length < limit) for (const hit of index.search(query, { kinds, limit })) add(hit.id, hit.kind === 'agreement' ? () => agreementCandidate(catalog, hit.id, options) : provision(hit.id));
  }
  return out;
}

function agreementCandidate(catalog: Catalog, id: string, options: CandidateOptions): CitationCandidate | undefined {
  const agreement = catalog.agreements.get(id);
  if (!agreement) return undefined;
  const { lang } = options;
  const title = text(agreement.title.short, lang);
  const date = dateLabel(agreement.date, lang);
  const status = agreementStatusLabel(agreement, lang);
  const documentation = [
    `**${escapeMarkdown(title)}**`,
    escapeMarkdown(officialTitleLabel(agreement, lang)),
    [date, partiesLabel(catalog, agreement, lang), status].filter(Boolean).map((s) => escapeMarkdown(s!)).join(' · '),
    `\`${TOKEN}${agreement.id}/\``,
  ].join('\n\n');
  return {
    kind: 'agreement',
    id,
    label: title,
    description: [date, agreement.id].filter(Boolean).join(' · '),
    detail: officialTitleLabel(agreement, lang),
    documentation,
    insertText: `${TOKEN}${agreement.id}/`,
    retrigger: true,
  };
}

function provisionCandidate(catalog: Catalog, provision: Provision, options: CandidateOptions): CitationCandidate {
  const { lang } = options;
  const agreement = catalog.agreements.get(provision.agreementId);
  const title = agreement ? text(agreement.title.short, lang) : provision.agreementId;
  const reference = provisionReference(agreement, provision, lang);
  const date = dateLabel(agreement?.date, lang);
  const parts = [`**${escapeMarkdown(title)}**, ${escapeMarkdown(reference)}${date ? ` · ${escapeMarkdown(date)}` : ''}`, displayTextMarkdown(provision.text, lang)];
  const sources = sourcesMarkdown(catalog, provision.provenance, lang, options.sourceWord, { max: 2 });
  if (sources) parts.push(sources);
  parts.push(`\`${TOKEN}${provision.uid}\``);
  // The list shows many provisions of one agreement at once: whose number and the start of the text tell them apart
  // (an official location such as "II. Areas of Cooperation" is shared by dozens); the full reference is the detail.
  return {
    kind: 'provision',
    id: provision.uid,
    label: `${provisionNumberLabel(agreement, provision, lang)} · ${truncate(provisionTextLabel(provision, lang), LABEL_TEXT_MAX)}`,
    description: [title, date].filter(Boolean).join(' · '),
    detail: reference,
    documentation: parts.join('\n\n'),
    insertText: writeCitation(catalog, provision, lang, options.style),
    retrigger: false,
  };
}
