// The Get Started walkthrough's commands: open it, and open a sample memo to try hovers and citations on. The memo is
// an untitled document (never saved unless the user saves it), in the atlas's data language, so the terms it shows
// match the definitions the hovers give. Progress through the steps is services/walkthroughProgress.ts.
import * as vscode from 'vscode';
import { dataLanguage } from '../services/languageSetting';
import { CITATION_COMPLETED_COMMAND, markWalkthroughAction } from '../services/walkthroughProgress';

export const WALKTHROUGH_ID = 'gettingStarted';

export function registerWalkthrough(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('techDealAtlas.gettingStarted', () =>
      vscode.commands.executeCommand('workbench.action.openWalkthrough', `${context.extension.id}#${WALKTHROUGH_ID}`, false),
    ),
    vscode.commands.registerCommand('techDealAtlas.openSampleMemo', async () => {
      const file = vscode.Uri.joinPath(context.extensionUri, 'media', 'walkthrough', `sample-memo.${dataLanguage()}.md`);
      const content = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(file));
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content });
      const editor = await vscode.window.showTextDocument(document, { preview: false });
      // The cursor waits where the memo asks for a citation: the end of its last line that has text.
      let line = document.lineCount - 1;
      while (line > 0 && document.lineAt(line).isEmptyOrWhitespace) line--;
      const end = document.lineAt(line).range.end;
      editor.selection = new vscode.Selection(end, end);
      return editor;
    }),
    vscode.commands.registerCommand(CITATION_COMPLETED_COMMAND, () => markWalkthroughAction('cited')),
  );
}
