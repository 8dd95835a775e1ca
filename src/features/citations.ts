// Citations are live in any document: a `tda:<agreement>/<provision>` token (core/citation/citation.ts defines the format)
// gets a hover with the provision's text and sources, is a Ctrl/Cmd+click link that opens the provision, and gets a
// warning when its provision is not in the catalog (any more).
import * as vscode from 'vscode';
import { text, type Catalog } from '../core/catalog/model';
import { findCitations, type CitationMatch } from '../core/citation/citation';
import { citationHoverMarkdown } from '../core/citation/citationHover';
import { AGREEMENT_DOCUMENT_SCHEME } from '../core/document/agreementDocument';
import { commandUri } from '../core/text/commandLink';
import type { CatalogService } from '../services/catalogService';
import { ALL_DOCUMENTS, DocumentScope } from '../services/documentScope';
import { dataLanguage } from '../services/languageSetting';
import { hoverStrings, toMarkdownString } from '../services/markdownString';

/** Characters around the cursor a hover looks at: any real citation token is far shorter. */
const HOVER_WINDOW = 200;
/** Where dangling citations are reported: documents on disk or being written, not diff views or virtual documents. */
const DIAGNOSTIC_SCHEMES = new Set(['file', 'untitled', 'vscode-notebook-cell', 'vscode-vfs', 'vscode-remote']);
const DIAGNOSTICS_DEBOUNCE_MS = 300;

const OPEN_PROVISION = 'techDealAtlas.openProvision';

export function registerCitations(context: vscode.ExtensionContext, catalogService: CatalogService): void {
  const scope = new DocumentScope();
  // The agreement documents print each provision's own citation next to its text: nothing to add there.
  const applies = (document: vscode.TextDocument) => document.uri.scheme !== AGREEMENT_DOCUMENT_SCHEME && scope.includes(document);

  const hover: vscode.HoverProvider = {
    provideHover(document, position) {
      const catalog = catalogService.catalog;
      if (!catalog || !scope.hoversEnabled || !applies(document)) return undefined;
      const citation = citationAt(document.lineAt(position.line).text, position.character);
      const provision = citation && catalog.provisions.get(citation.uid);
      if (!citation || !provision) return undefined;
      return new vscode.Hover(toMarkdownString(citationHoverMarkdown(catalog, provision, dataLanguage(), hoverStrings())), new vscode.Range(position.line, citation.start, position.line, citation.end));
    },
  };

  const links: vscode.DocumentLinkProvider = {
    provideDocumentLinks(document) {
      const catalog = catalogService.catalog;
      if (!catalog || !applies(document)) return [];
      return documentCitations(document).flatMap(({ uid, range }) => {
        if (!catalog.provisions.has(uid)) return [];
        const link = new vscode.DocumentLink(range, vscode.Uri.parse(commandUri(OPEN_PROVISION, [uid])));
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
    const found = documentCitations(document)
      .filter(({ uid }) => !catalog.provisions.has(uid))
      .map(({ uid, range }) => danglingDiagnostic(catalog, uid, range));
    diagnostics.set(document.uri, found);
  };
  const schedule = (document: vscode.TextDocument) => {
    const key = document.uri.toString();
    clearTimeout(timers.get(key));
    timers.set(key, setTimeout(() => check(document), DIAGNOSTICS_DEBOUNCE_MS));
  };
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
  );
  if (catalogService.catalog) checkAll();
}

/** The citation token under `character`, looking only at a window of the line around it. */
function citationAt(line: string, character: number): CitationMatch | undefined {
  const from = Math.max(0, character - HOVER_WINDOW);
  const to = Math.min(line.length, character + HOVER_WINDOW);
  for (const c of findCitations(line.slice(from, to))) {
    const start = from + c.start;
    const end = from + c.end;
    // A token cut by the window edge is not trusted: `\b` may have matched inside a word, or the id may go on.
    if ((c.start === 0 && from > 0) || (c.end === to - from && to < line.length)) continue;
    if (start <= character && character < end) return { uid: c.uid, start, end };
  }
  return undefined;
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
  const diagnostic = new vscode.Diagnostic(range, message, vscode.DiagnosticSeverity.Warning);
  diagnostic.source = 'Tech Deal Atlas';
  diagnostic.code = 'dangling-citation';
  return diagnostic;
}
