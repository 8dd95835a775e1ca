// Shared launcher for every test that needs a real VS Code: builds, code-server (VS Code server with a real
// Node extension host) and headless Debian Chromium driven by playwright-core. Used by the integration runner,
// the e2e screenshots and `npm start`; nothing here is copied elsewhere.
//
// Facts this relies on (see the project's notes on running VS Code offline):
//  - code-server only honours the workbench `payload` query (extensionDevelopmentPath / extensionTestsPath)
//    when started with `--vscode-option enable-smoke-test-driver`;
//  - the payload URIs must use the page's own authority: vscode-remote://127.0.0.1:PORT/abs/path;
//  - the extension host reports through window.codeAutomationLog(type, args) / window.codeAutomationExit(code).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import util from 'node:util';
import { fileURLToPath } from 'node:url';
import { ensureToolchain } from './toolchain.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const OUT_DIR = path.join(ROOT, '.test-output');
export const MEMO_WORKSPACE = path.join(ROOT, 'test', 'fixtures', 'memo-workspace');
export const EXTENSION_ID = 'tech-deal-atlas.tech-deal-atlas';

/** Chromium flags: headless-friendly, and no background traffic (this machine's network is closed). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--metrics-recording-only',
  '--password-store=basic',
];

/** Default user settings for a test profile: quiet, deterministic workbench. */
/** Workspace trust on, and nothing asks: a folder opened for the first time is in restricted mode. */
const RESTRICTED_MODE_SETTINGS = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'security.workspace.trust.emptyWindow': false,
  'security.workspace.trust.untrustedFiles': 'open',
};

export const BASE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.colorTheme': 'Default Dark Modern',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'chat.disableAIFeatures': true,
  'window.commandCenter': false,
};

export const log = (...a) => console.error('[harness]', ...a);

export function elapsed(since) {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

// ---------------------------------------------------------------------------------------------
// Builds

let built = false;

/** `node esbuild.js`: the extension bundles (dist/). Once per process: the e2e files each ask, and nothing in a test
 *  run changes the sources. */
export function buildExtension() {
  if (built) return;
  const t = Date.now();
  const r = spawnSync(process.execPath, ['esbuild.js'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
    throw new Error(`extension build failed (node esbuild.js exited ${r.status})`);
  }
  built = true;
  log(`built extension in ${elapsed(t)}`);
}

/**
 * Bundles the in-host test entry (node/cjs, `vscode` external, mocha bundled in) next to a small loader that
 * turns on source maps first, so stack traces point at the .ts files. Returns the loader's path.
 */
export async function buildTestBundle(entry = 'test/integration/index.ts', outfile = path.join(OUT_DIR, 'integration', 'index.js')) {
  const t = Date.now();
  const esbuild = await import('esbuild');
  const bundle = outfile.replace(/\.js$/, '.bundle.js');
  const { metafile } = await esbuild.build({
    metafile: true,
    absWorkingDir: ROOT,
    entryPoints: [entry],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    // Prefer ESM builds: some dependencies' UMD "main" (jsonc-parser) hides its requires from the bundler.
    mainFields: ['module', 'main'],
    sourcemap: 'inline',
    sourcesContent: false,
    logLevel: 'error',
    // mocha reaches for optional modules dynamically; they are never used here.
    logOverride: { 'require-resolve-not-external': 'silent', 'unsupported-require-call': 'silent', 'unsupported-dynamic-import': 'silent' },
  });
  // Every spec next to the entry must be loaded by it: a forgotten require() would silently skip a whole file.
  const dir = path.dirname(entry);
  const bundled = new Set(Object.keys(metafile.inputs).map((f) => path.normalize(f)));
  const missing = fs
    .readdirSync(path.join(ROOT, dir))
    .filter((f) => /\.test\.ts$/.test(f))
    .map((f) => path.normalize(path.join(dir, f)))
    .filter((f) => !bundled.has(f));
  if (missing.length) throw new Error(`${missing.join(', ')} not loaded by ${entry}: add require('./<name>.test') there`);
  fs.writeFileSync(
    outfile,
    `// Generated by test/harness/vscode-host.mjs\nprocess.setSourceMapsEnabled?.(true);\nmodule.exports = require('./${path.basename(bundle)}');\n`,
  );
  log(`built test bundle ${path.relative(ROOT, outfile)} in ${elapsed(t)}`);
  return outfile;
}

/**
 * The bundled test entry inside a do-nothing extension of its own id, for a suite that tests an *installed* extension:
 * the workbench runs `extensionTestsPath` only when the payload also names an `extensionDevelopmentPath` (without one
 * it silently never starts the tests, and the extension host would refuse with "Cannot load test runner"), and naming
 * the source folder there would load the extension under test from it instead of from its installed copy. The bundle
 * sits inside this extension's folder so that its `require('vscode')` resolves to an extension's API (outside every
 * extension VS Code hands out a default one, with a warning). Returns { extensionPath, testsPath }.
 */
export async function buildTestRunnerExtension(entry, dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  // No `main`: nothing activates. `workspace`: the test entry runs in the remote (Node) extension host, as it would anyway.
  const manifest = { name: 'test-runner', publisher: 'tech-deal-atlas-tests', version: '0.0.0', engines: { vscode: '*' }, extensionKind: ['workspace'] };
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  const testsPath = await buildTestBundle(entry, path.join(dir, 'index.js'));
  return { extensionPath: dir, testsPath };
}

// ---------------------------------------------------------------------------------------------
// code-server

// Process groups of running code-servers: if the runner dies without stop(), they go with it.
const liveServers = new Set();
process.on('exit', () => {
  for (const pid of liveServers) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
});

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url, deadline, isAlive) {
  let lastErr;
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error('code-server exited during startup');
    try {
      const res = await fetch(url);
      if (res.ok) return;
      lastErr = new Error(`HTTP ${res.status}`);
    } catch (err) {
      lastErr = err;
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`code-server did not answer ${url} in time: ${lastErr?.message}`);
}

/**
 * Starts code-server on a free loopback port with a throw-away profile (user data, extensions, config and
 * XDG dirs all under one temp folder). Returns { port, origin, tmp, userDataDir, stop() }.
 * @param {{ settings?: object, logFile?: string, keepProfile?: boolean, tmpPrefix?: string, port?: number,
 *   workspaceTrust?: boolean, env?: Record<string, string>, installExtensions?: string[] }} opts
 *   `workspaceTrust`: trust on and folders untrusted (restricted mode); `env`: extra environment for the server and
 *   the extension host it starts; `installExtensions`: .vsix files installed into the server's extensions folder first.
 */
export async function startCodeServer(opts = {}) {
  const tc = ensureToolchain({ quiet: true });
  const t = Date.now();
  const port = opts.port ?? (await freePort());
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), opts.tmpPrefix ?? 'tda-vscode-'));
  const dirs = {
    userData: path.join(tmp, 'user-data'),
    extensions: path.join(tmp, 'extensions'),
    config: path.join(tmp, 'config'),
    xdgConfig: path.join(tmp, 'xdg-config'),
    xdgData: path.join(tmp, 'xdg-data'),
    xdgCache: path.join(tmp, 'xdg-cache'),
  };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(dirs.userData, 'User', 'settings.json'),
    JSON.stringify({ ...BASE_SETTINGS, ...(opts.workspaceTrust ? RESTRICTED_MODE_SETTINGS : {}), ...(opts.settings ?? {}) }, null, 2),
  );
  const configFile = path.join(dirs.config, 'config.yaml');
  fs.writeFileSync(configFile, 'auth: none\ncert: false\n');
  for (const vsix of opts.installExtensions ?? []) {
    // As a user installs it: code-server's own --install-extension, into this server's fresh extensions folder.
    const r = spawnSync(tc.node, [tc.codeServerEntry, '--install-extension', vsix, '--extensions-dir', dirs.extensions, '--user-data-dir', dirs.userData], {
      cwd: tmp,
      encoding: 'utf8',
      env: { ...process.env, XDG_CONFIG_HOME: dirs.xdgConfig, XDG_DATA_HOME: dirs.xdgData, XDG_CACHE_HOME: dirs.xdgCache },
    });
    if (r.status !== 0) throw new Error(`code-server --install-extension ${vsix} exited ${r.status}:\n${r.stdout}${r.stderr}`);
    log(`installed ${path.basename(vsix)}: ${r.stdout.trim().split('\n').pop()}`);
  }

  const args = [
    tc.codeServerEntry,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    // Workspace trust off unless a run checks restricted mode (`opts.workspaceTrust`): folders then open untrusted.
    ...(opts.workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir', dirs.userData,
    '--extensions-dir', dirs.extensions,
    '--config', configFile,
    '--vscode-option', 'enable-smoke-test-driver',
  ];
  const env = {
    ...process.env,
    ...(opts.env ?? {}),
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_DATA_HOME: dirs.xdgData,
    XDG_CACHE_HOME: dirs.xdgCache,
    PATH: `${path.dirname(tc.node)}${path.delimiter}${process.env.PATH ?? ''}`,
  };
  for (const k of Object.keys(env)) if (/^(npm_|VSCODE_|ELECTRON_)/i.test(k)) delete env[k];

  const logFile = opts.logFile ?? path.join(tmp, 'code-server.log');
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const out = fs.openSync(logFile, 'w');
  // Own process group, so stop() ends code-server and the extension/pty hosts it spawned, and nothing else.
  const child = spawn(tc.node, args, { cwd: tmp, env, stdio: ['ignore', out, out], detached: true });
  fs.closeSync(out);
  let exited = false;
  liveServers.add(child.pid);
  child.on('exit', () => {
    exited = true;
    liveServers.delete(child.pid);
  });

  const stop = async () => {
    if (!exited && child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      const until = Date.now() + 3000;
      while (!exited && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
      if (!exited) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
    }
    if (!opts.keepProfile) fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
  };

  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${origin}/healthz`, Date.now() + 60_000, () => !exited);
  } catch (err) {
    const tail = fs.existsSync(logFile) ? fs.readFileSync(logFile, 'utf8').split('\n').slice(-30).join('\n') : '';
    await stop();
    throw new Error(`${err.message}\n--- code-server log (tail) ---\n${tail}`);
  }
  log(`code-server ${origin} up in ${elapsed(t)} (log: ${logFile})`);
  return { port, origin, tmp, userDataDir: dirs.userData, extensionsDir: dirs.extensions, logFile, child, stop };
}

/** `vscode-remote://127.0.0.1:PORT/abs/path`: the only URI form the web workbench resolves for payload paths. */
export function remoteUri(server, absPath) {
  return `vscode-remote://127.0.0.1:${server.port}${path.resolve(absPath).split(path.sep).map(encodeURIComponent).join('/')}`;
}

/** Workbench URL opening `folder`, with an optional extension under development and test entry. */
export function workbenchUrl(server, { folder, extensionDevelopmentPath, extensionTestsPath } = {}) {
  const q = new URLSearchParams();
  if (folder) q.set('folder', path.resolve(folder));
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remoteUri(server, extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remoteUri(server, extensionTestsPath)]);
  if (payload.length) q.set('payload', JSON.stringify(payload));
  return `${server.origin}/?${q.toString()}`;
}

// ---------------------------------------------------------------------------------------------
// Chromium

export async function launchBrowser() {
  const { chromium } = await import('playwright-core');
  const tc = ensureToolchain({ quiet: true });
  return chromium.launch({ executablePath: tc.chromium, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Opens the workbench in a new page. `onLog(type, args)` receives the extension host's console output
 * (only with extensionTestsPath); `onExit(code)` fires when the test entry settles.
 */
export async function openWorkbench(browser, server, { folder, extensionDevelopmentPath, extensionTestsPath, onLog, onExit, onPage, viewport } = {}) {
  const context = await browser.newContext({ viewport: viewport ?? { width: 1600, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  onPage?.(page); // before navigating, so a caller's timeout can screenshot a page that never loads
  await page.exposeFunction('codeAutomationLog', (type, args) => onLog?.(type, args));
  await page.exposeFunction('codeAutomationExit', (code) => onExit?.(code));
  await page.goto(workbenchUrl(server, { folder, extensionDevelopmentPath, extensionTestsPath }), {
    waitUntil: 'domcontentloaded',
    timeout: 120_000,
  });
  return page;
}

/** Formats the args of a codeAutomationLog call (the host's console.log arguments, printf-style) as one string. */
export function formatLogArgs(args) {
  const list = Array.isArray(args) ? args : [args];
  return util.format(...list);
}

export async function saveScreenshot(page, file) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    await page.screenshot({ path: file, timeout: 10_000 });
    return file;
  } catch (err) {
    log(`could not save screenshot ${file}: ${err.message}`);
    return undefined;
  }
}
