// The Timeline view in the sidebar: what happened to every agreement (signed, released, working group launched,
// implementation paused…), newest first by year. Click an event to open its agreement's timeline. Structure and
// labels come from core/events.
import * as vscode from 'vscode';
import { TimelineModel, type TimelineNode } from '../core/events/timelineView';
import type { CatalogService } from '../services/catalogService';
import { CatalogTreeProvider } from '../services/catalogTreeProvider';
import { dataLanguage } from '../services/languageSetting';
import { toTreeItem } from '../services/viewItems';

export const TIMELINE_VIEW_ID = 'techDealAtlas.timeline';

export class TimelineProvider extends CatalogTreeProvider<TimelineNode> {
  private cached: TimelineModel | undefined;

  /** One model per catalog and language: the sort runs once, not per row. */
  model(): TimelineModel | undefined {
    const catalog = this.catalogService.catalog;
    if (!catalog) return undefined;
    const lang = dataLanguage();
    if (this.cached?.catalog !== catalog || this.cached.lang !== lang) this.cached = new TimelineModel(catalog, lang);
    return this.cached;
  }

  getChildren(node?: TimelineNode): TimelineNode[] {
    const model = this.model();
    if (!model) return [];
    return node ? model.children(node) : model.roots();
  }

  getParent(node: TimelineNode): TimelineNode | undefined {
    return this.model()?.parent(node);
  }

  getTreeItem(node: TimelineNode): vscode.TreeItem {
    const item = this.model()?.item(node);
    if (!item) return new vscode.TreeItem(node.kind === 'year' ? node.year : node.eventId);
    const treeItem = toTreeItem(item);
    // The newest year opens expanded: "what happened since" is the question the view answers.
    const newest = this.model()?.roots()[0];
    if (node.kind === 'year' && newest?.kind === 'year' && newest.year === node.year) treeItem.collapsibleState = vscode.TreeItemCollapsibleState.Expanded;
    return treeItem;
  }
}

export interface TimelineViewHandle {
  readonly view: vscode.TreeView<TimelineNode>;
  readonly provider: TimelineProvider;
}

export function registerTimelineView(context: vscode.ExtensionContext, catalogService: CatalogService): TimelineViewHandle {
  const provider = new TimelineProvider(catalogService);
  const view = vscode.window.createTreeView(TIMELINE_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const update = () => {
    const count = provider.model()?.size ?? 0;
    view.description = count ? vscode.l10n.t('{0} events', count) : undefined;
    view.message = catalogService.catalog && count === 0 ? vscode.l10n.t('No events are recorded.') : undefined;
  };
  update();
  context.subscriptions.push(provider, view, catalogService.onDidChange(update));
  return { view, provider };
}
