// What `activate()` returns: a small, stable surface for integration tests and other extensions.
import type { Catalog, CatalogProblem } from './core/catalog/model';
import type { CatalogStatusHandle } from './features/catalogStatus';
import type { CatalogTestHooks } from './services/catalogService';
import type { ComparePanels } from './features/comparePanel';
import type { DisagreementsViewHandle } from './features/disagreementsView';
import type { GlossaryViewHandle } from './features/glossaryTree';
import type { TimelineViewHandle } from './features/timelineView';
import type { CitationsViewHandle } from './features/citationsView';
import type { MemoIndexService } from './services/memoIndexService';
import type { SearchHandle } from './features/search';
import type { AtlasTrees } from './features/tree';
import type { StartupTimings } from './startupTimings';

export interface TechDealAtlasApi {
  /** Resolves once the catalog's first load has finished. */
  whenReady(): Promise<void>;
  getCatalog(): Catalog | undefined;
  getProblems(): readonly CatalogProblem[];
  /** When the extension's own startup code ran (for `npm run bench`). */
  getStartupTimings(): StartupTimings;
  /** Test hook: the sidebar tree views and their data providers (children, items, drag source). */
  readonly trees: AtlasTrees;
  /** Test hook: the comparison panels (their titles and views; a message handed to the active one as its webview would). */
  readonly compare: ComparePanels;
  /** Test hook: the Glossary view and its data provider. */
  readonly glossary: GlossaryViewHandle;
  /** Test hook: the Disagreements view and its data provider. */
  readonly disagreements: DisagreementsViewHandle;
  /** Test hook: the Timeline view and its data provider. */
  readonly timeline: TimelineViewHandle;
  /** Test hook: the Citations view and its data provider. */
  readonly citations: CitationsViewHandle;
  /** Test hook: the index of the workspace's memos (citations and glossary terms in them). */
  readonly memos: MemoIndexService;
  /** Test hook: the search index and the open Search picker (its value, items and active item). */
  readonly search: SearchHandle;
  /** Test hook: the catalog status bar item. */
  readonly status: CatalogStatusHandle;
  /** Test hooks of the catalog service (fault injection, what the last load parsed); undefined in production. */
  readonly catalogTesting: CatalogTestHooks | undefined;
}
