// E2E: the real workbench (code-server + headless Chromium) with the extension under development, on the sample
// memo workspace, in a light and a dark theme. Every screenshot is taken only after asserting what it shows.
// PNGs: test/e2e/screenshots/ (git-ignored).
// Run: npm run test:e2e
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  EXTENSION_ID,
  MEMO_WORKSPACE,
  ROOT,
  buildExtension,
  launchBrowser,
  openWorkbench,
  startCodeServer,
} from '../harness/vscode-host.mjs';
import { activeEditorText, closeRunningExtensions, openFile, runningExtensionRowText, waitForThemeKind, waitForWorkbench } from './driver.mjs';
import { SCREENSHOTS } from './suite.mjs';

const THEMES = [
  { kind: 'light', colorTheme: 'Default Light Modern' },
  { kind: 'dark', colorTheme: 'Default Dark Modern' },
];
const MEMOS = {
  en: { file: 'rok-us-tpd-briefing.md', expect: ['Briefing: the ROK–US Technology Prosperity Deal', '2025-10-29', 'Artemis Program'] },
  ko: { file: '한미-기술번영-MOU-메모.md', expect: ['한미 기술번영 양해각서(MOU) 검토 메모', '아르테미스 계획', '한국형 위성항법체계(KPS)'] },
};
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

let browser;

before(async function () {
  this.timeout(180_000); // includes a cold toolchain install on a new machine
  buildExtension();
  browser = await launchBrowser();
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
});

after(async () => {
  await browser?.close();
});

for (const theme of THEMES) {
  describe(`workbench with the extension, ${theme.kind} theme (${theme.colorTheme})`, function () {
    this.timeout(60_000);
    let server;
    let page;

    const shot = async (name) => {
      const file = path.join(SCREENSHOTS, `${theme.kind}-${name}.png`);
      await page.screenshot({ path: file });
      return file;
    };

    before(async function () {
      this.timeout(120_000);
      server = await startCodeServer({ settings: { 'workbench.colorTheme': theme.colorTheme }, tmpPrefix: `tda-e2e-${theme.kind}-` });
      page = await openWorkbench(browser, server, { folder: MEMO_WORKSPACE, extensionDevelopmentPath: ROOT });
      await waitForWorkbench(page);
    });

    after(async function () {
      await page?.context().close().catch(() => undefined);
      await server?.stop();
    });

    afterEach(async function () {
      if (this.currentTest?.state === 'failed' && page) {
        const file = await shot(`failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 40)}`).catch(() => undefined);
        if (file) {
          this.currentTest.screenshot = path.relative(ROOT, file); // listed at the end of npm test
          console.error(`      screenshot of the failure: ${path.relative(ROOT, file)}`);
        }
      }
    });

    it(`renders in the ${theme.kind} theme, with the memo workspace open`, async () => {
      assert.equal(await waitForThemeKind(page, theme.kind), theme.kind);
      const title = await page.title();
      assert.match(title, /memo-workspace/);
    });

    it('activates the extension (listed in Running Extensions with an activation time)', async () => {
      const row = await runningExtensionRowText(page, { id: EXTENSION_ID, displayName: manifest.displayName });
      assert.match(row, new RegExp(`${manifest.version.replace(/\./g, '\\.')}`), `row: ${row}`);
      assert.match(row, /Activation: \d+ms/, `row: ${row}`);
      await shot('running-extensions');
      await closeRunningExtensions(page);
    });

    for (const [lang, memo] of Object.entries(MEMOS)) {
      it(`opens the ${lang === 'en' ? 'English' : 'Korean'} memo ${memo.file}`, async () => {
        await openFile(page, memo.file);
        const text = await activeEditorText(page);
        for (const expected of memo.expect) assert.ok(text.includes(expected), `editor does not show "${expected}":\n${text.slice(0, 400)}`);
        await shot(`memo-${lang}`);
      });
    }
  });
}
