// E2E: the Tech Deal Atlas sidebar in the real workbench, light theme with English data and dark theme with Korean
// data: expanded agreement, sector pivot, a provision's tooltip, a filtered tree and the agreement document.
// Every screenshot is taken only after asserting what it shows. PNGs: test/e2e/screenshots/ (git-ignored).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { MEMO_WORKSPACE, ROOT, buildExtension, launchBrowser, openWorkbench, startCodeServer } from '../harness/vscode-host.mjs';
import { runCommand, waitForThemeKind, waitForWorkbench } from './driver.mjs';
import { commandLabels, selectors } from './selectors.mjs';

const SCREENSHOTS = path.join(ROOT, 'test', 'e2e', 'screenshots');
const RUNS = [
  { kind: 'light', colorTheme: 'Default Light Modern', lang: 'en' },
  { kind: 'dark', colorTheme: 'Default Dark Modern', lang: 'ko' },
];

/** The shipped dataset, read straight from data/ (expected values come from the data, not from the extension). */
function shippedData() {
  const read = (file) => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));
  const dir = path.join(ROOT, 'data', 'agreements');
  const agreements = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).flatMap((f) => read(path.join('data', 'agreements', f)).agreements ?? []);
  const sectors = new Map(read('data/sectors.json').sectors.map((s) => [s.id, s]));
  return { agreements, sectors };
}

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

for (const run of RUNS) {
  describe(`sidebar trees, ${run.kind} theme, ${run.lang === 'ko' ? 'Korean' : 'English'} data`, function () {
    this.timeout(90_000);
    const { agreements, sectors } = shippedData();
    const t = (localized) => localized[run.lang];
    const rokUs = agreements.find((a) => a.id === 'kr-us-tpd');
    let browser;
    let server;
    let page;

    const shot = async (name) => {
      const file = path.join(SCREENSHOTS, `${run.kind}-${name}.png`);
      await page.screenshot({ path: file });
      return file;
    };
    const pane = (title) => page.locator(selectors.sideBarPane).filter({ has: page.locator(`${selectors.paneHeader}[aria-label^="${title}"]`) });
    const rows = (title) => pane(title).locator(selectors.treeRow);
    const row = (title, text) => rows(title).filter({ hasText: text }).first();
    const setPaneExpanded = async (title, expanded) => {
      const header = pane(title).locator(selectors.paneHeader);
      if ((await header.getAttribute('aria-expanded')) !== String(expanded)) await header.click();
    };
    const expand = async (r) => {
      if ((await r.getAttribute('aria-expanded')) !== 'true') await r.click();
      await assert.doesNotReject(r.locator('xpath=.').evaluate((el) => el.getAttribute('aria-expanded')));
      await page.waitForFunction((el) => el.getAttribute('aria-expanded') === 'true', await r.elementHandle());
    };

    before(async function () {
      this.timeout(180_000);
      buildExtension();
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      browser = await launchBrowser();
      server = await startCodeServer({
        settings: { 'workbench.colorTheme': run.colorTheme, 'techDealAtlas.language': run.lang, 'workbench.hover.delay': 300 },
        tmpPrefix: `tda-e2e-sidebar-${run.kind}-`,
      });
      page = await openWorkbench(browser, server, { folder: MEMO_WORKSPACE, extensionDevelopmentPath: ROOT });
      await waitForWorkbench(page);
      assert.equal(await waitForThemeKind(page, run.kind), run.kind);
    });

    after(async () => {
      await page?.context().close().catch(() => undefined);
      await server?.stop();
      await browser?.close();
    });

    afterEach(async function () {
      if (this.currentTest?.state === 'failed' && page) {
        await shot(`sidebar-failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 40)}`).catch(() => undefined);
      }
    });

    it('opens the Tech Deal Atlas container from the activity bar, listing every agreement', async () => {
      await page.locator(selectors.activityBarItem).filter({ has: page.locator('xpath=self::*[starts-with(@aria-label, "Tech Deal Atlas")]') }).first().click();
      for (const agreement of agreements) await row('Agreements', t(agreement.title.short)).waitFor({ timeout: 30_000 });
      assert.equal(await rows('Agreements').count(), agreements.length);
      // A wider side bar, so labels and descriptions read in the screenshots.
      const sash = page.locator(selectors.sideBarSash).first();
      const box = await sash.boundingBox();
      if (box) {
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
        await page.mouse.down();
        await page.mouse.move(box.x + 280, box.y + box.height / 2, { steps: 5 });
        await page.mouse.up();
      }
    });

    it('expands an agreement into sectors with provision counts, and a sector into provisions', async () => {
      await setPaneExpanded('Sectors', false);
      await setPaneExpanded('Glossary', false);
      const agreementRow = row('Agreements', t(rokUs.title.short));
      await expand(agreementRow);
      const covered = [...new Set(rokUs.provisions.flatMap((p) => p.sectors))];
      for (const id of covered) await row('Agreements', t(sectors.get(id).name)).waitFor();
      // The first sector group under the agreement, and its provisions in document order.
      const firstGroup = rows('Agreements').nth(1);
      const groupText = await firstGroup.innerText();
      const sectorId = covered.find((id) => groupText.includes(t(sectors.get(id).name)));
      assert.ok(sectorId, `first group "${groupText}" is one of the agreement's sectors`);
      const inSector = rokUs.provisions.filter((p) => p.sectors.includes(sectorId));
      assert.match(groupText, new RegExp(`(^|\\D)${inSector.length}(\\D|$)`), `count in "${groupText}"`);
      await expand(firstGroup);
      for (const [i, provision] of inSector.entries()) {
        const text = await rows('Agreements').nth(2 + i).innerText();
        assert.ok(text.startsWith(`${provision.id}. `), `row ${2 + i}: "${text}" is provision ${provision.id}`);
      }
      await shot('sidebar-expanded-agreement');
    });

    it('shows a provision tooltip with both languages, its source and its citation', async () => {
      const provisionRow = rows('Agreements').nth(2);
      const label = await provisionRow.innerText();
      const provision = rokUs.provisions.find((p) => label.startsWith(`${p.id}. `));
      await provisionRow.hover();
      const hover = page.locator(selectors.hover).filter({ hasText: `tda:${rokUs.id}/${provision.id}` }).first();
      await hover.waitFor({ timeout: 10_000 });
      const text = await hover.innerText();
      const other = run.lang === 'ko' ? 'en' : 'ko';
      assert.ok(text.includes(provision.text[other].slice(0, 20)), 'the other language is shown');
      assert.match(text, run.lang === 'ko' ? /출처/ : /Source/);
      await shot('sidebar-tooltip');
      await page.mouse.move(900, 600);
      await page.keyboard.press('Escape');
    });

    it('pivots by sector: sector → agreements → provisions', async () => {
      await setPaneExpanded('Agreements', false);
      await setPaneExpanded('Sectors', true);
      // The sector that the most agreements address.
      const bySpread = [...sectors.keys()]
        .map((id) => ({ id, agreements: agreements.filter((a) => a.provisions.some((p) => p.sectors.includes(id))) }))
        .sort((a, b) => b.agreements.length - a.agreements.length)[0];
      const sectorRow = row('Sectors', t(sectors.get(bySpread.id).name));
      await sectorRow.waitFor();
      await expand(sectorRow);
      for (const a of bySpread.agreements) await row('Sectors', t(a.title.short)).waitFor();
      const firstAgreementRow = row('Sectors', t(bySpread.agreements.find((a) => a.id === rokUs.id)?.title.short ?? bySpread.agreements[0].title.short));
      await expand(firstAgreementRow);
      const agreement = bySpread.agreements.find((a) => a.id === rokUs.id) ?? bySpread.agreements[0];
      const first = agreement.provisions.find((p) => p.sectors.includes(bySpread.id));
      await row('Sectors', new RegExp(`^${escapeRegExp(first.id)}\\. `)).waitFor();
      await shot('sidebar-sector-pivot');
    });

    it('filters by sector from the title bar: the view description names the filter', async () => {
      const sectorId = [...sectors.keys()].find((id) => rokUs.provisions.some((p) => p.sectors.includes(id)));
      const name = t(sectors.get(sectorId).name);
      await runCommand(page, commandLabels.filterBySector);
      const input = page.locator(selectors.quickInput);
      await input.waitFor();
      await input.fill(name);
      await page.locator(selectors.quickInputRow).filter({ hasText: name }).first().click();
      await page.keyboard.press('Enter');
      await input.waitFor({ state: 'hidden' });
      await setPaneExpanded('Agreements', true);
      const description = pane('Agreements').locator(selectors.paneDescription);
      await page.waitForFunction((el) => el.textContent.length > 0, await description.elementHandle());
      assert.match(await description.innerText(), new RegExp(escapeRegExp(name)));
      const expected = agreements.filter((a) => a.provisions.some((p) => p.sectors.includes(sectorId)));
      await page.waitForFunction(
        ([sel, n]) => [...document.querySelectorAll(sel)].length >= n,
        [`${selectors.sideBarPane} ${selectors.treeRow}`, expected.length],
      );
      assert.equal(await rows('Sectors').count(), 1 + (await rows('Sectors').filter({ hasText: /./ }).count()) - 1);
      await shot('sidebar-filtered');
      await runCommand(page, commandLabels.clearFilter);
      await page.waitForFunction((el) => el.textContent.length === 0, await description.elementHandle());
    });

    it('opens a provision in the formatted agreement document', async () => {
      await setPaneExpanded('Sectors', false);
      const agreementRow = row('Agreements', t(rokUs.title.short));
      await expand(agreementRow);
      const group = rows('Agreements').nth(1);
      await expand(group);
      const provisionRow = rows('Agreements').nth(2);
      const label = await provisionRow.innerText();
      const provision = rokUs.provisions.find((p) => label.startsWith(`${p.id}. `));
      await provisionRow.click();
      const heading = run.lang === 'ko' ? `제${provision.id}항` : `Provision ${provision.id}`;
      const preview = page.frameLocator('iframe.webview').frameLocator('iframe').locator('body');
      await preview.locator('h4', { hasText: heading }).first().waitFor({ timeout: 30_000 });
      const body = await preview.innerText();
      assert.ok(body.includes(t(rokUs.title.short)), 'title');
      assert.ok(body.includes(`tda:${provision.id ? `${rokUs.id}/${provision.id}` : ''}`), 'citation');
      assert.match(body, run.lang === 'ko' ? /## 출처|출처/ : /Sources/);
      await page.waitForTimeout(800); // let the preview finish scrolling to the provision
      await shot('agreement-document');
    });
  });
}
