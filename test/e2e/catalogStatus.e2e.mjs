// E2E: the atlas's status bar item and its problem list, as an analyst with catalog files of their own sees them:
// one valid file and one with a schema error, in the light and the dark theme. Every screenshot is taken only after
// asserting what it shows. PNGs: test/e2e/screenshots/ (git-ignored).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { MEMO_WORKSPACE } from '../harness/vscode-host.mjs';
import { waitForThemeKind } from './driver.mjs';
import { selectors } from './selectors.mjs';
import { shippedData, useWorkbench } from './suite.mjs';

const RUNS = [
  { kind: 'light', colorTheme: 'Default Light Modern' },
  { kind: 'dark', colorTheme: 'Default Dark Modern' },
];

for (const run of RUNS) {
  describe(`catalog status bar and problems, ${run.kind} theme`, function () {
    this.timeout(90_000);
    // A folder of this run's own inside the memo workspace (git-ignored; removed afterwards), included by the setting.
    const folderName = `.tda-integration-e2e-status-${run.kind}-${process.pid}`;
    const folder = path.join(MEMO_WORKSPACE, folderName);
    const workbench = useWorkbench({
      name: 'status',
      kind: run.kind,
      settings: { 'workbench.colorTheme': run.colorTheme, 'techDealAtlas.catalog.include': ['.techdeals/**/*.json', `${folderName}/*.json`] },
    });
    let page;
    const item = () => page.locator(`${selectors.statusBarItem}[id$="techDealAtlas.catalog"]`);

    before(() => {
      page = workbench.page;
      fs.rmSync(folder, { recursive: true, force: true });
      fs.mkdirSync(folder);
      const term = (id, en, basis) =>
        JSON.stringify(
          { terms: [{ id, term: { ko: `${en} 용어`, en }, definition: { ko: '분석가의 정의.', en: `${en}, as the analyst defines it.` }, definitionBasis: basis, provenance: [{ source: 'seed-commentary', locator: { paragraph: 1 } }] }] },
          null,
          2,
        );
      fs.writeFileSync(path.join(folder, 'my-terms.json'), term('my-term', 'My Term', 'editorial'));
      fs.writeFileSync(path.join(folder, 'broken.json'), term('broken-term', 'Broken Term', 'guesswork'));
    });

    after(() => fs.rmSync(folder, { recursive: true, force: true }));

    it('shows agreements · terms · problems once the workspace has catalog files', async () => {
      assert.equal(await waitForThemeKind(page, run.kind), run.kind);
      await item().filter({ hasText: /\d+ agreements · \d+ terms · 1 problem/ }).waitFor({ timeout: 30_000 });
      // The shipped data plus the workspace's one term (the broken file adds nothing).
      const { agreements, terms } = shippedData();
      assert.match(await item().innerText(), new RegExp(`${agreements.length} agreements · ${terms.length + 1} terms · 1 problem`));
      await workbench.shot('status-bar');
    });

    it('lists the atlas’s problems only, and opens the file at the problem', async () => {
      await item().click();
      const rows = page.locator(selectors.quickInputRow);
      await rows.filter({ hasText: /Expected one of "source", "editorial"/ }).first().waitFor({ timeout: 10_000 });
      const texts = await rows.allInnerTexts();
      assert.ok(texts.some((t) => t.includes('Open the Problems panel')), texts.join(' | '));
      assert.ok(texts.some((t) => t.includes("broken.json:") && t.includes(`${folderName}/broken.json`)), texts.join(" | "));
      await workbench.shot('status-problems');
      await rows.filter({ hasText: /Expected one of/ }).first().click();
      await page.locator(selectors.activeTab).filter({ hasText: 'broken.json' }).waitFor({ timeout: 10_000 });
    });
  });
}
