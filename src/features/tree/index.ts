// The sidebar: Agreements and Sectors tree views, their title-bar filters and the Agreements view's grouping, item
// actions (citations, reveal) and following the active agreement document.
import * as vscode from 'vscode';
import type { Provision } from '../../core/catalog/model';
import {
  agreementIdsFromArgs,
  describeFilter,
  isAgreementGrouping,
  isTreeNode,
  NO_FILTER,
  nodeTarget,
  provisionUidsFromArgs,
  sectorIdFromArgs,
  type TreeNode,
  type TreeTarget,
  type TreeViewKind,
} from '../../core/tree/treeModel';
import { AGREEMENT_DOCUMENT_SCHEME, agreementOfPreviewLabel } from '../../core/document/agreementDocument';
import type { AgreementDocumentLookup } from '../../services/agreementDocumentLookup';
import type { CatalogService } from '../../services/catalogService';
import type { MemoIndexService } from '../../services/memoIndexService';
import { groupingName, pickAgreementGrouping, pickParties, pickProvision, pickSectors, pickTarget } from '../../services/pickers';
import { AtlasTreeProvider, TreeState } from './treeProvider';
import { uriBaseName } from '../../services/uris';

export interface AtlasTreeHandle {
  readonly view: vscode.TreeView<TreeNode>;
  readonly provider: AtlasTreeProvider;
}

/** Both sidebar trees (exposed to integration tests through the API). */
export type AtlasTrees = Readonly<Record<TreeViewKind, AtlasTreeHandle>>;

const VIEW_IDS: Record<TreeViewKind, string> = { agreements: 'techDealAtlas.agreements', sectors: 'techDealAtlas.sectors' };
const FOLLOW_DELAY_MS = 150;

interface RevealOptions {
  view?: TreeViewKind;
  focus?: boolean;
  /** Expand a revealed agreement or sector one level (default true). */
  expand?: boolean;
  /** Clear a filter that hides the target (explicit reveals do; following the cursor does not). */
  clearFilter?: boolean;
}

export function registerTrees(context: vscode.ExtensionContext, catalogService: CatalogService, documents: AgreementDocumentLookup, memos: MemoIndexService): AtlasTrees {
  const state = new TreeState(catalogService, context.workspaceState);
  const make = (kind: TreeViewKind): AtlasTreeHandle => {
    const provider = new AtlasTreeProvider(kind, state, memos);
    const view = vscode.window.createTreeView(VIEW_IDS[kind], {
      treeDataProvider: provider,
      dragAndDropController: provider,
      showCollapseAll: true,
      canSelectMany: true,
    });
    context.subscriptions.push(provider, view);
    return { view, provider };
  };
  const trees: AtlasTrees = { agreements: make('agreements'), sectors: make('sectors') };
  trees.agreements.view.title = vscode.l10n.t('Agreements');
  trees.sectors.view.title = vscode.l10n.t('Sectors');

  const updateChrome = () => {
    const model = state.model;
    const filterText = model ? describeFilter(model.catalog, model.filter, model.lang) : '';
    const filter = filterText ? vscode.l10n.t('Filter: {0}', filterText) : undefined;
    trees.sectors.view.description = filter;
    // The grouping shows next to the filter, so a grouped view is never mistaken for the whole flat list.
    const grouping = state.grouping === 'none' ? undefined : groupingName(state.grouping);
    trees.agreements.view.description = [grouping, filter].filter(Boolean).join(' · ') || undefined;
    const catalog = catalogService.catalog;
    void vscode.commands.executeCommand('setContext', 'techDealAtlas.treeFiltered', filterText !== '');
    void vscode.commands.executeCommand('setContext', 'techDealAtlas.catalogState', !catalog ? 'loading' : catalog.agreements.size > 0 ? 'ready' : 'empty');
  };
  context.subscriptions.push(state, state.onDidChange(updateChrome));
  updateChrome();

  async function reveal(target: TreeTarget, options: RevealOptions = {}): Promise<boolean> {
    await catalogService.whenReady();
    let model = state.model;
    if (!model?.has(target)) {
      if (options.clearFilter !== false) void vscode.window.showWarningMessage(vscode.l10n.t('Nothing in the catalog has the id "{0}".', target.id));
      return false;
    }
    // In a grouped view an agreement may sit under several groups: stay in the selected one when it holds it.
    const near = trees.agreements.view.selection[0];
    let node = model.locate(target, options.view, near);
    if (!node && model.filtered && options.clearFilter !== false) {
      state.setFilter(NO_FILTER);
      vscode.window.setStatusBarMessage(vscode.l10n.t('Tree filter cleared to show the item.'), 4000);
      model = state.model!;
      node = model.locate(target, options.view, near);
    }
    if (!node) return false;
    const expand = node.kind !== 'provision' && options.expand !== false;
    await trees[node.view].view.reveal(node, { select: true, focus: options.focus ?? true, expand });
    return true;
  }

  /** Provisions a citation command acts on: its argument(s), else a quick pick. */
  async function provisionsFor(args: unknown[]): Promise<Provision[]> {
    const catalog = catalogService.catalog;
    let uids = provisionUidsFromArgs(args);
    if (uids.length === 0) {
      const picked = await pickProvision(catalog, state.lang);
      uids = picked ? [picked] : [];
    }
    const provisions = uids.map((uid) => catalog?.provisions.get(uid)).filter((p): p is Provision => p !== undefined);
    const unknown = uids.filter((uid) => !catalog?.provisions.has(uid));
    if (unknown.length) void vscode.window.showWarningMessage(vscode.l10n.t('The catalog has no provision "{0}".', unknown.join('", "')));
    return provisions;
  }

  async function setFilter(kind: 'sectors' | 'parties', arg: unknown): Promise<void> {
    await catalogService.whenReady();
    const catalog = catalogService.catalog;
    if (!catalog) return;
    const given = Array.isArray(arg) && arg.every((x) => typeof x === 'string') ? (arg as string[]) : undefined;
    const current = state.filter[kind];
    const ids = given ?? (await (kind === 'sectors' ? pickSectors : pickParties)(catalog, state.lang, current));
    if (ids) state.setFilter({ ...state.filter, [kind]: ids });
  }

  context.subscriptions.push(
    vscode.commands.registerCommand('techDealAtlas.revealInTree', async (arg?: unknown) => {
      if (arg instanceof vscode.Uri) {
        const editor = vscode.window.activeTextEditor;
        const line = editor?.document.uri.toString() === arg.toString() ? editor.selection.active.line : 0;
        const target = documents.targetAt(arg, line);
        return target ? reveal(target) : false;
      }
      if (isTreeNode(arg)) {
        const target = nodeTarget(arg);
        return target ? reveal(target, { view: arg.view }) : false;
      }
      const target = isTarget(arg) ? arg : await pickTarget(catalogService.catalog, state.lang);
      return target ? reveal(target, { view: isTarget(arg) ? arg.view : undefined }) : false;
    }),
    vscode.commands.registerCommand('techDealAtlas.copyCitation', async (...args: unknown[]) => {
      const provisions = await provisionsFor(args);
      if (!provisions.length) return undefined;
      const citation = state.citations(provisions);
      await vscode.env.clipboard.writeText(citation);
      vscode.window.setStatusBarMessage(
        provisions.length === 1 ? vscode.l10n.t('Copied citation: {0}', citation) : vscode.l10n.t('Copied {0} citations', provisions.length),
        5000,
      );
      return citation;
    }),
    vscode.commands.registerCommand('techDealAtlas.insertCitation', async (...args: unknown[]) => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || editor.document.uri.scheme === AGREEMENT_DOCUMENT_SCHEME) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Open a document to insert the citation into, then try again.'));
        return false;
      }
      const provisions = await provisionsFor(args);
      if (!provisions.length) return false;
      const citation = state.citations(provisions);
      const done = await editor.edit((edit) => {
        for (const selection of editor.selections) edit.replace(selection, citation);
      });
      if (!done) void vscode.window.showWarningMessage(vscode.l10n.t('Could not insert the citation: the document is read-only.'));
      return done;
    }),
    vscode.commands.registerCommand('techDealAtlas.filterBySector', (arg?: unknown) => setFilter('sectors', arg)),
    vscode.commands.registerCommand('techDealAtlas.filterByParty', (arg?: unknown) => setFilter('parties', arg)),
    vscode.commands.registerCommand('techDealAtlas.clearFilter', () => state.setFilter(NO_FILTER)),
    // Argument: a grouping (`none`, `party`, `year`, `kind`, `status`); without one, a quick pick.
    vscode.commands.registerCommand('techDealAtlas.groupAgreementsBy', async (arg?: unknown) => {
      const grouping = isAgreementGrouping(arg) ? arg : await pickAgreementGrouping(state.grouping);
      if (!grouping) return undefined;
      if (grouping !== state.grouping) state.setGrouping(grouping);
      return grouping;
    }),
    // Tree actions that hand over to other features' commands with their documented arguments.
    vscode.commands.registerCommand('techDealAtlas.tree.compare', (...args: unknown[]) =>
      vscode.commands.executeCommand('techDealAtlas.compare', agreementIdsFromArgs(args)),
    ),
    vscode.commands.registerCommand('techDealAtlas.tree.searchInSector', (...args: unknown[]) =>
      vscode.commands.executeCommand('techDealAtlas.searchInSector', sectorIdFromArgs(args)),
    ),
  );

  // Follow the active agreement document: select the provision under the cursor in the Agreements view.
  const following = () => vscode.workspace.getConfiguration('techDealAtlas').get<boolean>('tree.followActiveDocument', true);
  let followTimer: ReturnType<typeof setTimeout> | undefined;
  const follow = (editor: vscode.TextEditor | undefined) => {
    if (followTimer) clearTimeout(followTimer);
    if (!editor || !documents.isAgreementDocument(editor.document.uri) || !following()) return;
    followTimer = setTimeout(() => {
      const tree = trees.agreements.view;
      const target = documents.targetAt(editor.document.uri, editor.selection.active.line);
      if (!tree.visible || !target || tree.selection.some((n) => sameTarget(nodeTarget(n), target))) return;
      void reveal(target, { view: 'agreements', focus: false, expand: false, clearFilter: false });
    }, FOLLOW_DELAY_MS);
  };
  // A Markdown preview is no text editor: VS Code tells only its tab label. Select the agreement it shows, unless the
  // selection is already inside that agreement (the provision the preview was opened for, say).
  const followPreview = () => {
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    const catalog = catalogService.catalog;
    if (!catalog || !tab || !(tab.input instanceof vscode.TabInputWebview) || !/markdown\.preview/.test(tab.input.viewType) || !following()) return;
    const otherNames = vscode.workspace.textDocuments.filter((d) => d.uri.scheme !== AGREEMENT_DOCUMENT_SCHEME).map((d) => uriBaseName(d.uri));
    const agreementId = agreementOfPreviewLabel(catalog, tab.label, otherNames);
    const tree = trees.agreements.view;
    if (!agreementId || !tree.visible) return;
    // Every node of the Agreements view but a group knows its agreement.
    if (!tree.selection.some((n) => n.agreementId === agreementId)) void reveal({ kind: 'agreement', id: agreementId }, { view: 'agreements', focus: false, expand: false, clearFilter: false });
  };
  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(follow),
    vscode.window.onDidChangeTextEditorSelection((e) => follow(e.textEditor)),
    vscode.window.tabGroups.onDidChangeTabs((e) => [...e.opened, ...e.changed].some((t) => t.isActive) && followPreview()),
    vscode.window.tabGroups.onDidChangeTabGroups(() => followPreview()),
    { dispose: () => followTimer && clearTimeout(followTimer) },
  );

  // Compare and Search in this Sector belong to other features: their tree actions show only once those exist.
  void catalogService.whenReady().then(async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    void vscode.commands.executeCommand('setContext', 'techDealAtlas.compareAvailable', registered.has('techDealAtlas.compare'));
    void vscode.commands.executeCommand('setContext', 'techDealAtlas.searchInSectorAvailable', registered.has('techDealAtlas.searchInSector'));
  });

  return trees;
}

function isTarget(value: unknown): value is TreeTarget & { view?: TreeViewKind } {
  if (!value || typeof value !== 'object') return false;
  const { kind, id } = value as { kind?: unknown; id?: unknown };
  return (kind === 'agreement' || kind === 'sector' || kind === 'provision') && typeof id === 'string';
}

function sameTarget(a: TreeTarget | undefined, b: TreeTarget): boolean {
  return a !== undefined && a.kind === b.kind && a.id === b.id;
}
