// Find All References (Shift+F12) on a citation or a glossary term in any memo: every place in the workspace's memos
// that cites the same provision (by its current or a former id) or uses the same term. The places come from the memo
// index (services/memoIndexService.ts); what is under the cursor from the core's citation and term finders.
import * as vscode from 'vscode';
import { citableUids, citationAtColumn, resolveCitation } from '../core/citation/citation';
import { matcherForCatalog } from '../core/glossary/glossaryMatcher';
import { termAtPosition } from '../core/glossary/multilineTerms';
import { AGREEMENT_DOCUMENT_SCHEME } from '../core/document/agreementDocument';
import type { CatalogService } from '../services/catalogService';
import { documentLines } from '../services/documentLines';
import { ALL_DOCUMENTS } from '../services/documentScope';
import type { MemoIndexService } from '../services/memoIndexService';

export function registerCitationReferences(context: vscode.ExtensionContext, catalogService: CatalogService, memos: MemoIndexService): void {
  const provider: vscode.ReferenceProvider = {
    async provideReferences(document, position) {
      const catalog = catalogService.catalog;
      if (!catalog || document.uri.scheme === AGREEMENT_DOCUMENT_SCHEME) return undefined;
      const citation = citationAtColumn(document.lineAt(position.line).text, position.character);
      if (citation) {
        const resolved = resolveCitation(catalog, citation.uid);
        const uids = resolved ? citableUids(resolved.provision) : [citation.uid];
        await memos.whenScanned();
        return memos.index.citationsOf(uids).map((c) => new vscode.Location(vscode.Uri.parse(c.memo), new vscode.Range(c.line, c.start, c.line, c.end)));
      }
      if (!catalog.terms.size) return undefined;
      const term = termAtPosition(matcherForCatalog(catalog), documentLines(document), position.line, position.character, true);
      if (!term) return undefined;
      await memos.whenScanned();
      return memos.index.termOccurrences(term.termId).map((t) => new vscode.Location(vscode.Uri.parse(t.memo), new vscode.Range(t.line, t.start, t.endLine, t.end)));
    },
  };
  context.subscriptions.push(vscode.languages.registerReferenceProvider(ALL_DOCUMENTS, provider));
}
