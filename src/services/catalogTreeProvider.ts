// The skeleton of a sidebar tree over the catalog: it refreshes when the catalog reloads or the catalog language
// changes, and releases its listeners on dispose. Subclasses say what the nodes are and how they look.
import * as vscode from 'vscode';
import type { CatalogService } from './catalogService';
import { onDidChangeDataLanguage } from './languageSetting';

export abstract class CatalogTreeProvider<N> implements vscode.TreeDataProvider<N>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(protected readonly catalogService: CatalogService) {
    this.subscriptions = [catalogService.onDidChange(() => this.changed.fire()), onDidChangeDataLanguage(() => this.changed.fire())];
  }

  /** Asks VS Code to read the tree again (for providers that also follow something else than the catalog). */
  protected refresh(): void {
    this.changed.fire();
  }

  abstract getChildren(node?: N): N[];
  abstract getParent(node: N): N | undefined;
  abstract getTreeItem(node: N): vscode.TreeItem;

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
