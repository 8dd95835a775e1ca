// Citation completion in every document the hovers cover: `tda:` (or the configured trigger) offers agreements, then
// their provisions. What is asked and what is offered is core/citation/citationCompletion.ts; this file turns it into
// completion items. The list is marked incomplete so that every keystroke (a Hangul syllable still being composed
// included) asks the search core again instead of VS Code filtering by its own rules.
import * as vscode from 'vscode';
import { citationCandidates, citationCompletionQuery } from '../core/citation/citationCompletion';
import { AGREEMENT_DOCUMENT_SCHEME } from '../core/document/agreementDocument';
import type { CatalogService } from '../services/catalogService';
import { citationStyleSetting, completionTriggerSetting } from '../services/citationSettings';
import { ALL_DOCUMENTS, DocumentScope } from '../services/documentScope';
import { dataLanguage } from '../services/languageSetting';
import type { SearchIndexService } from '../services/searchIndexService';
import { CITATION_COMPLETED_COMMAND } from '../services/walkthroughProgress';

export function registerCitationCompletion(context: vscode.ExtensionContext, catalogService: CatalogService, searchIndex: SearchIndexService): void {
  const scope = new DocumentScope();
  const provider: vscode.CompletionItemProvider = {
    async provideCompletionItems(document, position, token) {
      if (document.uri.scheme === AGREEMENT_DOCUMENT_SCHEME || !scope.includes(document)) return undefined;
      const line = document.lineAt(position.line).text;
      const query = citationCompletionQuery(line.slice(0, position.character), completionTriggerSetting());
      const catalog = catalogService.catalog;
      if (!query || !catalog) return undefined;
      // Ids need no index; text queries wait for it (built once, in the background, right after startup).
      const index = query.query.trim() ? await searchIndex.get() : searchIndex.current;
      if (token.isCancellationRequested || catalogService.catalog !== catalog) return undefined;
      const typed = line.slice(query.start, position.character);
      const range = new vscode.Range(position.line, query.start, position.line, position.character);
      const candidates = citationCandidates(catalog, index, query, { lang: dataLanguage(), style: citationStyleSetting(), sourceWord: vscode.l10n.t('Source:') });
      const items = candidates.map((c, i) => {
        const item = new vscode.CompletionItem({ label: c.label, description: c.description, detail: undefined }, c.kind === 'agreement' ? vscode.CompletionItemKind.Module : vscode.CompletionItemKind.Reference);
        item.detail = c.detail;
        const documentation = new vscode.MarkdownString(c.documentation, true);
        documentation.isTrusted = false;
        item.documentation = documentation;
        item.insertText = c.insertText;
        item.range = range;
        // The search core has ranked and filtered: VS Code keeps the items in that order and does not filter again.
        item.filterText = typed;
        item.sortText = String(i).padStart(4, '0');
        if (i === 0) item.preselect = true;
        item.command = c.retrigger
          ? { command: 'editor.action.triggerSuggest', title: vscode.l10n.t('Show provisions') }
          : { command: CITATION_COMPLETED_COMMAND, title: '' };
        return item;
      });
      return new vscode.CompletionList(items, true);
    },
  };
  const triggers = () => [':', '/', ...new Set(completionTriggerSetting().slice(-1))];
  let registration = vscode.languages.registerCompletionItemProvider(ALL_DOCUMENTS, provider, ...triggers());
  context.subscriptions.push(
    scope,
    { dispose: () => registration.dispose() },
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('techDealAtlas.citation.completionTrigger')) return;
      // Trigger characters are fixed at registration: register again with the new trigger's.
      registration.dispose();
      registration = vscode.languages.registerCompletionItemProvider(ALL_DOCUMENTS, provider, ...triggers());
    }),
  );
}
