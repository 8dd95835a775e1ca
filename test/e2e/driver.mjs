// Small, intention-revealing actions on the real workbench, built on the selectors module only.
import { commandLabels, selectors, themeKindClass } from './selectors.mjs';

/** Waits until the workbench is up and the Explorer lists the opened folder's files. */
export async function waitForWorkbench(page, { timeout = 60_000 } = {}) {
  await page.locator(selectors.workbench).waitFor({ timeout });
  await page.locator(selectors.explorerRow).first().waitFor({ timeout });
}

/** The theme kind the workbench renders with: 'light', 'dark' or the raw class list. */
export async function themeKind(page) {
  const classes = (await page.locator(selectors.workbench).getAttribute('class'))?.split(/\s+/) ?? [];
  for (const [kind, cls] of Object.entries(themeKindClass)) if (classes.includes(cls)) return kind;
  return classes.join(' ');
}

/**
 * Waits (up to `timeout`) for the configured theme to be applied (the workbench first paints with the default
 * theme), then returns the theme kind it shows.
 */
export async function waitForThemeKind(page, kind, { timeout = 20_000 } = {}) {
  await page
    .waitForFunction(([sel, cls]) => document.querySelector(sel)?.classList.contains(cls), [selectors.workbench, themeKindClass[kind]], { timeout })
    .catch(() => undefined);
  return themeKind(page);
}

async function quickPick(page, { open, text, expect }) {
  await page.keyboard.press(open);
  const input = page.locator(selectors.quickInput);
  await input.waitFor();
  await input.fill(text);
  // Wait for the first result to be the one we want before accepting it.
  await page.locator(selectors.quickInputRow).first().filter({ hasText: expect }).waitFor();
  const placeholder = await input.getAttribute('placeholder');
  await page.keyboard.press('Enter');
  // Done when the quick input closes, or when the command opened a quick pick of its own (new placeholder).
  await page.waitForFunction(
    ([sel, before]) => {
      const el = document.querySelector(sel);
      return !el || !el.checkVisibility() || el.getAttribute('placeholder') !== before;
    },
    [selectors.quickInput, placeholder],
  );
}

/** Runs a command through the Command Palette by its full label ("Category: Title"). */
export async function runCommand(page, label) {
  await quickPick(page, { open: 'F1', text: `>${label}`, expect: label.split(': ').pop() });
}

/** Opens a workspace file through Quick Open and waits until its tab is the active one. */
export async function openFile(page, fileName) {
  await quickPick(page, { open: 'Control+P', text: fileName, expect: fileName });
  await page.locator(selectors.activeTab).filter({ hasText: fileName }).waitFor();
  await page.locator(selectors.activeEditorLines).first().waitFor();
}

/** Visible text of the active text editor (rendered lines only; Monaco renders spaces as U+00A0). */
export async function activeEditorText(page) {
  return (await page.locator(selectors.activeEditorLines).first().innerText()).replace(/\u00a0/g, ' ');
}

/**
 * Opens "Show Running Extensions" and returns the text of the row for the extension (listed under its display
 * name or its id; waits until it is listed).
 */
export async function runningExtensionRowText(page, { id, displayName }, { timeout = 30_000 } = {}) {
  await runCommand(page, commandLabels.showRunningExtensions);
  await page.locator(selectors.runningExtensionsEditor).waitFor({ timeout });
  const name = new RegExp(`${escapeRegExp(id)}|${escapeRegExp(displayName)}`);
  const row = page.locator(selectors.runningExtensionRow).filter({ hasText: name }).first();
  await row.waitFor({ timeout });
  return row.innerText();
}

/** Closes the Running Extensions editor (a modal editor: Escape closes it). */
export async function closeRunningExtensions(page) {
  await page.keyboard.press('Escape');
  await page.locator(selectors.runningExtensionsEditor).waitFor({ state: 'hidden' });
}

export function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Widens the primary side bar by `by` pixels (drags the sash on its right edge), so labels read in screenshots. */
export async function widenSideBar(page, by) {
  const sideBar = await page.locator(selectors.sideBar).boundingBox();
  for (const sash of await page.locator(selectors.sideBarSash).all()) {
    const box = await sash.boundingBox();
    if (!box || Math.abs(box.x + box.width / 2 - (sideBar.x + sideBar.width)) > 6) continue;
    await page.mouse.move(box.x + box.width / 2, sideBar.y + sideBar.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + by, sideBar.y + sideBar.height / 2, { steps: 8 });
    await page.mouse.up();
    break;
  }
  const widened = await page.locator(selectors.sideBar).boundingBox();
  return { before: sideBar.width, after: widened.width };
}

/** The comparison panel's page among the workbench's webviews (a Markdown preview may be open, or kept, too). */
export async function compareWebview(page, { timeout = 60_000 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const count = await page.locator(selectors.webviewFrame).count();
    for (let i = 0; i < count; i++) {
      const frame = page.frameLocator(`${selectors.webviewFrame} >> nth=${i}`).frameLocator(selectors.webviewContent);
      if (await frame.locator('table.matrix').count().catch(() => 0)) return frame;
    }
    if (Date.now() > deadline) throw new Error('no comparison panel among the webviews');
    await page.waitForTimeout(250);
  }
}

/** A view's pane in the side bar, by the view's title. */
export function sideBarPane(page, title) {
  return page.locator(selectors.sideBarPane).filter({ has: page.locator(`${selectors.paneHeader}[aria-label^="${title}"]`) });
}

/** Expands or collapses a side bar pane by its header. */
export async function setPaneExpanded(page, title, expanded) {
  const header = sideBarPane(page, title).locator(selectors.paneHeader);
  if ((await header.getAttribute('aria-expanded')) !== String(expanded)) await header.click();
}

/** Collapses every row of a side bar view with the view's own "Collapse All" action: unlike clicking rows, it does not
 *  depend on which rows the virtual list has rendered or on sticky headers covering them. */
export async function collapseAll(page, title) {
  const pane = sideBarPane(page, title);
  await pane.locator(selectors.paneHeader).hover();
  await pane.locator(selectors.collapseAllAction).click();
  await page.waitForFunction((el) => !el.querySelector('.monaco-list-row[aria-level="1"][aria-expanded="true"]'), await pane.elementHandle());
}

/** Expands a tree row (a click toggles it) and waits until it is expanded. */
export async function expandRow(page, row) {
  if ((await row.getAttribute('aria-expanded')) !== 'true') await row.click();
  await page.waitForFunction((el) => el.getAttribute('aria-expanded') === 'true', await row.elementHandle());
}
