// The Disagreements view in the sidebar: every point on which sources disagree, with each claim and its sources,
// and the items it concerns (click to open them). The structure and labels come from core/disputes.
import * as vscode from 'vscode';
import { disagreementChildren, disagreementItem, disagreementParent, disagreementRoots, type DisagreementNode } from '../core/disputes/disagreementsView';
import type { CatalogService } from '../services/catalogService';
import { CatalogTreeProvider } from '../services/catalogTreeProvider';
import { dataLanguage } from '../services/languageSetting';
import { toTreeItem } from '../services/viewItems';

export const DISAGREEMENTS_VIEW_ID = 'techDealAtlas.disagreements';

export class DisagreementsProvider extends CatalogTreeProvider<DisagreementNode> {
  getChildren(node?: DisagreementNode): DisagreementNode[] {
    const catalog = this.catalogService.catalog;
    if (!catalog) return [];
    return node ? disagreementChildren(catalog, node) : disagreementRoots(catalog);
  }

  getParent(node: DisagreementNode): DisagreementNode | undefined {
    return disagreementParent(node);
  }

  getTreeItem(node: DisagreementNode): vscode.TreeItem {
    const catalog = this.catalogService.catalog;
    const model = catalog && disagreementItem(catalog, node, dataLanguage());
    return model ? toTreeItem(model) : new vscode.TreeItem(node.id);
  }
}

export interface DisagreementsViewHandle {
  readonly view: vscode.TreeView<DisagreementNode>;
  readonly provider: DisagreementsProvider;
}

export function registerDisagreementsView(context: vscode.ExtensionContext, catalogService: CatalogService): DisagreementsViewHandle {
  const provider = new DisagreementsProvider(catalogService);
  const view = vscode.window.createTreeView(DISAGREEMENTS_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const update = () => {
    const count = catalogService.catalog?.disagreements.length ?? 0;
    view.description = count ? vscode.l10n.t('{0} points', count) : undefined;
    view.message = catalogService.catalog && count === 0 ? vscode.l10n.t('No disagreements between sources are recorded.') : undefined;
  };
  update();
  context.subscriptions.push(provider, view, catalogService.onDidChange(update));
  return { view, provider };
}
