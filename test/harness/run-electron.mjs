// `npm run test:electron`: the same integration suite (test/integration/) in desktop VS Code, through
// @vscode/test-electron. For machines that can download VS Code (it fetches a build on first use into
// .vscode-test/); CI here has no such access and uses the code-server runner (npm run test:integration).
// Linux without a display: run under `xvfb-run -a npm run test:electron`.
// Env: TDA_VSCODE_VERSION = 'stable' (default), 'insiders' or a version such as 1.91.0 (the engines minimum).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MEMO_WORKSPACE, OUT_DIR, ROOT, buildExtension, buildTestBundle, log } from './vscode-host.mjs';

const { runTests } = await import('@vscode/test-electron');

buildExtension();
const extensionTestsPath = await buildTestBundle('test/integration/index.ts', path.join(OUT_DIR, 'electron', 'index.js'));
const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'tda-electron-'));
let code = 1;
try {
  code = await runTests({
    version: process.env.TDA_VSCODE_VERSION ?? 'stable',
    extensionDevelopmentPath: ROOT,
    extensionTestsPath,
    launchArgs: [
      MEMO_WORKSPACE,
      '--disable-extensions', // other installed extensions stay out; the one under development still loads
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      `--user-data-dir=${path.join(profile, 'user-data')}`,
      `--extensions-dir=${path.join(profile, 'extensions')}`,
    ],
  });
} catch (err) {
  log(`test:electron failed: ${err?.message ?? err}`);
  if (/ENOTFOUND|getaddrinfo|ECONNREFUSED/.test(String(err?.message ?? err))) {
    log('could not download VS Code: this machine is offline. Use `npm run test:integration` (code-server) instead.');
  }
  code = 1;
} finally {
  fs.rmSync(profile, { recursive: true, force: true });
}
process.exit(code);
