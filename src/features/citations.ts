// Citations are live in any document: a `tda:<agreement>/<provision>` token (core/citation.ts defines the format)
// gets a hover with the provision's text and sources, is a Ctrl/Cmd+click link that opens the provision, and gets a
// warning when its provision is not in the catalog (any more).
import * as vscode from 'vscode';
import { bindingLabel } from '../core/agreementLabels';
import { findCitations, provisionName, type CitationMatch } from '../core/citation';
import { commandLink, commandUri } from '../core/commandLink';
import { otherLanguage } from '../core/language';
import { escapeMarkdown } from '../core/markdown';
import { text, type Catalog, type Lang, type Provision } from '../core/model';
import { AGREEMENT_DOCUMENT_SCHEME } from './agreementDocument';
import type { CatalogService } from './catalogService';
import { DocumentScope } from './documentScope';
import { ALL_DOCUMENTS, sourcesMarkdown } from './hover';
import { dataLanguage } from './languageSetting';

/** Characters around the cursor a hover looks at: any real citation token is far shorter. */
const HOVER_WINDOW = 200;
/** Where dangling citations are reported: documents on disk or being written, not diff views or virtual documents. */
const DIAGNOSTIC_SCHEMES = new Set(['file', 'untitled', 'vscode-notebook-cell', 'vscode-vfs', 'vscode-remote']);
const DIAGNOSTICS_DEBOUNCE_MS = 300;

const OPEN_PROVISION = 'techDealAtlas.openProvision';
const REVEAL_IN_TREE = 'techDealAtlas.revealInTree';

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
      return new vscode.Hover(provisionMarkdown(catalog, provision, dataLanguage()), new vscode.Range(position.line, citation.start, position.line, citation.end));
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

/** Hover for a citation: where it is from, the provision's text in both languages, its sources, and actions. */
function provisionMarkdown(catalog: Catalog, provision: Provision, lang: Lang): vscode.MarkdownString {
  const other = otherLanguage(lang);
  const agreement = catalog.agreements.get(provision.agreementId);
  const parts: string[] = [];
  const title = agreement ? text(agreement.title.short, lang) : provision.agreementId;
  const heading = provision.heading ? ` · ${escapeMarkdown(text(provision.heading, lang))}` : '';
  // Actions right under the title, as in glossary hovers: visible without scrolling the hover.
  const actions = [
    commandLink(`$(go-to-file) ${escapeMarkdown(vscode.l10n.t('Open Provision'))}`, OPEN_PROVISION, [provision.uid]),
    commandLink(`$(list-tree) ${escapeMarkdown(vscode.l10n.t('Show in Sidebar'))}`, REVEAL_IN_TREE, [{ kind: 'provision', id: provision.uid }]),
  ];
  parts.push(`**${escapeMarkdown(`${title}, ${provisionName(provision.id, lang)}`)}**${heading}  \n${actions.join(' · ')}`);
  parts.push(escapeMarkdown(text(provision.text, lang)));
  const otherText = provision.text[other];
  if (otherText && otherText !== provision.text[lang]) parts.push(`> ${escapeMarkdown(otherText)}`);
  const facts: string[] = [];
  if (agreement) facts.push(`$(law) ${escapeMarkdown(bindingLabel(agreement.legalNature.binding, lang))}`);
  const sectors = provision.sectors.map((id) => catalog.sectors.get(id)).filter((s) => s !== undefined);
  if (sectors.length) facts.push(`$(tag) ${escapeMarkdown(sectors.map((s) => text(s.name, lang)).join(', '))}`);
  if (facts.length) parts.push(facts.join(' · '));
  const sources = sourcesMarkdown(catalog, provision.provenance, lang);
  if (sources) parts.push(sources);
  const md = new vscode.MarkdownString(parts.join('\n\n'), true);
  md.isTrusted = { enabledCommands: [OPEN_PROVISION, REVEAL_IN_TREE] };
  md.supportHtml = false;
  return md;
}
