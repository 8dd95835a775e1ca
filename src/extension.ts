import * as vscode from 'vscode';
import type { TechDealAtlasApi } from './api';
import { CatalogService } from './features/catalogService';

// Wires core to features; holds no domain logic. Everything registered goes through context.subscriptions.
export function activate(context: vscode.ExtensionContext): TechDealAtlasApi {
  const catalog = new CatalogService(context.extensionUri);
  context.subscriptions.push(
    catalog,
    vscode.commands.registerCommand('techDealAtlas.showProblems', () => vscode.commands.executeCommand('workbench.actions.view.problems')),
    vscode.commands.registerCommand('techDealAtlas.reloadCatalog', () => catalog.reload()),
  );
  // Not awaited: the dataset loads after activation returns, so VS Code's startup never waits on it.
  void catalog.reload();

  return {
    whenReady: () => catalog.whenReady(),
    getCatalog: () => catalog.catalog,
    getProblems: () => catalog.problems,
  };
}

export function deactivate(): void {
  // Nothing to do: disposables are released through context.subscriptions.
}
