// `npm test`: every suite, one summary.
//   1. toolchain (installs Chromium + code-server into the cache on first use; see test/harness/toolchain.mjs)
//   2. unit         — `npx mocha` (config: .mocharc.json), plain Node
//   3. integration  — mocha inside a real VS Code extension host (test/harness/run-integration.mjs)
//   4. first-load   — the same host in restricted mode, on a workspace whose catalog files are hostile from the start
//   5. vsix-smoke   — `npm run package`, the .vsix installed into a fresh VS Code server, test/smoke/ against that copy
//   6. web          — the browser bundle in VS Code for the Web's web-worker host (test/harness/run-web.mjs)
//   7. e2e          — Playwright screenshots of the real workbench (test/e2e/, config test/e2e/.mocharc.json)
// Prints a per-suite summary and the line `N passed, N failed` summed over all suites, then every failed test (suite,
// title, error, failure screenshot), so a flaky run can be diagnosed from its log alone. Each suite's full output is
// kept in .test-output/logs/<suite>.log. Exits non-zero if any test failed or any suite could not run (a suite that
// could not run, or that exited non-zero without reporting a failed test, counts as 1 failed).
// Usage: node test/run-all.mjs [unit] [integration] [first-load] [vsix-smoke] [web] [e2e]   (default: all)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureToolchain, ensureWebToolchain } from './harness/toolchain.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = path.join(ROOT, '.test-output', 'results');
const LOGS = path.join(ROOT, '.test-output', 'logs');
const COUNT_REPORTER = path.join(ROOT, 'test', 'harness', 'count-reporter.cjs');
const ALL = ['unit', 'integration', 'first-load', 'vsix-smoke', 'web', 'e2e'];
const wanted = process.argv.slice(2).length ? process.argv.slice(2) : ALL;
for (const w of wanted) {
  if (!ALL.includes(w)) {
    console.error(`unknown suite "${w}" (known: ${ALL.join(', ')})`);
    process.exit(2);
  }
}

const banner = (text) => console.log(`\n=== ${text} ${'='.repeat(Math.max(3, 72 - text.length))}`);

/** Runs a command with its output shown as usual and also saved, whole, to `logFile`. */
function exec(cmd, args, logFile) {
  return new Promise((resolve) => {
    fs.mkdirSync(path.dirname(logFile), { recursive: true });
    const saved = fs.createWriteStream(logFile);
    const child = spawn(cmd, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      saved.write(chunk);
    });
    child.stderr.on('data', (chunk) => {
      process.stderr.write(chunk);
      saved.write(chunk);
    });
    const done = (code) => saved.end(() => resolve(code));
    child.on('error', (err) => {
      console.error(`${cmd}: ${err.message}`);
      saved.write(`${cmd}: ${err.message}\n`);
      done(127);
    });
    child.on('close', (code, signal) => done(code ?? (signal ? 128 : 1)));
  });
}

/** Runs one suite; it must write {passed, failed, pending} to `resultsFile`. */
async function runSuite(name, cmd, args, resultsFile) {
  banner(name);
  fs.rmSync(resultsFile, { force: true });
  const started = Date.now();
  const exitCode = await exec(cmd, args, path.join(LOGS, `${name}.log`));
  const seconds = (Date.now() - started) / 1000;
  let reported;
  try {
    reported = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  } catch {
    reported = undefined;
  }
  const r = { name, exitCode, seconds, passed: 0, failed: 0, pending: 0, note: '', failures: [] };
  if (!reported || typeof reported.passed !== 'number') {
    r.failed = 1;
    r.note = `could not run (exit ${exitCode}, no results): counted as 1 failed`;
  } else {
    Object.assign(r, { passed: reported.passed, failed: reported.failed, pending: reported.pending ?? 0, failures: reported.failures ?? [] });
    if (reported.vscodeVersion) r.note = `VS Code ${reported.vscodeVersion}`;
    if (reported.error) r.note += `${r.note ? '; ' : ''}${reported.error}`;
    if (exitCode !== 0 && r.failed === 0) {
      r.failed = 1;
      r.note += `${r.note ? '; ' : ''}exited ${exitCode} without a failed test: counted as 1 failed`;
    }
    if (r.passed + r.failed === 0) {
      r.failed = 1;
      r.note += `${r.note ? '; ' : ''}ran no test: counted as 1 failed`;
    }
  }
  return r;
}

const results = [];
const totalStart = Date.now();

banner('toolchain');
let toolchainError;
if (wanted.some((w) => w !== 'unit')) {
  const t = Date.now();
  try {
    const tc = ensureToolchain();
    console.log(`toolchain ok (${((Date.now() - t) / 1000).toFixed(1)} s): ${tc.dir}`);
    if (wanted.includes('web')) console.log(`web toolchain ok: ${ensureWebToolchain({ quiet: true }).dir}`);
  } catch (err) {
    toolchainError = err.message;
    console.error(`toolchain FAILED: ${err.message}`);
  }
} else {
  console.log('not needed for the unit suite alone');
}

const mochaResults = (name) => path.join(RESULTS, `${name}.json`);

if (wanted.includes('unit')) {
  const file = mochaResults('unit');
  results.push(await runSuite('unit', 'npx', ['mocha', '--reporter', COUNT_REPORTER, '--reporter-option', `out=${file}`], file));
}

for (const name of ['integration', 'first-load', 'vsix-smoke', 'web', 'e2e']) {
  if (!wanted.includes(name)) continue;
  if (toolchainError) {
    results.push({ name, exitCode: 1, seconds: 0, passed: 0, failed: 1, pending: 0, note: 'could not run: toolchain missing (see above): counted as 1 failed' });
    continue;
  }
  const file = mochaResults(name);
  if (name === 'integration' || name === 'first-load' || name === 'vsix-smoke') {
    const suite = name === 'integration' ? 'main' : name;
    results.push(await runSuite(name, process.execPath, [path.join('test', 'harness', 'run-integration.mjs'), '--suite', suite, '--results', file], file));
  } else if (name === 'web') {
    results.push(await runSuite(name, process.execPath, [path.join('test', 'harness', 'run-web.mjs'), '--results', file], file));
  } else {
    const args = ['mocha', '--config', path.join('test', 'e2e', '.mocharc.json'), '--reporter', COUNT_REPORTER, '--reporter-option', `out=${file}`];
    results.push(await runSuite(name, 'npx', args, file));
  }
}

banner('summary');
const pad = (s, n) => String(s).padStart(n);
for (const r of results) {
  console.log(
    `  ${r.name.padEnd(12)} ${pad(r.passed, 4)} passed ${pad(r.failed, 4)} failed ${pad(r.pending, 3)} pending ` +
      `${pad(r.seconds.toFixed(1), 6)} s${r.note ? `   ${r.note}` : ''}`,
  );
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`  total time ${((Date.now() - totalStart) / 1000).toFixed(1)} s${toolchainError ? '; toolchain FAILED' : ''}`);
console.log(`${passed} passed, ${failed} failed`);
// What failed, after the counts: enough to start on a flake from the CI log alone (full output: .test-output/logs/).
const failures = results.flatMap((r) => r.failures.map((f) => ({ ...f, name: r.name })));
for (const r of results.filter((r) => r.failed > 0 && r.failures.length === 0)) failures.push({ name: r.name, suite: '', title: r.note || 'the suite failed', error: '' });
if (failures.length) {
  console.log(`\nFailed tests (full output of each suite in ${path.relative(ROOT, LOGS)}/):`);
  for (const f of failures) {
    console.log(`  ✗ [${f.name}] ${[f.suite, f.title].filter(Boolean).join(' › ')}`);
    if (f.error) console.log(`      ${f.error}`);
    if (f.screenshot) console.log(`      screenshot: ${f.screenshot}`);
  }
}
process.exit(failed > 0 || toolchainError ? 1 : 0);
