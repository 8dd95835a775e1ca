// One real workbench per describe block: headless Chromium, code-server with the given user settings, the sample
// memo workspace with the extension under development, and screenshots (one more on every failed test).
// Call inside describe(); the hooks it registers run before the block's own.
import fs from 'node:fs';
import path from 'node:path';
import { MEMO_WORKSPACE, ROOT, buildExtension, launchBrowser, openWorkbench, startCodeServer } from '../harness/vscode-host.mjs';
import { waitForWorkbench } from './driver.mjs';

export const SCREENSHOTS = path.join(ROOT, 'test', 'e2e', 'screenshots');

/** The shipped data, read straight from data/: suites take their expected values from it, never from the extension. */
export function shippedData() {
  const read = (file) => JSON.parse(fs.readFileSync(path.join(ROOT, file), 'utf8'));
  const dir = path.join(ROOT, 'data', 'agreements');
  const agreements = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).flatMap((f) => read(path.join('data', 'agreements', f)).agreements ?? []);
  return {
    agreements,
    terms: read('data/glossary.json').terms,
    sectors: read('data/sectors.json').sectors,
    sources: read('data/sources.json').sources,
    disagreements: read('data/disagreements.json').disagreements,
  };
}

/** Whose number a provision id is, as every surface must say it (never "provision 12" / "제12항"). */
export function itemNumber(provision, lang) {
  return lang === 'ko' ? `아틀라스 항목 ${provision.id}` : `atlas item ${provision.id}`;
}

/** The provision id in a tree or list row's text ("… atlas item 12"), or undefined. */
export function itemNumberIn(rowText) {
  return /(?:atlas item|아틀라스 항목) ([0-9a-z.-]+)/.exec(rowText)?.[1];
}

/** A copied or dragged citation: agreement, the agreement's own location where a source gives it, whose number, token. */
export function citationText(agreement, provision, lang) {
  const official = provision.officialLocation ? `${provision.officialLocation.label[lang]}; ` : '';
  return `${agreement.title.short[lang]}, ${official}${itemNumber(provision, lang)} (tda:${agreement.id}/${provision.id})`;
}

/**
 * @param {{ name: string, kind: string, settings?: Record<string, unknown> }} opts
 *   `kind` (light, dark, …) prefixes every screenshot; `name` names temp folders and failure screenshots.
 * @returns {{ page: import('playwright-core').Page | undefined, shot(name: string): Promise<string> }}
 *   `page` is set once the block's before() hooks run.
 */
export function useWorkbench({ name, kind, settings = {} }) {
  let browser;
  let server;
  const workbench = {
    page: undefined,
    async shot(shotName) {
      const file = path.join(SCREENSHOTS, `${kind}-${shotName}.png`);
      await workbench.page.screenshot({ path: file });
      return file;
    },
  };

  before(async function () {
    this.timeout(180_000); // includes a cold toolchain install on a new machine
    buildExtension();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    browser = await launchBrowser();
    server = await startCodeServer({ settings, tmpPrefix: `tda-e2e-${name}-${kind}-` });
    workbench.page = await openWorkbench(browser, server, { folder: MEMO_WORKSPACE, extensionDevelopmentPath: ROOT });
    await waitForWorkbench(workbench.page);
  });

  after(async () => {
    await workbench.page?.context().close().catch(() => undefined);
    await server?.stop();
    await browser?.close();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && workbench.page) {
      const file = await workbench.shot(`${name}-failed-${this.currentTest.title.replace(/\W+/g, '-').slice(0, 40)}`).catch(() => undefined);
      if (file) {
        // The count reporter lists it at the end of `npm test`, next to the test's title.
        this.currentTest.screenshot = path.relative(ROOT, file);
        console.error(`      screenshot of the failure: ${path.relative(ROOT, file)}`);
      }
    }
  });

  return workbench;
}
