import * as vscode from 'vscode';
import { mergeFiles, mergeFilesAsync, readAndCheckFiles, type FileResult, type LoadOptions, type LoadResult, type ParsedFile, type ReadFile } from '../core/catalog/catalogLoader';
import type { Catalog, CatalogProblem } from '../core/catalog/model';
import { SHIPPED_DATA_FILES, isShippedDataFile } from '../core/catalog/shippedData';
import { TimeSlices } from '../core/timeSlices';

const RELOAD_DEBOUNCE_MS = 250;
/** Most workspace catalog files loaded; past this the rest are left out (and the user is told). */
const MAX_WORKSPACE_FILES = 5000;

/** Test hooks, honoured only outside production (`ExtensionMode.Test` / `Development`). */
export interface CatalogTestHooks {
  /** Files whose text contains `marker` make the loader throw as it checks them (a stand-in for a loader bug). */
  setLoaderFault(marker: string | undefined): void;
  /** The next load fails as a whole, outside any one file (a stand-in for a failure no file explains). */
  failNextLoad(message: string): void;
  /** How many times each workspace file has been read and parsed (an unchanged file is reused, not parsed again). */
  parseCount(file: string): number;
  /** Resolves once no reload is scheduled or running. */
  whenIdle(): Promise<void>;
  /** What the last failed load threw, if the last load failed. */
  readonly lastError: string | undefined;
}

/**
 * Owns the live catalog: the shipped dataset merged with the workspace's own catalog files. Loads off the
 * activation path; after a change to some files, parses only those again and re-merges; publishes problems as
 * diagnostics; keeps serving the last good data of any file that breaks. A load can fail — whatever it throws is
 * logged and reported — but the atlas cannot: the previous catalog, or on a first load the shipped data alone, stays
 * in service, and `whenReady()` always settles.
 */
export class CatalogService implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Catalog>();
  /** Fires after every (re)load with the new catalog. */
  readonly onDidChange = this.changed.event;

  private readonly diagnostics = vscode.languages.createDiagnosticCollection('techDealAtlas');
  private readonly disposables: vscode.Disposable[] = [this.changed, this.diagnostics];
  private result: LoadResult | undefined;
  /** Display name (what problems mention) → file URI, for every file of the last load. */
  private uris = new Map<string, vscode.Uri>();
  /** Workspace catalog files by display name, kept up to date by the file watchers between full scans. */
  private workspaceFiles = new Map<string, vscode.Uri>();
  /** Each workspace file's own check, reused while the file does not change. */
  private fileResults = new Map<string, FileResult>();
  private shippedResults: FileResult[] | undefined;
  /** Files changed since the last load; `all` = look for files again and check every one. */
  private dirty: Set<string> | 'all' = 'all';
  private loading: Promise<void> | undefined;
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly ready: Promise<void>;
  private resolveReady!: () => void;
  private truncatedWarned = false;

  private loaderFault: string | undefined;
  private loadFault: string | undefined;
  private readonly parseCounts = new Map<string, number>();
  private lastError: string | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
    private readonly testing = false,
  ) {
    this.ready = new Promise((resolve) => (this.resolveReady = resolve));
    // Lets a test make the very first load meet a failing file (the web extension host has no `process`).
    if (testing && typeof process !== 'undefined') this.loaderFault = process.env.TDA_TEST_LOADER_FAULT || undefined;
    this.watchWorkspaceFiles();
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('techDealAtlas.catalog')) {
          this.watchWorkspaceFiles();
          this.scheduleReload('all');
        }
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.scheduleReload('all')),
    );
  }

  /** Resolves once the first load has finished: successfully, with problems, or failed (the shipped data then). */
  whenReady(): Promise<void> {
    return this.ready;
  }

  get catalog(): Catalog | undefined {
    return this.result?.catalog;
  }

  get problems(): readonly CatalogProblem[] {
    return this.result?.problems ?? [];
  }

  /** How many of the workspace's own catalog files the last load found. */
  get workspaceFileCount(): number {
    return [...this.uris.keys()].filter((file) => !isShippedDataFile(file)).length;
  }

  /** The file a problem or an entity origin refers to. */
  uriOf(file: string): vscode.Uri | undefined {
    return this.uris.get(file);
  }

  /** Looks for catalog files again and checks every one; concurrent calls share one load, a call during a load queues one more. */
  reload(): Promise<void> {
    this.dirty = 'all';
    return this.queueLoad();
  }

  /** Reloads after a short pause; `changed` names the files that changed (else everything is looked at again). */
  scheduleReload(changed: string | 'all'): void {
    if (changed === 'all' || this.dirty === 'all') this.dirty = 'all';
    else this.dirty.add(changed);
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => {
      this.reloadTimer = undefined;
      void this.queueLoad();
    }, RELOAD_DEBOUNCE_MS);
  }

  get testHooks(): CatalogTestHooks | undefined {
    if (!this.testing) return undefined;
    const error = () => this.lastError;
    return {
      setLoaderFault: (marker) => (this.loaderFault = marker || undefined),
      failNextLoad: (message) => (this.loadFault = message),
      parseCount: (file) => this.parseCounts.get(file) ?? 0,
      whenIdle: async () => {
        while (this.reloadTimer || this.loading) {
          await this.loading;
          await new Promise((resolve) => setTimeout(resolve, RELOAD_DEBOUNCE_MS)); // a macrotask: timers may fire
        }
      },
      get lastError() {
        return error();
      },
    };
  }

  private queueLoad(): Promise<void> {
    const next = (this.loading ?? Promise.resolve()).then(() => this.loadOnce());
    const tracked: Promise<void> = next.finally(() => {
      if (this.loading === tracked) this.loading = undefined;
    });
    this.loading = tracked;
    return next;
  }

  private async loadOnce(): Promise<void> {
    const dirty = this.dirty;
    this.dirty = new Set();
    const previousErrors = this.errorCount();
    try {
      if (this.loadFault) {
        const message = this.loadFault;
        this.loadFault = undefined;
        throw new Error(message);
      }
      const started = Date.now();
      const result = await this.load(dirty);
      this.result = result;
      this.lastError = undefined;
      this.log.info(
        `Catalog loaded (${dirty === 'all' ? 'all files' : `${dirty.size} changed file(s)`}): ${result.catalog.agreements.size} agreements, ${result.catalog.provisions.size} provisions, ${result.problems.length} problem(s) in ${Date.now() - started} ms.`,
      );
    } catch (err) {
      this.loadFailed(err);
    } finally {
      this.resolveReady();
    }
    this.publishDiagnostics();
    this.changed.fire(this.result!.catalog);

    const errors = this.errorCount();
    if (errors > previousErrors) {
      const show = vscode.l10n.t('Show Problems');
      const message = vscode.l10n.t('Tech Deal Atlas: {0} error(s) in catalog files. The last valid data stays in use.', errors);
      void vscode.window.showWarningMessage(message, show).then((choice) => {
        if (choice === show) void vscode.commands.executeCommand('techDealAtlas.showProblems');
      });
    }
  }

  /** One load: the shipped files (checked once), then every workspace file that changed; the rest are reused. */
  private async load(dirty: Set<string> | 'all'): Promise<LoadResult> {
    const uris = new Map<string, vscode.Uri>();
    for (const file of SHIPPED_DATA_FILES) uris.set(file, vscode.Uri.joinPath(this.extensionUri, file));
    if (dirty === 'all') {
      this.workspaceFiles = await this.findWorkspaceFiles();
      this.fileResults.clear();
    }
    const names = [...this.workspaceFiles.keys()].sort((a, b) => a.localeCompare(b));
    if (names.length > MAX_WORKSPACE_FILES) {
      this.warnTruncated(names.length);
      names.length = MAX_WORKSPACE_FILES;
    }
    for (const name of names) uris.set(name, this.workspaceFiles.get(name)!);
    const read: ReadFile = async (file) => vscode.workspace.fs.readFile(uris.get(file)!);

    const slices = new TimeSlices();
    this.shippedResults ??= await readAndCheckFiles(SHIPPED_DATA_FILES, read, { trusted: isShippedDataFile, slices });
    const stale = names.filter((name) => dirty === 'all' || dirty.has(name) || !this.fileResults.has(name));
    const options: LoadOptions = { faultHook: this.loaderFault ? this.faultHook(this.loaderFault) : undefined, slices };
    for (const result of await readAndCheckFiles(stale, read, options)) this.fileResults.set(result.file, result);
    for (const name of this.fileResults.keys()) if (!uris.has(name)) this.fileResults.delete(name);
    for (const name of stale) this.parseCounts.set(name, (this.parseCounts.get(name) ?? 0) + 1);
    this.uris = uris;
    return mergeFilesAsync([...this.shippedResults, ...names.map((name) => this.fileResults.get(name)!)], { previous: this.keepGoodFiles(uris), slices });
  }

  private faultHook(marker: string): LoadOptions['faultHook'] {
    return (file, text) => {
      if (text.includes(marker)) throw new Error(`test fault injected into ${file}`);
    };
  }

  /** Whatever a load threw: logged, reported, and the last catalog (or the shipped data alone) kept in service. */
  private loadFailed(err: unknown): void {
    this.lastError = err instanceof Error ? err.message : String(err);
    this.log.error('Loading the catalog failed:', err instanceof Error ? (err.stack ?? err.message) : String(err));
    if (!this.result) this.result = this.shippedOnly();
    const showLog = vscode.l10n.t('Show Log');
    const message = vscode.l10n.t(
      'Tech Deal Atlas could not load the catalog files ({0}). The data loaded before stays in use; the log has the details.',
      this.lastError,
    );
    void vscode.window.showErrorMessage(message, showLog).then((choice) => {
      if (choice === showLog) this.log.show();
    });
  }

  private shippedOnly(): LoadResult {
    try {
      if (this.shippedResults) return mergeFiles(this.shippedResults);
    } catch (err) {
      this.log.error('Even the shipped data could not be merged:', err instanceof Error ? (err.stack ?? err.message) : String(err));
    }
    return mergeFiles([]);
  }

  private warnTruncated(found: number): void {
    if (this.truncatedWarned) return;
    this.truncatedWarned = true;
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Tech Deal Atlas found {0} catalog files; only the first {1} are loaded. Narrow the setting techDealAtlas.catalog.include.', found, MAX_WORKSPACE_FILES),
    );
  }

  private keepGoodFiles(current: ReadonlyMap<string, vscode.Uri>): ReadonlyMap<string, ParsedFile> | undefined {
    const good = this.result?.goodFiles;
    if (!good) return undefined;
    // A file that was deleted is gone for good, not "broken": drop its last good version.
    return new Map([...good].filter(([file]) => current.has(file)));
  }

  private errorCount(): number {
    return this.problems.filter((p) => p.severity === 'error').length;
  }

  private async findWorkspaceFiles(): Promise<Map<string, vscode.Uri>> {
    const found = new Map<string, vscode.Uri>();
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      for (const glob of this.includeGlobs()) {
        try {
          for (const uri of await vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob), '**/node_modules/**')) {
            found.set(vscode.workspace.asRelativePath(uri, true), uri);
          }
        } catch (err) {
          // A virtual file system that cannot search: its catalog files are not found, the rest of the atlas works.
          this.log.warn(`Could not look for catalog files in ${folder.uri.toString()}:`, err instanceof Error ? err.message : String(err));
        }
      }
    }
    return found;
  }

  private includeGlobs(): string[] {
    return vscode.workspace.getConfiguration('techDealAtlas').get<string[]>('catalog.include', ['.techdeals/**/*.json']);
  }

  private watchers: vscode.Disposable[] = [];
  private watchWorkspaceFiles(): void {
    for (const w of this.watchers) w.dispose();
    this.watchers = this.includeGlobs().map((glob) => {
      const watcher = vscode.workspace.createFileSystemWatcher(`**/${glob.replace(/^\*\*\//, '')}`);
      // A changed or deleted catalog file is checked again on its own; a new file may or may not match the include
      // globs (the watcher's pattern is wider), so the workspace is searched again for it.
      const known = (uri: vscode.Uri) => {
        const name = vscode.workspace.asRelativePath(uri, true);
        return this.workspaceFiles.get(name)?.toString() === uri.toString() ? name : undefined;
      };
      watcher.onDidChange((uri) => {
        const name = known(uri);
        if (name) this.scheduleReload(name);
      });
      watcher.onDidDelete((uri) => {
        const name = known(uri);
        if (!name) return;
        this.workspaceFiles.delete(name);
        this.scheduleReload(name);
      });
      watcher.onDidCreate(() => this.scheduleReload('all'));
      return watcher;
    });
  }

  private publishDiagnostics(): void {
    this.diagnostics.clear();
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const p of this.problems) {
      const range = new vscode.Range(p.line - 1, p.column - 1, p.endLine - 1, Math.max(p.endColumn - 1, p.column));
      const diagnostic = new vscode.Diagnostic(
        range,
        p.message,
        p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
      );
      diagnostic.source = 'Tech Deal Atlas';
      diagnostic.code = p.code;
      const list = byFile.get(p.file) ?? [];
      list.push(diagnostic);
      byFile.set(p.file, list);
    }
    for (const [file, list] of byFile) {
      const uri = this.uris.get(file);
      if (uri) this.diagnostics.set(uri, list);
    }
  }

  dispose(): void {
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    for (const d of [...this.disposables, ...this.watchers]) d.dispose();
  }
}
