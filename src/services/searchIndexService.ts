// The search index of the live catalog, shared by Search…, citation completion and the quick fixes that look for
// provisions: built once per catalog, off the activation path, and kept in the extension's storage when large.
import * as vscode from 'vscode';
import type { Catalog } from '../core/catalog/model';
import { openSearchIndex, type IndexStore } from '../core/search/indexStore';
import type { SearchIndex } from '../core/search/searchIndex';
import type { CatalogService } from './catalogService';

/** Idle time after startup or a catalog change before the index is built (it is also built on first use). */
const IDLE_BUILD_MS = 2000;

/**
 * The search index of the live catalog: built once per catalog (lazily on first use, or when the extension host is
 * idle after startup or a catalog change), in slices so a large catalog never blocks the extension host for long.
 * A large catalog's index is kept in the extension's storage and read back when a window opens on the same catalog.
 */
export class SearchIndexService implements vscode.Disposable {
  private built: { catalog: Catalog; index: SearchIndex } | undefined;
  private building: { catalog: Catalog; promise: Promise<SearchIndex> } | undefined;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when an index for a new catalog is ready. */
  readonly onDidBuild = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** How the current index came to be (test hook and log). */
  lastOpened: { reused: boolean; documents: number; ms: number } | undefined;

  constructor(
    private readonly catalogService: CatalogService,
    private readonly store: IndexStore,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(catalogService.onDidChange(() => this.scheduleIdleBuild()));
    void catalogService.whenReady().then(() => this.scheduleIdleBuild());
  }

  /** The index of the current catalog; undefined while no catalog has loaded. */
  async get(): Promise<SearchIndex | undefined> {
    await this.catalogService.whenReady();
    const catalog = this.catalogService.catalog;
    if (!catalog) return undefined;
    if (this.built?.catalog === catalog) return this.built.index;
    if (this.building?.catalog !== catalog) {
      const started = Date.now();
      const promise = openSearchIndex(catalog, this.store).then(({ index, reused, storeError }) => {
        const ms = Date.now() - started;
        this.lastOpened = { reused, documents: index.documentCount, ms };
        this.log.info(`Search index ${reused ? 'read back' : 'built'}: ${index.documentCount} documents, ${index.termCount} terms in ${ms} ms.`);
        if (storeError) this.log.warn(`Search index: ${storeError}.`);
        return index;
      });
      this.building = { catalog, promise };
      void promise.then(
        (index) => {
          if (this.building?.promise === promise) this.building = undefined;
          // A newer catalog may have arrived meanwhile: keep this index only if it is still current.
          if (this.catalogService.catalog === catalog) {
            this.built = { catalog, index };
            this.changed.fire();
          }
        },
        (err: unknown) => {
          if (this.building?.promise === promise) this.building = undefined;
          this.log.error(`Search index could not be built: ${err instanceof Error ? err.message : String(err)}`);
        },
      );
    }
    const index = await this.building!.promise;
    return this.catalogService.catalog === catalog ? index : this.get();
  }

  /** The index if it is ready now (no waiting). */
  get current(): SearchIndex | undefined {
    return this.built?.catalog === this.catalogService.catalog ? this.built?.index : undefined;
  }

  private scheduleIdleBuild(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => void this.get(), IDLE_BUILD_MS);
  }

  dispose(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    for (const d of this.disposables) d.dispose();
  }
}

/**
 * Kept search indexes: files in the extension's storage for this workspace (or its global storage without one).
 * Writing one removes the others: only the index of the latest catalog is worth its disk space.
 */
export function storageIndexStore(context: vscode.ExtensionContext): IndexStore {
  const folder = vscode.Uri.joinPath(context.storageUri ?? context.globalStorageUri, 'search-index');
  const file = (key: string) => vscode.Uri.joinPath(folder, `${key}.bin`);
  return {
    async read(key) {
      try {
        return await vscode.workspace.fs.readFile(file(key));
      } catch (err) {
        if (err instanceof vscode.FileSystemError && err.code === 'FileNotFound') return undefined;
        throw err;
      }
    },
    async write(key, bytes) {
      await vscode.workspace.fs.createDirectory(folder);
      await vscode.workspace.fs.writeFile(file(key), bytes);
      for (const [name] of await vscode.workspace.fs.readDirectory(folder)) {
        if (name !== `${key}.bin` && name.endsWith('.bin')) await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder, name));
      }
    },
  };
}

