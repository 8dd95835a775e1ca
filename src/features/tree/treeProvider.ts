// Adapters between the core tree model and VS Code: one data provider (and drag source) per view, over one shared
// state (catalog snapshot, language, filter, grouping) so both views always agree.
import * as vscode from 'vscode';
import { writeCitation } from '../../core/citation/citation';
import { citationStyleSetting } from '../../services/citationSettings';
import type { Lang, Provision } from '../../core/catalog/model';
import { isAgreementGrouping, NO_FILTER, TreeModel, type AgreementGrouping, type TreeFilter, type TreeNode, type TreeViewKind } from '../../core/tree/treeModel';
import type { CatalogService } from '../../services/catalogService';
import type { MemoIndexService } from '../../services/memoIndexService';
import { toMarkdownString } from '../../services/markdownString';
import { citedInMarkdown } from '../../core/citation/citedIn';
import { dataLanguage, onDidChangeDataLanguage } from '../../services/languageSetting';

const FILTER_KEY = 'techDealAtlas.tree.filter';
const GROUPING_KEY = 'techDealAtlas.tree.agreementGrouping';

/** The current tree model: rebuilt when the catalog, the language, the filter or the grouping changes. */
export class TreeState implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private current: TreeModel | undefined;
  private filterValue: TreeFilter = NO_FILTER;
  private groupingValue: AgreementGrouping = 'none';

  /** `memento` keeps the filter and the grouping per workspace, so they survive a reload (the views' description shows them). */
  constructor(
    private readonly catalogService: CatalogService,
    private readonly memento: vscode.Memento,
  ) {
    this.filterValue = readFilter(memento.get(FILTER_KEY));
    const grouping = memento.get(GROUPING_KEY);
    this.groupingValue = isAgreementGrouping(grouping) ? grouping : 'none';
    this.disposables.push(
      catalogService.onDidChange(() => this.rebuild()),
      onDidChangeDataLanguage(() => this.rebuild()),
    );
    this.rebuild();
  }

  /** Undefined until the catalog's first load. */
  get model(): TreeModel | undefined {
    return this.current;
  }

  get filter(): TreeFilter {
    return this.current?.filter ?? this.filterValue;
  }

  get grouping(): AgreementGrouping {
    return this.groupingValue;
  }

  get lang(): Lang {
    return this.current?.lang ?? dataLanguage();
  }

  setFilter(filter: TreeFilter): void {
    this.filterValue = filter;
    this.rebuild();
    void this.memento.update(FILTER_KEY, this.filterValue);
  }

  setGrouping(grouping: AgreementGrouping): void {
    this.groupingValue = grouping;
    this.rebuild();
    void this.memento.update(GROUPING_KEY, grouping);
  }

  rebuild(): void {
    const catalog = this.catalogService.catalog;
    this.current = catalog && new TreeModel(catalog, dataLanguage(), this.filterValue, this.groupingValue);
    // Ids that vanished from the catalog leave the filter (so a stale filter cannot hide everything).
    if (this.current) this.filterValue = this.current.filter;
    this.changed.fire();
  }

  /** Citation text for provisions, one per line, in the current language and the configured citation style. */
  citations(provisions: readonly Provision[]): string {
    const model = this.current;
    const style = citationStyleSetting();
    return model ? provisions.map((p) => writeCitation(model.catalog, p, model.lang, style)).join('\n') : '';
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** A stored filter, or no filter when the stored value is not one. */
function readFilter(value: unknown): TreeFilter {
  const ids = (list: unknown) => (Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : []);
  if (!value || typeof value !== 'object') return NO_FILTER;
  const { sectors, parties } = value as Record<string, unknown>;
  return { sectors: ids(sectors), parties: ids(parties) };
}

export class AtlasTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.TreeDragAndDropController<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined | void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  /** Dragging provisions into an editor inserts their citations (the editor's default drop handles text/plain). */
  readonly dragMimeTypes = ['text/plain'];
  readonly dropMimeTypes: readonly string[] = [];

  constructor(
    readonly view: TreeViewKind,
    private readonly state: TreeState,
    private readonly memos: MemoIndexService,
  ) {
    this.subscription = state.onDidChange(() => this.changed.fire());
  }

  /**
   * A provision's tooltip gets "Cited in N memos" when it is shown (hovered), not when the item is built: the memos
   * change with every edit, and asking the index for every visible row would be work nobody looks at.
   */
  resolveTreeItem(item: vscode.TreeItem, node: TreeNode): vscode.TreeItem {
    const provision = node.kind === 'provision' ? this.state.model?.catalog.provisions.get(node.uid) : undefined;
    const citedIn = provision && citedInMarkdown(this.memos.citingPlaces(provision), provision.uid, this.state.lang);
    const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : undefined;
    if (citedIn && tooltip !== undefined) item.tooltip = toMarkdownString({ value: `${tooltip}\n\n${citedIn.value}`, commands: citedIn.commands });
    return item;
  }

  getChildren(node?: TreeNode): TreeNode[] {
    const model = this.state.model;
    if (!model) return [];
    return node ? model.children(node) : model.roots(this.view);
  }

  getParent(node: TreeNode): TreeNode | undefined {
    return this.state.model?.parent(node);
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const model = this.state.model?.item(node);
    if (!model) return { id: node.nodeId, label: node.nodeId };
    const item = new vscode.TreeItem(
      model.label,
      model.collapsible ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
    );
    item.id = node.nodeId;
    item.description = model.description;
    item.tooltip = new vscode.MarkdownString(model.tooltip);
    item.iconPath = new vscode.ThemeIcon(model.icon);
    item.contextValue = model.contextValue;
    item.accessibilityInformation = { label: model.accessibilityLabel, role: 'treeitem' };
    if (node.kind === 'provision') {
      item.command = { command: 'techDealAtlas.openProvision', title: vscode.l10n.t('Open Provision'), arguments: [node.uid] };
    }
    return item;
  }

  handleDrag(source: readonly TreeNode[], dataTransfer: vscode.DataTransfer): void {
    const catalog = this.state.model?.catalog;
    const provisions = source.flatMap((n) => (n.kind === 'provision' ? [catalog?.provisions.get(n.uid)].filter((p) => p !== undefined) : []));
    if (provisions.length) dataTransfer.set('text/plain', new vscode.DataTransferItem(this.state.citations(provisions)));
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
