import * as vscode from 'vscode';
import { loadCatalog, type LoadResult, type ParsedFile } from '../core/catalog/catalogLoader';
import type { Catalog, CatalogProblem } from '../core/catalog/model';
import { SHIPPED_DATA_FILES, isShippedDataFile } from '../core/catalog/shippedData';

const RELOAD_DEBOUNCE_MS = 250;

/**
 * Owns the live catalog: the shipped dataset merged with the workspace's own catalog files. Loads off the
 * activation path, reloads when those files change, publishes problems as diagnostics, and keeps serving the
 * last good data of any file that breaks.
 */
export class CatalogService implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Catalog>();
  /** Fires after every (re)load with the new catalog. */
  readonly onDidChange = this.changed.event;

  private readonly diagnostics = vscode.languages.createDiagnosticCollection('techDealAtlas');
  private readonly disposables: vscode.Disposable[] = [this.changed, this.diagnostics];
  private result: LoadResult | undefined;
  /** Display name (what problems mention) → file URI. */
  private uris = new Map<string, vscode.Uri>();
  private loading: Promise<void> | undefined;
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly ready: Promise<void>;
  private resolveReady!: () => void;

  constructor(private readonly extensionUri: vscode.Uri) {
    this.ready = new Promise((resolve) => (this.resolveReady = resolve));
    this.watchWorkspaceFiles();
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('techDealAtlas.catalog')) {
          this.watchWorkspaceFiles();
          this.scheduleReload();
        }
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.scheduleReload()),
    );
  }

  /** Resolves once the first load has finished (successfully or with problems). */
  whenReady(): Promise<void> {
    return this.ready;
  }

  get catalog(): Catalog | undefined {
    return this.result?.catalog;
  }

  get problems(): readonly CatalogProblem[] {
    return this.result?.problems ?? [];
  }

  /** The file a problem or an entity origin refers to. */
  uriOf(file: string): vscode.Uri | undefined {
    return this.uris.get(file);
  }

  /** Loads now; concurrent calls share one load, and a call during a load queues one more. */
  reload(): Promise<void> {
    const next = (this.loading ?? Promise.resolve()).then(() => this.loadOnce());
    this.loading = next.finally(() => {
      if (this.loading === next) this.loading = undefined;
    });
    return next;
  }

  scheduleReload(): void {
    if (this.reloadTimer) clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => void this.reload(), RELOAD_DEBOUNCE_MS);
  }

  private async loadOnce(): Promise<void> {
    const uris = new Map<string, vscode.Uri>();
    for (const file of SHIPPED_DATA_FILES) uris.set(file, vscode.Uri.joinPath(this.extensionUri, file));
    for (const uri of await this.findWorkspaceFiles()) uris.set(vscode.workspace.asRelativePath(uri, true), uri);

    const previousErrors = this.errorCount();
    this.result = await loadCatalog([...uris.keys()], async (file) => vscode.workspace.fs.readFile(uris.get(file)!), {
      previous: this.keepGoodFiles(uris),
      trusted: isShippedDataFile,
    });
    this.uris = uris;
    this.publishDiagnostics();
    this.resolveReady();
    this.changed.fire(this.result.catalog);

    const errors = this.errorCount();
    if (errors > previousErrors) {
      const show = vscode.l10n.t('Show Problems');
      const message = vscode.l10n.t('Tech Deal Atlas: {0} error(s) in catalog files. The last valid data stays in use.', errors);
      void vscode.window.showWarningMessage(message, show).then((choice) => {
        if (choice === show) void vscode.commands.executeCommand('techDealAtlas.showProblems');
      });
    }
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

  private async findWorkspaceFiles(): Promise<vscode.Uri[]> {
    const found: vscode.Uri[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      for (const glob of this.includeGlobs()) {
        found.push(...(await vscode.workspace.findFiles(new vscode.RelativePattern(folder, glob), '**/node_modules/**')));
      }
    }
    const unique = new Map(found.map((uri) => [uri.toString(), uri]));
    return [...unique.values()].sort((a, b) => a.toString().localeCompare(b.toString()));
  }

  private includeGlobs(): string[] {
    return vscode.workspace.getConfiguration('techDealAtlas').get<string[]>('catalog.include', ['.techdeals/**/*.json']);
  }

  private watchers: vscode.Disposable[] = [];
  private watchWorkspaceFiles(): void {
    for (const w of this.watchers) w.dispose();
    this.watchers = this.includeGlobs().map((glob) => {
      const watcher = vscode.workspace.createFileSystemWatcher(`**/${glob.replace(/^\*\*\//, '')}`);
      const onEvent = () => this.scheduleReload();
      watcher.onDidChange(onEvent);
      watcher.onDidCreate(onEvent);
      watcher.onDidDelete(onEvent);
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
