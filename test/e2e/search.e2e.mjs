// E2E: Search… in the real workbench — light theme with English data, dark theme with Korean data. Queries are typed
// with real key events into the quick input; the screenshots show the grouped, ranked results with snippets, the
// item reached with Enter revealed in the Agreements view and opened, and Search Selection / Term at Cursor started
// from the memo with its keybinding. Every screenshot is taken only after asserting what it shows.
// PNGs: test/e2e/screenshots/ (git-ignored).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { MEMO_WORKSPACE } from '../harness/vscode-host.mjs';
import { openFile, runCommand, waitForThemeKind } from './driver.mjs';
import { commandLabels, selectors } from './selectors.mjs';
import { itemNumber, shippedData, useWorkbench } from './suite.mjs';

const { agreements, terms } = shippedData();
const kps = terms.find((t) => t.abbreviations?.includes('KPS'));
const artemis = terms.find((t) => t.id === 'artemis-program');
const usJapan = agreements.find((a) => a.id === 'us-jp-tpd');
const usJapanResearch = usJapan.provisions.find((p) => p.text.en.includes('research security'));

const RUNS = [
  {
    kind: 'light',
    colorTheme: 'Default Light Modern',
    lang: 'en',
    // A typo, then a query that names an agreement and a topic.
    first: { query: 'artimis', top: artemis.term.en, groups: ['term', 'provision'] },
    second: { query: 'research security Japan', top: usJapanResearch.text.en, provision: usJapanResearch, agreement: usJapan },
    memo: 'rok-us-tpd-briefing.md',
    cursorOn: 'KPS',
    expectedQuery: 'KPS',
  },
  {
    kind: 'dark',
    colorTheme: 'Default Dark Modern',
    lang: 'ko',
    // 초성 typed key by key (they match names, headings and sectors: here only the term), then a compound word with
    // a particle.
    first: { query: 'ㅇㄹㅌㅁㅅ', top: artemis.term.ko, groups: ['term'] },
    second: { query: '위성항법을', top: kps.term.ko },
    memo: '한미-기술번영-MOU-메모.md',
    cursorOn: '위성항법',
    expectedQuery: '한국형 위성항법체계',
  },
];

/** 1-based line and column of the first occurrence of `needle` in a memo of the sample workspace. */
function positionInMemo(memo, needle) {
  const lines = fs.readFileSync(path.join(MEMO_WORKSPACE, memo), 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  assert.ok(line >= 0, `${memo} no longer contains ${needle}`);
  return { line: line + 1, column: lines[line].indexOf(needle) + 2 };
}

for (const run of RUNS) {
  describe(`search, ${run.kind} theme, ${run.lang === 'ko' ? 'Korean' : 'English'} data`, function () {
    this.timeout(120_000);
    const workbench = useWorkbench({
      name: 'search',
      kind: run.kind,
      settings: { 'workbench.colorTheme': run.colorTheme, 'techDealAtlas.language': run.lang, 'techDealAtlas.agreementDocument.openAs': 'source' },
    });
    let page;
    const input = () => page.locator(selectors.quickInput);
    const rows = () => page.locator(selectors.quickInputRow);
    /** The row at a visual position (list rows are absolutely positioned: DOM order is not display order). */
    const rowAt = (index) => page.locator(`${selectors.quickInputRow}[data-index="${index}"]`);
    const groupHeaders = () => page.locator(selectors.quickInputSeparator);
    const groups = { agreement: 'Agreements', provision: 'Provisions', term: 'Glossary' };

    /** Waits until the quick input has finished fading in: a screenshot during the fade shows the editor through it. */
    const quickInputSettled = () =>
      page.waitForFunction(
        (sel) => {
          const widget = document.querySelector(sel);
          return !!widget && getComputedStyle(widget).opacity === '1' && widget.getAnimations({ subtree: true }).every((a) => a.playState !== 'running');
        },
        selectors.quickInputWidget,
      );

    /** Types `query` key by key into the open Search picker and waits until the first row shows `top`. */
    async function typeQuery(query, top) {
      await input().fill('');
      for (const ch of query) await page.keyboard.insertText(ch);
      assert.equal(await input().inputValue(), query);
      // By the row's label: another item's snippet may quote the expected one (PNT's definition names KPS), so a match
      // on the whole row can pass while the list still shows a shorter query's results.
      await rowAt(0).locator(selectors.quickInputRowName).filter({ hasText: top }).waitFor({ timeout: 15_000 });
    }

    before(async () => {
      page = workbench.page;
      assert.equal(await waitForThemeKind(page, run.kind), run.kind);
      // The Tech Deal Atlas side bar, so the reveal step is visible.
      await page.locator(`${selectors.activityBarItem}[aria-label^="Tech Deal Atlas"]`).first().click();
      await page.locator(selectors.sideBarPane).first().waitFor();
    });

    it('opens Search… with the agreements as a start, and ranks typed queries on every keystroke', async () => {
      await runCommand(page, commandLabels.search);
      await input().waitFor();
      // Empty query: the agreements (nothing has been opened yet in this fresh profile).
      for (const a of agreements) await rows().filter({ hasText: a.title.short[run.lang] }).first().waitFor({ timeout: 30_000 });

      await typeQuery(run.first.query, run.first.top);
      // Each group's header is on its first row (the list is virtual: wait for the rows of this query).
      for (const kind of run.first.groups) await groupHeaders().filter({ hasText: groups[kind] }).first().waitFor({ timeout: 15_000 });
      await quickInputSettled();
      await workbench.shot('search-initials-or-typo');
    });

    it('shows agreement, provision and sectors, and a snippet of the matched words', async () => {
      await typeQuery(run.second.query, run.second.top);
      const first = await rowAt(0).innerText();
      if (run.second.provision) {
        assert.ok(first.includes(run.second.agreement.title.short.en) && first.includes(itemNumber(run.second.provision, 'en')), first);
        assert.doesNotMatch(first, /provision \d/);
      } else {
        assert.ok(first.includes(kps.term.en) && first.includes('KPS'), first);
        const second = await rowAt(1).innerText();
        assert.ok(second.includes('아틀라스 항목 28') || second.includes(kps.term.ko), second);
        assert.doesNotMatch(second, /제\d+항/);
      }
      await quickInputSettled();
      await workbench.shot('search-results');
    });

    it('Enter reveals the item in the sidebar and opens it', async () => {
      await page.keyboard.press('Enter');
      await input().waitFor({ state: 'hidden' });
      if (run.second.provision) {
        const selected = page.locator(`${selectors.sideBarPane} ${selectors.treeRow}.selected`);
        await selected.filter({ hasText: run.second.provision.text.en.slice(0, 20) }).first().waitFor({ timeout: 15_000 });
        await page.locator(selectors.activeTab).filter({ hasText: run.second.agreement.title.short.en }).waitFor({ timeout: 15_000 });
      } else {
        const selected = page.locator(`${selectors.sideBarPane} ${selectors.treeRow}.selected`);
        await selected.filter({ hasText: kps.term.ko }).first().waitFor({ timeout: 15_000 });
      }
      await workbench.shot('search-revealed');
    });

    it('Search Selection / Term at Cursor starts from the term under the cursor with its keybinding', async () => {
      await openFile(page, run.memo);
      const { line, column } = positionInMemo(run.memo, run.cursorOn);
      await page.keyboard.press('Control+G');
      await input().waitFor();
      await input().fill(`:${line}:${column}`);
      await page.keyboard.press('Enter');
      await input().waitFor({ state: 'hidden' });
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+Alt+F');
      await input().waitFor();
      await page.waitForFunction(([sel, q]) => document.querySelector(sel)?.value === q, [selectors.quickInput, run.expectedQuery]);
      await rowAt(0).locator(selectors.quickInputRowName).filter({ hasText: run.lang === 'ko' ? kps.term.ko : kps.term.en }).waitFor({ timeout: 15_000 });
      await quickInputSettled();
      await workbench.shot('search-term-at-cursor');
      await page.keyboard.press('Escape');
    });
  });
}
