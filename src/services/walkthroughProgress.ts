// The Get Started walkthrough (package.json contributes.walkthroughs) ticks a step off when the user does the real
// thing, not when they click the step's button: a command opened and then cancelled is no step done. So the actions
// (a hover answered, agreements compared, a citation completed, an agreement file written, treaties imported) set a
// context key that the step's completionEvents wait for (`onContext:techDealAtlas.walkthrough.<action>`).
// Each key is set once per window: after that, a hover costs one Set lookup.
import * as vscode from 'vscode';

export type WalkthroughAction = 'hovered' | 'compared' | 'cited' | 'agreementAdded' | 'imported';

/** Run by an accepted citation completion (CompletionItem.command): the "cite a provision" step. */
export const CITATION_COMPLETED_COMMAND = 'techDealAtlas.citationCompleted';

const done = new Set<WalkthroughAction>();

export function markWalkthroughAction(action: WalkthroughAction): void {
  if (done.has(action)) return;
  done.add(action);
  void vscode.commands.executeCommand('setContext', `techDealAtlas.walkthrough.${action}`, true);
}
