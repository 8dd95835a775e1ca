// `npm start`: build the extension, then open it on the sample memo workspace (test/fixtures/memo-workspace).
//  - desktop VS Code when `code` is on PATH (a window with --extensionDevelopmentPath);
//  - otherwise a local VS Code in the browser (code-server from the test toolchain): open the printed URL.
//    esbuild keeps rebuilding on change; "Developer: Reload Window" picks the new bundle up. Ctrl-C stops all.
// Env: TDA_START_MODE=code|server forces a mode; TDA_PORT picks the port (default: a free one).
import { spawn, spawnSync } from 'node:child_process';
import { MEMO_WORKSPACE, ROOT, buildExtension, log, startCodeServer, workbenchUrl } from './vscode-host.mjs';

const hasCode = () => spawnSync('sh', ['-c', 'command -v code'], { stdio: 'ignore' }).status === 0;
const mode = process.env.TDA_START_MODE ?? (hasCode() ? 'code' : 'server');

buildExtension();

if (mode === 'code') {
  log('opening desktop VS Code (`code` is on PATH)');
  const child = spawn('code', ['--new-window', `--extensionDevelopmentPath=${ROOT}`, MEMO_WORKSPACE], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const watch = spawn(process.execPath, ['esbuild.js', '--watch'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const port = process.env.TDA_PORT ? Number(process.env.TDA_PORT) : undefined;
  const server = await startCodeServer({ tmpPrefix: 'tda-start-', port });
  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    console.log('\nstopping…');
    watch.kill('SIGTERM');
    await server.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  server.child.on('exit', (code) => {
    if (!stopping) {
      log(`code-server exited (${code}); see ${server.logFile}`);
      void stop(1);
    }
  });
  const url = workbenchUrl(server, { folder: MEMO_WORKSPACE, extensionDevelopmentPath: ROOT });
  console.log(`\nTech Deal Atlas is running in VS Code (code-server) on the sample memo workspace.`);
  console.log(`Open this URL in a browser on this machine:\n\n  ${url}\n`);
  console.log('The extension rebuilds on change (Developer: Reload Window to load it). Press Ctrl-C to stop.');
}
