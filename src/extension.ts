// First import: records when the bundle started evaluating.
import { startupTimings } from './startupTimings';
import * as vscode from 'vscode';
import type { TechDealAtlasApi } from './api';
import { registerAgreementDocument } from './features/agreementDocument';
import { CatalogService } from './services/catalogService';
import { registerCitations } from './features/citations';
import { registerComparePanel } from './features/comparePanel';
import { registerGlossaryDecorations } from './features/glossaryDecorations';
import { registerGlossaryView } from './features/glossaryTree';
import { registerGlossaryHovers } from './features/hover';
import { registerSearch } from './features/search';
import { registerTrees } from './features/tree';

// Wires core to features; holds no domain logic. Everything registered goes through context.subscriptions.
export function activate(context: vscode.ExtensionContext): TechDealAtlasApi {
  startupTimings.activateStart = performance.now();
  const catalog = new CatalogService(context.extensionUri);
  context.subscriptions.push(
    catalog,
    vscode.commands.registerCommand('techDealAtlas.showProblems', () => vscode.commands.executeCommand('workbench.actions.view.problems')),
    vscode.commands.registerCommand('techDealAtlas.reloadCatalog', () => catalog.reload()),
  );
  const agreementDocuments = registerAgreementDocument(context, catalog);
  const trees = registerTrees(context, catalog, agreementDocuments);
  const compare = registerComparePanel(context, catalog);
  registerGlossaryHovers(context, catalog);
  registerGlossaryDecorations(context, catalog);
  const glossary = registerGlossaryView(context, catalog);
  registerCitations(context, catalog);
  const search = registerSearch(context, catalog);
  // Not awaited: the dataset loads after activation returns, so VS Code's startup never waits on it.
  void catalog.reload();
  void catalog.whenReady().then(() => (startupTimings.catalogReady ??= performance.now()));

  startupTimings.activateEnd = performance.now();
  return {
    whenReady: () => catalog.whenReady(),
    getCatalog: () => catalog.catalog,
    getProblems: () => catalog.problems,
    getStartupTimings: () => ({ ...startupTimings }),
    trees,
    compare,
    glossary,
    search,
  };
}

export function deactivate(): void {
  // Nothing to do: disposables are released through context.subscriptions.
}

// Last top-level statement of the bundle: every module above has been evaluated.
startupTimings.moduleEnd = performance.now();
