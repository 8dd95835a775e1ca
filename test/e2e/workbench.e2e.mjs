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
import { activeEditorText, closeRunningExtensions, openFile, runCommand, runningExtensionRowText, waitForThemeKind, waitForWorkbench } from './driver.mjs';
import { commandLabels, selectors } from './selectors.mjs';
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
const nls = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8'));
const walkthrough = manifest.contributes.walkthroughs[0];
const stepTitle = (step) => nls[step.title.slice(1, -1)];

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

/** The frame that shows a walkthrough step's SVG (VS Code inlines it in a webview), found by a piece of its markup. */
async function walkthroughMedia(page, markup, { timeout = 20_000 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    for (const frame of page.frames()) if ((await frame.content().catch(() => '')).includes(markup)) return frame;
    if (Date.now() > deadline) throw new Error(`no walkthrough media shows ${markup}`);
    await page.waitForTimeout(250);
  }
}

/** `#rrggbb` or `rgb(r, g, b)` as `r,g,b`. */
function toRgb(colour) {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/i.exec(colour);
  if (hex) return hex.slice(1, 4).map((h) => parseInt(h, 16)).join(',');
  return (/rgba?\(([^)]*)\)/.exec(colour)?.[1] ?? colour).split(',').slice(0, 3).map((n) => Number(n.trim())).join(',');
}

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

    it('opens the Get Started walkthrough; opening the atlas and a hover in the sample memo tick their steps off', async () => {
      await runCommand(page, commandLabels.gettingStarted);
      const steps = page.locator(selectors.walkthroughStep);
      await steps.first().waitFor();
      const texts = await steps.allInnerTexts();
      assert.deepEqual(
        walkthrough.steps.map((step) => texts.some((t) => t.includes(stepTitle(step)))),
        walkthrough.steps.map(() => true),
        `steps shown:\n${texts.join('\n')}`,
      );
      const step = (id) => page.locator(`${selectors.walkthroughStep}[data-step-id$="#${id}"]`);
      assert.equal(await step('openAtlas').getAttribute('aria-checked'), 'false');
      assert.equal(await step('hoverTerm').getAttribute('aria-checked'), 'false');
      // The real actions, not the steps' buttons: show the atlas from the activity bar, and hover a term in the sample memo.
      await page.locator(`${selectors.activityBarItem}[aria-label^="Tech Deal Atlas"]`).first().click();
      await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('aria-checked') === 'true', `${selectors.walkthroughStep}[data-step-id$="#openAtlas"]`);
      await runCommand(page, commandLabels.openSampleMemo);
      await page.locator(selectors.activeEditorLines).filter({ hasText: 'Artemis' }).waitFor();
      // The command leaves the cursor at the end of the memo's last line, where it asks for a citation: wait for it
      // (or it could land after the move below), then put the cursor inside a term with Quick Open's :line:column.
      const memoLines = fs.readFileSync(path.join(ROOT, 'media', 'walkthrough', 'sample-memo.en.md'), 'utf8').replace(/\n+$/, '').split('\n');
      await page.locator(selectors.statusBar).filter({ hasText: `Ln ${memoLines.length}, Col ${memoLines.at(-1).length + 1}` }).waitFor();
      const line = memoLines.findIndex((l) => l.includes('Artemis Program'));
      await page.keyboard.press('Control+P');
      await page.locator(selectors.quickInput).fill(`:${line + 1}:${memoLines[line].indexOf('Artemis Program') + 3}`);
      await page.keyboard.press('Enter');
      await page.locator(selectors.statusBar).filter({ hasText: `Ln ${line + 1},` }).waitFor();
      await runCommand(page, commandLabels.defineTerm);
      await page.locator(selectors.editorHover).filter({ hasText: 'Artemis' }).waitFor({ timeout: 10_000 });
      await page.keyboard.press('Escape');
      // Back to the walkthrough. (The sample memo is an untitled document: it is never saved.)
      await runCommand(page, commandLabels.gettingStarted);
      await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('aria-checked') === 'true', `${selectors.walkthroughStep}[data-step-id$="#hoverTerm"]`);
      assert.equal(await step('compare').getAttribute('aria-checked'), 'false', 'a step not done stays unchecked');
      await step('hoverTerm').click(); // shows that step's illustration
      // The illustration is drawn in the theme's colours: its background is the editor's, not black or white.
      const media = await walkthroughMedia(page, 'aria-label="A glossary hover');
      const colours = await media.evaluate(() => {
        const style = getComputedStyle(document.documentElement);
        return { background: getComputedStyle(document.querySelector('svg rect')).fill, theme: style.getPropertyValue('--vscode-editor-background').trim() };
      });
      assert.equal(toRgb(colours.background), toRgb(colours.theme), `illustration background ${colours.background}, editor background ${colours.theme}`);
      await shot('walkthrough');
    });
  });
}
