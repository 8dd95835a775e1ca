// E2E: the comparison panel in the real workbench, comparing the three Technology Prosperity Deals in the light, dark,
// high-contrast dark and high-contrast light themes (English and Korean data), chosen through the command's quick
// pick. Every screenshot is taken only after asserting what it shows. PNGs: test/e2e/screenshots/ (git-ignored).
import assert from 'node:assert/strict';
import { compareWebview, escapeRegExp, runCommand, waitForWorkbench } from './driver.mjs';
import { commandLabels, selectors } from './selectors.mjs';
import { shippedData, useWorkbench } from './suite.mjs';

const TPDS = ['kr-us-tpd', 'us-uk-tpd', 'us-jp-tpd'];
const RUNS = [
  { kind: 'light', themeClass: 'vs', colorTheme: 'Default Light Modern', lang: 'en' },
  { kind: 'dark', themeClass: 'vs-dark', colorTheme: 'Default Dark Modern', lang: 'ko' },
  { kind: 'hc-dark', themeClass: 'hc-black', colorTheme: 'Default High Contrast', lang: 'en' },
  { kind: 'hc-light', themeClass: 'hc-light', colorTheme: 'Default High Contrast Light', lang: 'ko' },
];


for (const run of RUNS) {
  describe(`comparison panel, ${run.kind} theme, ${run.lang === 'ko' ? 'Korean' : 'English'} data`, function () {
    this.timeout(90_000);
    const { agreements } = shippedData();
    const t = (localized) => localized[run.lang];
    const tpds = TPDS.map((id) => agreements.find((a) => a.id === id));
    // Sectors each deal covers, straight from the data: the expected rows.
    const covering = (sector) => tpds.filter((a) => a.provisions.some((p) => p.sectors.includes(sector)));
    const sectorIds = [...new Set(tpds.flatMap((a) => a.provisions.flatMap((p) => p.sectors)))];
    const workbench = useWorkbench({
      name: 'compare',
      kind: run.kind,
      settings: { 'workbench.colorTheme': run.colorTheme, 'techDealAtlas.language': run.lang },
    });
    const shot = (name) => workbench.shot(name);
    let page;
    let webview;
    /** Rows of the "differences only" view: sectors not covered by all three deals. */
    const differing = sectorIds.filter((s) => covering(s).length < 3).length;
    /** Waits until `table` (a selector) has exactly `count` body rows; returns their locator. */
    const rowsOnceCounted = async (table, count) => {
      const rows = webview.locator(`${table} tbody tr`);
      await webview.locator(`${table} tbody tr >> nth=${count - 1}`).waitFor();
      for (let i = 0; i < 50 && (await rows.count()) !== count; i++) await page.waitForTimeout(100);
      return rows;
    };

    before(async function () {
      this.timeout(90_000);
      page = workbench.page;
      await page.waitForFunction(([sel, cls]) => document.querySelector(sel)?.classList.contains(cls), [selectors.workbench, run.themeClass], { timeout: 20_000 });
      // The extension under development is loaded once its view container shows in the activity bar.
      await page.locator(`${selectors.activityBarItem}[aria-label^="Tech Deal Atlas"]`).first().waitFor({ timeout: 60_000 });
    });

    it('chooses the three Technology Prosperity Deals in the Compare Agreements quick pick', async () => {
      await runCommand(page, commandLabels.compare);
      const rows = page.locator(selectors.quickInputRow);
      for (const a of agreements) await rows.filter({ hasText: t(a.title.short) }).first().waitFor({ timeout: 30_000 });
      // First use: every agreement is preselected. Leave exactly the three deals checked.
      for (const a of agreements) {
        const row = rows.filter({ hasText: t(a.title.short) }).first();
        const checked = (await row.getAttribute('aria-checked')) === 'true';
        if (checked !== TPDS.includes(a.id)) await row.locator(selectors.quickInputRowLabel).first().click();
      }
      for (const a of agreements) {
        const row = rows.filter({ hasText: t(a.title.short) }).first();
        assert.equal(await row.getAttribute('aria-checked'), String(TPDS.includes(a.id)), t(a.title.short));
      }
      await shot('compare-quick-pick');
      await page.keyboard.press('Enter');
      await page.locator(selectors.quickInput).waitFor({ state: 'hidden' });
    });

    it('shows the deals side by side: one column per deal, one row per sector, coverage in words', async () => {
      webview = await compareWebview(page);
      const table = webview.locator('table.matrix');
      const tab = page.locator(selectors.activeTab);
      for (const a of tpds) assert.ok((await tab.innerText()).includes(t(a.title.short)), 'the tab title names the deals');
      const headers = await table.locator('thead th.agreement .agreement-title').allInnerTexts();
      assert.deepEqual(headers, tpds.map((a) => t(a.title.short)));
      const rows = table.locator('tbody tr');
      assert.equal(await rows.count(), sectorIds.length);
      // Shared-by-all rows come first, and say so in words.
      const shared = sectorIds.filter((s) => covering(s).length === 3);
      assert.ok(shared.length > 0);
      for (let i = 0; i < shared.length; i++) {
        assert.match(await rows.nth(i).locator('.badge').innerText(), run.lang === 'ko' ? /3개 모두 공통/ : /Shared by all 3/);
      }
      const unique = sectorIds.filter((s) => covering(s).length === 1);
      const last = await rows.nth(sectorIds.length - 1).locator('.badge').innerText();
      if (unique.length) assert.match(last, run.lang === 'ko' ? /에만 있음/ : /^Only in /);
      // The focused element is inside the panel (focus moved into it).
      assert.equal(await webview.locator('[data-nav][tabindex="0"]').count(), 1);
      await page.waitForTimeout(300);
      await shot('compare-panel');
    });

    it('moves through the table by keyboard: arrows between provisions and columns, Enter opens a provision', async () => {
      const focused = () => webview.locator(':focus').evaluate((el) => ({ key: el.dataset.key ?? '', tab: el.tabIndex }));
      await webview.locator('[data-nav][tabindex="0"]').focus();
      assert.match((await focused()).key, /^agreement:kr-us-tpd$/);
      await page.keyboard.press('ArrowDown');
      const firstProvision = await focused();
      assert.match(firstProvision.key, /^provision:kr-us-tpd\//, 'down from the first column header is its first provision');
      assert.equal(firstProvision.tab, 0, 'the focused item is the one tab stop of the table (roving tabindex)');
      assert.equal(await webview.locator('[data-nav][tabindex="0"]').count(), 1);
      await page.keyboard.press('ArrowRight');
      assert.match((await focused()).key, /^provision:us-uk-tpd\//, 'right moves to the next deal in the same row');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowLeft');
      assert.match((await focused()).key, /^sector-row:/, 'left of the first deal is the sector header');
      await page.keyboard.press('ArrowRight');
      const uid = (await focused()).key.replace(/^provision:/, '').replace(/@.*$/, '');
      await page.keyboard.press('Enter');
      // Enter opens the provision in its agreement document (a Markdown preview named after the agreement), beside
      // the panel: the comparison stays open in its own group.
      const agreement = tpds.find((a) => uid.startsWith(`${a.id}/`));
      const preview = page.locator(selectors.anyTab).filter({ hasText: new RegExp(`^Preview ${escapeRegExp(t(agreement.title.short))}`) });
      await preview.waitFor({ timeout: 30_000 });
      assert.equal(await page.locator(selectors.editorGroup).count(), 2, 'the document opened in a second group');
      await page.locator(selectors.anyTab).filter({ hasText: /^Compare: / }).waitFor();
      await page.waitForTimeout(1500);
      await shot('compare-open-provision');
      await preview.locator(selectors.tabClose).click();
      await page.locator(selectors.editorGroup).nth(1).waitFor({ state: 'detached' });
      await page.locator(selectors.activeTab).filter({ hasText: /^Compare: / }).waitFor();
    });

    it('narrows to the differences and scrolls with sticky headers', async () => {
      await webview.locator('input[name="differencesOnly"]').check({ force: true });
      const rows = await rowsOnceCounted('table.matrix', differing);
      assert.equal(await rows.count(), differing);
      await webview.locator('table.matrix tbody tr').last().scrollIntoViewIfNeeded();
      const header = webview.locator('thead th.agreement').first();
      const box = await header.boundingBox();
      const toolbar = await webview.locator('.toolbar').boundingBox();
      assert.ok(box && toolbar && box.y >= toolbar.y + toolbar.height - 2 && box.y < toolbar.y + toolbar.height + 40, 'the column headers stick below the toolbar');
      await shot('compare-differences');
    });

    it('shows the source’s own comparisons of the ROK–US MOU with the UK and Japan deals', async () => {
      const notes = webview.locator('.notes .note');
      await notes.last().scrollIntoViewIfNeeded();
      assert.ok((await notes.count()) >= 2);
      // Grouped under a heading naming the compared deals, the ROK–US MOU first.
      const heading = await webview.locator('.notes .note-versus').first().innerText();
      assert.ok(heading.startsWith(t(tpds[0].title.short)), heading);
      for (const a of tpds.slice(1)) assert.ok(heading.includes(t(a.title.short)), heading);
      await shot('compare-notes');
    });

    it('cuts provisions to two lines in the compact view, for an overview', async () => {
      await webview.locator('input[name="differencesOnly"]').uncheck({ force: true });
      const firstRow = webview.locator('table.matrix tbody tr').first();
      await webview.locator(`table.matrix tbody tr >> nth=${sectorIds.length - 1}`).waitFor();
      const before = (await firstRow.boundingBox()).height;
      await webview.locator('input[name="compact"]').check({ force: true });
      await webview.locator('table.matrix.compact').waitFor();
      const after = (await webview.locator('table.matrix tbody tr').first().boundingBox()).height;
      assert.ok(after < before, `compact row ${after}px vs ${before}px`);
      const tallest = await webview
        .locator('table.matrix tbody tr')
        .first()
        .locator('.ptext')
        .evaluateAll((els) => Math.max(...els.map((el) => el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight))));
      assert.ok(tallest <= 2.05, `at most two lines per provision (${tallest.toFixed(2)})`);
      await webview.locator('.toolbar').scrollIntoViewIfNeeded();
      await page.waitForTimeout(300);
      await shot('compare-compact');
    });

    it('keeps two quick toggles: the answer to the first does not undo the second', async () => {
      // Both changes are proposed before the extension answers the first; each answer re-renders the toolbar, so
      // the first answer must not show "differences only" unchecked again (it is dropped as stale).
      await webview.locator('table.matrix.compact').waitFor();
      await webview.locator('#compare').evaluate((main) => {
        window.__differencesOnlyAfterRender = [];
        new MutationObserver(() => {
          const input = main.querySelector('input[name="differencesOnly"]');
          if (input) window.__differencesOnlyAfterRender.push(input.checked);
        }).observe(main, { childList: true });
        main.querySelector('input[name="compact"]').click();
        main.querySelector('input[name="differencesOnly"]').click();
      });
      const rows = await rowsOnceCounted('table.matrix:not(.compact)', differing);
      assert.equal(await rows.count(), differing, 'the table shows the differences, not compact');
      await page.waitForTimeout(500); // any further (stale) render would have arrived by now
      const seen = await webview.locator('#compare').evaluate(() => window.__differencesOnlyAfterRender);
      assert.ok(seen.length >= 1, 'the panel re-rendered');
      assert.deepEqual(seen, seen.map(() => true), `"differences only" stayed checked through every render (${JSON.stringify(seen)})`);
      assert.equal(await webview.locator('input[name="compact"]').isChecked(), false);
      assert.equal(await webview.locator('input[name="differencesOnly"]').isChecked(), true);
    });

    it('restores after a window reload, with the agreements it compared', async () => {
      // (How recent the restored view options are depends on when the browser workbench last flushed its state, so
      // only the comparison itself is checked here; the options' round trip is covered by the protocol tests.)
      await page.reload();
      await waitForWorkbench(page);
      webview = await compareWebview(page);
      const table = webview.locator('table.matrix');
      const differencesOnly = await webview.locator('input[name="differencesOnly"]').isChecked();
      const expected = differencesOnly ? differing : sectorIds.length;
      assert.equal(await table.locator('tbody tr').count(), expected);
      assert.deepEqual(await table.locator('thead th.agreement .agreement-title').allInnerTexts(), tpds.map((a) => t(a.title.short)));
    });

    it('stacks one card per sector in a narrow panel', async () => {
      await page.setViewportSize({ width: 820, height: 900 });
      const firstRow = webview.locator('table.matrix tbody tr').first();
      await firstRow.waitFor();
      await page.waitForTimeout(300);
      const labels = await firstRow.locator('.cell-label').allInnerTexts();
      assert.deepEqual(labels, tpds.map((a) => t(a.title.short)), 'each cell names its agreement');
      await webview.locator('table.matrix').scrollIntoViewIfNeeded();
      await shot('compare-narrow');
      await page.setViewportSize({ width: 1600, height: 900 });
    });
  });
}
