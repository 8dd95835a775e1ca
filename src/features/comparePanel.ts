// Comparison panel: the `techDealAtlas.compare` command and its webview panels. A thin adapter: the comparison, its
// HTML, Markdown and CSV come from src/core (comparison.ts, comparePage.ts); this file connects them to VS Code
// (panels, serializer, quick pick, clipboard, editors, save dialog, other features' commands).
import * as vscode from 'vscode';
import { createNonce, renderComparePage, renderCompareMain, type ComparePageInput, type ComparePageStrings } from '../core/compare/comparePage';
import {
  COMPARE_VIEW_TYPE,
  DEFAULT_VIEW,
  parseViewState,
  parseWebviewMessage,
  provisionUidFromContext,
  type CompareViewState,
  type ExportFormat,
  type ExportTarget,
  type ExtensionMessage,
} from '../core/compare/compareProtocol';
import { blockInsertion, buildComparison, CSV_BOM, exportFileName, toCsv, toMarkdown, type Comparison } from '../core/compare/comparison';
import { agreementKindLabel, dateLabel, officialTitleLabel, partiesLabel } from '../core/labels/agreementLabels';
import { text, type Catalog, type Lang } from '../core/catalog/model';
import { agreementKindIcon } from '../core/labels/icons';
import type { CatalogService } from '../services/catalogService';
import { dataLanguage, onDidChangeDataLanguage } from '../services/languageSetting';
import { uriBaseName } from '../services/uris';
import { markWalkthroughAction } from '../services/walkthroughProgress';

const FOCUS_GROUP_COMMANDS = ['First', 'Second', 'Third', 'Fourth', 'Fifth', 'Sixth', 'Seventh', 'Eighth'].map((n) => `workbench.action.focus${n}EditorGroup`);
const LAST_CHOICE_KEY = 'techDealAtlas.compare.lastAgreements';
/** The main panel's view, kept by the extension too: restores it when the webview's own state did not survive a reload. */
const MAIN_VIEW_KEY = 'techDealAtlas.compare.mainView';

/** Up to this many agreements, the first Compare preselects them all. */
const PRESELECT_ALL_MAX = 8;

/** Test hooks (exposed through the extension API): drive a panel as its webview would. */
export interface ComparePanels {
  /** Title, view and state of every open comparison panel, the most recently active first. */
  /** `scriptRan`: the webview's own script has run and said so (its page loaded under the CSP, assets found). */
  panels(): { title: string; view: CompareViewState; active: boolean; visible: boolean; scriptRan: boolean }[];
  /**
   * Hands `message` to the most recently active panel exactly as if its webview had posted it (same validation and
   * handling); resolves with the messages the panel posted back meanwhile.
   */
  dispatch(message: unknown): Promise<ExtensionMessage[]>;
}

export function registerComparePanel(context: vscode.ExtensionContext, catalogService: CatalogService): ComparePanels {
  const manager = new PanelManager(context, catalogService);
  context.subscriptions.push(
    manager,
    vscode.commands.registerCommand('techDealAtlas.compare', (arg?: unknown) => manager.compare(idsFromArg(arg))),
    // The panel's context menu on a provision (package.json webview/context) hands over to the owners' commands.
    ...(
      [
        ['techDealAtlas.compare.openProvision', 'techDealAtlas.openProvision'],
        ['techDealAtlas.compare.revealProvision', 'techDealAtlas.revealInTree'],
        ['techDealAtlas.compare.copyCitation', 'techDealAtlas.copyCitation'],
      ] as const
    ).map(([id, target]) =>
      vscode.commands.registerCommand(id, (context: unknown) => {
        const uid = provisionUidFromContext(context);
        if (!uid) return undefined;
        return vscode.commands.executeCommand(target, target === 'techDealAtlas.revealInTree' ? { kind: 'provision', id: uid } : uid);
      }),
    ),
    vscode.window.registerWebviewPanelSerializer(COMPARE_VIEW_TYPE, {
      // VS Code shows the panel as loading until this resolves: wait for the catalog so the page is set once, whole.
      deserializeWebviewPanel: async (panel, state) => {
        await catalogService.whenReady();
        manager.restore(panel, state);
      },
    }),
  );
  return {
    panels: () => manager.describe(),
    dispatch: (message) => manager.dispatch(message),
  };
}

/** The documented argument is `string[]`; a single id (a hover's command link) is accepted too. */
function idsFromArg(arg: unknown): string[] | undefined {
  if (typeof arg === 'string') return [arg];
  if (Array.isArray(arg) && arg.length && arg.every((x) => typeof x === 'string')) return arg as string[];
  return undefined;
}

class PanelManager implements vscode.Disposable {
  private readonly panels: ComparePanel[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  /** The text editor a table is inserted into: the last active one that can take text (not the panel itself). */
  private memo: vscode.TextEditor | undefined;

  constructor(
    readonly context: vscode.ExtensionContext,
    readonly catalogService: CatalogService,
  ) {
    this.trackMemo(vscode.window.activeTextEditor);
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor((editor) => this.trackMemo(editor)),
      catalogService.onDidChange(() => this.renderAll()),
      onDidChangeDataLanguage(() => this.renderAll()),
    );
  }

  /** The Compare command: reuse (and reveal) the main panel, or open one. Without ids, ask. */
  async compare(ids: string[] | undefined): Promise<void> {
    await this.catalogService.whenReady();
    const main = this.panels.find((p) => !p.view.detached);
    // One agreement alone is no comparison: ask what to compare it with (it comes preselected, in the first column).
    const single = ids?.length === 1 && (this.catalogService.catalog?.agreements.size ?? 0) > 1 ? ids[0] : undefined;
    const chosen = ids && !single ? ids : await this.pickAgreements(single ? [single] : main?.view.agreements, single);
    if (!chosen) return;
    markWalkthroughAction('compared');
    if (main) {
      main.update({ ...main.view, agreements: chosen });
      main.panel.reveal(undefined, false);
    } else {
      this.open({ ...DEFAULT_VIEW, agreements: chosen });
    }
  }

  open(view: CompareViewState): ComparePanel {
    const column = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    const panel = vscode.window.createWebviewPanel(COMPARE_VIEW_TYPE, vscode.l10n.t('Compare Agreements'), { viewColumn: column, preserveFocus: false }, this.webviewOptions());
    return this.adopt(panel, view);
  }

  restore(panel: vscode.WebviewPanel, state: unknown): void {
    panel.webview.options = this.webviewOptions();
    const saved = parseViewState(state);
    // The extension's copy of the main panel's view is written on every change; the webview's state may lag.
    const main = saved?.detached || this.panels.some((p) => !p.view.detached) ? undefined : parseViewState(this.context.workspaceState.get(MAIN_VIEW_KEY));
    this.adopt(panel, main ?? saved ?? { ...DEFAULT_VIEW });
  }

  /** Remembers the main panel's view (see MAIN_VIEW_KEY). */
  remember(view: CompareViewState): void {
    if (!view.detached) void this.context.workspaceState.update(MAIN_VIEW_KEY, view);
  }

  private adopt(panel: vscode.WebviewPanel, view: CompareViewState): ComparePanel {
    const compare = new ComparePanel(panel, view, this);
    this.panels.unshift(compare);
    panel.onDidChangeViewState(() => {
      if (panel.active) this.moveToFront(compare);
    });
    panel.onDidDispose(() => {
      const index = this.panels.indexOf(compare);
      if (index >= 0) this.panels.splice(index, 1);
      compare.dispose();
    });
    return compare;
  }

  private moveToFront(panel: ComparePanel): void {
    const index = this.panels.indexOf(panel);
    if (index > 0) this.panels.unshift(...this.panels.splice(index, 1));
  }

  webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    const root = this.context.extensionUri;
    return {
      enableScripts: true,
      enableFindWidget: true,
      localResourceRoots: [vscode.Uri.joinPath(root, 'media'), vscode.Uri.joinPath(root, 'dist', 'webview')],
    };
  }

  /** Multi-select pick; preselects `current`, else the last choice (plus `include`, when given). */
  async pickAgreements(current?: readonly string[], include?: string): Promise<string[] | undefined> {
    const catalog = this.catalogService.catalog;
    if (!catalog?.agreements.size) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The catalog has no agreements to compare.'));
      return undefined;
    }
    const lang = dataLanguage();
    const last = this.context.workspaceState.get<string[]>(LAST_CHOICE_KEY);
    const remembered = include ? [include, ...(last ?? [])] : current?.length ? current : last;
    // First use: a small catalog is compared whole; with imported treaties, nothing is preselected (type to find).
    const preselected = new Set(remembered?.length ? remembered : catalog.agreements.size <= PRESELECT_ALL_MAX ? catalog.agreements.keys() : []);
    const items = [...catalog.agreements.values()].map((a) => ({
      label: text(a.title.short, lang),
      description: [dateLabel(a.date, lang), partiesLabel(catalog, a, lang)].join(' · '),
      detail: `${agreementKindLabel(a.kind, lang)} — ${officialTitleLabel(a, lang)}`,
      iconPath: new vscode.ThemeIcon(agreementKindIcon(a.kind)),
      picked: preselected.has(a.id),
      id: a.id,
    }));
    const picked = await vscode.window.showQuickPick(items, {
      canPickMany: true,
      title: vscode.l10n.t('Compare Agreements'),
      placeHolder: vscode.l10n.t('Choose two or more agreements to compare side by side'),
      matchOnDescription: true,
      matchOnDetail: true,
    });
    if (!picked?.length) return undefined;
    // Columns keep the order of the previous choice; newly added agreements follow in catalog order.
    const ids = picked.map((item) => item.id);
    const order = [...(current ?? []).filter((id) => ids.includes(id)), ...ids.filter((id) => !current?.includes(id))];
    await this.context.workspaceState.update(LAST_CHOICE_KEY, order);
    return order;
  }

  private trackMemo(editor: vscode.TextEditor | undefined): void {
    if (editor && canTakeText(editor.document)) this.memo = editor;
  }

  /** The memo to insert into: the last active one if still open (shown again if it was hidden). */
  async memoEditor(): Promise<vscode.TextEditor | undefined> {
    const last = this.memo;
    if (!last || last.document.isClosed) return undefined;
    const visible = vscode.window.visibleTextEditors.find((e) => e.document === last.document);
    if (visible) return visible;
    return vscode.window.showTextDocument(last.document, { viewColumn: last.viewColumn, preserveFocus: true, selection: last.selection });
  }

  renderAll(): void {
    for (const panel of this.panels) panel.render();
  }

  describe(): ReturnType<ComparePanels['panels']> {
    return this.panels.map((p) => ({ title: p.panel.title, view: { ...p.view }, active: p.panel.active, visible: p.panel.visible, scriptRan: p.scriptRan }));
  }

  async dispatch(message: unknown): Promise<ExtensionMessage[]> {
    const panel = this.panels[0];
    if (!panel) throw new Error('no comparison panel is open');
    return panel.handle(message);
  }

  dispose(): void {
    for (const panel of [...this.panels]) panel.panel.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/** A document a table can be inserted into: untitled, or on a writable file system (not output, git, our own views). */
function canTakeText(document: vscode.TextDocument): boolean {
  return document.uri.scheme === 'untitled' || vscode.workspace.fs.isWritableFileSystem(document.uri.scheme) === true;
}

class ComparePanel {
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    public view: CompareViewState,
    private readonly manager: PanelManager,
  ) {
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message) => void this.handle(message, [])),
      // A page shown while the catalog was loading is loaded again once the panel is visible and the catalog is there.
      panel.onDidChangeViewState(() => {
        if (panel.visible && this.loadedWithoutCatalog && manager.catalogService.catalog) this.load();
      }),
    );
    manager.remember(view);
    panel.iconPath = {
      light: vscode.Uri.joinPath(manager.context.extensionUri, 'media', 'icons', 'compare-light.svg'),
      dark: vscode.Uri.joinPath(manager.context.extensionUri, 'media', 'icons', 'compare-dark.svg'),
    };
    this.load();
  }

  private get lang(): Lang {
    return this.view.lang ?? dataLanguage();
  }

  private comparison(catalog: Catalog | undefined): Comparison | undefined {
    return catalog && buildComparison(catalog, this.view.agreements, this.view);
  }

  private input(): ComparePageInput {
    const catalog = this.manager.catalogService.catalog;
    return { catalog, comparison: this.comparison(catalog), view: this.view, lang: this.lang, uiLanguage: vscode.env.language, strings: uiStrings() };
  }

  /** The last `setView` revision handled (echoed in renders; see compareProtocol.ts). */
  private revision = 0;
  /** Set when the page was loaded before the catalog: the next render loads the whole page again. */
  private loadedWithoutCatalog = false;
  /** The page's script has posted `ready` at least once. */
  scriptRan = false;

  /** Sets the whole page (first load, after a restore, and once the catalog arrives). */
  private load(): void {
    const service = this.manager.catalogService;
    this.loadedWithoutCatalog = !service.catalog;
    if (this.loadedWithoutCatalog) void service.whenReady().then(() => this.loadedWithoutCatalog && !this.disposed && this.load());
    const webview = this.panel.webview;
    const asset = (...segments: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.manager.context.extensionUri, ...segments)).toString();
    webview.html = renderComparePage(this.input(), {
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: asset('dist', 'webview', 'compare.js'),
      styleUris: [asset('dist', 'webview', 'codicon.css'), asset('media', 'compare', 'compare.css')],
    });
    this.updateTitle();
  }

  update(view: CompareViewState, sink?: ExtensionMessage[]): void {
    this.view = view;
    this.manager.remember(view);
    this.render(sink);
  }

  /** Sends new content for `<main>`; the webview keeps focus and scroll. */
  render(sink?: ExtensionMessage[]): void {
    if (this.loadedWithoutCatalog) {
      // A message posted while a restored webview is still starting can be lost: load the page itself instead.
      this.load();
      return;
    }
    this.updateTitle();
    void this.post({ type: 'render', html: renderCompareMain(this.input()), view: this.view, revision: this.revision }, sink);
  }

  private updateTitle(): void {
    const catalog = this.manager.catalogService.catalog;
    const names = this.view.agreements.map((id) => {
      const agreement = catalog?.agreements.get(id);
      return agreement ? text(agreement.title.short, this.lang) : id;
    });
    this.panel.title = names.length ? vscode.l10n.t('Compare: {0}', names.join(' · ')) : vscode.l10n.t('Compare Agreements');
  }

  /** Posts to the webview; `sink` collects what one handled message caused (the test hook's answer). */
  private async post(message: ExtensionMessage, sink?: ExtensionMessage[]): Promise<void> {
    sink?.push(message);
    await this.panel.webview.postMessage(message);
  }

  /** One message from the webview: validated, then handled. Resolves with what was posted back because of it. */
  async handle(raw: unknown, sink: ExtensionMessage[] = []): Promise<ExtensionMessage[]> {
    const message = parseWebviewMessage(raw);
    if (!message) return sink;
    switch (message.type) {
      case 'ready':
        this.scriptRan = true;
        // Whatever was posted before the page's script ran may be lost: send what the panel shows now.
        if (this.manager.catalogService.catalog) {
          this.loadedWithoutCatalog = false;
          this.render(sink);
        }
        break;
      case 'setView': {
        // Whether the panel is detached is the extension's business, not the webview's.
        const { detached: _ignored, ...view } = message.view;
        if (message.revision !== undefined) this.revision = message.revision;
        this.update(this.view.detached ? { ...view, detached: true } : view, sink);
        break;
      }
      case 'export':
        await this.export(message.requestId, message.format, message.target, sink);
        break;
      case 'openProvision':
        await this.focusSideGroup();
        await this.run('techDealAtlas.openProvision', message.uid);
        break;
      case 'revealProvision':
        await this.run('techDealAtlas.revealInTree', { kind: 'provision', id: message.uid });
        break;
      case 'openAgreement':
        await this.focusSideGroup();
        await this.run('techDealAtlas.openAgreement', message.id);
        break;
      case 'revealSector':
        await this.run('techDealAtlas.revealInTree', { kind: 'sector', id: message.id });
        break;
      case 'chooseAgreements': {
        const ids = await this.manager.pickAgreements(this.view.agreements);
        if (ids) this.update({ ...this.view, agreements: ids }, sink);
        break;
      }
      case 'openInNewPanel':
        this.manager.open({ ...this.view, detached: true });
        break;
    }
    return sink;
  }

  /**
   * Documents opened from the panel go beside it, so the comparison stays in view: into the editor group to its right
   * (or left), or a new group to the right when the panel is alone.
   */
  private async focusSideGroup(): Promise<void> {
    const column = this.panel.viewColumn;
    if (column === undefined) return;
    const columns = vscode.window.tabGroups.all.map((g) => g.viewColumn);
    const side = columns.find((c) => c === column + 1) ?? columns.filter((c) => c < column).at(-1);
    const focus = side !== undefined ? FOCUS_GROUP_COMMANDS[side - 1] : undefined;
    await vscode.commands.executeCommand(focus ?? 'workbench.action.newGroupRight');
  }

  /** Runs another feature's command; a missing or failing one is reported, not thrown into the webview. */
  private async run(command: string, arg: unknown): Promise<void> {
    try {
      await vscode.commands.executeCommand(command, arg);
    } catch (err) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Could not run {0}: {1}', command, err instanceof Error ? err.message : String(err)));
    }
  }

  private async export(requestId: number, format: ExportFormat, target: ExportTarget, sink: ExtensionMessage[]): Promise<void> {
    const catalog = this.manager.catalogService.catalog;
    const comparison = this.comparison(catalog);
    const reply = (ok: boolean, message: string) => this.post({ type: 'exported', requestId, ok, message }, sink);
    if (!catalog || !comparison?.agreements.length) {
      await reply(false, vscode.l10n.t('Nothing to export: choose agreements to compare first.'));
      return;
    }
    const content = format === 'markdown' ? toMarkdown(comparison, catalog, this.lang) : toCsv(comparison, this.lang);
    const what = format === 'markdown' ? vscode.l10n.t('Markdown table') : vscode.l10n.t('CSV');
    try {
      if (target === 'clipboard') {
        await vscode.env.clipboard.writeText(content);
        await reply(true, vscode.l10n.t('Copied the comparison as {0}.', what));
      } else if (target === 'editor') {
        await reply(...(await this.insert(content)));
      } else {
        await reply(...(await this.save(comparison, format, content)));
      }
    } catch (err) {
      await reply(false, vscode.l10n.t('Export failed: {0}', err instanceof Error ? err.message : String(err)));
    }
  }

  private async insert(content: string): Promise<[boolean, string]> {
    const editor = await this.manager.memoEditor();
    if (!editor) {
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content });
      await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: false });
      return [true, vscode.l10n.t('No memo was open: the table is in a new Markdown document.')];
    }
    const { document, selection } = editor;
    const line = (n: number) => document.lineAt(n).text;
    const insertion = blockInsertion(content, {
      before: line(selection.start.line).slice(0, selection.start.character),
      after: line(selection.end.line).slice(selection.end.character),
      ...(selection.start.line > 0 ? { previousLine: line(selection.start.line - 1) } : {}),
      eol: document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n',
    });
    const done = await editor.edit((edit) => edit.replace(selection, insertion));
    const name = uriBaseName(document.uri) || document.uri.toString();
    return done ? [true, vscode.l10n.t('Inserted the table into {0}.', name)] : [false, vscode.l10n.t('Could not insert the table into {0}: it is read-only.', name)];
  }

  private async save(comparison: Comparison, format: ExportFormat, content: string): Promise<[boolean, string]> {
    const extension = format === 'markdown' ? 'md' : 'csv';
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const uri = await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, exportFileName(comparison, extension)) : undefined,
      filters: format === 'markdown' ? { Markdown: ['md'] } : { CSV: ['csv'] },
      saveLabel: vscode.l10n.t('Save Comparison'),
      title: vscode.l10n.t('Save the Comparison as {0}', format === 'markdown' ? 'Markdown' : 'CSV'),
    });
    if (!uri) return [false, vscode.l10n.t('Not saved.')];
    // A byte-order mark lets spreadsheet apps read the Korean text as UTF-8.
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(format === 'csv' ? CSV_BOM + content : content));
    return [true, vscode.l10n.t('Saved {0}.', uriBaseName(uri))];
  }

  private disposed = false;

  dispose(): void {
    this.disposed = true;
    for (const d of this.disposables) d.dispose();
  }
}

function uiStrings(): ComparePageStrings {
  const t = vscode.l10n.t;
  return {
    pageTitle: t('Compare Agreements'),
    chooseAgreements: t('Choose Agreements…'),
    copyMarkdown: t('Copy as Markdown'),
    insertMarkdown: t('Insert into Memo'),
    saveCsv: t('Save as CSV…'),
    openInNewPanel: t('Open in New Panel'),
    exportGroup: t('Comparison actions'),
    viewGroup: t('View options'),
    differencesOnly: t('Differences only'),
    compact: t('Compact'),
    order: t('Order:'),
    orderCoverage: t('Shared first'),
    orderCatalog: t('Sector list'),
    language: t('Catalog language'),
    sectors: t('Sectors:'),
    allSectors: t('Show all sectors'),
    loading: t('Loading the catalog…'),
    noAgreements: t('No agreements chosen yet.'),
    oneAgreement: t('Only one agreement is chosen: add another to see what is shared and what is unique.'),
    missing: t('Not in the catalog (any more): {0}'),
    noDifferences: t('No differences: every sector is covered by all the chosen agreements.'),
    noSectorMatch: t('No sector matches the filter.'),
    noProvisions: t('The chosen agreements have no provisions.'),
    openProvisionHint: t('Open the provision in its agreement (Shift+click: reveal in the tree)'),
    revealInTree: t('Reveal in Tree'),
    openAgreement: t('Open the agreement'),
    revealSector: t('Reveal the sector in the tree'),
    keyboardHelp: t('Arrow keys move through the table; Enter opens a provision, Shift+Enter reveals it in the tree.'),
  };
}
