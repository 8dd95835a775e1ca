// Hover: what one hover costs in documents of 1 KB, 1 MB and 10 MB with 30, 1,000 and 10,000 glossary terms.
// Ours: the glossary matcher's `findAt` on the hovered line, which is what the hover provider runs (VS Code hands
// the provider the document's line; splitting the document into lines is VS Code's work, done once per edit).
// Baseline: one regular expression per term over the whole document (test/bench/baselines.ts).
import { performance } from 'node:perf_hooks';
import { createMatcher, type GlossaryMatcher } from '../../../src/core/glossary/glossaryMatcher';
import { NaiveHover } from '../baselines';
import { collectGarbage, sample, scaleStat, summarize, type Row, type Stat } from '../measure';
import { formatBytes, formatCount, type Suite, type SuiteContext } from '../suite';
import { seededRandom, syntheticDocument, syntheticGlossary } from '../synthetic';

const P99_TARGET_MS = 0.2;
const RATIO_TARGET = 100;

interface Positions {
  /** Offsets into the whole document. */
  offsets: number[];
  line: number[];
  character: number[];
}

/** Hover positions: half inside the term mentions the generator inserted, half anywhere. */
function hoverPositions(text: string, mentions: readonly number[], count: number, seed: number): Positions {
  const random = seededRandom(seed ^ 0x4077);
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const positions: Positions = { offsets: [], line: [], character: [] };
  for (let i = 0; i < count; i++) {
    let offset = i % 2 === 0 && mentions.length ? random.pick(mentions) + random.int(3) : random.int(text.length);
    offset = Math.min(offset, text.length - 1);
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    positions.offsets.push(offset);
    positions.line.push(lo);
    positions.character.push(offset - lineStarts[lo]);
  }
  return positions;
}

export function hoverSuite(): Suite {
  return {
    name: 'hover',
    async run(ctx: SuiteContext): Promise<Row[]> {
      const rows: Row[] = [];
      const termCounts = ctx.smoke ? [30, 200] : [30, 1_000, 10_000];
      const docSizes = ctx.smoke ? [1024, 64 * 1024] : [1024, 1024 * 1024, 10 * 1024 * 1024];
      const hovers = ctx.smoke ? 200 : 5_000;
      const baselineBudgetMs = ctx.smoke ? 50 : 1_000;

      for (const count of termCounts) {
        const terms = syntheticGlossary(ctx.base, count, ctx.seed);

        // Building the matcher happens once per catalog (re)load, not per hover.
        const buildReps = ctx.smoke ? 2 : count >= 10_000 ? 3 : 10;
        let matcher!: GlossaryMatcher;
        const build = summarize(sample(() => (matcher = createMatcher(terms)), { warmup: 1, reps: buildReps }));
        const naiveBuild = summarize(sample(() => new NaiveHover(terms), { warmup: 1, reps: buildReps }));
        const naive = new NaiveHover(terms);
        rows.push({
          group: 'Hover',
          what: 'Build the glossary matcher (once per catalog load)',
          size: `${formatCount(count)} terms (${formatCount(matcher.formCount)} forms)`,
          unit: 'ms',
          ours: build,
          baseline: { label: 'naive-hover', value: naiveBuild },
          notes: ['baseline: compiling its regular expressions'],
        });

        for (const bytes of docSizes) {
          const doc = syntheticDocument(ctx.base, terms, bytes, ctx.seed);
          const lines = doc.text.split('\n');
          const pos = hoverPositions(doc.text, doc.mentions, hovers, ctx.seed + count + bytes);
          ctx.log(`hover: ${formatCount(count)} terms × ${formatBytes(bytes)} (${formatCount(lines.length)} lines)`);

          collectGarbage();
          let oursHits = 0;
          const ours = summarize(
            sample(
              (i, timed) => {
                const m = matcher.findAt(lines[pos.line[i]], pos.character[i]);
                if (m && timed) oursHits++;
                return m;
              },
              { warmup: Math.min(500, hovers), reps: hovers },
            ),
          );

          // The baseline scans the document once per term per hover: time a part when the whole would not fit the budget.
          collectGarbage();
          // Estimate a full baseline hover from a few regular expressions over a few positions, then time as many of
          // them as fit the budget (all of them when they do) and scale up linearly when they do not.
          const probeCount = Math.min(naive.size, 8);
          const probe = naive.slice(probeCount);
          const probeT0 = performance.now();
          for (let i = 0; i < 4; i++) probe.hover(doc.text, pos.offsets[i]);
          const perRegex = (performance.now() - probeT0) / 4 / probeCount;
          const affordable = Math.max(probeCount, Math.min(naive.size, Math.floor(baselineBudgetMs / 20 / Math.max(perRegex, 1e-9))));
          const part = affordable < naive.size ? naive.slice(affordable) : naive;
          let naiveHits = 0;
          const samples = sample(
            (i, timed) => {
              const h = part.hover(doc.text, pos.offsets[i]);
              if (h && timed) naiveHits++;
              return h;
            },
            { warmup: 2, reps: hovers, minReps: 5, budgetMs: baselineBudgetMs },
          );
          let baseline: Stat = summarize(samples);
          const notes = [
            `ours found a term at ${pct(oursHits, ours.n)} of ${formatCount(ours.n)} hovers` +
              (part === naive ? `; the baseline at ${pct(naiveHits, samples.length)} of ${formatCount(samples.length)}` : ''),
          ];
          if (part !== naive) {
            baseline = scaleStat(baseline, naive.size / part.size);
            notes.push(`baseline timed with ${formatCount(part.size)} of the ${formatCount(naive.size)} regular expressions (${formatCount(samples.length)} hovers) and scaled up linearly: the full run would take too long`);
          }
          const targets = [];
          if (count <= 1_000) targets.push({ text: `p99 < ${P99_TARGET_MS} ms`, met: ours.p99 < P99_TARGET_MS });
          if (bytes === 1024 * 1024) {
            const r = baseline.median / ours.median;
            targets.push({ text: `≥ ${RATIO_TARGET}× baseline`, met: r >= RATIO_TARGET });
          }
          rows.push({
            group: 'Hover',
            what: 'Hover lookup (per hover)',
            size: `${formatBytes(bytes)} doc × ${formatCount(count)} terms`,
            unit: 'ms',
            ours,
            baseline: { label: 'naive-hover', value: baseline },
            targets,
            notes,
          });
        }
      }
      return rows;
    },
  };
}

function pct(part: number, whole: number): string {
  return `${Math.round((100 * part) / Math.max(1, whole))}%`;
}
