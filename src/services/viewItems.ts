// A core `ViewItem` as a VS Code TreeItem, for the smaller sidebar views (Disagreements, Timeline).
import * as vscode from 'vscode';
import type { ViewItem } from '../core/tree/treeModel';

export function toTreeItem(model: ViewItem): vscode.TreeItem {
  const item = new vscode.TreeItem(model.label, model.collapsible ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = model.id;
  item.description = model.description;
  // Data in the tooltip is escaped by the core; links are to http(s) source pages only (no command links).
  item.tooltip = new vscode.MarkdownString(model.tooltip, true);
  item.iconPath = new vscode.ThemeIcon(model.icon);
  item.contextValue = model.contextValue;
  item.accessibilityInformation = { label: model.accessibilityLabel, role: 'treeitem' };
  if (model.command) item.command = { command: model.command.command, title: model.label, arguments: [...model.command.arguments] };
  return item;
}
