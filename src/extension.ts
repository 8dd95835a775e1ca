// First import: records when the bundle started evaluating.
import { startupTimings } from './startupTimings';
import * as vscode from 'vscode';
import type { TechDealAtlasApi } from './api';
import { CatalogService } from './features/catalogService';

// Wires core to features; holds no domain logic. Everything registered goes through context.subscriptions.
export function activate(context: vscode.ExtensionContext): TechDealAtlasApi {
  startupTimings.activateStart = performance.now();
  const catalog = new CatalogService(context.extensionUri);
  context.subscriptions.push(
    catalog,
    vscode.commands.registerCommand('techDealAtlas.showProblems', () => vscode.commands.executeCommand('workbench.actions.view.problems')),
    vscode.commands.registerCommand('techDealAtlas.reloadCatalog', () => catalog.reload()),
  );
  // Not awaited: the dataset loads after activation returns, so VS Code's startup never waits on it.
  void catalog.reload();
  void catalog.whenReady().then(() => (startupTimings.catalogReady ??= performance.now()));

  startupTimings.activateEnd = performance.now();
  return {
    whenReady: () => catalog.whenReady(),
    getCatalog: () => catalog.catalog,
    getProblems: () => catalog.problems,
    getStartupTimings: () => ({ ...startupTimings }),
  };
}

export function deactivate(): void {
  // Nothing to do: disposables are released through context.subscriptions.
}
