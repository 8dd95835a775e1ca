// The Citations view in the sidebar: memos → their citations (broken, renumbered and changed ones marked), from the
// memo index. Structure and labels come from core/citation/citationsView.ts. Also the commands that open a memo at a
// citation and list the memos citing a provision (links in tooltips and the agreement document).
import * as vscode from 'vscode';
import { text, type Catalog } from '../core/catalog/model';
import { citableUids } from '../core/citation/citation';
import type { CitationOccurrence } from '../core/citation/citationIndex';
import { citationItem, memoItem, OPEN_CITATION } from '../core/citation/citationsView';
import type { CatalogService } from '../services/catalogService';
import { CatalogTreeProvider } from '../services/catalogTreeProvider';
import { dataLanguage } from '../services/languageSetting';
import type { MemoIndexService } from '../services/memoIndexService';
import { toTreeItem } from '../services/viewItems';

export const CITATIONS_VIEW_ID = 'techDealAtlas.citations';

export type CitationsNode = { readonly kind: 'memo'; readonly memo: string } | { readonly kind: 'citation'; readonly memo: string; readonly index: number };

export class CitationsProvider extends CatalogTreeProvider<CitationsNode> {
  private readonly memoChanges: vscode.Disposable;
  private changedCache: { key: string; catalog: Catalog; memos: Map<string, ReadonlySet<string>> } | undefined;

  constructor(
    catalogService: CatalogService,
    private readonly memos: MemoIndexService,
  ) {
    super(catalogService);
    this.memoChanges = memos.onDidChange(() => this.refresh());
  }

  /** Memos with at least one citation, by their label. */
  memoNodes(): CitationsNode[] {
    return this.memos.index
      .memoKeys()
      .filter((memo) => this.memos.index.citationCount(memo) > 0)
      .map((memo) => ({ memo, label: this.memos.memoLabel(memo) }))
      .sort((a, b) => a.label.localeCompare(b.label))
      .map(({ memo }) => ({ kind: 'memo', memo }));
  }

  getChildren(node?: CitationsNode): CitationsNode[] {
    if (!this.catalogService.catalog) return [];
    if (!node) return this.memoNodes();
    if (node.kind === 'citation') return [];
    return this.memos.index.citationsIn(node.memo).map((_, index) => ({ kind: 'citation', memo: node.memo, index }));
  }

  getParent(node: CitationsNode): CitationsNode | undefined {
    return node.kind === 'citation' ? { kind: 'memo', memo: node.memo } : undefined;
  }

  getTreeItem(node: CitationsNode): vscode.TreeItem {
    const catalog = this.catalogService.catalog;
    const citations = this.memos.index.citationsIn(node.memo);
    if (!catalog) return new vscode.TreeItem(node.memo);
    if (node.kind === 'memo') return toTreeItem(memoItem(catalog, node.memo, this.memos.memoLabel(node.memo), citations, dataLanguage()));
    const occurrence = citations[node.index];
    if (!occurrence) return new vscode.TreeItem(node.memo);
    const changed = this.changedIn(node.memo, catalog);
    const resolvedUid = catalog.provisions.get(occurrence.uid)?.uid ?? catalog.formerProvisions.get(occurrence.uid)?.uid;
    return toTreeItem(citationItem(catalog, occurrence, node.index, dataLanguage(), !!resolvedUid && changed.has(resolvedUid)));
  }

  /** Uids whose text changed since the memo cited them; worked out once per memo and index state, not per row. */
  private changedIn(memo: string, catalog: Catalog): ReadonlySet<string> {
    const key = `${this.memos.index.version}:${this.memos.citedTexts.version}`;
    if (this.changedCache?.key !== key || this.changedCache.catalog !== catalog) this.changedCache = { key, catalog, memos: new Map() };
    let uids = this.changedCache.memos.get(memo);
    if (!uids) this.changedCache.memos.set(memo, (uids = new Set(this.memos.changedCitations(memo, catalog).map((c) => c.uid))));
    return uids;
  }

  dispose(): void {
    this.memoChanges.dispose();
    super.dispose();
  }
}

export interface CitationsViewHandle {
  readonly view: vscode.TreeView<CitationsNode>;
  readonly provider: CitationsProvider;
}

export function registerCitationsView(context: vscode.ExtensionContext, catalogService: CatalogService, memos: MemoIndexService): CitationsViewHandle {
  const provider = new CitationsProvider(catalogService, memos);
  const view = vscode.window.createTreeView(CITATIONS_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const update = () => {
    const memoCount = provider.memoNodes().length;
    view.description = memoCount ? vscode.l10n.t('{0} memos', memoCount) : undefined;
    view.message = catalogService.catalog && memoCount === 0 ? vscode.l10n.t('No memo in this workspace cites a provision yet. Type tda: in a memo to cite one.') : undefined;
  };
  update();
  context.subscriptions.push(
    provider,
    view,
    memos.onDidChange(update),
    vscode.commands.registerCommand(OPEN_CITATION, async (memo: unknown, line: unknown, start: unknown, end: unknown) => {
      if (typeof memo !== 'string' || typeof line !== 'number') return;
      const from = typeof start === 'number' ? start : 0;
      const selection = new vscode.Range(line, from, line, typeof end === 'number' ? end : from);
      await vscode.window.showTextDocument(vscode.Uri.parse(memo), { selection, preview: true });
    }),
    vscode.commands.registerCommand('techDealAtlas.showCitingMemos', async (uid: unknown) => {
      const catalog = catalogService.catalog;
      const provision = typeof uid === 'string' ? catalog?.provisions.get(uid) : undefined;
      if (!catalog || !provision) return;
      await memos.whenScanned();
      const picked = await pickCitation(catalog, memos, memos.index.citationsOf(citableUids(provision)), provision.uid);
      if (picked) await vscode.commands.executeCommand(OPEN_CITATION, picked.memo, picked.line, picked.start, picked.end);
    }),
    vscode.commands.registerCommand('techDealAtlas.refreshCitations', () => memos.rescan()),
  );
  return { view, provider };
}

async function pickCitation(catalog: Catalog, memos: MemoIndexService, citations: CitationOccurrence[], uid: string): Promise<CitationOccurrence | undefined> {
  const provision = catalog.provisions.get(uid);
  const agreement = provision && catalog.agreements.get(provision.agreementId);
  const items = citations.map((c) => ({ label: memos.memoLabel(c.memo), description: vscode.l10n.t('line {0}', c.line + 1), occurrence: c }));
  if (!items.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No memo in this workspace cites {0}.', `tda:${uid}`));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Memos citing {0}', agreement ? `${text(agreement.title.short, dataLanguage())} · tda:${uid}` : `tda:${uid}`),
  });
  return picked?.occurrence;
}
