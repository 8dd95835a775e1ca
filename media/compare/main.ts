// Webview script of the comparison panel (bundled by esbuild.js to dist/webview/compare.js, browser IIFE).
// The extension renders all HTML (src/core/compare/comparePage.ts); this script only turns user input into protocol messages,
// swaps in re-rendered content, keeps focus and scroll across renders, and moves focus through the table by keyboard.
import { parseExtensionMessage, parseViewState, type CompareViewState, type WebviewMessage } from '../../src/core/compare/compareProtocol';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): unknown;
  setState(state: CompareViewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const main = document.getElementById('compare') as HTMLElement;
const status = document.getElementById('status') as HTMLElement;

/** The view this panel shows; the extension's `render` messages are the authority, the form controls propose changes. */
let view: CompareViewState | undefined = parseViewState(parseJson(main.dataset.view)) ?? parseViewState(vscode.getState());
let requestId = 0;
/** How many view changes this page has proposed; renders answering an older one are stale (see compareProtocol.ts). */
let proposed = 0;
let statusTimer: ReturnType<typeof setTimeout> | undefined;

function parseJson(value: string | undefined): unknown {
  try {
    return value ? JSON.parse(value) : undefined;
  } catch {
    return undefined;
  }
}

function post(message: WebviewMessage): void {
  vscode.postMessage(message);
}

// ---------------------------------------------------------------------------------------------
// View changes from the toolbar and the sector filter

function readView(): CompareViewState | undefined {
  if (!view) return undefined;
  const form = (name: string) => main.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`);
  const lang = main.querySelector<HTMLInputElement>('input[name="lang"]:checked')?.value;
  const next: CompareViewState = {
    ...view,
    differencesOnly: (form('differencesOnly') as HTMLInputElement | null)?.checked ?? view.differencesOnly,
    compact: (form('compact') as HTMLInputElement | null)?.checked ?? view.compact ?? false,
    order: form('order')?.value === 'catalog' ? 'catalog' : 'coverage',
    sectors: Array.from(main.querySelectorAll<HTMLInputElement>('input[name="sector"]:checked')).map((input) => input.value),
  };
  if (lang === 'ko' || lang === 'en') next.lang = lang;
  return parseViewState(next);
}

function proposeView(next: CompareViewState | undefined): void {
  if (next) post({ type: 'setView', view: next, revision: ++proposed });
}

main.addEventListener('change', (event) => {
  const target = event.target as HTMLElement;
  if (target.matches('input, select')) proposeView(readView());
});

// ---------------------------------------------------------------------------------------------
// Actions (buttons carry data-action; no inline handlers)

main.addEventListener('click', (event) => {
  const button = (event.target as HTMLElement).closest<HTMLElement>('[data-action]');
  if (!button || !main.contains(button)) return;
  const { action, uid, id, format, target } = button.dataset;
  switch (action) {
    case 'openProvision':
      if (uid) post(event.shiftKey ? { type: 'revealProvision', uid } : { type: 'openProvision', uid });
      break;
    case 'revealProvision':
      if (uid) post({ type: 'revealProvision', uid });
      break;
    case 'openAgreement':
      if (id) post({ type: 'openAgreement', id });
      break;
    case 'revealSector':
      if (id) post({ type: 'revealSector', id });
      break;
    case 'chooseAgreements':
      post({ type: 'chooseAgreements' });
      break;
    case 'openInNewPanel':
      post({ type: 'openInNewPanel' });
      break;
    case 'clearSectors':
      for (const input of Array.from(main.querySelectorAll<HTMLInputElement>('input[name="sector"]'))) input.checked = false;
      proposeView(readView());
      break;
    case 'export':
      if ((format === 'markdown' || format === 'csv') && (target === 'clipboard' || target === 'editor' || target === 'file')) {
        post({ type: 'export', requestId: ++requestId, format, target });
      }
      break;
  }
});

// ---------------------------------------------------------------------------------------------
// Keyboard: the table is one tab stop; arrows move between its buttons (a roving tabindex).

function navItems(): HTMLElement[] {
  return Array.from(main.querySelectorAll<HTMLElement>('[data-nav]'));
}

function setActive(item: HTMLElement | undefined, focus: boolean): void {
  if (!item) return;
  for (const other of navItems()) other.tabIndex = other === item ? 0 : -1;
  if (focus) {
    item.focus();
    item.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }
}

function position(item: HTMLElement): { row: number; col: number } {
  return { row: Number(item.dataset.row), col: Number(item.dataset.col) };
}

/** The item to move to from `from` for a navigation key, or undefined to let the key do its default. */
function nextItem(from: HTMLElement, key: string, ctrl: boolean): HTMLElement | undefined {
  const items = navItems();
  const here = position(from);
  const inColumn = items.filter((i) => position(i).col === here.col);
  const inRow = (row: number) => items.filter((i) => position(i).row === row);
  switch (key) {
    case 'ArrowDown':
    case 'ArrowUp': {
      const index = inColumn.indexOf(from) + (key === 'ArrowDown' ? 1 : -1);
      return inColumn[index];
    }
    case 'ArrowRight':
    case 'ArrowLeft': {
      const step = key === 'ArrowRight' ? 1 : -1;
      const row = inRow(here.row);
      const columns = [...new Set(row.map((i) => position(i).col))].sort((a, b) => a - b);
      const target = columns.filter((c) => (step > 0 ? c > here.col : c < here.col)).at(step > 0 ? 0 : -1);
      return target === undefined ? undefined : row.find((i) => position(i).col === target);
    }
    case 'Home':
      return ctrl ? items[0] : inRow(here.row)[0];
    case 'End':
      return ctrl ? items.at(-1) : inRow(here.row).at(-1);
    case 'PageDown':
    case 'PageUp': {
      const index = Math.max(0, Math.min(inColumn.length - 1, inColumn.indexOf(from) + (key === 'PageDown' ? 5 : -5)));
      return inColumn[index];
    }
  }
  return undefined;
}

main.addEventListener('keydown', (event) => {
  const item = (event.target as HTMLElement).closest<HTMLElement>('[data-nav]');
  if (!item) return;
  if (event.key === 'Enter' && event.shiftKey && item.dataset.action === 'openProvision' && item.dataset.uid) {
    event.preventDefault();
    post({ type: 'revealProvision', uid: item.dataset.uid });
    return;
  }
  const next = nextItem(item, event.key, event.ctrlKey || event.metaKey);
  if (next) {
    event.preventDefault();
    setActive(next, true);
  }
});

main.addEventListener('focusin', (event) => {
  const item = (event.target as HTMLElement).closest<HTMLElement>('[data-nav]');
  if (item) setActive(item, false);
});

// ---------------------------------------------------------------------------------------------
// Rendering: swap in new content, keeping focus (by data-key), the active table item and the scroll position.

function activeKey(): string | undefined {
  return navItems().find((i) => i.tabIndex === 0)?.dataset.key;
}

function render(html: string, next: CompareViewState): void {
  const focusedKey = (document.activeElement as HTMLElement | null)?.closest<HTMLElement>('[data-key]')?.dataset.key;
  const rovingKey = activeKey();
  const scroll = { x: window.scrollX, y: window.scrollY };
  main.innerHTML = html;
  view = next;
  vscode.setState(next);
  const byKey = (key: string | undefined) => (key ? navItemsAndControls().find((el) => el.dataset.key === key) : undefined);
  setActive(byKey(rovingKey) ?? navItems()[0], false);
  window.scrollTo(scroll.x, scroll.y);
  const focus = byKey(focusedKey);
  if (focus) focus.focus({ preventScroll: true });
  else if (focusedKey) (navItems().find((i) => i.tabIndex === 0) ?? main.querySelector<HTMLElement>('button, input, select'))?.focus({ preventScroll: true });
  updateStickyOffset();
}

function navItemsAndControls(): HTMLElement[] {
  return Array.from(main.querySelectorAll<HTMLElement>('[data-key]'));
}

window.addEventListener('message', (event: MessageEvent) => {
  const message = parseExtensionMessage(event.data);
  if (!message) return;
  // A render that answers an older proposal would undo the controls the user has changed since; the newer
  // proposal's own render is on its way (and carries any catalog change as well).
  if (message.type === 'render' && message.revision >= proposed) render(message.html, message.view);
  else if (message.type === 'exported') showStatus(message.message, message.ok);
});

function showStatus(message: string, ok: boolean): void {
  status.textContent = message;
  status.classList.toggle('error', !ok);
  status.classList.add('visible');
  if (statusTimer) clearTimeout(statusTimer);
  statusTimer = setTimeout(() => status.classList.remove('visible'), 4000);
}

// ---------------------------------------------------------------------------------------------
// Sticky table header below the sticky toolbar: its offset follows the toolbar's height.

function updateStickyOffset(): void {
  const toolbar = main.querySelector<HTMLElement>('.toolbar');
  const sticky = toolbar !== null && getComputedStyle(toolbar).position === 'sticky';
  document.documentElement.style.setProperty('--toolbar-height', `${sticky ? toolbar.offsetHeight : 0}px`);
  // A long sector row (a large treaty's dozens of articles) keeps its sector name in view below the column headers.
  const head = main.querySelector<HTMLElement>('table.matrix thead');
  document.documentElement.style.setProperty('--thead-height', `${head?.offsetHeight ?? 0}px`);
}
new ResizeObserver(updateStickyOffset).observe(document.body);

// First load: the content is in the page already. Keep its view for a reload, activate the first table item, and move
// focus into the panel (the table, or the first control when there is no table).
if (view) vscode.setState(view);
post({ type: 'ready' });
setActive(navItems()[0], false);
updateStickyOffset();
(navItems()[0] ?? main.querySelector<HTMLElement>('button, input, select'))?.focus({ preventScroll: true });
