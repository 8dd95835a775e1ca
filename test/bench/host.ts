// Runs inside a real VS Code extension host (the harness's code-server + Chromium), as the workbench's extension
// test entry, once per fresh host. Reads the startup timings the extension recorded about its own activation (by
// VS Code, with a real ExtensionContext), waits for the first catalog load, times V8's compilation of the bundle,
// and prints one `TDA_BENCH {json}` line for test/bench/activation.ts.
import { readFileSync } from 'fs';
import { join } from 'path';
import { performance } from 'perf_hooks';
import * as vm from 'vm';
import * as vscode from 'vscode';
import type { TechDealAtlasApi } from '../../src/api';

export const BENCH_PREFIX = 'TDA_BENCH ';
const EXTENSION_ID = 'tech-deal-atlas.tech-deal-atlas';
const COMPILE_SAMPLES = 5;

export async function run(): Promise<void> {
  try {
    const ext = vscode.extensions.getExtension<TechDealAtlasApi>(EXTENSION_ID);
    if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed in this host`);
    const wasActive = ext.isActive;
    const api = await ext.activate();
    if (typeof api?.getStartupTimings !== 'function') throw new Error('the extension API has no getStartupTimings()');
    await api.whenReady();
    // catalogReady is set in a continuation of the same promise; let it run.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const timings = api.getStartupTimings();

    // How long V8 takes to compile the bundle, the way Node's CommonJS loader does. The real load already compiled
    // this source in this isolate, so each sample appends a unique comment to miss the compilation cache.
    const main = join(ext.extensionPath, String(ext.packageJSON.main ?? './dist/extension.js'));
    const source = readFileSync(main, 'utf8');
    const compileMs: number[] = [];
    for (let i = 0; i < COMPILE_SAMPLES; i++) {
      const text = `${source}\n// bench ${Date.now()}-${Math.random()}-${i}\n`;
      const t0 = performance.now();
      vm.compileFunction(text, ['exports', 'require', 'module', '__filename', '__dirname'], { filename: main });
      compileMs.push(performance.now() - t0);
    }
    const catalog = api.getCatalog();
    console.log(
      BENCH_PREFIX +
        JSON.stringify({
          vscodeVersion: vscode.version,
          node: process.version,
          wasActive,
          timings,
          compileMs,
          bundleBytes: Buffer.byteLength(source),
          agreements: catalog?.agreements.size ?? 0,
          problems: api.getProblems().length,
        }),
    );
  } catch (err) {
    console.log(BENCH_PREFIX + JSON.stringify({ error: err instanceof Error ? (err.stack ?? err.message) : String(err) }));
  }
}
