// Search: index build time and retained memory (heap + typed arrays), and query latency, at 1×, 10× and 100× the shipped catalog and at the
// smallest scale with ≥ 10,000 provisions. Baseline: a linear substring scan over every provision.
import { performance } from 'node:perf_hooks';
import { buildCatalog } from '../../../src/core/catalog/catalogLoader';
import type { Catalog } from '../../../src/core/catalog/model';
import { buildSearchIndex, MAX_QUERY_LENGTH, type SearchIndex } from '../../../src/core/search/searchIndex';
import { NaiveSearch } from '../baselines';
import { collectGarbage, retainedHeap, sample, summarize, type Row } from '../measure';
import { formatMs } from '../report';
import { formatCount, type Suite, type SuiteContext } from '../suite';
import { countProvisions, factorForProvisions, scaleCatalogFiles, syntheticQueries, toFileInputs, type SyntheticQuery } from '../synthetic';

const P99_TARGET_MS = 2;
/** Any single search call on the shipped dataset, whatever is typed or pasted. */
const WORST_CALL_TARGET_MS = 50;
const TARGET_PROVISIONS = 10_000;
const LIMIT = 50;

export function searchSuite(): Suite {
  return {
    name: 'search',
    async run(ctx: SuiteContext): Promise<Row[]> {
      const rows: Row[] = [];
      const big = factorForProvisions(ctx.base, TARGET_PROVISIONS);
      const factors = ctx.smoke ? [1, 2] : [...new Set([1, 10, 100, big])].sort((a, b) => a - b);
      const queries = syntheticQueries(ctx.base, ctx.smoke ? 20 : 280, ctx.seed);
      for (const factor of factors) {
        const files = scaleCatalogFiles(ctx.base, factor, ctx.seed);
        const { catalog } = buildCatalog(toFileInputs(files));
        const provisions = countProvisions(files);
        const size = `${factor}× (${formatCount(provisions)} provisions, ${formatCount(catalog.terms.size)} terms)`;
        const atTarget = factor === big && provisions >= TARGET_PROVISIONS;
        ctx.log(`search: ${size}`);

        // The first build is also the heap measurement; more builds are timed while they fit the budget.
        const heap = retainedHeap(() => {
          const t0 = performance.now();
          const index = buildSearchIndex(catalog);
          return { index, ms: performance.now() - t0 };
        });
        const buildBudget = ctx.smoke ? 200 : 3_000;
        const more = sample(() => buildSearchIndex(catalog), { reps: ctx.smoke ? 1 : 15, minReps: 0, budgetMs: buildBudget - heap.value.ms });
        const build = summarize([heap.value.ms, ...more]);
        const naiveHeap = retainedHeap(() => new NaiveSearch(catalog.provisions.values()));
        const naiveBuild = summarize(sample(() => new NaiveSearch(catalog.provisions.values()), { warmup: 1, reps: ctx.smoke ? 2 : 15 }));
        rows.push(
          { group: 'Search', what: 'Build the search index (once per catalog load)', size, unit: 'ms', ours: build, baseline: { label: 'naive-search', value: naiveBuild }, notes: ['baseline: lowercasing every provision’s text'] },
          { group: 'Search', what: 'Search index retained memory (heap + array buffers)', size, unit: 'bytes', ours: heap.bytes, baseline: { label: 'naive-search', value: naiveHeap.bytes } },
        );
        const index: SearchIndex = heap.value.index;
        const naive = naiveHeap.value;
        rows.push(queryRow(ctx, catalog, index, naive, queries, size, atTarget));
        if (factor === 1) rows.push(adversarialRow(ctx, index, naive, size));
      }
      return rows;
    },
  };
}

/**
 * Input no analyst types but anyone can paste: long runs of random letters (one huge word), of random Hangul, many
 * short words, 초성, clause numbers, a 10,000-character paragraph. Each call is timed; the row reports the worst.
 */
function adversarialQueries(seed: number, count: number): string[] {
  let state = seed >>> 0 || 1;
  const random = () => ((state = Math.imul(state ^ (state >>> 15), 2246822519) + 1 >>> 0) % 1_000_003) / 1_000_003;
  const pick = (chars: string) => chars[Math.floor(random() * chars.length)];
  const run = (n: number, next: () => string) => Array.from({ length: n }, next).join('');
  const hangul = () => String.fromCharCode(0xac00 + Math.floor(random() * 11172));
  const letter = () => pick('abcdefghijklmnopqrstuvwxyz');
  const shapes = [
    () => run(256, letter),
    () => run(256, hangul),
    () => run(60, () => `${run(1 + Math.floor(random() * 10), letter)} `),
    () => run(80, () => `${run(1 + Math.floor(random() * 6), hangul)} `),
    () => run(200, () => pick('ㄱㄴㄷㄹㅁㅂㅅㅇㅈㅊ ')),
    () => run(60, () => `제${Math.floor(random() * 50)}항 `),
    () => run(10_000, () => (random() < 0.2 ? ' ' : random() < 0.5 ? hangul() : letter())),
  ];
  return Array.from({ length: count }, (_, i) => shapes[i % shapes.length]());
}

function adversarialRow(ctx: SuiteContext, index: SearchIndex, naive: NaiveSearch, size: string): Row {
  const queries = adversarialQueries(ctx.seed, ctx.smoke ? 14 : 700);
  collectGarbage();
  const ours = sample((i) => index.search(queries[i % queries.length], { limit: LIMIT }), { warmup: 7, reps: queries.length });
  collectGarbage();
  const baseline = sample((i) => naive.search(queries[i % queries.length]), { warmup: 7, reps: queries.length });
  const max = Math.max(...ours);
  return {
    group: 'Search',
    what: 'Query of pasted or random input (per query)',
    size,
    unit: 'ms',
    ours: summarize(ours),
    baseline: { label: 'naive-search', value: summarize(baseline) },
    targets: [{ text: `every call < ${WORST_CALL_TARGET_MS} ms (slowest: ${formatMs(max)})`, met: max < WORST_CALL_TARGET_MS }],
    notes: [
      `${formatCount(queries.length)} queries of 7 shapes: 256 random letters, 256 random Hangul, 60 short words, 80 short Hangul words, 200 초성, 60 clause numbers, a 10,000-character paste (cut to ${MAX_QUERY_LENGTH}); slowest call of the baseline ${formatMs(Math.max(...baseline))}`,
    ],
  };
}

function queryRow(
  ctx: SuiteContext,
  catalog: Catalog,
  index: SearchIndex,
  naive: NaiveSearch,
  queries: readonly SyntheticQuery[],
  size: string,
  atTarget: boolean,
): Row {
  const reps = ctx.smoke ? queries.length : queries.length * 3;
  let found = 0;
  let naiveFound = 0;
  collectGarbage();
  const samples = sample(
      (i, timed) => {
        const hits = index.search(queries[i % queries.length].query, { limit: LIMIT });
        if (timed && i < queries.length && hits.length) found++;
        return hits;
      },
      { warmup: ctx.smoke ? 2 : queries.length, reps },
  );
  const ours = summarize(samples);
  // Which kinds of query are slow: the p99 of each kind's samples.
  const byKind = new Map<string, number[]>();
  samples.forEach((ms, i) => {
    const kind = queries[i % queries.length].kind;
    byKind.set(kind, [...(byKind.get(kind) ?? []), ms]);
  });
  const kinds = [...byKind].map(([kind, list]) => ({ kind, ...summarize(list) })).sort((a, b) => b.p99 - a.p99);
  const slowest = queries
    .map((q, i) => ({ q, ms: Math.max(...samples.filter((_, j) => j % queries.length === i)) }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 3);
  collectGarbage();
  const baseline = summarize(
    sample(
      (i, timed) => {
        const hits = naive.search(queries[i % queries.length].query);
        if (timed && i < queries.length && hits.length) naiveFound++;
        return hits;
      },
      { warmup: ctx.smoke ? 2 : queries.length, reps, budgetMs: ctx.smoke ? 200 : 8_000, minReps: Math.min(reps, queries.length) },
    ),
  );
  return {
    group: 'Search',
    what: `Query (per query, top ${LIMIT})`,
    size,
    unit: 'ms',
    ours,
    baseline: { label: 'naive-search', value: baseline },
    targets: atTarget ? [{ text: `p99 < ${P99_TARGET_MS} ms at ≥ ${formatCount(TARGET_PROVISIONS)} provisions`, met: ours.p99 < P99_TARGET_MS }] : undefined,
    details: { byKind: kinds, slowest: slowest.map((x) => ({ query: x.q.query, kind: x.q.kind, maxMs: x.ms })) },
    notes: [
      `p99 by kind of query: ${kinds.map((k) => `${k.kind} ${formatMs(k.p99)}`).join(', ')}; slowest: ${slowest.map((x) => `“${x.q.query}” ${formatMs(x.ms)}`).join(', ')}`,
      `${formatCount(queries.length)} seeded queries (English and Korean words, two-word, prefixes, glossary terms, typos), each run ${Math.round(reps / queries.length)}×; ` +
        `${catalog.provisions.size ? '' : 'empty catalog; '}queries with results: ours ${found}, baseline ${naiveFound} of ${queries.length}`,
    ],
  };
}
