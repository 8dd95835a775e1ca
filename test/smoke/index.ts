// Test entry of the installed-VSIX smoke suite (test/harness/run-vsix-smoke.mjs), loaded by the extension host from a
// do-nothing test-runner extension; the extension under test is the copy installed from the .vsix.
// Bundled by test/harness/vscode-host.mjs (node/cjs, `vscode` external, mocha bundled in). Prints the same
// machine-readable lines as test/integration/index.ts, so the runners share one parser (runTestEntry).
import Mocha from 'mocha';
import * as vscode from 'vscode';

/** Keep in sync with RESULT_PREFIX / FAILED_PREFIX in test/harness/vscode-host.mjs. */
const RESULT_PREFIX = 'TDA_RESULT ';
const FAILED_PREFIX = 'TDA_FAILED ';

export async function run(): Promise<void> {
  console.log(`[smoke] extension host: VS Code ${vscode.version} (${vscode.env.appName}; remote=${vscode.env.remoteName ?? 'none'}; node ${process.version})`);
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, slow: 5_000, reporter: 'spec' });
  mocha.suite.emit('pre-require', globalThis, 'smoke', mocha);
  require('./smoke.test');

  const failures: { title: string; suite: string; error: string }[] = [];
  const stats = await new Promise<{ passed: number; failed: number; pending: number }>((resolve, reject) => {
    try {
      const runner = mocha.run(() => {
        resolve({ passed: runner.stats?.passes ?? 0, failed: runner.stats?.failures ?? 0, pending: runner.stats?.pending ?? 0 });
      });
      runner.on('fail', (test, err) => {
        const failure = { title: test.title, suite: test.parent?.fullTitle() ?? '', error: String(err?.message ?? err).split('\n')[0].slice(0, 300) };
        failures.push(failure);
        // The runner screenshots the workbench as it is now, right after the failure.
        console.log(FAILED_PREFIX + JSON.stringify(failure));
      });
    } catch (err) {
      reject(err);
    }
  });
  console.log(RESULT_PREFIX + JSON.stringify({ ...stats, failures, vscodeVersion: vscode.version }));
  if (stats.failed > 0) throw new Error(`${stats.failed} smoke test(s) failed`);
  if (stats.passed === 0) throw new Error('no smoke test ran');
}
