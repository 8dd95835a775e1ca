// `npm run screenshots:readme`: copies the e2e suite's screenshots that the README shows into media/screenshots/
// (committed; not shipped in the VSIX: .vscodeignore lists what ships). Run `npm run test:e2e` first: every picture
// is one the suite took after asserting what it shows. Fails, naming them, when any is missing.
import fs from 'node:fs';
import path from 'node:path';
import { SCREENSHOTS } from './suite.mjs';
import { ROOT } from '../harness/vscode-host.mjs';

/** README picture → e2e screenshot (without the theme prefix). */
const PICTURES = {
  tree: 'sidebar-expanded-agreement',
  hover: 'glossary-hover',
  compare: 'compare-panel',
  search: 'search-results',
  walkthrough: 'walkthrough',
};
const OUT = path.join(ROOT, 'media', 'screenshots');

const missing = [];
fs.mkdirSync(OUT, { recursive: true });
for (const kind of ['light', 'dark']) {
  for (const [picture, shot] of Object.entries(PICTURES)) {
    const from = path.join(SCREENSHOTS, `${kind}-${shot}.png`);
    if (!fs.existsSync(from)) {
      missing.push(path.relative(ROOT, from));
      continue;
    }
    fs.copyFileSync(from, path.join(OUT, `${kind}-${picture}.png`));
  }
}
const web = path.join(SCREENSHOTS, 'web-tree-hover.png');
if (fs.existsSync(web)) fs.copyFileSync(web, path.join(OUT, 'web-tree-hover.png'));
else missing.push(`${path.relative(ROOT, web)} (npm run test:web)`);
if (missing.length) {
  console.error(`missing screenshots (run the e2e suite first):\n  ${missing.join('\n  ')}`);
  process.exit(1);
}
console.log(`copied ${Object.keys(PICTURES).length * 2 + 1} screenshots to ${path.relative(ROOT, OUT)}/`);
