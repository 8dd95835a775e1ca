// What every benchmark suite gets, and how a suite is declared.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Row } from './measure';
import { toFileInputs, type CatalogFileEntry } from './synthetic';

export interface SuiteContext {
  /** Tiny sizes and few repetitions: checks that every row can be produced, in seconds. Figures are meaningless. */
  smoke: boolean;
  seed: number;
  /** The shipped catalog files (data/), parsed. */
  base: readonly CatalogFileEntry[];
  /** Repository root (the folder with package.json). */
  root: string;
  /** Scratch folder for generated inputs (inside .test-output/bench). */
  outDir: string;
  log(message: string): void;
}

export interface Suite {
  name: string;
  run(ctx: SuiteContext): Promise<Row[]>;
}

/** Writes catalog files under `dir` (emptied first) and returns their paths relative to it, in order. */
export function writeCatalogFiles(dir: string, entries: readonly CatalogFileEntry[]): string[] {
  rmSync(dir, { recursive: true, force: true });
  const inputs = toFileInputs(entries);
  for (const input of inputs) {
    const file = join(dir, input.file);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, input.content);
  }
  return inputs.map((i) => i.file);
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} B`;
}
