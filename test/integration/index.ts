// Test entry loaded by the VS Code extension host (code-server in CI, desktop VS Code via test:electron).
// Bundled by test/harness/vscode-host.mjs (node/cjs, `vscode` external, mocha bundled in).
import Mocha from 'mocha';
import * as vscode from 'vscode';

/** One machine-readable line the runners parse for counts; keep the prefix in sync with run-integration.mjs. */
const RESULT_PREFIX = 'TDA_RESULT ';

export async function run(): Promise<void> {
  console.log(
    `[integration] extension host: VS Code ${vscode.version} (${vscode.env.appName}; uiKind=${vscode.UIKind[vscode.env.uiKind]}; ` +
      `remote=${vscode.env.remoteName ?? 'none'}; node ${process.version})`,
  );
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, slow: 5_000, reporter: 'spec' });
  // Spec files use mocha's globals (describe/it/before): install them, then load the specs in order.
  mocha.suite.emit('pre-require', globalThis, 'integration', mocha);
  require('./extension.test');
  require('./catalog.test');
  require('./compare.test');
  require('./tree.test');
  require('./glossary.test');
  require('./search.test');
  require('./userCatalog.test');
  require('./startupTimings.test');

  const stats = await new Promise<{ passed: number; failed: number; pending: number }>((resolve, reject) => {
    try {
      const runner = mocha.run(() => {
        resolve({ passed: runner.stats?.passes ?? 0, failed: runner.stats?.failures ?? 0, pending: runner.stats?.pending ?? 0 });
      });
    } catch (err) {
      reject(err);
    }
  });
  console.log(RESULT_PREFIX + JSON.stringify({ ...stats, vscodeVersion: vscode.version }));
  if (stats.failed > 0) throw new Error(`${stats.failed} integration test(s) failed`);
  if (stats.passed === 0) throw new Error('no integration test ran');
}
