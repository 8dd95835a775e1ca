// The naive implementations every benchmark row is compared with, in the same run. Each is what a first,
// straightforward version of the feature would do; each is written to be fair to it (precompiled regular
// expressions, pre-lowercased text, early exits) so that the ratios are not inflated.
import Ajv, { type ValidateFunction } from 'ajv';
import MiniSearch from 'minisearch';
import catalogSchema from '../../data/schemas/catalog.schema.json';
import type { Catalog, CatalogFile, Provision, TermData } from '../../src/core/catalog/model';
import { Analyzer, searchDocuments } from '../../src/core/search/searchIndex';
import { surfaceForms } from './synthetic';

// ---------------------------------------------------------------------------------------------
// Hover: one regular expression per term over the whole document

export interface NaiveHit {
  term: TermData;
  start: number;
  end: number;
}

/**
 * A hover provider that, on every hover, runs one regular expression per term (the alternation of the term's
 * forms, longest first, case-insensitive) over the document from the start, and keeps the longest match that
 * contains the hovered offset. Regexes are compiled once up front, and each scan stops at the first match past
 * the hovered offset.
 */
export class NaiveHover {
  private readonly patterns: { term: TermData; re: RegExp }[];

  constructor(terms: readonly TermData[]) {
    this.patterns = terms.map((term) => {
      const forms = [...new Set(surfaceForms(term))].sort((a, b) => b.length - a.length);
      return { term, re: new RegExp(forms.map(escapeRegExp).join('|'), 'gi') };
    });
  }

  get size(): number {
    return this.patterns.length;
  }

  /** Only the first `count` terms: used to time a part of the work when the whole would take too long. */
  slice(count: number): NaiveHover {
    const copy = Object.create(NaiveHover.prototype) as NaiveHover;
    (copy as unknown as { patterns: unknown }).patterns = this.patterns.slice(0, count);
    return copy;
  }

  hover(text: string, offset: number): NaiveHit | undefined {
    let best: NaiveHit | undefined;
    for (const { term, re } of this.patterns) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        if (m.index > offset) break;
        const end = m.index + m[0].length;
        if (offset < end && (!best || end - m.index > best.end - best.start)) best = { term, start: m.index, end };
        if (m[0].length === 0) re.lastIndex++;
      }
    }
    return best;
  }
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---------------------------------------------------------------------------------------------
// Search: linear substring scan

/**
 * Search without an index: every provision's Korean and English text (and heading) lowercased once up front;
 * a query matches a provision when every whitespace-separated query word occurs in it as a substring.
 * No ranking, no prefix/typo tolerance.
 */
export class NaiveSearch {
  private readonly docs: { provision: Provision; haystack: string }[];

  constructor(provisions: Iterable<Provision>) {
    this.docs = [...provisions].map((provision) => ({
      provision,
      haystack: [provision.heading?.ko, provision.heading?.en, provision.text.ko, provision.text.en].filter(Boolean).join('\n').toLowerCase(),
    }));
  }

  search(query: string): Provision[] {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    if (words.length === 0) return [];
    const hits: Provision[] = [];
    for (const d of this.docs) if (words.every((w) => d.haystack.includes(w))) hits.push(d.provision);
    return hits;
  }
}

// ---------------------------------------------------------------------------------------------
// Catalog load: JSON.parse + schema validation, no positions, no cross-references

let naiveValidator: ValidateFunction | undefined;

/**
 * Loads catalog files the simple way: `JSON.parse`, the same JSON Schema through Ajv (compiled once per process,
 * as the real loader does), and maps by id. It reports schema errors without file positions and checks no
 * cross-references, duplicates or dates: the floor the real loader's extra work is measured against.
 */
export async function naiveLoad(files: readonly string[], read: (file: string) => Promise<Uint8Array | string>) {
  naiveValidator ??= new Ajv({ allErrors: true, strict: false }).compile(catalogSchema);
  const validate = naiveValidator;
  const maps = { parties: new Map(), sectors: new Map(), sources: new Map(), agreements: new Map(), terms: new Map() };
  const comparisons: unknown[] = [];
  const errors: unknown[] = [];
  const contents = await Promise.all(files.map(read));
  for (const content of contents) {
    const text = typeof content === 'string' ? content : new TextDecoder().decode(content);
    const data = JSON.parse(text) as CatalogFile;
    if (!validate(data)) errors.push(...(validate.errors ?? []));
    for (const key of ['parties', 'sectors', 'sources', 'agreements', 'terms'] as const) {
      for (const item of data[key] ?? []) if (!maps[key].has(item.id)) maps[key].set(item.id, item);
    }
    comparisons.push(...(data.comparisons ?? []));
  }
  return { ...maps, comparisons, errors };
}

// ---------------------------------------------------------------------------------------------
// Search: MiniSearch alone, as the product's search was before its own postings (see CONTRIBUTING.md)

/**
 * The same documents and the same analysis (Korean bigrams, stems, 초성) in one MiniSearch index, queried the
 * straightforward way: every query word required (AND), the last one as a prefix. What MiniSearch costs at corpus
 * scale when it holds the postings itself.
 */
export class MiniSearchOnly {
  private readonly mini: MiniSearch<{ key: string }>;
  private readonly analyzer = new Analyzer();

  constructor(catalog: Catalog) {
    const analyzer = this.analyzer;
    this.mini = new MiniSearch({
      idField: 'key',
      fields: ['title', 'alias', 'context', 'body', 'ref'],
      tokenize: (value, field) => analyzer.fieldTerms(value, field ?? 'body'),
      processTerm: (term) => term,
      searchOptions: { boost: { title: 6, alias: 4, context: 1.5, body: 1, ref: 3 } },
    });
    this.mini.addAll(searchDocuments(catalog));
  }

  search(query: string, limit = 50): string[] {
    const terms = this.analyzer.fieldTerms(query, 'body');
    if (!terms.length) return [];
    const last = terms.length - 1;
    const results = this.mini.search(
      { combineWith: 'AND', queries: terms.map((term, i) => ({ queries: [term], prefix: i === last })) },
      { tokenize: (q) => [q], processTerm: (t) => t },
    );
    return results.slice(0, limit).map((r) => r.id as string);
  }
}

// ---------------------------------------------------------------------------------------------
// Citations: memos re-read line by line into objects; terms by one regular expression per term; completion by substring

/** The citation token, as a first version would write it (the same shape as src/core/citation/citation.ts). */
const NAIVE_CITATION = /\btda:([a-z0-9][a-z0-9-]*)\/([0-9a-z](?:[0-9a-z.-]*[0-9a-z])?)/g;

export interface NaiveCitation {
  memo: string;
  uid: string;
  line: number;
  start: number;
  end: number;
}

/**
 * A citation index the straightforward way: every memo split into lines, the citation pattern (compiled once) run
 * over each line, one object per occurrence, kept per memo and per uid.
 */
export class NaiveCitationIndex {
  private readonly byMemo = new Map<string, NaiveCitation[]>();
  private readonly byUid = new Map<string, NaiveCitation[]>();

  setText(memo: string, text: string): void {
    for (const old of this.byMemo.get(memo) ?? []) {
      const list = this.byUid.get(old.uid);
      if (list) this.byUid.set(old.uid, list.filter((c) => c.memo !== memo));
    }
    const found: NaiveCitation[] = [];
    const lines = text.split(/\r\n|\r|\n/);
    for (let line = 0; line < lines.length; line++) {
      for (const m of lines[line].matchAll(NAIVE_CITATION)) {
        const c = { memo, uid: `${m[1]}/${m[2]}`, line, start: m.index, end: m.index + m[0].length };
        found.push(c);
        let list = this.byUid.get(c.uid);
        if (!list) this.byUid.set(c.uid, (list = []));
        list.push(c);
      }
    }
    this.byMemo.set(memo, found);
  }

  citationsOf(uids: readonly string[]): NaiveCitation[] {
    return uids.flatMap((uid) => this.byUid.get(uid) ?? []);
  }

  get count(): number {
    let n = 0;
    for (const list of this.byMemo.values()) n += list.length;
    return n;
  }
}

/**
 * Glossary terms in a memo the straightforward way: one regular expression per term (its forms as an alternation,
 * longest first, case-insensitive, compiled once) run over the whole text, one object per occurrence. No Korean
 * endings or terms split by a line break: it does less than the matcher.
 */
export class NaiveTermScan {
  private readonly patterns: { id: string; re: RegExp }[];

  constructor(terms: Iterable<TermData>) {
    this.patterns = [...terms].map((term) => {
      const forms = [...new Set(surfaceForms(term))].sort((a, b) => b.length - a.length);
      return { id: term.id, re: new RegExp(forms.map(escapeRegExp).join('|'), 'gi') };
    });
  }

  scan(memo: string, text: string): { memo: string; termId: string; start: number; end: number }[] {
    const out: { memo: string; termId: string; start: number; end: number }[] = [];
    for (const { id, re } of this.patterns) {
      for (const m of text.matchAll(re)) out.push({ memo, termId: id, start: m.index, end: m.index + m[0].length });
    }
    return out;
  }
}

/**
 * Citation completion without an index: every agreement's id and titles and every provision's uid, headings and
 * texts lowercased once up front; what follows `tda:` (lowercased) is looked for as a substring of each, agreements
 * first, then provisions (after `tda:<agreement>/`, that agreement's provisions only), stopping at `limit` (no
 * ranking, no typo or 초성 tolerance).
 */
export class NaiveCompletion {
  private readonly agreements: { id: string; haystack: string }[];
  private readonly provisions: { uid: string; agreementId: string; haystack: string }[];

  constructor(catalog: Catalog) {
    const all = (t: Readonly<Record<string, string>> | undefined) => (t ? Object.values(t) : []);
    this.agreements = [...catalog.agreements.values()].map((a) => ({
      id: a.id,
      haystack: [a.id, ...all(a.title.short), ...all(a.title.official)].join('\n').toLowerCase(),
    }));
    this.provisions = [...catalog.provisions.values()].map((p) => ({
      uid: p.uid,
      agreementId: p.agreementId,
      haystack: [p.uid, ...all(p.heading), ...all(p.text)].join('\n').toLowerCase(),
    }));
  }

  complete(lineBefore: string, limit = 50): string[] {
    const at = lineBefore.lastIndexOf('tda:');
    if (at < 0) return [];
    const typed = lineBefore.slice(at + 4).toLowerCase();
    const out: string[] = [];
    const slash = typed.indexOf('/');
    if (slash >= 0) {
      const agreementId = typed.slice(0, slash);
      const rest = typed.slice(slash + 1);
      for (const p of this.provisions) {
        if (out.length >= limit) break;
        if (p.agreementId === agreementId && p.haystack.includes(rest)) out.push(p.uid);
      }
      return out;
    }
    for (const a of this.agreements) {
      if (out.length >= limit) return out;
      if (a.haystack.includes(typed)) out.push(a.id);
    }
    for (const p of this.provisions) {
      if (out.length >= limit) break;
      if (p.haystack.includes(typed)) out.push(p.uid);
    }
    return out;
  }
}
