// Glossary hovers in every document people write in (any language, untitled, notebook cells) and the Define Term at
// Cursor command. The matching is core/glossary/glossaryMatcher.ts (a term split by a line break:
// core/glossary/multilineTerms.ts) and the Markdown core/glossary/termMarkdown.ts; this file only asks core about the
// hovered position and shows the answer.
import * as vscode from 'vscode';
import { text, type Catalog } from '../core/catalog/model';
import { sortedTerms, termSecondaryLabel } from '../core/glossary/glossary';
import { matcherForCatalog } from '../core/glossary/glossaryMatcher';
import { termAtPosition, type TermOccurrence } from '../core/glossary/multilineTerms';
import { termMarkdown } from '../core/glossary/termMarkdown';
import type { CatalogService } from '../services/catalogService';
import { documentLines } from '../services/documentLines';
import { ALL_DOCUMENTS, DocumentScope } from '../services/documentScope';
import { dataLanguage } from '../services/languageSetting';
import { hoverStrings, toMarkdownString } from '../services/markdownString';
import { markWalkthroughAction } from '../services/walkthroughProgress';

/** How long a Define Term request lets the hover at the cursor accept a term that ends right before it. */
const DEFINE_WINDOW_MS = 3000;

export function registerGlossaryHovers(context: vscode.ExtensionContext, catalogService: CatalogService): void {
  const scope = new DocumentScope();
  let pendingDefine: { uri: string; position: vscode.Position; until: number } | undefined;

  /** The term under `position`; with `touching`, also one that ends right before it (a cursor after a word). */
  const termAt = (document: vscode.TextDocument, position: vscode.Position, touching: boolean): TermOccurrence | undefined => {
    const catalog = catalogService.catalog;
    if (!catalog || catalog.terms.size === 0) return undefined;
    return termAtPosition(matcherForCatalog(catalog), documentLines(document), position.line, position.character, touching);
  };

  const provider: vscode.HoverProvider = {
    provideHover(document, position) {
      const define = pendingDefine;
      const forced = !!define && define.until > Date.now() && define.uri === document.uri.toString() && define.position.isEqual(position);
      if (!forced && !(scope.hoversEnabled && scope.includes(document))) return undefined;
      const catalog = catalogService.catalog;
      const match = termAt(document, position, forced);
      const term = match && catalog?.terms.get(match.termId);
      if (!catalog || !match || !term) return undefined;
      if (forced) pendingDefine = undefined;
      markWalkthroughAction('hovered');
      return new vscode.Hover(toMarkdownString(termMarkdown(catalog, term, dataLanguage(), hoverStrings())), new vscode.Range(match.start.line, match.start.character, match.end.line, match.end.character));
    },
  };

  // Build the new catalog's matcher soon after it loads, so that the first hover does not wait for it.
  let prebuild: ReturnType<typeof setTimeout> | undefined;
  context.subscriptions.push(
    catalogService.onDidChange((catalog) => {
      clearTimeout(prebuild);
      prebuild = setTimeout(() => matcherForCatalog(catalog), 0);
    }),
    { dispose: () => clearTimeout(prebuild) },
  );

  context.subscriptions.push(
    scope,
    vscode.languages.registerHoverProvider(ALL_DOCUMENTS, provider),
    vscode.commands.registerCommand('techDealAtlas.defineTerm', async () => {
      await catalogService.whenReady();
      const editor = vscode.window.activeTextEditor;
      const position = editor?.selection.active;
      if (editor && position && termAt(editor.document, position, true)) {
        // The editor's own hover, at the cursor: the same content and keyboard handling as a mouse hover.
        pendingDefine = { uri: editor.document.uri.toString(), position, until: Date.now() + DEFINE_WINDOW_MS };
        await vscode.commands.executeCommand('editor.action.showHover');
        return;
      }
      await pickTerm(catalogService.catalog, editor);
    }),
  );
}


/** No term at the cursor: pick one from the glossary (definitions shown in the list), then reveal it. */
async function pickTerm(catalog: Catalog | undefined, editor: vscode.TextEditor | undefined): Promise<void> {
  if (!catalog || catalog.terms.size === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('The glossary is empty.'));
    return;
  }
  const lang = dataLanguage();
  const items = sortedTerms(catalog, lang).map((term) => ({
    label: text(term.term, lang),
    description: termSecondaryLabel(term, lang),
    detail: text(term.definition, lang),
    id: term.id,
  }));
  const picker = vscode.window.createQuickPick<(typeof items)[number]>();
  picker.items = items;
  picker.matchOnDescription = true;
  picker.title = vscode.l10n.t('Define Term');
  picker.placeholder = editor ? vscode.l10n.t('No glossary term at the cursor. Type to find a term.') : vscode.l10n.t('Type to find a glossary term.');
  const selected = editor?.document.getText(editor.selection).trim();
  if (selected && selected.length <= 80 && !selected.includes('\n')) picker.value = selected;
  const picked = await new Promise<string | undefined>((resolve) => {
    picker.onDidAccept(() => resolve(picker.selectedItems[0]?.id));
    picker.onDidHide(() => resolve(undefined));
    picker.show();
  });
  picker.dispose();
  if (picked) await vscode.commands.executeCommand('techDealAtlas.revealTerm', picked);
}
