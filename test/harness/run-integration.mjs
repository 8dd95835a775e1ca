// Integration tests in a real VS Code extension host (code-server + headless Chromium), offline.
// Usage: node test/harness/run-integration.mjs [--suite main|first-load|vsix-smoke] [--results FILE] [--timeout SECONDS]
//   Builds the extension and test/integration/index.ts, opens a workspace with the extension under development,
//   streams the in-host mocha output, and exits with the host's result (0 = all passed).
//   - main: the sample memo workspace, trusted.
//   - first-load: a copy of it in restricted mode (workspace trust on, folder not trusted) whose .techdeals files are
//     hostile before the extension ever loads them: nested 3,000 levels deep, and one that makes the loader throw
//     (through the TDA_TEST_LOADER_FAULT hook).
//   - vsix-smoke: `npm run package`, the .vsix installed into a fresh server with code-server's --install-extension,
//     and test/smoke/ run against that installed copy (no extension under development), on a copy of the memo
//     workspace. `--exclude <prefix>` packages without the lines of .vscodeignore starting `!<prefix>` (e.g. `data/`):
//     a way to prove the suite fails when a runtime file is missing from the package.
//   Every failed test gets a screenshot of the workbench taken right after it failed; a timeout saves one too. All of
//   it goes to .test-output/<suite dir>/, and the results file lists the failures with their screenshots.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  MEMO_WORKSPACE,
  OUT_DIR,
  ROOT,
  buildExtension,
  buildTestBundle,
  buildTestRunnerExtension,
  elapsed,
  formatLogArgs,
  launchBrowser,
  log,
  openWorkbench,
  saveScreenshot,
  startCodeServer,
} from './vscode-host.mjs';

const RESULT_PREFIX = 'TDA_RESULT '; // printed by test/integration/index.ts
const FAILED_PREFIX = 'TDA_FAILED '; // printed by test/integration/index.ts as a test fails
const START_PREFIX = '[integration] '; // first line the test entry prints
/** Text that makes the loader throw on a file containing it, in the first-load suite. */
const LOADER_FAULT_MARKER = 'TDA-TEST-LOADER-FAULT';

const { values: opts } = parseArgs({
  options: {
    results: { type: 'string' },
    suite: { type: 'string', default: 'main' },
    timeout: { type: 'string', default: process.env.TDA_INTEGRATION_TIMEOUT ?? '420' },
    exclude: { type: 'string' },
  },
});

if (!['main', 'first-load', 'vsix-smoke'].includes(opts.suite)) {
  console.error(`unknown suite "${opts.suite}" (known: main, first-load, vsix-smoke)`);
  process.exit(2);
}
const started = Date.now();
const outDir = path.join(OUT_DIR, opts.suite === 'main' ? 'integration' : opts.suite === 'vsix-smoke' ? 'vsix-smoke' : `integration-${opts.suite}`);
fs.mkdirSync(outDir, { recursive: true });
const result = { suite: opts.suite, passed: 0, failed: 0, pending: 0, exitCode: 1, vscodeVersion: undefined, error: undefined, failures: [] };

/** A fresh copy of the memo workspace (the smoke suite writes a catalog file into it). */
function workspaceCopy() {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tda-vsix-smoke-'));
  fs.cpSync(MEMO_WORKSPACE, folder, { recursive: true, filter: notDotFolder });
  return folder;
}

/** Leaves out `.techdeals/` and the like: a concurrent main integration run writes its own files there. */
const notDotFolder = (source) => !path.basename(source).startsWith('.') || source === MEMO_WORKSPACE;

/** The first-load workspace: the memo workspace's files plus hostile catalog files, in a fresh temp folder. */
function hostileWorkspace() {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'tda-first-load-'));
  fs.cpSync(MEMO_WORKSPACE, folder, { recursive: true, filter: notDotFolder });
  const techdeals = path.join(folder, '.techdeals');
  fs.mkdirSync(techdeals, { recursive: true });
  fs.writeFileSync(path.join(techdeals, 'deep.json'), `{\n  "terms": ${'['.repeat(3000)}${']'.repeat(3000)}\n}\n`);
  const term = (id, en, extra = '') =>
    JSON.stringify({ terms: [{ id, term: { ko: `${en} 용어`, en }, definition: { ko: '분석가가 정의한 용어.', en: `${en}, defined by the analyst.${extra}` }, definitionBasis: 'editorial', provenance: [{ source: 'seed-commentary', locator: { paragraph: 1 } }] }] }, null, 2);
  fs.writeFileSync(path.join(techdeals, 'throws.json'), term('first-load-fault', 'Faulty Term', ` ${LOADER_FAULT_MARKER}`));
  fs.writeFileSync(path.join(techdeals, 'good.json'), term('first-load-good', 'Good Term'));
  return folder;
}

/** `npm run package`; with `exclude`, from a .vscodeignore without the lines that ship what starts with it. */
function packageVsix(exclude) {
  const t = Date.now();
  const vsix = path.join(outDir, 'tech-deal-atlas.vsix');
  fs.rmSync(vsix, { force: true });
  const extra = [];
  if (exclude) {
    const lines = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8').split('\n');
    const kept = lines.filter((line) => !line.trim().startsWith(`!${exclude}`));
    if (kept.length === lines.length) throw new Error(`.vscodeignore has no line starting "!${exclude}"`);
    const ignoreFile = path.join(outDir, 'vscodeignore-without');
    fs.writeFileSync(ignoreFile, kept.join('\n'));
    extra.push('--ignoreFile', ignoreFile);
  }
  // Exactly `npm run package` (production build, then vsce), with the ignore file swapped in when asked.
  const r = spawnSync('npm', ['run', '-s', 'package', '--', ...extra], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm run package failed:\n${r.stdout}${r.stderr}`);
  fs.copyFileSync(path.join(ROOT, 'dist', 'tech-deal-atlas.vsix'), vsix);
  log(`packaged ${path.relative(ROOT, vsix)} (${Math.round(fs.statSync(vsix).size / 1024)} KB${exclude ? `, without ${exclude}` : ''}) in ${elapsed(t)}`);
  return vsix;
}

function writeResults() {
  if (opts.results) {
    fs.mkdirSync(path.dirname(path.resolve(opts.results)), { recursive: true });
    fs.writeFileSync(opts.results, JSON.stringify(result, null, 2));
  }
}

let server;
let browser;
async function cleanup() {
  await browser?.close().catch(() => undefined);
  await server?.stop().catch(() => undefined);
}
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => {
    void cleanup().finally(() => process.exit(130));
  });
}

async function main() {
  const firstLoad = opts.suite === 'first-load';
  const smoke = opts.suite === 'vsix-smoke';
  // The smoke suite tests the packaged extension, so it builds no development copy.
  const vsix = smoke ? packageVsix(opts.exclude) : (buildExtension(), undefined);
  // The smoke suite's entry sits in an empty extension of its own id, named as the one under development: the
  // workbench runs a test entry only with one (see buildTestRunnerExtension), and the extension tested is then the
  // installed copy.
  const runner = smoke ? await buildTestRunnerExtension('test/integration/index.ts', path.join(outDir, 'runner')) : undefined;
  const testsPath = runner?.testsPath ?? (await buildTestBundle('test/integration/index.ts', path.join(outDir, 'index.js')));
  const folder = firstLoad ? hostileWorkspace() : smoke ? workspaceCopy() : MEMO_WORKSPACE;
  server = await startCodeServer({
    logFile: path.join(outDir, 'code-server.log'),
    tmpPrefix: `tda-integration-${opts.suite}-`,
    workspaceTrust: firstLoad,
    installExtensions: vsix ? [vsix] : [],
    env: { TDA_INTEGRATION_SUITE: opts.suite, ...(firstLoad ? { TDA_TEST_LOADER_FAULT: LOADER_FAULT_MARKER } : {}), ...(smoke ? { TDA_REPO_ROOT: ROOT } : {}) },
  });
  if (folder !== MEMO_WORKSPACE) process.once('exit', () => fs.rmSync(folder, { recursive: true, force: true }));
  browser = await launchBrowser();

  const consoleLog = fs.createWriteStream(path.join(outDir, 'browser-console.log'));
  // Everything the workbench and the extension host log goes to host.log; the terminal gets the test entry's
  // output only (from its first line on), without the workbench's offline noise.
  const hostLogFile = path.join(outDir, 'host.log');
  const hostLog = fs.createWriteStream(hostLogFile);
  let streaming = false;
  /** Screenshots of failures, taken as the failures are reported. */
  const shots = [];
  let gotResult = false;
  let settled = false;
  const done = new Promise((resolveDone) => {
    const resolve = (code) => {
      settled = true;
      resolveDone(code);
    };
    let page;
    const timeoutMs = Number(opts.timeout) * 1000;
    const timer = setTimeout(async () => {
      log(`TIMEOUT: the extension host did not finish within ${opts.timeout} s`);
      const shot = page && (await saveScreenshot(page, path.join(outDir, 'timeout.png')));
      if (shot) log(`screenshot: ${path.relative(ROOT, shot)}`);
      log(`code-server log: ${path.relative(ROOT, server.logFile)}; browser console: ${path.relative(ROOT, path.join(outDir, 'browser-console.log'))}`);
      result.error = `timeout after ${opts.timeout} s`;
      resolve(1);
    }, timeoutMs);
    openWorkbench(browser, server, {
      folder,
      extensionDevelopmentPath: runner?.extensionPath ?? ROOT,
      extensionTestsPath: testsPath,
      onPage: (p) => {
        page = p;
        p.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
        p.on('pageerror', (e) => consoleLog.write(`[pageerror] ${e.stack ?? e.message}\n`));
      },
      onLog: (type, args) => {
        const line = formatLogArgs(args);
        hostLog.write(`[${type}] ${line}\n`);
        if (line.startsWith(START_PREFIX)) streaming = true;
        if (line.startsWith(FAILED_PREFIX)) {
          const failure = JSON.parse(line.slice(FAILED_PREFIX.length));
          result.failures.push(failure);
          const file = path.join(outDir, `failed-${result.failures.length}-${failure.title.replace(/\W+/g, '-').slice(0, 40)}.png`);
          failure.screenshot = path.relative(ROOT, file);
          shots.push(page ? saveScreenshot(page, file) : Promise.resolve(undefined));
          return;
        }
        if (line.startsWith(RESULT_PREFIX)) {
          const r = JSON.parse(line.slice(RESULT_PREFIX.length));
          Object.assign(result, { passed: r.passed, failed: r.failed, pending: r.pending, vscodeVersion: r.vscodeVersion });
          gotResult = true;
          return;
        }
        if (streaming) (type === 'error' ? process.stderr : process.stdout).write(line + '\n');
      },
      onExit: (code) => {
        clearTimeout(timer);
        resolve(Number(code));
      },
    }).then(
      () => undefined,
      (err) => {
        if (settled) return; // the timeout already ended the run
        clearTimeout(timer);
        result.error = `could not open the workbench: ${err.message}`;
        log(result.error);
        resolve(1);
      },
    );
  });

  let code = await done;
  await Promise.all(shots);
  consoleLog.end();
  hostLog.end();
  if (!gotResult) {
    result.error ??= 'the test entry ended without reporting results';
    if (!streaming) {
      const tail = fs.readFileSync(hostLogFile, 'utf8').split('\n').slice(-40).join('\n');
      process.stderr.write(`--- host log (tail of ${path.relative(ROOT, hostLogFile)}) ---\n${tail}\n`);
    }
    code = code || 1;
  } else if (result.failed > 0 || result.passed === 0) {
    code = code || 1;
  }
  result.exitCode = code;
  log(
    `integration (${opts.suite}): VS Code ${result.vscodeVersion ?? '?'}; ${result.passed} passed, ${result.failed} failed, ` +
      `${result.pending} pending; host exit ${code}; ${elapsed(started)}`,
  );
  if (result.error) log(`integration: ${result.error}`);
  return code;
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (err) {
  result.error = err.message;
  log(`integration: could not run: ${err.stack ?? err.message}`);
  exitCode = 1;
} finally {
  await cleanup();
  result.exitCode = exitCode;
  writeResults();
}
process.exit(exitCode);
