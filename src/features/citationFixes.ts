// Quick fixes on citations (the diagnostics are features/citations.ts): a broken citation offers the provisions it may
// have meant, a former id offers the current one, a changed provision text offers "Acknowledge" (which changes no text,
// only what the workspace remembers), and a plain-text mention of a provision offers "Convert to citation". What to
// offer is core/citation/citationFixes.ts; this file turns it into code actions.
import * as vscode from 'vscode';
import { citationAtColumn, citationToken, formatCitation, resolveCitation, writeCitation } from '../core/citation/citation';
import { CITATION_DIAGNOSTIC } from '../core/citation/citationDiagnostics';
import { findProvisionMentions, replacementsFor } from '../core/citation/citationFixes';
import { AGREEMENT_DOCUMENT_SCHEME } from '../core/document/agreementDocument';
import type { CatalogService } from '../services/catalogService';
import { citationStyleSetting } from '../services/citationSettings';
import { ALL_DOCUMENTS, DocumentScope } from '../services/documentScope';
import { dataLanguage } from '../services/languageSetting';
import type { MemoIndexService } from '../services/memoIndexService';
import type { SearchIndexService } from '../services/searchIndexService';

/** Characters each side of the requested range looked at for plain-text mentions. */
const MENTION_WINDOW = 200;

export function registerCitationFixes(context: vscode.ExtensionContext, catalogService: CatalogService, searchIndex: SearchIndexService, memos: MemoIndexService): void {
  const scope = new DocumentScope();
  const provider: vscode.CodeActionProvider = {
    async provideCodeActions(document, range, context, token) {
      const catalog = catalogService.catalog;
      if (!catalog || document.uri.scheme === AGREEMENT_DOCUMENT_SCHEME || !scope.includes(document)) return undefined;
      const lang = dataLanguage();
      const actions: vscode.CodeAction[] = [];
      const ours = context.diagnostics.filter((d) => d.source === 'Tech Deal Atlas');
      for (const diagnostic of ours) {
        const line = document.lineAt(diagnostic.range.start.line).text;
        const cited = citationAtColumn(line, diagnostic.range.start.character);
        if (!cited) continue;
        if (diagnostic.code === CITATION_DIAGNOSTIC.renumbered) {
          const provision = resolveCitation(catalog, cited.uid)?.provision;
          if (provision) actions.push(replaceAction(document, diagnostic, vscode.l10n.t('Update to the current id {0}', citationToken(provision)), citationToken(provision), true));
        } else if (diagnostic.code === CITATION_DIAGNOSTIC.changed) {
          const provision = resolveCitation(catalog, cited.uid)?.provision;
          if (!provision) continue;
          const action = new vscode.CodeAction(vscode.l10n.t('Acknowledge the new text of {0}', citationToken(provision)), vscode.CodeActionKind.QuickFix);
          action.diagnostics = [diagnostic];
          action.isPreferred = true;
          action.command = { command: 'techDealAtlas.acknowledgeCitationChange', title: action.title, arguments: [document.uri.toString(), provision.uid] };
          actions.push(action);
        } else if (diagnostic.code === CITATION_DIAGNOSTIC.broken) {
          const index = await searchIndex.get();
          if (token.isCancellationRequested) return undefined;
          const remembered = memos.citedTexts.remembered(document.uri.toString(), cited.uid);
          replacementsFor(catalog, index, cited.uid, { remembered, lineText: line }).forEach((p, i) => {
            actions.push(replaceAction(document, diagnostic, vscode.l10n.t('Replace with {0}', formatCitation(catalog, p, lang)), citationToken(p), i === 0));
          });
        }
      }
      // Plain-text mentions on the line(s) of the request, when no citation diagnostic is being fixed there.
      if (!ours.length && range.start.line === range.end.line) {
        const index = await searchIndex.get();
        if (!index || token.isCancellationRequested) return actions;
        const line = document.lineAt(range.start.line).text;
        const from = Math.max(0, range.start.character - MENTION_WINDOW);
        const to = Math.min(line.length, range.end.character + MENTION_WINDOW);
        const window = line.slice(from, to);
        const style = citationStyleSetting();
        for (const m of findProvisionMentions(catalog, index, window, range.start.character - from, Math.max(range.end.character, range.start.character + 1) - from)) {
          const mention = window.slice(m.start, m.end);
          // In the id style the analyst's words stay and the token follows them; otherwise the citation replaces them.
          const replacement = style === 'id' ? `${mention} (${citationToken(m.provision)})` : writeCitation(catalog, m.provision, lang, style);
          const action = new vscode.CodeAction(vscode.l10n.t('Convert to citation: {0}', formatCitation(catalog, m.provision, lang)), vscode.CodeActionKind.QuickFix);
          action.edit = new vscode.WorkspaceEdit();
          action.edit.replace(document.uri, new vscode.Range(range.start.line, from + m.start, range.start.line, from + m.end), replacement);
          actions.push(action);
        }
      }
      return actions;
    },
  };
  context.subscriptions.push(
    scope,
    vscode.languages.registerCodeActionsProvider(ALL_DOCUMENTS, provider, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    vscode.commands.registerCommand('techDealAtlas.acknowledgeCitationChange', (memo: unknown, uid: unknown) => typeof memo === 'string' && typeof uid === 'string' && memos.acknowledge(memo, uid)),
  );
}

function replaceAction(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, title: string, newText: string, preferred: boolean): vscode.CodeAction {
  const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  action.isPreferred = preferred;
  action.edit = new vscode.WorkspaceEdit();
  action.edit.replace(document.uri, diagnostic.range, newText);
  return action;
}
