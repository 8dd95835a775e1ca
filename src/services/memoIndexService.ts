// The workspace's memos as the citation index (core/citation/citationIndex.ts) sees them, kept current in the
// background: files matching techDealAtlas.memos.include are read once (after the catalog is ready, off the activation
// path, in slices), open documents are indexed from their live text and updated line by line on every edit, and the
// file watcher and rename events keep the rest in step. Also keeps, per memo, what each citation's provision said when
// the memo first cited it (core/citation/citedTexts.ts), in workspace state.
import * as vscode from 'vscode';
import type { Catalog, Provision } from '../core/catalog/model';
import { citableUids } from '../core/citation/citation';
import type { CitingPlace } from '../core/citation/citedIn';
import { CitationIndex, linesOf, type LineChange } from '../core/citation/citationIndex';
import { CitedTexts, type ChangedCitation } from '../core/citation/citedTexts';
import { matcherForCatalog } from '../core/glossary/glossaryMatcher';
import type { LineSource } from '../core/glossary/multilineTerms';
import { AGREEMENT_DOCUMENT_SCHEME } from '../core/document/agreementDocument';
import type { CatalogService } from './catalogService';
import { DocumentScope } from './documentScope';
import { documentLines } from './documentLines';

/** Files larger than this are not memos (a data dump, a log): skipped, never read whole. */
const MAX_MEMO_BYTES = 2 * 1024 * 1024;
/** Bytes looked at for a NUL, the sign of a binary file. */
const BINARY_SNIFF_BYTES = 8192;
const MAX_FILES = 20_000;
const SLICE_MS = 15;
const CHANGE_DEBOUNCE_MS = 150;
const SAVE_STATE_DEBOUNCE_MS = 1000;
const CITED_TEXTS_KEY = 'techDealAtlas.citedTexts';
/** Documents indexed from their live text: ones people write in, not diff views or virtual documents. */
const MEMO_SCHEMES = new Set(['file', 'untitled', 'vscode-notebook-cell', 'vscode-vfs', 'vscode-remote']);

export class MemoIndexService implements vscode.Disposable {
  readonly index = new CitationIndex();
  readonly citedTexts: CitedTexts;
  private readonly scope = new DocumentScope();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires (debounced) after the index or the remembered texts changed. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed, this.scope];
  private watcher: vscode.FileSystemWatcher | undefined;
  private changeTimer: ReturnType<typeof setTimeout> | undefined;
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private scanning: Promise<void> | undefined;
  private scanGeneration = 0;
  private disposed = false;
  private savedVersion = 0;
  /** What the glossary's matcher depends on, to tell a glossary change from any other catalog change. */
  private glossary: string | undefined;
  /** Per memo, the latest event's number (see `touch`). */
  private readonly tickets = new Map<string, number>();
  /** Files of the last scan (URI strings). */
  private files = new Set<string>();

  constructor(
    private readonly catalogService: CatalogService,
    private readonly state: vscode.Memento,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.citedTexts = new CitedTexts(state.get(CITED_TEXTS_KEY));
    this.disposables.push(
      catalogService.onDidChange((catalog) => this.catalogChanged(catalog)),
      vscode.workspace.onDidOpenTextDocument((d) => this.documentOpened(d)),
      vscode.workspace.onDidChangeTextDocument((e) => this.documentChanged(e)),
      vscode.workspace.onDidCloseTextDocument((d) => void this.documentClosed(d)),
      vscode.workspace.onDidRenameFiles((e) => this.renamed(e.files)),
      // Deletions through VS Code (Explorer, refactorings) are known at once; the file watcher may fold a delete that
      // follows a create of the same file into nothing.
      vscode.workspace.onDidDeleteFiles((e) => e.files.forEach((uri) => this.deleted(uri))),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('techDealAtlas.memos')) void this.rescan();
      }),
      this.scope.onDidChange(() => void this.rescan()),
      { dispose: () => (clearTimeout(this.changeTimer), clearTimeout(this.saveTimer)) },
    );
    void catalogService.whenReady().then(() => {
      if (!this.disposed) void this.rescan();
    });
  }

  /** Resolves once the current scan (files read, citations and terms indexed) has finished. */
  async whenScanned(): Promise<void> {
    while (this.scanning) {
      const current = this.scanning;
      await current;
      if (current === this.scanning) break;
    }
  }

  /** Memo display name: its workspace-relative path, or its file name. */
  memoLabel(memo: string): string {
    const uri = vscode.Uri.parse(memo);
    return uri.scheme === 'untitled' ? uri.path : vscode.workspace.asRelativePath(uri, vscode.workspace.workspaceFolders !== undefined && vscode.workspace.workspaceFolders.length > 1);
  }

  /** Where memos cite a provision (by its current or a former id), with each memo's label. */
  citingPlaces(provision: Provision): CitingPlace[] {
    return this.index.citationsOf(citableUids(provision)).map((c) => ({ memo: c.memo, label: this.memoLabel(c.memo), line: c.line, start: c.start, end: c.end }));
  }

  /** Citations whose provision text changed since the memo cited it (and records new ones). */
  changedCitations(memo: string, catalog: Catalog): ChangedCitation[] {
    const found = this.citedTexts.observe(memo, this.index.citationsIn(memo).map((c) => c.uid), catalog);
    this.persistSoon();
    return found;
  }

  acknowledge(memo: string, uid: string): boolean {
    const catalog = this.catalogService.catalog;
    const done = !!catalog && this.citedTexts.acknowledge(memo, uid, catalog);
    if (done) {
      this.persistSoon();
      this.fireSoon();
    }
    return done;
  }

  /** Reads every memo file again (a settings change, or the Rescan command). */
  rescan(): Promise<void> {
    const generation = ++this.scanGeneration;
    const run = this.scan(generation).catch((err: unknown) => this.log.error(`Memo index: ${err instanceof Error ? err.message : String(err)}`));
    const scanning = run.finally(() => {
      if (this.scanning === scanning) this.scanning = undefined;
    });
    this.scanning = scanning;
    return scanning;
  }

  private async scan(generation: number): Promise<void> {
    const catalog = this.catalogService.catalog;
    if (!catalog) return;
    if (this.glossary === undefined) {
      this.glossary = glossaryKey(catalog);
      this.index.setMatcher(catalog.terms.size ? matcherForCatalog(catalog) : undefined);
    }
    const config = vscode.workspace.getConfiguration('techDealAtlas');
    const include = config.get<string>('memos.include') || '**/*.{md,markdown,txt,text}';
    const exclude = config.get<string>('memos.exclude') || undefined;
    this.watcher?.dispose();
    this.watcher = vscode.workspace.createFileSystemWatcher(include);
    this.watcher.onDidCreate((uri) => void this.fileChanged(uri));
    this.watcher.onDidChange((uri) => void this.fileChanged(uri));
    this.watcher.onDidDelete((uri) => this.fileDeleted(uri));
    const started = Date.now();
    const uris = vscode.workspace.workspaceFolders?.length ? await vscode.workspace.findFiles(include, exclude, MAX_FILES) : [];
    if (generation !== this.scanGeneration) return;
    const found = new Set(uris.map((u) => u.toString()));
    // Memos gone since the last scan (the include pattern changed): out of the index, unless open.
    for (const memo of this.files) if (!found.has(memo) && !this.openDocument(memo)) this.index.remove(memo);
    this.files = found;
    for (const document of vscode.workspace.textDocuments) if (this.isMemoDocument(document)) this.indexDocument(document);
    // Two passes: citations first (one regular-expression pass per memo: the Citations view and "cited in" are ready
    // soon), then the glossary terms (a matcher pass, several times slower) for Find All References on terms.
    let sliceStart = Date.now();
    const pause = async () => {
      if (Date.now() - sliceStart <= SLICE_MS) return;
      this.fireSoon();
      await new Promise((resolve) => setTimeout(resolve, 0));
      sliceStart = Date.now();
    };
    for (const uri of uris) {
      if (generation !== this.scanGeneration || this.disposed) return;
      if (!this.openDocument(uri.toString())) await this.indexFile(uri, false);
      await pause();
    }
    this.fireSoon();
    const citationsMs = Date.now() - started;
    for (const memo of [...this.index.memosWithoutTerms()]) {
      if (generation !== this.scanGeneration || this.disposed) return;
      const open = this.openDocument(memo);
      if (open) this.index.scanTerms(memo, documentLines(open));
      else await this.indexFile(vscode.Uri.parse(memo), true);
      await pause();
    }
    this.fireSoon();
    this.log.info(`Memo index: ${this.index.memoCount} memos (${uris.length} files): citations in ${citationsMs} ms, terms in ${Date.now() - started - citationsMs} ms.`);
  }

  /** Reads a memo file and indexes its citations, and its terms when `terms`; too large or binary files are left out. */
  private async indexFile(uri: vscode.Uri, terms = true): Promise<void> {
    const memo = uri.toString();
    // Reading takes a while: a deletion, a rename or a newer read of the same memo meanwhile wins over this one
    // (a read that resolved after the file's deletion brought a deleted memo back).
    const ticket = this.touch(memo);
    const current = () => this.tickets.get(memo) === ticket;
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (!current()) return;
      if (stat.type & vscode.FileType.Directory || stat.size > MAX_MEMO_BYTES) {
        this.index.remove(memo);
        return;
      }
      const bytes = await vscode.workspace.fs.readFile(uri);
      if (!current()) return;
      if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) {
        this.index.remove(memo);
        return;
      }
      const text = new TextDecoder('utf-8').decode(bytes);
      this.setText(memo, text, terms ? linesOf(text) : undefined);
    } catch {
      if (current()) this.index.remove(memo); // deleted meanwhile, or unreadable: not a memo
    }
  }

  /** Marks a memo as changed by an event; reads of it started before are then dropped. */
  private touch(memo: string): number {
    const ticket = (this.tickets.get(memo) ?? 0) + 1;
    this.tickets.set(memo, ticket);
    return ticket;
  }

  /** Indexes a memo's text; its terms too when `lines` is given (else they wait for the terms pass). */
  private setText(memo: string, text: string, lines: LineSource | undefined): void {
    this.index.setText(memo, text);
    if (lines) this.index.scanTerms(memo, lines);
    const catalog = this.catalogService.catalog;
    if (catalog) this.citedTexts.observe(memo, this.index.citationsIn(memo).map((c) => c.uid), catalog);
    this.persistSoon();
    this.fireSoon();
  }

  /** A document people write memos in; an open log or data dump (longer than a memo file may be) is not one. */
  private isMemoDocument(document: vscode.TextDocument): boolean {
    if (!MEMO_SCHEMES.has(document.uri.scheme) || document.uri.scheme === AGREEMENT_DOCUMENT_SCHEME || !this.scope.includes(document)) return false;
    // The offset of the end is the length in UTF-16 units, without building the text.
    return document.offsetAt(document.lineAt(document.lineCount - 1).range.end) <= MAX_MEMO_BYTES;
  }

  private openDocument(memo: string): vscode.TextDocument | undefined {
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === memo && this.isMemoDocument(d));
  }

  private indexDocument(document: vscode.TextDocument): void {
    this.setText(document.uri.toString(), document.getText(), documentLines(document));
  }

  private documentOpened(document: vscode.TextDocument): void {
    if (this.catalogService.catalog && this.isMemoDocument(document)) this.indexDocument(document);
  }

  private documentChanged(e: vscode.TextDocumentChangeEvent): void {
    const memo = e.document.uri.toString();
    if (!e.contentChanges.length) return;
    if (!this.isMemoDocument(e.document)) {
      if (this.index.has(memo)) {
        this.index.remove(memo);
        this.fireSoon();
      }
      return;
    }
    if (!this.index.has(memo)) {
      if (this.catalogService.catalog) this.indexDocument(e.document);
      return;
    }
    const changes: LineChange[] = e.contentChanges.map((c) => ({
      startLine: c.range.start.line,
      endLine: c.range.end.line,
      newLineCount: 1 + (c.text.match(/\r\n|\r|\n/g)?.length ?? 0),
    }));
    this.index.applyChanges(memo, changes, documentLines(e.document));
    this.fireSoon();
  }

  private async documentClosed(document: vscode.TextDocument): Promise<void> {
    const memo = document.uri.toString();
    if (!this.index.has(memo)) return;
    // Unsaved changes are gone with the document: the file on disk is the memo again (or it is not a memo).
    if (this.files.has(memo)) await this.indexFile(document.uri);
    else this.index.remove(memo);
    this.fireSoon();
  }

  private async fileChanged(uri: vscode.Uri): Promise<void> {
    if (this.openDocument(uri.toString()) || !this.catalogService.catalog) return; // the live text wins
    this.files.add(uri.toString());
    await this.indexFile(uri);
  }

  /** A file or folder deleted through VS Code: every memo at or under it leaves the index. */
  private deleted(uri: vscode.Uri): void {
    const gone = uri.toString();
    for (const memo of this.index.memoKeys()) if (memo === gone || memo.startsWith(`${gone}/`)) this.fileDeleted(vscode.Uri.parse(memo));
  }

  private fileDeleted(uri: vscode.Uri): void {
    const memo = uri.toString();
    this.touch(memo);
    this.files.delete(memo);
    if (this.openDocument(memo)) return;
    this.index.remove(memo);
    this.fireSoon();
  }

  private renamed(files: readonly { oldUri: vscode.Uri; newUri: vscode.Uri }[]): void {
    for (const { oldUri, newUri } of files) {
      const from = oldUri.toString();
      const to = newUri.toString();
      // A renamed folder renames every memo under it.
      for (const memo of this.index.memoKeys()) {
        if (memo !== from && !memo.startsWith(`${from}/`)) continue;
        const target = to + memo.slice(from.length);
        this.touch(memo);
        this.index.rename(memo, target);
        this.citedTexts.rename(memo, target);
        if (this.files.delete(memo)) this.files.add(target);
      }
    }
    this.persistSoon();
    this.fireSoon();
  }

  private catalogChanged(catalog: Catalog): void {
    // Citations are stored as written and resolve at query time: only a changed glossary makes memos stale.
    const glossary = glossaryKey(catalog);
    if (glossary !== this.glossary) {
      this.glossary = glossary;
      this.index.setMatcher(catalog.terms.size ? matcherForCatalog(catalog) : undefined);
      if (this.index.memoCount) void this.rescan();
    }
    this.fireSoon();
  }

  private fireSoon(): void {
    if (this.changeTimer) return;
    this.changeTimer = setTimeout(() => {
      this.changeTimer = undefined;
      if (!this.disposed) this.changed.fire();
    }, CHANGE_DEBOUNCE_MS);
  }

  private persistSoon(): void {
    if (this.citedTexts.version === this.savedVersion || this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      this.savedVersion = this.citedTexts.version;
      void this.state.update(CITED_TEXTS_KEY, this.citedTexts.toJSON());
    }, SAVE_STATE_DEBOUNCE_MS);
  }

  dispose(): void {
    this.disposed = true;
    this.watcher?.dispose();
    // Persist what is pending now: the timer would fire after the memento is gone.
    if (this.saveTimer && this.citedTexts.version !== this.savedVersion) void this.state.update(CITED_TEXTS_KEY, this.citedTexts.toJSON());
    for (const d of this.disposables) d.dispose();
  }
}


function glossaryKey(catalog: Catalog): string {
  return JSON.stringify([...catalog.terms.values()].map((t) => [t.id, t.term, t.aliases, t.abbreviations]));
}
