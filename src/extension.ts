// First import: records when the bundle started evaluating.
import { startupTimings } from './startupTimings';
import * as vscode from 'vscode';
import type { TechDealAtlasApi } from './api';
import { registerAgreementDocument } from './features/agreementDocument';
import { registerCatalogStatus } from './features/catalogStatus';
import { CatalogService } from './services/catalogService';
import { registerCitations } from './features/citations';
import { registerCitationCompletion } from './features/citationCompletion';
import { registerCitationFixes } from './features/citationFixes';
import { registerCitationReferences } from './features/citationReferences';
import { registerCitationsView } from './features/citationsView';
import { registerReferenceList } from './features/referenceList';
import { MemoIndexService } from './services/memoIndexService';
import { SearchIndexService, storageIndexStore } from './services/searchIndexService';
import { registerComparePanel } from './features/comparePanel';
import { registerGlossaryDecorations } from './features/glossaryDecorations';
import { registerDisagreementsView } from './features/disagreementsView';
import { registerGlossaryView } from './features/glossaryTree';
import { registerGlossaryHovers } from './features/hover';
import { registerImportTreaties } from './features/importTreaties';
import { registerNewAgreement } from './features/newAgreement';
import { registerSearch } from './features/search';
import { registerTimelineView } from './features/timelineView';
import { registerTrees } from './features/tree';
import { registerWalkthrough } from './features/walkthrough';

// Wires core to features; holds no domain logic. Everything registered goes through context.subscriptions.
export function activate(context: vscode.ExtensionContext): TechDealAtlasApi {
  startupTimings.activateStart = performance.now();
  const log = vscode.window.createOutputChannel('Tech Deal Atlas', { log: true });
  const catalog = new CatalogService(context.extensionUri, log, context.extensionMode !== vscode.ExtensionMode.Production);
  const searchIndex = new SearchIndexService(catalog, storageIndexStore(context), log);
  const memos = new MemoIndexService(catalog, context.workspaceState, log);
  context.subscriptions.push(
    log,
    catalog,
    searchIndex,
    memos,
    vscode.commands.registerCommand('techDealAtlas.reloadCatalog', () => catalog.reload()),
  );
  const status = registerCatalogStatus(context, catalog);
  const agreementDocuments = registerAgreementDocument(context, catalog, memos);
  const trees = registerTrees(context, catalog, agreementDocuments, memos);
  const compare = registerComparePanel(context, catalog);
  registerGlossaryHovers(context, catalog);
  registerGlossaryDecorations(context, catalog);
  const glossary = registerGlossaryView(context, catalog);
  const disagreements = registerDisagreementsView(context, catalog);
  const timeline = registerTimelineView(context, catalog);
  registerCitations(context, catalog, memos);
  registerCitationCompletion(context, catalog, searchIndex);
  registerCitationReferences(context, catalog, memos);
  registerCitationFixes(context, catalog, searchIndex, memos);
  const citations = registerCitationsView(context, catalog, memos);
  registerReferenceList(context, catalog);
  registerImportTreaties(context, catalog, log);
  registerNewAgreement(context, catalog);
  const search = registerSearch(context, catalog, searchIndex);
  registerWalkthrough(context);
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
    disagreements,
    timeline,
    citations,
    memos,
    search,
    status,
    catalogTesting: catalog.testHooks,
  };
}

export function deactivate(): void {
  // Nothing to do: disposables are released through context.subscriptions.
}

// Last top-level statement of the bundle: every module above has been evaluated.
startupTimings.moduleEnd = performance.now();
