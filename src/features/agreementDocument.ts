// Serves the read-only agreement documents (core/document/agreementDocument.ts renders them) under the `tech-deal-atlas:`
// scheme, opens them in the Markdown preview or as Markdown source scrolled to a provision or source, and owns the
// commands openAgreement, openProvision and openSource.
import * as vscode from 'vscode';
import {
  AGREEMENT_DOCUMENT_SCHEME,
  agreementDocumentPath,
  agreementIdFromPath,
  agreementSources,
  renderAgreementDocument,
  targetAtLine,
  type AgreementDocument,
} from '../core/document/agreementDocument';
import type { Catalog, Lang, SourceData } from '../core/catalog/model';
import { text } from '../core/catalog/model';
import { formatSourceLine, sourceBadge } from '../core/labels/provenance';
import { agreementIdsFromArgs, isTreeNode, provisionUidsFromArgs, type TreeTarget } from '../core/tree/treeModel';
import type { AgreementDocumentLookup } from '../services/agreementDocumentLookup';
import type { CatalogService } from '../services/catalogService';
import type { MemoIndexService } from '../services/memoIndexService';
import { dataLanguage, onDidChangeDataLanguage } from '../services/languageSetting';
import { pickAgreement, pickProvision } from '../services/pickers';

type OpenAs = 'preview' | 'source';

/** Where to scroll an opened agreement document. */
export type DocumentFocus = { provision: string } | { source: string } | { sources: true } | { section: 'timeline' | 'disagreements' } | undefined;

export class AgreementDocuments implements vscode.TextDocumentContentProvider, AgreementDocumentLookup, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private cache = new Map<string, AgreementDocument | undefined>();
  private cacheKey: { catalog: Catalog | undefined; lang: Lang } | undefined;

  /** Per open agreement: which memos cite which of its provisions, when it was last rendered. */
  private citedInSignatures = new Map<string, string>();

  constructor(
    private readonly catalogService: CatalogService,
    private readonly memos: MemoIndexService,
  ) {
    this.disposables.push(
      catalogService.onDidChange(() => this.refresh()),
      memos.onDidChange(() => this.refreshCitedIn()),
      onDidChangeDataLanguage(() => this.refresh()),
      vscode.workspace.registerTextDocumentContentProvider(AGREEMENT_DOCUMENT_SCHEME, this),
    );
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const id = agreementIdFromPath(uri.path);
    const document = id === undefined ? undefined : this.render(id);
    if (document) return document.markdown;
    return vscode.l10n.t('# Agreement not found\n\nThe catalog has no agreement with the id `{0}`.', id ?? uri.path);
  }

  /** The rendered document for the current catalog and language (cached until either changes). */
  render(agreementId: string): AgreementDocument | undefined {
    const catalog = this.catalogService.catalog;
    const lang = dataLanguage();
    if (this.cacheKey?.catalog !== catalog || this.cacheKey?.lang !== lang) {
      this.cache = new Map();
      this.cacheKey = { catalog, lang };
    }
    if (!this.cache.has(agreementId)) {
      const citing = (uid: string) => {
        const provision = catalog?.provisions.get(uid);
        return provision ? this.memos.citingPlaces(provision) : [];
      };
      this.cache.set(agreementId, catalog && renderAgreementDocument(catalog, agreementId, lang, citing));
      this.citedInSignatures.set(agreementId, this.citedInSignature(agreementId));
    }
    return this.cache.get(agreementId);
  }

  /** Memos citing each provision of an agreement: what its "Cited in" lines depend on. */
  private citedInSignature(agreementId: string): string {
    const agreement = this.catalogService.catalog?.agreements.get(agreementId);
    return JSON.stringify(agreement?.provisions.map((p) => this.memos.citingPlaces(p).map((c) => `${c.memo}:${c.line}`)) ?? []);
  }

  /** An open agreement document is rendered again only when the memos citing its provisions changed. */
  private refreshCitedIn(): void {
    for (const document of vscode.workspace.textDocuments) {
      const id = this.isAgreementDocument(document.uri) ? agreementIdFromPath(document.uri.path) : undefined;
      if (id === undefined || !this.cache.has(id) || this.citedInSignatures.get(id) === this.citedInSignature(id)) continue;
      this.cache.delete(id);
      this.changed.fire(document.uri);
    }
  }

  isAgreementDocument(uri: vscode.Uri): boolean {
    return uri.scheme === AGREEMENT_DOCUMENT_SCHEME && agreementIdFromPath(uri.path) !== undefined;
  }

  /** What the document shows at a 0-based line: a provision, or the agreement itself. */
  targetAt(uri: vscode.Uri, line: number): TreeTarget | undefined {
    const id = this.isAgreementDocument(uri) ? agreementIdFromPath(uri.path) : undefined;
    const document = id === undefined ? undefined : this.render(id);
    return document && targetAtLine(document, line);
  }

  /** The document's address: an already open document of the same agreement keeps its address (and its tab). */
  uriFor(agreementId: string): vscode.Uri {
    const open = vscode.workspace.textDocuments.find(
      (d) => d.uri.scheme === AGREEMENT_DOCUMENT_SCHEME && agreementIdFromPath(d.uri.path) === agreementId,
    );
    if (open) return open.uri;
    const catalog = this.catalogService.catalog;
    const path = catalog ? agreementDocumentPath(catalog, agreementId, dataLanguage()) : `/${agreementId}/${agreementId}.md`;
    return vscode.Uri.from({ scheme: AGREEMENT_DOCUMENT_SCHEME, path });
  }

  /** Opens the agreement's document scrolled to `focus`; returns false when the catalog has no such agreement. */
  async open(agreementId: string, focus?: DocumentFocus): Promise<boolean> {
    const rendered = this.render(agreementId);
    if (!rendered) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The catalog has no agreement "{0}".', agreementId));
      return false;
    }
    const line = focusLine(rendered, focus);
    const uri = this.uriFor(agreementId);
    const wasOpenInEditor = vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => isTextTabOf(t, uri)));
    const document = await vscode.workspace.openTextDocument(uri);
    if (document.languageId !== 'markdown') await vscode.languages.setTextDocumentLanguage(document, 'markdown');
    const range = new vscode.Range(line, 0, line, 0);
    const editor = await vscode.window.showTextDocument(document, { selection: range, preview: true });
    editor.revealRange(range, vscode.TextEditorRevealType.AtTop);

    if (openAs() === 'preview') {
      try {
        // The preview starts at the active editor's top visible line, so it opens (or scrolls) to the same place.
        await vscode.commands.executeCommand('markdown.showPreview', uri);
        if (!wasOpenInEditor) await closeTextTabs(uri);
      } catch {
        // No Markdown preview in this editor: the read-only Markdown source stays open instead.
      }
    }
    return true;
  }

  private refresh(): void {
    this.cache = new Map();
    this.cacheKey = undefined;
    for (const document of vscode.workspace.textDocuments) {
      if (this.isAgreementDocument(document.uri)) this.changed.fire(document.uri);
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function openAs(): OpenAs {
  return vscode.workspace.getConfiguration('techDealAtlas').get<OpenAs>('agreementDocument.openAs', 'preview') === 'source' ? 'source' : 'preview';
}

function focusLine(document: AgreementDocument, focus: DocumentFocus): number {
  if (!focus) return 0;
  if ('provision' in focus) return document.provisionLines.get(focus.provision) ?? 0;
  if ('source' in focus) return document.sourceLines.get(focus.source) ?? document.sourcesLine;
  if ('section' in focus) return (focus.section === 'timeline' ? document.timelineLine : document.disagreementsLine) ?? 0;
  return document.sourcesLine;
}

function isTextTabOf(tab: vscode.Tab, uri: vscode.Uri): boolean {
  return tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri.toString();
}

async function closeTextTabs(uri: vscode.Uri): Promise<void> {
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs.filter((t) => isTextTabOf(t, uri)));
  if (tabs.length) await vscode.window.tabGroups.close(tabs, true);
}

/** Registers the document provider and the open commands; returns the documents for the tree to follow. */
export function registerAgreementDocument(context: vscode.ExtensionContext, catalogService: CatalogService, memos: MemoIndexService): AgreementDocuments {
  const documents = new AgreementDocuments(catalogService, memos);
  const catalog = () => catalogService.catalog;

  context.subscriptions.push(
    documents,
    vscode.commands.registerCommand('techDealAtlas.openAgreement', async (...args: unknown[]) => {
      const id = agreementIdsFromArgs(args)[0] ?? (await pickAgreement(catalog(), dataLanguage()));
      // A second argument may name a section to scroll to (the Timeline and Disagreements views pass one).
      const section = (args[1] as { section?: unknown } | undefined)?.section;
      const focus: DocumentFocus = section === 'timeline' || section === 'disagreements' ? { section } : undefined;
      return id === undefined ? false : documents.open(id, focus);
    }),
    vscode.commands.registerCommand('techDealAtlas.openProvision', async (...args: unknown[]) => {
      const uid = provisionUidsFromArgs(args)[0] ?? (await pickProvision(catalog(), dataLanguage()));
      const provision = uid === undefined ? undefined : catalog()?.provisions.get(uid);
      if (!provision) {
        if (uid !== undefined) void vscode.window.showWarningMessage(vscode.l10n.t('The catalog has no provision "{0}".', uid));
        return false;
      }
      return documents.open(provision.agreementId, { provision: provision.uid });
    }),
    vscode.commands.registerCommand('techDealAtlas.openSource', (...args: unknown[]) => openSource(documents, catalog(), args)),
  );
  return documents;
}

/**
 * Opens what a source can show: its web page when it has one, else the Sources section of the agreement document
 * citing it (sources may have no URL: never a broken link). Argument: a source id, a provision uid, or a tree node.
 */
async function openSource(documents: AgreementDocuments, catalog: Catalog | undefined, args: unknown[]): Promise<boolean> {
  if (!catalog) return false;
  const lang = dataLanguage();
  const [first] = args;
  let candidates: SourceData[];
  let agreementId: string | undefined;
  if (first instanceof vscode.Uri && documents.isAgreementDocument(first)) {
    agreementId = agreementIdFromPath(first.path);
    return agreementId !== undefined && documents.open(agreementId, { sources: true });
  }
  if (isTreeNode(first)) {
    agreementId = first.agreementId;
    const provision = first.kind === 'provision' ? catalog.provisions.get(first.uid) : undefined;
    const agreement = agreementId === undefined ? undefined : catalog.agreements.get(agreementId);
    candidates = provision ? sourcesOf(catalog, provision.provenance.map((p) => p.source)) : agreement ? agreementSources(catalog, agreement) : [];
  } else if (typeof first === 'string' && catalog.provisions.has(first)) {
    const provision = catalog.provisions.get(first)!;
    agreementId = provision.agreementId;
    candidates = sourcesOf(catalog, provision.provenance.map((p) => p.source));
  } else if (typeof first === 'string') {
    const source = catalog.sources.get(first);
    if (!source) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The catalog has no source or provision "{0}".', first));
      return false;
    }
    candidates = [source];
  } else {
    candidates = [...catalog.sources.values()];
  }

  const source = candidates.length <= 1 ? candidates[0] : await pickSource(candidates, lang);
  if (!source) {
    if (candidates.length === 0 && agreementId !== undefined) return documents.open(agreementId, { sources: true });
    return false;
  }
  if (source.url && /^https:\/\//i.test(source.url)) return vscode.env.openExternal(vscode.Uri.parse(source.url, true));

  const citing = agreementId !== undefined ? [agreementId] : agreementsCiting(catalog, source.id);
  const target = citing.length <= 1 ? citing[0] : await pickCitingAgreement(catalog, citing, lang);
  if (target !== undefined) return documents.open(target, { source: source.id });
  if (citing.length === 0) {
    // Cited only by glossary terms or comparison notes: show what is known about it.
    void vscode.window.showInformationMessage(
      `${formatSourceLine(source, lang)} — ${sourceBadge(source, lang)}`,
      { modal: false, detail: source.note && text(source.note, lang) },
    );
  }
  return false;
}

function sourcesOf(catalog: Catalog, ids: readonly string[]): SourceData[] {
  return [...new Set(ids)].map((id) => catalog.sources.get(id)).filter((s): s is SourceData => s !== undefined);
}

function agreementsCiting(catalog: Catalog, sourceId: string): string[] {
  return [...catalog.agreements.values()].filter((a) => agreementSources(catalog, a).some((s) => s.id === sourceId)).map((a) => a.id);
}

async function pickSource(sources: readonly SourceData[], lang: Lang): Promise<SourceData | undefined> {
  const picked = await vscode.window.showQuickPick(
    sources.map((source) => ({
      label: text(source.title, lang),
      description: sourceBadge(source, lang),
      detail: source.url ?? vscode.l10n.t('No web address: opens the Sources section of the agreement document'),
      iconPath: new vscode.ThemeIcon(source.url ? 'link-external' : 'book'),
      source,
    })),
    { placeHolder: vscode.l10n.t('Select a source to open'), matchOnDescription: true, matchOnDetail: true },
  );
  return picked?.source;
}

async function pickCitingAgreement(catalog: Catalog, ids: readonly string[], lang: Lang): Promise<string | undefined> {
  const picked = await vscode.window.showQuickPick(
    ids.map((id) => ({ label: text(catalog.agreements.get(id)!.title.short, lang), id })),
    { placeHolder: vscode.l10n.t('This source has no web address. Show it in which agreement document?') },
  );
  return picked?.id;
}
