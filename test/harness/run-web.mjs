// `npm run test:web`: the extension's browser bundle (dist/web/extension.js) in VS Code for the Web's web-worker
// extension host, offline: @vscode/test-web's server (runServer) with the npm build of VS Code for the Web (1.91,
// the engines minimum), both from the web toolchain cache (test/harness/toolchain.mjs), driven by Debian's Chromium.
// Usage: node test/harness/run-web.mjs [--results FILE] [--timeout SECONDS] [--no-screenshot]
//   Runs test/web/index.ts (see there which specs run, and why the others do not) on a temporary copy of the memo
//   workspace, mounted as `vscode-test-web://mount/`. After the tests, the entry shows the atlas and a glossary hover
//   for test/e2e/screenshots/web-tree-hover.png (a screenshot that fails is reported, not counted).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureWebToolchain } from './toolchain.mjs';
import { CHROMIUM_ARGS, MEMO_WORKSPACE, OUT_DIR, ROOT, buildExtension, elapsed, formatLogArgs, freePort, log, saveScreenshot } from './vscode-host.mjs';

const RESULT_PREFIX = 'TDA_RESULT '; // printed by test/web/index.ts
const FAILED_PREFIX = 'TDA_FAILED ';
const START_PREFIX = '[web] ';
const SCREENSHOT_PREFIX = 'TDA_SCREENSHOT ';

const { values: opts } = parseArgs({
  options: {
    results: { type: 'string' },
    timeout: { type: 'string', default: process.env.TDA_WEB_TIMEOUT ?? '300' },
    'no-screenshot': { type: 'boolean', default: false },
  },
});

const started = Date.now();
const outDir = path.join(OUT_DIR, 'web');
fs.mkdirSync(outDir, { recursive: true });
const result = { suite: 'web', passed: 0, failed: 0, pending: 0, exitCode: 1, vscodeVersion: undefined, error: undefined, failures: [] };

/** mocha's browser build is a UMD file that esbuild inlines unwrapped, so its `module.exports = factory()` would
 *  replace the test module's own exports (`run`): give it a `module` of its own. It sets the global `mocha` too. */
const mochaBrowserBuild = {
  name: 'mocha-browser-build',
  setup(build) {
    build.onLoad({ filter: /[\\/]mocha[\\/]mocha\.js$/ }, async (args) => ({
      contents: `const module = { exports: {} };\nconst exports = module.exports;\n${await fs.promises.readFile(args.path, 'utf8')}\nexport default module.exports;\n`,
      loader: 'js',
    }));
  },
};

/** The web test bundle: browser platform, `vscode` external, Node's `assert` from the npm polyfill. It must sit inside
 *  the extension's folder: the server serves tests from the development extension's folder only. */
async function buildWebTests() {
  const t = Date.now();
  const esbuild = await import('esbuild');
  const outfile = path.join(outDir, 'tests', 'index.js');
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: ['test/web/index.ts'],
    outfile,
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
    mainFields: ['browser', 'module', 'main'],
    // The assert polyfill reads Node's `process` (absent in a worker): a module-scoped stand-in, see processShim.ts.
    inject: ['test/web/processShim.ts'],
    define: { global: 'globalThis' },
    sourcemap: 'inline',
    sourcesContent: false,
    logLevel: 'error',
    plugins: [mochaBrowserBuild],
  });
  log(`built web test bundle ${path.relative(ROOT, outfile)} in ${elapsed(t)}`);
  return outfile;
}

/** A Chromium profile that allows third-party cookies: without it, webviews fail ("The user denied permission to use
 *  Service Worker"), since they are served from another origin (<uuid>.localhost). */
function browserProfile() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tda-web-profile-'));
  fs.mkdirSync(path.join(dir, 'Default'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0 } }));
  return dir;
}

let server;
let context;
const temporary = [];
async function cleanup() {
  await context?.close().catch(() => undefined);
  await new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
  for (const dir of temporary) fs.rmSync(dir, { recursive: true, force: true });
}
for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => void cleanup().finally(() => process.exit(130)));

/** The test entry asks for screenshots (`TDA_SCREENSHOT <name>`) once it has set the page up: the extension host
 *  ends with the tests, so the page cannot be set up after them. A screenshot that fails is reported, not counted. */
async function screenshot(page, name) {
  const file = path.join(ROOT, 'test', 'e2e', 'screenshots', `${name}.png`);
  if (await saveScreenshot(page, file)) log(`screenshot: ${path.relative(ROOT, file)}`);
}

async function main() {
  const tc = ensureWebToolchain({ quiet: true });
  buildExtension();
  const testsPath = await buildWebTests();
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'tda-web-workspace-'));
  temporary.push(workspace);
  fs.cpSync(MEMO_WORKSPACE, workspace, { recursive: true });

  const { runServer } = await import(tc.testWebServer);
  const port = await freePort();
  const build = { type: 'static', location: tc.vscodeWeb, quality: 'stable', version: '1.91.1' };
  const print = console.log;
  console.log = (...a) => log(...a); // runServer's own lines go to stderr with the harness prefix
  server = await runServer('localhost', port, { extensionDevelopmentPath: ROOT, extensionTestsPath: testsPath, build, folderMountPath: workspace, printServerLog: false, coi: false, esm: false });
  console.log = print;

  const { chromium } = await import('playwright-core');
  const profile = browserProfile();
  temporary.push(profile);
  context = await chromium.launchPersistentContext(profile, { executablePath: tc.chromium, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1600, height: 900 }, locale: 'en-US' });
  // Copy Citation and the panel's exports write to the clipboard, which the browser guards by permission.
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: `http://localhost:${port}` });
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleLog = fs.createWriteStream(path.join(outDir, 'browser-console.log'));
  page.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
  page.on('pageerror', (e) => consoleLog.write(`[pageerror] ${e.stack ?? e.message}\n`));
  let streaming = false;
  let gotResult = false;
  const shots = [];
  const code = await new Promise((resolve) => {
    const timer = setTimeout(async () => {
      log(`TIMEOUT: the web extension host did not finish within ${opts.timeout} s`);
      await saveScreenshot(page, path.join(outDir, 'timeout.png'));
      result.error = `timeout after ${opts.timeout} s`;
      resolve(1);
    }, Number(opts.timeout) * 1000);
    void (async () => {
      await page.exposeFunction('codeAutomationLog', (type, args) => {
        const line = formatLogArgs(args);
        consoleLog.write(`[host ${type}] ${line}\n`);
        if (line.startsWith(START_PREFIX)) streaming = true;
        if (line.startsWith(SCREENSHOT_PREFIX)) {
          if (!opts['no-screenshot']) shots.push(screenshot(page, line.slice(SCREENSHOT_PREFIX.length).trim()));
          return;
        }
        if (line.startsWith(FAILED_PREFIX)) {
          result.failures.push(JSON.parse(line.slice(FAILED_PREFIX.length)));
          return;
        }
        if (line.startsWith(RESULT_PREFIX)) {
          const r = JSON.parse(line.slice(RESULT_PREFIX.length));
          Object.assign(result, { passed: r.passed, failed: r.failed, pending: r.pending, vscodeVersion: r.vscodeVersion });
          gotResult = true;
          return;
        }
        if (streaming) (type === 'error' ? process.stderr : process.stdout).write(line + '\n');
      });
      await page.exposeFunction('codeAutomationExit', (exitCode) => {
        clearTimeout(timer);
        resolve(Number(exitCode));
      });
      await page.goto(`http://localhost:${port}/`, { waitUntil: 'domcontentloaded', timeout: 120_000 });
    })().catch((err) => {
      clearTimeout(timer);
      result.error = `could not open the workbench: ${err.message}`;
      resolve(1);
    });
  });
  await Promise.all(shots);
  consoleLog.end();
  let exitCode = code;
  if (!gotResult) {
    result.error ??= 'the test entry ended without reporting results';
    log(`see ${path.relative(ROOT, path.join(outDir, 'browser-console.log'))}`);
    exitCode ||= 1;
  } else if (result.failed > 0 || result.passed === 0) exitCode ||= 1;
  log(`web: VS Code ${result.vscodeVersion ?? '?'}; ${result.passed} passed, ${result.failed} failed, ${result.pending} pending; exit ${exitCode}; ${elapsed(started)}`);
  return exitCode;
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (err) {
  result.error = err.message;
  log(`web: could not run: ${err.stack ?? err.message}`);
} finally {
  await cleanup();
  result.exitCode = exitCode;
  if (opts.results) {
    fs.mkdirSync(path.dirname(path.resolve(opts.results)), { recursive: true });
    fs.writeFileSync(opts.results, JSON.stringify(result, null, 2));
  }
}
process.exit(exitCode);
