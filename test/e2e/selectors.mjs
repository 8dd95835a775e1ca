import { readFileSync } from 'node:fs';

// Every DOM selector the e2e tests use. They depend on VS Code's workbench DOM (checked against the pinned
// code-server / VS Code 1.139): when a VS Code update moves something, this is the only file to change.
export const selectors = Object.freeze({
  /** Root of the workbench; its class list carries the theme kind (`vs`, `vs-dark`, `hc-black`, `hc-light`). */
  workbench: '.monaco-workbench',
  /** Rows of the Explorer's file tree (present once the folder has been opened and read). */
  explorerRow: '.explorer-folders-view .monaco-list-row',
  /** Quick Open / Command Palette text box and its result rows. */
  quickInput: '.quick-input-widget input.input',
  quickInputRow: '.quick-input-widget .monaco-list-row',
  /** The quick input as a whole (it fades in when it opens). */
  quickInputWidget: '.quick-input-widget',
  /** Group headers of a quick pick with separators (shown on the first row of each group, or as rows of their own). */
  quickInputSeparator: '.quick-input-widget .quick-input-list-separator, .quick-input-widget .quick-input-list-separator-as-item',
  /** "Developer: Show Running Extensions" editor (opens as a modal editor in 1.139) and its rows. */
  runningExtensionsEditor: '.runtime-extensions-editor',
  runningExtensionRow: '.runtime-extensions-editor .monaco-list-row',
  /** Active tab of the active editor group, and that group's text editor lines. */
  activeTab: '.editor-group-container.active .tabs-container .tab.active',
  activeEditorLines: '.editor-group-container.active .editor-instance .monaco-editor .view-lines',
  /** Status bar, and one of its items (their id attribute is `<extension id>.<item id>`). */
  statusBar: '.part.statusbar',
  statusBarItem: '.part.statusbar .statusbar-item',
  /** Activity bar entries (their aria-label starts with the view container's title). */
  activityBarItem: '.activitybar .action-item .action-label',
  /** The primary side bar. */
  sideBar: '.part.sidebar',
  /** A view's pane in the side bar, its header (aria-label "<View title> Section") and its header's description. */
  sideBarPane: '.part.sidebar .pane',
  paneHeader: '.pane-header',
  paneDescription: '.pane-header .description',
  /** Rows of a tree view (their aria-label is the item's accessibility label). Sticky-scroll headers are copies of rows
   *  above the viewport with the same class, index and label; clicking one only scrolls, so they are left out. */
  treeRow: '.monaco-list-row:not(.monaco-tree-sticky-row)',
  /** A view's "Collapse All" action in its pane header (shown while the pane is hovered or focused). */
  collapseAllAction: '.pane-header .action-label[aria-label="Collapse All"]',
  /** The sash between the side bar and the editor area (drag it to widen the side bar). */
  sideBarSash: '.monaco-sash.vertical',
  /** Hover shown for a tree item's tooltip. */
  hover: '.workbench-hover, .monaco-hover',
  /** A row's label in a quick pick (clicking it toggles the row in a multi-select pick). */
  quickInputRowLabel: '.monaco-icon-label',
  /** The label text alone of a quick pick row (not its description or detail). */
  quickInputRowName: '.monaco-icon-label .label-name',
  /** The editor's suggest widget, its rows, and the documentation shown beside it. */
  suggestWidget: '.editor-widget.suggest-widget',
  suggestRow: '.monaco-list-row',
  suggestDetails: '.suggest-details',
  /** A webview panel: the workbench's iframe for it, and the frame inside that holds the extension's page. */
  webviewFrame: 'iframe.webview.ready',
  webviewContent: 'iframe#active-frame',
  /** Any editor tab (in any group), its close button, and the editor groups. */
  anyTab: '.tabs-container .tab',
  tabClose: '.tab-actions .action-label',
  editorGroup: '.editor-group-container',
  /** The editor's hover widget (glossary and citation hovers) and warning squiggles in the editor. */
  editorHover: '.monaco-editor .monaco-hover:not(.hidden)',
  squigglyWarning: '.editor-group-container.active .monaco-editor .squiggly-warning',
  /** A step of a walkthrough on the Welcome page: `data-step-id` ends with `#<step id>`, `aria-checked` is "true" once done. */
  walkthroughStep: 'button.getting-started-step',
});

/** Class on `selectors.workbench` for each theme kind. */
export const themeKindClass = Object.freeze({ light: 'vs', dark: 'vs-dark' });

// This extension's command titles come from the manifest's English strings, so a renamed title cannot go stale here.
const nls = JSON.parse(readFileSync(new URL('../../package.nls.json', import.meta.url), 'utf8'));
const ours = (key) => `${nls.category}: ${nls[`command.${key}`]}`;

/** Command palette labels (category: title) used by the tests (the workbench runs in English). */
export const commandLabels = Object.freeze({
  showRunningExtensions: 'Developer: Show Running Extensions',
  filterBySector: ours('filterBySector'),
  clearFilter: ours('clearFilter'),
  revertFile: 'File: Revert File',
  compare: ours('compare'),
  search: ours('search'),
  defineTerm: ours('defineTerm'),
  newUntitledFile: 'File: New Untitled Text File',
  insertReferenceList: ours('insertReferenceList'),
  gettingStarted: ours('gettingStarted'),
  openSampleMemo: ours('openSampleMemo'),
});
