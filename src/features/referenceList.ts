// The command techDealAtlas.insertReferenceList: inserts or updates the active memo's reference list
// (core/citation/referenceList.ts decides what the list says and which one range it replaces; this file only asks
// where a new list goes and applies that one edit).
import * as vscode from 'vscode';
import { citedProvisions, findReferenceBlock, referenceFormat, referenceListEdit, type Placement } from '../core/citation/referenceList';
import { AGREEMENT_DOCUMENT_SCHEME } from '../core/document/agreementDocument';
import type { CatalogService } from '../services/catalogService';

const COMMAND = 'techDealAtlas.insertReferenceList';

/** Registers the command; it resolves to `true` when it changed the memo. */
export function registerReferenceList(context: vscode.ExtensionContext, catalogService: CatalogService): void {
  context.subscriptions.push(vscode.commands.registerCommand(COMMAND, (options?: unknown) => insertReferenceList(catalogService, options)));
}

/** `{ placement: 'cursor' | 'end' }` (from tests or keybindings) skips the question where a new list goes. */
function placementOption(options: unknown): Placement | undefined {
  const placement = options && typeof options === 'object' ? (options as { placement?: unknown }).placement : undefined;
  return placement === 'cursor' || placement === 'end' ? placement : undefined;
}

async function insertReferenceList(catalogService: CatalogService, options: unknown): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  // The agreement documents are read-only renderings that cite every provision of their agreement: no memo.
  if (!editor || editor.document.uri.scheme === AGREEMENT_DOCUMENT_SCHEME) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open a memo in the editor to insert its reference list.'));
    return false;
  }
  await catalogService.whenReady();
  const catalog = catalogService.catalog;
  if (!catalog) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The agreement catalog is not loaded yet.'));
    return false;
  }
  const { document } = editor;
  const cited = citedProvisions(catalog, document.getText());
  if (!cited.provisions.length && !cited.broken.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('This memo cites no provisions yet: cite one as {0}, then run the command again.', 'tda:kr-us-tpd/28'));
    return false;
  }
  let placement = placementOption(options);
  if (!placement && !findReferenceBlock(document.getText())) {
    const picked = await vscode.window.showQuickPick(
      [
        { label: vscode.l10n.t('At the cursor'), placement: 'cursor' as const },
        { label: vscode.l10n.t('At the end of the memo'), placement: 'end' as const },
      ],
      { placeHolder: vscode.l10n.t('Where should the reference list go? Later runs update it where it is.') },
    );
    if (!picked) return false;
    placement = picked.placement;
  }
  if (editor.document.isClosed) return false;
  // Read again: the memo may have changed while the pick was open.
  const memo = document.getText();
  const edit = referenceListEdit(catalog, memo, {
    cursorOffset: document.offsetAt(editor.selection.active),
    placement: placement ?? 'end',
    format: referenceFormat(document.languageId),
    eol: document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n',
  });
  if (edit.start !== edit.end && memo.slice(edit.start, edit.end) === edit.newText) {
    void vscode.window.showInformationMessage(vscode.l10n.t('The reference list is up to date.'));
    return false;
  }
  const range = new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end));
  // Rejects when the editor was closed meanwhile: that is a failed edit, not an error.
  const applied = await editor.edit((builder) => builder.replace(range, edit.newText)).then((ok) => ok, () => false);
  if (!applied) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Could not write the reference list: the document is read-only or changed meanwhile.'));
    return false;
  }
  editor.revealRange(new vscode.Range(range.start, range.start), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return true;
}
