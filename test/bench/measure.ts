// Timing, statistics and the result rows of `npm run bench`. Pure Node, no VS Code.
import { performance } from 'node:perf_hooks';

/** Summary of a set of samples (milliseconds unless the row says otherwise). */
export interface Stat {
  n: number;
  median: number;
  p99: number;
  min: number;
  max: number;
  mean: number;
  /** Set when the figure was not measured directly but scaled from a measured part (see the row's note). */
  extrapolated?: boolean;
}

export function summarize(samples: readonly number[]): Stat {
  if (samples.length === 0) throw new Error('no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  // Nearest-rank percentiles: p99 of 100 samples is the 99th smallest, of fewer than 100 the largest.
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
  return {
    n: sorted.length,
    median: rank(0.5),
    p99: rank(0.99),
    min: sorted[0],
    max: sorted[sorted.length - 1],
    mean: sorted.reduce((s, x) => s + x, 0) / sorted.length,
  };
}

export function scaleStat(s: Stat, factor: number): Stat {
  return { ...s, median: s.median * factor, p99: s.p99 * factor, min: s.min * factor, max: s.max * factor, mean: s.mean * factor, extrapolated: true };
}

export interface SampleOptions {
  /** Untimed calls first, so the JIT has compiled the code being measured. */
  warmup?: number;
  /** Timed calls wanted. */
  reps: number;
  /** Fewest timed calls even when over the time budget. */
  minReps?: number;
  /** Stop early (after minReps) when the timed calls have used this much time. */
  budgetMs?: number;
}

/** Times each call of `fn(i, true)` separately (one sample per call) and returns the samples in ms. Warm-up calls get `false`. */
export function sample(fn: (i: number, timed: boolean) => unknown, opts: SampleOptions): number[] {
  const { warmup = 0, reps, minReps = Math.min(reps, 5), budgetMs = Infinity } = opts;
  let sink: unknown;
  for (let i = 0; i < warmup; i++) sink = fn(i, false);
  const samples: number[] = [];
  let spent = 0;
  for (let i = 0; i < reps; i++) {
    if (spent > budgetMs && samples.length >= minReps) break;
    const t0 = performance.now();
    sink = fn(i, true);
    const dt = performance.now() - t0;
    samples.push(dt);
    spent += dt;
  }
  keep(sink);
  return samples;
}

/** Like `sample` for async work. */
export async function sampleAsync(fn: (i: number) => Promise<unknown>, opts: SampleOptions): Promise<number[]> {
  const { warmup = 0, reps, minReps = Math.min(reps, 5), budgetMs = Infinity } = opts;
  let sink: unknown;
  for (let i = 0; i < warmup; i++) sink = await fn(i);
  const samples: number[] = [];
  let spent = 0;
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    sink = await fn(i);
    const dt = performance.now() - t0;
    samples.push(dt);
    spent += dt;
    if (spent > budgetMs && samples.length >= minReps) break;
  }
  keep(sink);
  return samples;
}

let blackhole: unknown;
/** Keeps a result alive so the JIT cannot drop the work that produced it. */
export function keep(value: unknown): void {
  blackhole = value;
}
export function blackholeValue(): unknown {
  return blackhole;
}

/** Full garbage collection when node runs with --expose-gc (the bench does); a no-op otherwise. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/**
 * Retained memory (bytes) of what `build` returns: heap plus array buffers (typed arrays live outside the JS heap)
 * after a full GC with the result alive, minus before.
 */
export function retainedHeap<T>(build: () => T): { value: T; bytes: number } {
  const used = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  collectGarbage();
  collectGarbage();
  const before = used();
  const value = build();
  collectGarbage();
  collectGarbage();
  const bytes = used() - before;
  return { value, bytes: Math.max(0, bytes) };
}

// ---------------------------------------------------------------------------------------------
// Rows

export type Group = 'Activation' | 'Hover' | 'Search' | 'Catalog load' | 'Compare' | 'Corpus' | 'Citations' | 'Package';

export interface Target {
  /** Human-readable, e.g. "p99 < 0.2 ms". */
  text: string;
  met: boolean;
}

export interface Row {
  group: Group;
  what: string;
  /** Input size, human-readable. */
  size: string;
  /** `ms` rows carry Stats; `bytes` and `count` rows a single measured value. */
  unit: 'ms' | 'bytes' | 'count';
  ours: Stat | number;
  /** What the naive baseline is (shown in the README legend), and its figure measured in the same run. */
  baseline?: { label: string; value: Stat | number };
  targets?: Target[];
  notes?: string[];
  /** Extra figures for the JSON only (e.g. per query kind). */
  details?: Record<string, unknown>;
}

/** baseline ÷ ours on medians (how many times faster ours is); undefined without a baseline. */
export function ratio(row: Row): number | undefined {
  if (!row.baseline) return undefined;
  const b = typeof row.baseline.value === 'number' ? row.baseline.value : row.baseline.value.median;
  const o = typeof row.ours === 'number' ? row.ours : row.ours.median;
  return o > 0 ? b / o : undefined;
}

export function median(row: Row): number {
  return typeof row.ours === 'number' ? row.ours : row.ours.median;
}

export function p99(row: Row): number {
  return typeof row.ours === 'number' ? row.ours : row.ours.p99;
}
