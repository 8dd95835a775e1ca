// Citations are live in any document: a `tda:<agreement>/<provision>` token (core/citation/citation.ts defines the format)
// gets a hover with the provision's text and sources, is a Ctrl/Cmd+click link that opens the provision, and gets a
// diagnostic when it needs attention: a warning when its provision is not in the catalog (any more), information when
// it cites a former id of a renumbered provision, or when the provision's text changed since the memo cited it (the
// memo index remembers what each memo cited). The quick fixes for these are features/citationFixes.ts.
import * as vscode from 'vscode';
import { text, type Catalog } from '../core/catalog/model';
import { citationAtColumn, findCitations, resolveCitation } from '../core/citation/citation';
import { CITATION_DIAGNOSTIC } from '../core/citation/citationDiagnostics';
import type { ChangedCitation } from '../core/citation/citedTexts';
import { truncate } from '../core/text/truncate';
import { citationHoverMarkdown } from '../core/citation/citationHover';
import { AGREEMENT_DOCUMENT_SCHEME } from '../core/document/agreementDocument';
import { commandUri } from '../core/text/commandLink';
import type { CatalogService } from '../services/catalogService';
import type { MemoIndexService } from '../services/memoIndexService';
import { ALL_DOCUMENTS, DocumentScope } from '../services/documentScope';
import { dataLanguage } from '../services/languageSetting';
import { hoverStrings, toMarkdownString } from '../services/markdownString';

/** Where dangling citations are reported: documents on disk or being written, not diff views or virtual documents. */
const DIAGNOSTIC_SCHEMES = new Set(['file', 'untitled', 'vscode-notebook-cell', 'vscode-vfs', 'vscode-remote']);
const DIAGNOSTICS_DEBOUNCE_MS = 300;
/** Characters of each text (then and now) a changed-text diagnostic quotes. */
const TEXT_IN_DIAGNOSTIC_MAX = 400;

const OPEN_PROVISION = 'techDealAtlas.openProvision';

export function registerCitations(context: vscode.ExtensionContext, catalogService: CatalogService, memos: MemoIndexService): void {
  const scope = new DocumentScope();
  // The agreement documents print each provision's own citation next to its text: nothing to add there.
  const applies = (document: vscode.TextDocument) => document.uri.scheme !== AGREEMENT_DOCUMENT_SCHEME && scope.includes(document);

  const hover: vscode.HoverProvider = {
    provideHover(document, position) {
      const catalog = catalogService.catalog;
      if (!catalog || !scope.hoversEnabled || !applies(document)) return undefined;
      const citation = citationAtColumn(document.lineAt(position.line).text, position.character);
      const provision = citation && resolveCitation(catalog, citation.uid)?.provision;
      if (!citation || !provision) return undefined;
      return new vscode.Hover(toMarkdownString(citationHoverMarkdown(catalog, provision, dataLanguage(), hoverStrings())), new vscode.Range(position.line, citation.start, position.line, citation.end));
    },
  };

  const links: vscode.DocumentLinkProvider = {
    provideDocumentLinks(document) {
      const catalog = catalogService.catalog;
      if (!catalog || !applies(document)) return [];
      return documentCitations(document).flatMap(({ uid, range }) => {
        const provision = resolveCitation(catalog, uid)?.provision;
        if (!provision) return [];
        const link = new vscode.DocumentLink(range, vscode.Uri.parse(commandUri(OPEN_PROVISION, [provision.uid])));
        link.tooltip = vscode.l10n.t('Open provision {0}', uid);
        return [link];
      });
    },
  };

  const diagnostics = vscode.languages.createDiagnosticCollection('techDealAtlas.citations');
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const check = (document: vscode.TextDocument) => {
    const key = document.uri.toString();
    clearTimeout(timers.get(key));
    timers.delete(key);
    const catalog = catalogService.catalog;
    if (!catalog || document.isClosed || !DIAGNOSTIC_SCHEMES.has(document.uri.scheme) || !applies(document)) {
      diagnostics.delete(document.uri);
      return;
    }
    const changed = new Map(memos.index.has(document.uri.toString()) ? memos.changedCitations(document.uri.toString(), catalog).map((c) => [c.uid, c]) : []);
    const found = documentCitations(document).flatMap(({ uid, range }) => {
      const resolved = resolveCitation(catalog, uid);
      if (!resolved) return [danglingDiagnostic(catalog, uid, range)];
      const out: vscode.Diagnostic[] = [];
      if (resolved.renumbered) out.push(renumberedDiagnostic(uid, resolved.provision.uid, range));
      const change = changed.get(resolved.provision.uid);
      if (change) out.push(changedTextDiagnostic(change, range));
      return out;
    });
    diagnostics.set(document.uri, found);
  };
  const schedule = (document: vscode.TextDocument) => {
    const key = document.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(key, setTimeout(() => check(document), DIAGNOSTICS_DEBOUNCE_MS));
  };
  let lastMemoState = '';
  const checkAll = () => {
    for (const document of vscode.workspace.textDocuments) check(document);
  };

  context.subscriptions.push(
    scope,
    diagnostics,
    { dispose: () => timers.forEach((t) => clearTimeout(t)) },
    vscode.languages.registerHoverProvider(ALL_DOCUMENTS, hover),
    vscode.languages.registerDocumentLinkProvider(ALL_DOCUMENTS, links),
    vscode.workspace.onDidOpenTextDocument(check),
    vscode.workspace.onDidChangeTextDocument((e) => schedule(e.document)),
    vscode.workspace.onDidCloseTextDocument((document) => {
      clearTimeout(timers.get(document.uri.toString()));
      timers.delete(document.uri.toString());
      diagnostics.delete(document.uri);
    }),
    catalogService.onDidChange(checkAll),
    scope.onDidChange(checkAll),
    // An acknowledged change, or the memo index taking in an open document: not every index change (each edit is one,
    // and the edited document already has its own check scheduled).
    memos.onDidChange(() => {
      const state = `${memos.citedTexts.version}:${vscode.workspace.textDocuments.filter((d) => memos.index.has(d.uri.toString())).length}`;
      if (state === lastMemoState) return;
      lastMemoState = state;
      checkAll();
    }),
  );
  if (catalogService.catalog) checkAll();
}

/** Every citation token in a document with its range; line by line, without building the whole text as one string. */
function documentCitations(document: vscode.TextDocument): Array<{ uid: string; range: vscode.Range }> {
  const out: Array<{ uid: string; range: vscode.Range }> = [];
  for (let line = 0; line < document.lineCount; line++) {
    const lineText = document.lineAt(line).text;
    if (!lineText.includes('tda:')) continue;
    for (const { uid, start, end } of findCitations(lineText)) out.push({ uid, range: new vscode.Range(line, start, line, end) });
  }
  return out;
}

function danglingDiagnostic(catalog: Catalog, uid: string, range: vscode.Range): vscode.Diagnostic {
  const [agreementId, provisionId] = uid.split('/');
  const agreement = catalog.agreements.get(agreementId);
  const message = agreement
    ? vscode.l10n.t('Citation "{0}": agreement "{1}" has no provision "{2}" in the catalog.', `tda:${uid}`, text(agreement.title.short, dataLanguage()), provisionId)
    : vscode.l10n.t('Citation "{0}": the catalog has no agreement "{1}".', `tda:${uid}`, agreementId);
  return diagnostic(range, message, vscode.DiagnosticSeverity.Warning, CITATION_DIAGNOSTIC.broken);
}

function renumberedDiagnostic(cited: string, current: string, range: vscode.Range): vscode.Diagnostic {
  const message = vscode.l10n.t('Citation "{0}" uses a former id: the provision is now "{1}".', `tda:${cited}`, `tda:${current}`);
  return diagnostic(range, message, vscode.DiagnosticSeverity.Information, CITATION_DIAGNOSTIC.renumbered);
}

/** The text before and after, in the data language, so the diagnostic's hover shows what changed. */
function changedTextDiagnostic(change: ChangedCitation, range: vscode.Range): vscode.Diagnostic {
  const lang = dataLanguage();
  const quote = (value: ChangedCitation['now']) => truncate(text(value, lang), TEXT_IN_DIAGNOSTIC_MAX);
  const message = vscode.l10n.t('The text of "{0}" changed since this memo cited it.\nWhen cited: {1}\nNow: {2}', `tda:${change.uid}`, quote(change.before), quote(change.now));
  return diagnostic(range, message, vscode.DiagnosticSeverity.Information, CITATION_DIAGNOSTIC.changed);
}

function diagnostic(range: vscode.Range, message: string, severity: vscode.DiagnosticSeverity, code: string): vscode.Diagnostic {
  const d = new vscode.Diagnostic(range, message, severity);
  d.source = 'Tech Deal Atlas';
  d.code = code;
  return d;
}
