// Catalog load + validate: the shipped catalog cold (fresh process) and warm, and 10×/100× scaled copies.
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { checkFile, loadCatalog, mergeFiles, type FileInput } from '../../../src/core/catalog/catalogLoader';
import { SHIPPED_DATA_FILES, isShippedDataFile } from '../../../src/core/catalog/shippedData';
import { naiveLoad } from '../baselines';
import { collectGarbage, sample, sampleAsync, summarize, type Row, type Stat } from '../measure';
import { formatCount, writeCatalogFiles, type Suite, type SuiteContext } from '../suite';
import { countProvisions, scaleCatalogFiles } from '../synthetic';

const TARGET_MS = 20;
const TRUSTED_NOTE =
  'the shipped files are trusted: parsed with JSON.parse, not validated again at run time (the unit tests load them through every check and require zero problems); positions are computed only if a problem needs them';

export type ColdLoadKind = 'ours' | 'full' | 'naive';

/**
 * Loads the shipped catalog once, the way a fresh extension host does, and returns the time in ms. `ours`: as the
 * extension loads it (its files trusted, see LoadOptions.trusted); `full`: every check, as for users' own files.
 */
export async function coldLoadProbe(root: string, kind: ColdLoadKind): Promise<number> {
  const read = (file: string) => fsp.readFile(join(root, file));
  const t0 = performance.now();
  if (kind !== 'naive') {
    const result = await loadCatalog(SHIPPED_DATA_FILES, read, kind === 'ours' ? { trusted: isShippedDataFile } : {});
    if (result.catalog.agreements.size === 0) throw new Error('the shipped catalog loaded empty');
  } else {
    await naiveLoad(SHIPPED_DATA_FILES, read);
  }
  return performance.now() - t0;
}

export interface ProbeRunner {
  /** Runs `probe` in a fresh node process and returns what it printed. */
  (args: string[]): Promise<string>;
}

export function catalogSuite(probe?: ProbeRunner): Suite {
  return {
    name: 'catalog',
    async run(ctx: SuiteContext): Promise<Row[]> {
      const rows: Row[] = [];
      const shippedProvisions = countProvisions(ctx.base);
      const shippedSize = `1× shipped (${ctx.base.length} files, ${formatCount(shippedProvisions)} provisions)`;

      // Cold: what the first load after VS Code starts costs, schema compilation included.
      const coldRuns = ctx.smoke ? 1 : 5;
      const cold = async (kind: ColdLoadKind): Promise<Stat> => {
        const samples: number[] = [];
        for (let i = 0; i < coldRuns; i++) {
          samples.push(probe ? Number(await probe(['--probe', 'cold-load', kind])) : await coldLoadProbe(ctx.root, kind));
        }
        return summarize(samples);
      };
      ctx.log(`catalog: cold load × ${coldRuns} fresh processes`);
      const coldOurs = await cold('ours');
      const coldFull = await cold('full');
      const coldNaive = await cold('naive');
      const coldNote = probe ? `${coldRuns} fresh node processes` : 'smoke: measured in-process, not cold';
      rows.push(
        {
          group: 'Catalog load',
          what: 'Load the shipped catalog, cold (fresh process), as the extension does',
          size: shippedSize,
          unit: 'ms',
          ours: coldOurs,
          baseline: { label: 'naive-load', value: coldNaive },
          targets: [{ text: `p99 < ${TARGET_MS} ms`, met: coldOurs.p99 < TARGET_MS }],
          notes: [coldNote, TRUSTED_NOTE],
        },
        {
          group: 'Catalog load',
          what: 'Load + validate with every check, cold (fresh process): what users’ own files get',
          size: shippedSize,
          unit: 'ms',
          ours: coldFull,
          baseline: { label: 'naive-load', value: coldNaive },
          notes: [coldNote],
        },
      );

      // Warm: reloads after an edit, and larger catalogs.
      const factors = ctx.smoke ? [1, 2] : [1, 10, 100];
      for (const factor of factors) {
        let dir: string;
        let files: readonly string[];
        let provisions: number;
        if (factor === 1) {
          dir = ctx.root;
          files = SHIPPED_DATA_FILES;
          provisions = shippedProvisions;
        } else {
          const scaled = scaleCatalogFiles(ctx.base, factor, ctx.seed);
          dir = join(ctx.outDir, `catalog-x${factor}`);
          files = writeCatalogFiles(dir, scaled);
          provisions = countProvisions(scaled);
        }
        const read = (file: string) => fsp.readFile(join(dir, file));
        // The shipped catalog as the extension loads it (trusted); scaled copies take every check, as users' files do.
        const options = factor === 1 ? { trusted: isShippedDataFile } : {};
        const check = await loadCatalog(files, read, options);
        const problems = check.problems.length;
        const reps = ctx.smoke ? 3 : factor === 1 ? 200 : factor === 10 ? 15 : 2;
        const opts = { warmup: ctx.smoke || factor === 100 ? 1 : Math.max(2, reps / 10), reps, budgetMs: ctx.smoke ? 500 : factor === 100 ? 8_000 : 3_000, minReps: 3 };
        ctx.log(`catalog: warm load ${factor}× (${files.length} files) × ${reps}`);
        collectGarbage();
        const ours = summarize(await sampleAsync(() => loadCatalog(files, read, options), opts));
        collectGarbage();
        const naive = summarize(await sampleAsync(() => naiveLoad(files, read), opts));
        const notes: string[] = [];
        if (problems) notes.push(`the scaled catalog has ${problems} problem(s): the generator is out of step with the schema`);
        if (factor === 1) notes.push(TRUSTED_NOTE);
        rows.push({
          group: 'Catalog load',
          what: factor === 1 ? 'Load the shipped catalog, warm (reload), as the extension does' : 'Load + validate with every check, warm (reload)',
          size: factor === 1 ? shippedSize : `${factor}× (${files.length} files, ${formatCount(provisions)} provisions)`,
          unit: 'ms',
          ours,
          baseline: { label: 'naive-load', value: naive },
          targets: factor === 1 ? [{ text: `p99 < ${TARGET_MS} ms`, met: ours.p99 < TARGET_MS }] : undefined,
          notes,
        });
      }
      rows.push(await incrementalReloadRow(ctx));
      return rows;
    },
  };
}

/**
 * A workspace of ~1,000 agreement files where one is edited: the extension parses and checks that file only, then
 * merges every file's result again (cross-references span files). The baseline reloads everything from scratch.
 */
async function incrementalReloadRow(ctx: SuiteContext): Promise<Row> {
  const factor = ctx.smoke ? 3 : 250;
  const scaled = scaleCatalogFiles(ctx.base, factor, ctx.seed);
  const dir = join(ctx.outDir, `catalog-x${factor}`);
  const files = writeCatalogFiles(dir, scaled);
  const agreementFiles = files.filter((f) => f.includes('agreements/'));
  const read = (file: string) => fsp.readFile(join(dir, file));
  const inputs: FileInput[] = await Promise.all(files.map(async (file) => ({ file, content: await read(file) })));
  const results = inputs.map((input) => checkFile(input));
  const loaded = mergeFiles(results);
  const edited = files.indexOf(agreementFiles[Math.floor(agreementFiles.length / 2)]);
  const original = String(inputs[edited].content);
  let version = 0;
  // Each edit changes a provision's text, as typing in the file would.
  const editedInput = (): FileInput => ({ file: files[edited], content: original.replace(/"en": "/, `"en": "edit ${++version} `) });

  const reps = ctx.smoke ? 3 : 30;
  ctx.log(`catalog: reload after one edit in ${files.length} files × ${reps} (and the full reload)`);
  collectGarbage();
  const ours = summarize(
    sample(() => {
      const next = results.slice();
      next[edited] = checkFile(editedInput());
      const result = mergeFiles(next, { previous: loaded.goodFiles });
      if (!result.catalog.agreements.size) throw new Error('the incremental reload lost the catalog');
    }, { warmup: ctx.smoke ? 1 : 3, reps, budgetMs: ctx.smoke ? 2_000 : 20_000, minReps: 3 }),
  );
  collectGarbage();
  const full = summarize(
    await sampleAsync(() => loadCatalog(files, read, { previous: loaded.goodFiles }), { warmup: 1, reps: ctx.smoke ? 1 : 3, budgetMs: ctx.smoke ? 5_000 : 60_000, minReps: 1 }),
  );
  return {
    group: 'Catalog load',
    what: 'Reload after editing one file: that file parsed and checked, every file merged again',
    size: `${formatCount(agreementFiles.length)} agreement files (${formatCount(files.length)} files, ${formatCount(countProvisions(scaled))} provisions)`,
    unit: 'ms',
    ours,
    baseline: { label: 'full-reload', value: full },
    notes: loaded.problems.length ? [`the scaled catalog has ${loaded.problems.length} problem(s): the generator is out of step with the schema`] : [],
  };
}
