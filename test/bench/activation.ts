// Activation, measured inside real VS Code extension hosts: the harness's code-server + headless Chromium
// (test/harness/vscode-host.mjs, reused as is) open the workbench several times, each time with a fresh extension
// host running the unpacked VSIX as the extension under development and test/bench/host.ts as the test entry.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { summarize, type Row, type Stat } from './measure';
import { formatBytes } from './suite';

const BENCH_PREFIX = 'TDA_BENCH '; // printed by test/bench/host.ts
const TARGET_MS = 10;
const SESSION_TIMEOUT_MS = 90_000;

interface HostReport {
  error?: string;
  vscodeVersion: string;
  node: string;
  wasActive: boolean;
  timings: { moduleStart: number; moduleEnd?: number; activateStart?: number; activateEnd?: number; catalogReady?: number };
  compileMs: number[];
  bundleBytes: number;
  agreements: number;
  problems: number;
}

export interface Session {
  compile: number;
  evaluate: number;
  /** Between the end of our module and the call of activate(): VS Code creating the ExtensionContext (not ours). */
  vscode: number;
  activate: number;
  catalogReady: number;
  seconds: number;
}

/** The parts of test/harness/vscode-host.mjs used here (it is plain JavaScript, without type declarations). */
interface Page {
  exposeFunction(name: string, fn: (...args: never[]) => unknown): Promise<void>;
  goto(url: string): Promise<unknown>;
}
interface Browser {
  newContext(opts: { viewport: { width: number; height: number }; locale: string }): Promise<{ newPage(): Promise<Page> }>;
  close(): Promise<void>;
}
interface Harness {
  MEMO_WORKSPACE: string;
  buildTestBundle(entry: string, outfile: string): Promise<string>;
  startCodeServer(opts: { logFile?: string; tmpPrefix?: string }): Promise<{ stop(): Promise<void> }>;
  launchBrowser(): Promise<Browser>;
  workbenchUrl(server: unknown, opts: { folder?: string; extensionDevelopmentPath?: string; extensionTestsPath?: string }): string;
  formatLogArgs(args: unknown): string;
}

/** `import()` that esbuild leaves alone: the harness is an ES module loaded from the repository at run time. */
const importModule = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

export async function measureActivation(opts: {
  root: string;
  outDir: string;
  extensionPath: string;
  sessions: number;
  warmup: number;
  log(message: string): void;
}): Promise<{ sessions: Session[]; vscodeVersion: string; hostNode: string; bundleBytes: number; agreements: number }> {
  const harness = (await importModule(pathToFileURL(join(opts.root, 'test', 'harness', 'vscode-host.mjs')).href)) as Harness;
  const testsPath = await harness.buildTestBundle('test/bench/host.ts', join(opts.outDir, 'host', 'index.js'));
  const server = await harness.startCodeServer({ logFile: join(opts.outDir, 'host', 'code-server.log'), tmpPrefix: 'tda-bench-' });
  const browser = await harness.launchBrowser();
  const sessions: Session[] = [];
  let last: HostReport | undefined;
  try {
    // One page for every session: each load of the workbench starts a fresh extension host, and the browser's
    // cache spares reloading the workbench's own code each time (it is not what is measured).
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' })).newPage();
    let onLog: (line: string) => void = () => undefined;
    let onExit: () => void = () => undefined;
    await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown) => onLog(harness.formatLogArgs(args)));
    await page.exposeFunction('codeAutomationExit', () => onExit());
    const url = harness.workbenchUrl(server, { folder: harness.MEMO_WORKSPACE, extensionDevelopmentPath: opts.extensionPath, extensionTestsPath: testsPath });

    for (let i = 0; i < opts.warmup + opts.sessions; i++) {
      const started = Date.now();
      let report: HostReport | undefined;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the extension host did not finish within ${SESSION_TIMEOUT_MS / 1000} s`)), SESSION_TIMEOUT_MS);
        onLog = (line) => {
          if (line.startsWith(BENCH_PREFIX)) report = JSON.parse(line.slice(BENCH_PREFIX.length)) as HostReport;
        };
        onExit = () => {
          clearTimeout(timer);
          resolve();
        };
        page.goto(url).catch((err: Error) => {
          clearTimeout(timer);
          reject(err);
        });
      });
      if (!report) throw new Error('the bench entry ended without reporting (no TDA_BENCH line)');
      if (report.error) throw new Error(`activation session ${i + 1} failed in the extension host:\n${report.error}`);
      const t = report.timings;
      if (t.moduleEnd === undefined || t.activateStart === undefined || t.activateEnd === undefined || t.catalogReady === undefined) {
        throw new Error(`the extension did not record its startup timings: ${JSON.stringify(t)}`);
      }
      const session: Session = {
        compile: report.compileMs[0],
        evaluate: t.moduleEnd - t.moduleStart,
        vscode: t.activateStart - t.moduleEnd,
        activate: t.activateEnd - t.activateStart,
        catalogReady: t.catalogReady - t.activateStart,
        seconds: (Date.now() - started) / 1000,
      };
      const label = i < opts.warmup ? 'warm-up' : `${i - opts.warmup + 1}/${opts.sessions}`;
      opts.log(
        `activation: host ${label}: compile ${session.compile.toFixed(2)} ms, evaluate ${session.evaluate.toFixed(2)} ms, ` +
          `(VS Code ${session.vscode.toFixed(1)} ms), activate() ${session.activate.toFixed(2)} ms, catalog ready +${session.catalogReady.toFixed(1)} ms (${session.seconds.toFixed(1)} s)`,
      );
      if (i >= opts.warmup) sessions.push(session);
      last = report;
    }
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop().catch(() => undefined);
  }
  return { sessions, vscodeVersion: last?.vscodeVersion ?? '?', hostNode: last?.node ?? '?', bundleBytes: last?.bundleBytes ?? 0, agreements: last?.agreements ?? 0 };
}

export function activationRows(
  result: Awaited<ReturnType<typeof measureActivation>>,
  vsixBundleBytes: number,
  onDemand: readonly { name: string; size: number }[] = [],
): Row[] {
  const s = result.sessions;
  const stat = (f: (x: Session) => number): Stat => summarize(s.map(f));
  const ours = stat((x) => x.compile + x.evaluate + x.activate);
  const eager = stat((x) => x.compile + x.evaluate + x.catalogReady);
  const size = `${s.length} fresh hosts; bundle ${formatBytes(vsixBundleBytes)}`;
  const where = `VS Code ${result.vscodeVersion} (code-server), extension host on Node ${result.hostNode}; activated by VS Code itself in each host`;
  return [
    {
      group: 'Activation',
      what: 'Bundle compile + evaluate + `activate()` (our own code)',
      size,
      unit: 'ms',
      ours,
      baseline: { label: 'eager-activation', value: eager },
      targets: [{ text: `median < ${TARGET_MS} ms`, met: ours.median < TARGET_MS }],
      notes: [where, 'one sample per fresh extension host (the first host is a discarded warm-up); p99 of a few samples is their maximum'],
    },
    { group: 'Activation', what: '… of which: V8 compile of the bundle', size, unit: 'ms', ours: stat((x) => x.compile), notes: [where] },
    { group: 'Activation', what: '… of which: bundle evaluation (imports, top-level code)', size, unit: 'ms', ours: stat((x) => x.evaluate), notes: [where] },
    { group: 'Activation', what: '… of which: `activate()`', size, unit: 'ms', ours: stat((x) => x.activate), notes: [where] },
    {
      group: 'Activation',
      what: 'Bundle size (dist/extension.js, minified)',
      size: 'production build',
      unit: 'bytes',
      ours: vsixBundleBytes,
      notes: onDemand.length ? [`not in it, loaded only when needed: ${onDemand.map((f) => `${f.name} (${formatBytes(f.size)})`).join(', ')}`] : undefined,
    },
  ];
}
