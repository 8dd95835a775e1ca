// What `activate()` returns: a small, stable surface for integration tests and other extensions.
import type { Catalog, CatalogProblem } from './core/model';

export interface TechDealAtlasApi {
  /** Resolves once the catalog's first load has finished. */
  whenReady(): Promise<void>;
  getCatalog(): Catalog | undefined;
  getProblems(): readonly CatalogProblem[];
}
