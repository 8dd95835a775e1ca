// `npm run bench`: runs every suite, prints one Markdown table and writes the same figures as JSON.
// Bundled and started by test/bench/run.mjs; see the README's "Performance" section for how to read the output.
//
//   node test/bench/run.mjs [--smoke] [--only catalog,hover,search,compare,corpus,citations,package,activation] [--sessions N] [--strict]
//                           [--update-readme]   (rewrites the results block of the README's Performance section)
//
// Each node-side suite runs in its own fresh process (node --expose-gc), so one suite's heap never slows the next.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { activationRows, measureActivation } from './activation';
import type { Row } from './measure';
import { stagePackage } from './package';
import { legend, markdownTable, sortRows, type BenchResult } from './report';
import type { Suite, SuiteContext } from './suite';
import { catalogSuite, coldLoadProbe } from './suites/catalog';
import { citationsSuite } from './suites/citations';
import { compareSuite } from './suites/compare';
import { corpusSuite } from './suites/corpus';
import { hoverSuite } from './suites/hover';
import { searchSuite } from './suites/search';
import { DEFAULT_SEED, readShippedFiles, REPO_ROOT } from './synthetic';

const NODE_SUITES = ['hover', 'search', 'catalog', 'compare', 'corpus', 'citations'] as const;
const ALL = [...NODE_SUITES, 'package', 'activation'] as const;
type Part = (typeof ALL)[number];

/** The loader next to this bundle (it turns on source maps), to start fresh processes of the bench itself. */
const SELF = __filename.replace(/\.bundle\.js$/, '.js');

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

function suiteFor(name: (typeof NODE_SUITES)[number]): Suite {
  switch (name) {
    case 'catalog':
      return catalogSuite((args) => runSelf(args));
    case 'hover':
      return hoverSuite();
    case 'search':
      return searchSuite();
    case 'compare':
      return compareSuite();
    case 'corpus':
      return corpusSuite();
    case 'citations':
      return citationsSuite();
  }
}

/** Runs this bench bundle in a fresh `node --expose-gc` process; resolves with its stdout. */
function runSelf(args: string[], inherit = false): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', SELF, ...args], { cwd: REPO_ROOT, stdio: ['ignore', inherit ? 'inherit' : 'pipe', 'inherit'] });
    let out = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`bench process ${args.join(' ')} exited ${code}`))));
  });
}

function context(smoke: boolean, outDir: string): SuiteContext {
  return { smoke, seed: DEFAULT_SEED, base: readShippedFiles(REPO_ROOT), root: REPO_ROOT, outDir, log };
}

async function main(): Promise<number> {
  const { values: opts } = parseArgs({
    options: {
      smoke: { type: 'boolean', default: false },
      only: { type: 'string' },
      sessions: { type: 'string' },
      strict: { type: 'boolean', default: false },
      'update-readme': { type: 'boolean', default: false },
      suite: { type: 'string' },
      out: { type: 'string' },
      probe: { type: 'string', multiple: true },
    },
    allowPositionals: true,
  });
  const smoke = opts.smoke ?? false;
  const outDir = join(REPO_ROOT, '.test-output', 'bench', smoke ? 'smoke' : '');
  mkdirSync(outDir, { recursive: true });

  // Child modes.
  if (opts.probe) {
    const [, kind] = process.argv.slice(process.argv.indexOf('--probe') + 1);
    process.stdout.write(String(await coldLoadProbe(REPO_ROOT, kind === 'naive' || kind === 'full' ? kind : 'ours')));
    return 0;
  }
  if (opts.suite) {
    try {
      const rows = await suiteFor(opts.suite as (typeof NODE_SUITES)[number]).run(context(smoke, outDir));
      writeFileSync(opts.out!, JSON.stringify({ rows }));
      return 0;
    } catch (err) {
      writeFileSync(opts.out!, JSON.stringify({ error: (err as Error).message }));
      throw err;
    }
  }

  const started = Date.now();
  const loadAtStart = os.loadavg()[0];
  const only = opts.only ? (opts.only.split(',').map((s) => s.trim()) as Part[]) : undefined;
  for (const p of only ?? []) if (!ALL.includes(p)) throw new Error(`unknown part "${p}"; parts: ${ALL.join(', ')}`);
  // A smoke run checks the node-side suites only (no VSIX build, no VS Code) unless asked for more.
  const parts = only ?? (smoke ? [...NODE_SUITES] : [...ALL]);
  const rows: Row[] = [];
  const skipped: BenchResult['skipped'] = [];
  let vscodeVersion: string | undefined;

  for (const name of NODE_SUITES) {
    if (!parts.includes(name)) continue;
    const t = Date.now();
    const file = join(outDir, `rows-${name}.json`);
    rmSync(file, { force: true });
    try {
      await runSelf(['--suite', name, '--out', file, ...(smoke ? ['--smoke'] : [])], true);
    } catch (err) {
      log(`${name}: ${(err as Error).message}`);
    }
    const out = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { rows?: Row[]; error?: string }) : { error: 'the suite process crashed' };
    if (out.rows) rows.push(...out.rows);
    else skipped.push({ suite: name, reason: out.error ?? 'no result' });
    log(`${name}: ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }

  let extensionPath: string | undefined;
  let bundleBytes = 0;
  /** Scripts of the extension host loaded on demand, not at activation (e.g. the schema validator). */
  let onDemand: { name: string; size: number }[] = [];
  let extensionNote: string | undefined;
  if (parts.includes('package') || parts.includes('activation')) {
    const t = Date.now();
    const staged = stagePackage(REPO_ROOT, outDir, log);
    const pkg = staged.result;
    if (pkg) {
      extensionPath = pkg.unpacked;
      bundleBytes = pkg.bundleBytes;
      onDemand = pkg.extensionFiles.filter((e) => /^dist\/[^/]+\.js$/.test(e.name) && e.name !== 'dist/extension.js');
      if (parts.includes('package')) {
        const largest = [...pkg.extensionFiles].sort((a, b) => b.compressedSize - a.compressedSize).slice(0, 3);
        rows.push(
          {
            group: 'Package',
            what: 'VSIX size',
            size: '`npm run package` (production bundle)',
            unit: 'bytes',
            ours: pkg.bytes,
            targets: [{ text: '< 400 KB', met: pkg.bytes < 400 * 1024 }],
            notes: [`largest files in the VSIX (compressed): ${largest.map((f) => `${f.name} ${(f.compressedSize / 1024).toFixed(1)} KB`).join(', ')}`],
          },
          { group: 'Package', what: 'VSIX file count', size: 'everything in the .vsix', unit: 'count', ours: pkg.files },
        );
      }
    } else {
      if (parts.includes('package')) skipped.push({ suite: 'package', reason: staged.error ?? 'no VSIX' });
      // `npm run package` builds the production bundle before vsce runs: activation can still be measured on it.
      const bundle = join(staged.stage, 'dist', 'extension.js');
      if (existsSync(bundle)) {
        extensionPath = staged.stage;
        bundleBytes = statSync(bundle).size;
        extensionNote = 'activated from the staging copy with the production bundle: `npm run package` built the bundle but could not make the VSIX (see below)';
      }
    }
    log(`package: ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }

  if (parts.includes('activation')) {
    const t = Date.now();
    try {
      if (!extensionPath) throw new Error('no production build to activate (the package step failed before bundling)');
      const sessions = Number(opts.sessions ?? (smoke ? 1 : 5));
      const result = await measureActivation({ root: REPO_ROOT, outDir, extensionPath, sessions, warmup: 1, log });
      vscodeVersion = result.vscodeVersion;
      const activation = activationRows(result, bundleBytes, onDemand);
      if (extensionNote) for (const row of activation) row.notes = [...(row.notes ?? []), extensionNote];
      rows.push(...activation);
    } catch (err) {
      skipped.push({ suite: 'activation', reason: (err as Error).message });
    }
    log(`activation: ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }

  const result: BenchResult = {
    startedAt: new Date(started).toISOString(),
    durationSeconds: (Date.now() - started) / 1000,
    smoke,
    seed: DEFAULT_SEED,
    environment: { node: process.version, platform: `${os.platform()} ${os.arch()}`, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model.trim() ?? '?', vscode: vscodeVersion, loadAverage: { start: loadAtStart, end: os.loadavg()[0] } },
    rows: sortRows(rows),
    skipped,
  };
  const table = markdownTable(result);
  const md = `${table}\n\nBaselines:\n${legend(result.rows)}\n`;
  writeFileSync(join(outDir, 'results.json'), JSON.stringify(result, null, 2) + '\n');
  writeFileSync(join(outDir, 'results.md'), md);
  process.stdout.write(`\n${md}\n`);
  log(`wrote ${relative(REPO_ROOT, join(outDir, 'results.json'))} and results.md in ${result.durationSeconds.toFixed(0)} s`);

  if (opts['update-readme']) {
    if (smoke || only || skipped.length) throw new Error('--update-readme needs a complete full run (no --smoke, no --only, nothing skipped)');
    updateReadme(join(REPO_ROOT, 'README.md'), md);
    log('updated the table in README.md');
  }

  const missed = result.rows.flatMap((r) => r.targets ?? []).filter((t) => !t.met).length;
  if (skipped.length) return 1;
  return opts.strict && missed ? 1 : 0;
}

const README_START = '<!-- bench:results:start (written by npm run bench -- --update-readme) -->';
const README_END = '<!-- bench:results:end -->';

/** Replaces the text between the bench markers in the README's Performance section. */
function updateReadme(file: string, md: string): void {
  const readme = readFileSync(file, 'utf8');
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) throw new Error(`README.md has no ${README_START} … ${README_END} block`);
  writeFileSync(file, `${readme.slice(0, start + README_START.length)}\n${md.trim()}\n${readme.slice(end)}`);
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    log(err.stack ?? err.message);
    process.exit(1);
  },
);
