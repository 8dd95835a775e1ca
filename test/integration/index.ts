// Test entry loaded by the VS Code extension host (code-server in CI, desktop VS Code via test:electron).
// Bundled by test/harness/vscode-host.mjs (node/cjs, `vscode` external, mocha bundled in).
//
// Three configurations (TDA_INTEGRATION_SUITE, set by test/harness/run-integration.mjs):
//  - `main` (default): the memo workspace, trusted;
//  - `first-load`: a restricted (untrusted) workspace whose catalog files are hostile from the very first load;
//  - `vsix-smoke`: test/smoke/, against the packaged extension installed from its .vsix.
import Mocha from 'mocha';
import * as vscode from 'vscode';

/** Machine-readable lines the runners parse; keep the prefixes in sync with run-integration.mjs. */
const RESULT_PREFIX = 'TDA_RESULT ';
const FAILED_PREFIX = 'TDA_FAILED ';

const SUITES: Record<string, () => void> = {
  main: () => {
    require('./extension.test');
    require('./catalog.test');
    require('./compare.test');
    require('./tree.test');
    require('./glossary.test');
    require('./search.test');
    require('./userCatalog.test');
    require('./robustness.test');
    require('./treatyImport.test');
    require('./searchScale.test');
    require('./officialLayer.test');
    require('./termLineBreaks.test');
    require('./referenceList.test');
    require('./citeAsYouWrite.test');
    require('./startupTimings.test');
    require('./newAgreement.test');
  },
  'first-load': () => {
    require('./firstLoad.test');
  },
  // The packaged extension as a user installs it (test/harness/run-integration.mjs --suite vsix-smoke).
  'vsix-smoke': () => {
    require('../smoke/installed.test');
  },
};

export async function run(): Promise<void> {
  const suite = process.env.TDA_INTEGRATION_SUITE || 'main';
  console.log(
    `[integration] extension host: VS Code ${vscode.version} (${vscode.env.appName}; uiKind=${vscode.UIKind[vscode.env.uiKind]}; ` +
      `remote=${vscode.env.remoteName ?? 'none'}; node ${process.version}); suite ${suite}`,
  );
  // TDA_INTEGRATION_GREP runs only the tests whose titles match (while working on one suite).
  const grep = process.env.TDA_INTEGRATION_GREP;
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, slow: 5_000, reporter: 'spec', ...(grep ? { grep } : {}) });
  // Spec files use mocha's globals (describe/it/before): install them, then load the specs in order.
  mocha.suite.emit('pre-require', globalThis, 'integration', mocha);
  const load = SUITES[suite];
  if (!load) throw new Error(`unknown integration suite "${suite}" (known: ${Object.keys(SUITES).join(', ')})`);
  load();

  const failures: { title: string; suite: string; error: string }[] = [];
  const stats = await new Promise<{ passed: number; failed: number; pending: number }>((resolve, reject) => {
    try {
      const runner = mocha.run(() => {
        resolve({ passed: runner.stats?.passes ?? 0, failed: runner.stats?.failures ?? 0, pending: runner.stats?.pending ?? 0 });
      });
      runner.on('fail', (test, err) => {
        const failure = { title: test.title, suite: test.parent?.fullTitle() ?? '', error: String(err?.message ?? err).split('\n')[0].slice(0, 300) };
        failures.push(failure);
        // The harness screenshots the workbench as it is now, right after the failure.
        console.log(FAILED_PREFIX + JSON.stringify(failure));
      });
    } catch (err) {
      reject(err);
    }
  });
  console.log(RESULT_PREFIX + JSON.stringify({ ...stats, failures, vscodeVersion: vscode.version }));
  if (stats.failed > 0) throw new Error(`${stats.failed} integration test(s) failed`);
  if (stats.passed === 0) throw new Error('no integration test ran');
}
