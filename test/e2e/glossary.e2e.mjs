// E2E: glossary hovers and live citations in the real workbench — light theme with English data on the English
// memo, dark theme with Korean data on the Korean memo: a mouse hover over a term, Define Term at Cursor, the
// Glossary view, and a citation hover with a warning for an unknown provision in a new memo.
// Every screenshot is taken only after asserting what it shows. PNGs: test/e2e/screenshots/ (git-ignored).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { MEMO_WORKSPACE } from '../harness/vscode-host.mjs';
import { openFile, runCommand, waitForThemeKind } from './driver.mjs';
import { commandLabels, selectors } from './selectors.mjs';
import { shippedData, useWorkbench } from './suite.mjs';

const RUNS = [
  { kind: 'light', colorTheme: 'Default Light Modern', lang: 'en', memo: 'rok-us-tpd-briefing.md', termId: 'artemis-program', text: 'Artemis Program', defineId: 'kps', define: 'KPS', underline: false },
  { kind: 'dark', colorTheme: 'Default Dark Modern', lang: 'ko', memo: '한미-기술번영-MOU-메모.md', termId: 'nrf', text: '한국연구재단', defineId: 'artemis-program', define: '아르테미스 계획', underline: true },
];

/** Hover text as the reader sees it (Monaco uses U+00A0 for spaces). */
const visible = (s) => s.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ');

/**
 * Screen position of the `index`-th character of the first occurrence of `needle` in the active editor's rendered
 * lines (a line's text may be split over several spans: Monaco splits long tokens): its middle, or with `leftEdge`
 * just inside its left edge (a click there puts the cursor before that character).
 */
async function positionOfText(page, needle, index = 1, { leftEdge = false } = {}) {
  const handle = await page.waitForFunction(
    ([sel, needle, index, leftEdge]) => {
      for (const line of document.querySelectorAll(`${sel} .view-line`)) {
        const nodes = [];
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        let text = '';
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          nodes.push({ node, start: text.length });
          text += node.textContent.replace(/\u00a0/g, ' ');
        }
        const at = text.indexOf(needle);
        if (at < 0) continue;
        const target = at + index;
        const { node, start } = nodes.findLast((n) => n.start <= target);
        const range = document.createRange();
        range.setStart(node, target - start);
        range.setEnd(node, target - start + 1);
        const rect = range.getBoundingClientRect();
        return { x: leftEdge ? rect.x + 1 : rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
      }
      return undefined;
    },
    [selectors.activeEditorLines, needle, index, leftEdge],
    { timeout: 15_000 },
  );
  return handle.jsonValue();
}

for (const run of RUNS) {
  describe(`glossary hovers and citations, ${run.kind} theme, ${run.lang === 'ko' ? 'Korean' : 'English'} data`, function () {
    this.timeout(90_000);
    const data = shippedData();
    const { agreements } = data;
    const terms = new Map(data.terms.map((x) => [x.id, x]));
    const t = (localized) => localized[run.lang];
    const other = run.lang === 'ko' ? 'en' : 'ko';
    const workbench = useWorkbench({
      name: 'glossary',
      kind: run.kind,
      settings: {
        'workbench.colorTheme': run.colorTheme,
        'techDealAtlas.language': run.lang,
        'techDealAtlas.glossary.underline': run.underline,
        'editor.hover.delay': 200,
        'editor.minimap.enabled': false,
      },
    });
    const shot = (name) => workbench.shot(name);
    let page;
    const editorHover = () => page.locator(selectors.editorHover).filter({ hasText: /\S/ }).first();
    /** Moves the mouse onto `point` (again and again, up to `attempts` times) until the editor hover shows `expected`. */
    const hoverUntil = async (point, expected, attempts) => {
      let text = '';
      for (let attempt = 0; attempt < attempts && !text.includes(expected); attempt++) {
        await page.mouse.move(point.x, point.y - 30);
        await page.mouse.move(point.x, point.y, { steps: 3 });
        const shown = await editorHover().waitFor({ timeout: 5_000 }).then(() => true, () => false);
        // (Without a short timeout, reading a hover that never showed would wait Playwright's default 30 s.)
        if (shown) text = visible(await editorHover().innerText({ timeout: 2_000 }).catch(() => ''));
      }
      return text;
    };
    const closeHover = async () => {
      await page.mouse.move(5, 400);
      await page.keyboard.press('Escape');
      await editorHover().waitFor({ state: 'hidden' }).catch(() => undefined);
    };
    const pane = (title) => page.locator(selectors.sideBarPane).filter({ has: page.locator(`${selectors.paneHeader}[aria-label^="${title}"]`) });
    const setPaneExpanded = async (title, expanded) => {
      const header = pane(title).locator(selectors.paneHeader);
      if ((await header.getAttribute('aria-expanded')) !== String(expanded)) await header.click();
    };

    before(async () => {
      page = workbench.page;
      assert.equal(await waitForThemeKind(page, run.kind), run.kind);
    });

    it(`hovering "${run.text}" in the memo shows its definition in both languages, its source and actions`, async () => {
      const term = terms.get(run.termId);
      await openFile(page, run.memo);
      // The extension activates after startup and loads the catalog off the activation path: hover until it answers.
      const text = await hoverUntil(await positionOfText(page, run.text, 1), t(term.definition).slice(0, 30), 20);
      assert.ok(text.startsWith(t(term.term)), `hover starts with the term:\n${text}`);
      assert.ok(text.includes(t(term.definition).slice(0, 60)), `definition in ${run.lang}:\n${text}`);
      assert.ok(text.includes(term.definition[other].slice(0, 40)), `definition in ${other} below:\n${text}`);
      assert.ok(text.indexOf(term.definition[other].slice(0, 40)) > text.indexOf(t(term.definition).slice(0, 40)));
      assert.match(text, run.lang === 'ko' ? /출처|Source/ : /Source/);
      assert.match(text, run.lang === 'ko' ? /사이드바에서 보기|Show in Sidebar/ : /Show in Sidebar/);
      assert.match(text, run.lang === 'ko' ? /검색|Search/ : /Search/);
      await page.waitForTimeout(400); // the hover fades in
      await shot('glossary-hover');
      await closeHover();
    });

    it(run.underline ? 'underlines glossary terms in the visible lines (setting on)' : 'underlines nothing while the setting is off (default)', async () => {
      // Border decorations are drawn as overlay boxes behind the text (not on the text spans): find the dotted ones.
      const underlines = () =>
        page.evaluate((sel) => {
          const editor = document.querySelector(sel).closest('.monaco-editor');
          return [...editor.querySelectorAll('.view-overlays div div')]
            .filter((el) => getComputedStyle(el).borderBottomStyle === 'dotted')
            .map((el) => el.getBoundingClientRect().toJSON());
        }, selectors.activeEditorLines);
      const covers = (boxes, point) => boxes.some((b) => b.left <= point.x && point.x <= b.right && b.top <= point.y && point.y <= b.bottom);
      if (!run.underline) {
        assert.deepEqual(await underlines(), []);
        return;
      }
      const termPoint = await positionOfText(page, run.text, 2);
      let boxes = [];
      for (let attempt = 0; attempt < 50 && !covers(boxes, termPoint); attempt++) {
        boxes = await underlines();
        if (!covers(boxes, termPoint)) await page.waitForTimeout(200);
      }
      assert.ok(covers(boxes, termPoint), `"${run.text}" is underlined (${boxes.length} underlines)`);
      for (const term of ['KPS', '아르테미스 계획']) assert.ok(covers(boxes, await positionOfText(page, term, 1)), `${term} is underlined`);
      // Words that are no glossary terms stay plain.
      for (const word of ['요약', '확인할 점']) assert.ok(!covers(boxes, await positionOfText(page, word, 1)), `${word} is not underlined`);
      await shot('glossary-underline');
    });

    it('Define Term at Cursor shows the hover of the term the cursor is on, or right after', async () => {
      const term = terms.get(run.defineId);
      // The cursor right after the term (as after typing it): click at the left edge of the next character (the
      // closing ** of the bold term in both memos).
      const point = await positionOfText(page, `${run.define}**`, run.define.length, { leftEdge: true });
      await page.mouse.click(point.x, point.y);
      await page.mouse.move(5, 400);
      await runCommand(page, commandLabels.defineTerm);
      await editorHover().filter({ hasText: t(term.term) }).waitFor({ timeout: 10_000 });
      const text = visible(await editorHover().innerText());
      assert.ok(text.includes(t(term.definition).slice(0, 60)), `definition of ${term.id}:\n${text}`);
      const status = await page.locator(selectors.statusBar).innerText();
      const column = Number(/Col (\d+)/.exec(status)?.[1]);
      const line = fs.readFileSync(path.join(MEMO_WORKSPACE, run.memo), 'utf8').split('\n').find((l) => l.includes(`${run.define}**`));
      assert.equal(column, line.indexOf(run.define) + run.define.length + 1, `the cursor was right after "${run.define}" (status: ${status})`);
      await closeHover();
    });

    it('the Glossary view lists the terms in the catalog language, sorted, with the other language beside them', async () => {
      await page.locator(`${selectors.activityBarItem}[aria-label^="Tech Deal Atlas"]`).first().click();
      await setPaneExpanded('Agreements', false);
      await setPaneExpanded('Sectors', false);
      await setPaneExpanded('Glossary', true);
      const rows = pane('Glossary').locator(`${selectors.treeRow}[aria-level="1"]`);
      await rows.first().waitFor({ timeout: 30_000 });
      const collator = new Intl.Collator(run.lang, { sensitivity: 'base', numeric: true });
      const sorted = [...terms.values()].map((x) => t(x.term)).sort(collator.compare);
      const firstRows = [];
      for (let i = 0; i < 5; i++) firstRows.push(visible(await pane('Glossary').locator(`${selectors.treeRow}[data-index="${i}"]`).innerText()));
      for (const [i, row] of firstRows.entries()) assert.ok(row.startsWith(sorted[i]), `row ${i} "${row}" is "${sorted[i]}"`);
      const kps = terms.get('kps');
      const kpsRow = pane('Glossary').locator(selectors.treeRow).filter({ hasText: t(kps.term) }).first();
      // The tree renders only the rows in view: scroll to KPS when it is rendered (it is in English order, not in 가나다).
      if (await kpsRow.count()) await kpsRow.scrollIntoViewIfNeeded();
      await shot('glossary-view');
    });

    it('a citation in a new memo has a hover with the provision; an unknown one is underlined as a warning', async () => {
      const agreement = agreements.find((a) => a.id === 'kr-us-tpd');
      const provision = agreement.provisions[0];
      // "File: New Untitled Text File" exactly (the palette also lists "Compare New Untitled Text Files").
      await page.keyboard.press('F1');
      await page.locator(selectors.quickInput).fill(`>${commandLabels.newUntitledFile}`);
      await page.locator(selectors.quickInputRow).filter({ hasText: new RegExp(`^${commandLabels.newUntitledFile}`) }).first().click();
      await page.locator(selectors.activeTab).filter({ hasText: /^Untitled-\d+/ }).waitFor();
      // Click below the "Select a language" hint (not on its links) to put the cursor in the empty editor.
      await page.locator(selectors.activeEditorLines).first().click({ position: { x: 300, y: 200 } });
      await page.keyboard.insertText(run.lang === 'ko' ? `메모: tda:${agreement.id}/${provision.id} 참조. 오타 tda:${agreement.id}/999 확인.` : `Memo: see tda:${agreement.id}/${provision.id}; typo tda:${agreement.id}/999 to fix.`);
      await page.locator(selectors.squigglyWarning).first().waitFor({ timeout: 15_000 });
      const text = await hoverUntil(await positionOfText(page, `tda:${agreement.id}/${provision.id}`, 6), t(provision.text).slice(0, 30), 10);
      assert.ok(text.includes(t(provision.text).slice(0, 60)), `provision text:\n${text}`);
      assert.ok(text.includes(provision.text[other].slice(0, 30)), `other language:\n${text}`);
      assert.ok(text.includes(t(agreement.title.short)), `agreement name:\n${text}`);
      await page.waitForTimeout(400); // the hover fades in
      await shot('citation-hover');
      await closeHover();
    });
  });
}
