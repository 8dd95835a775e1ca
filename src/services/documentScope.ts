// The documents the glossary and citation features work in, and the settings that decide it:
//  - techDealAtlas.hover.enabled: one switch for every hover (glossary terms and citations);
//  - techDealAtlas.documents.includeLanguages / excludeLanguages: language ids (`*` = all) for hovers, term
//    underlines, citation links and citation diagnostics.
// The Output panel and other non-text surfaces are never in scope.
import * as vscode from 'vscode';
import { languageInScope } from '../core/text/documentScope';

/** Every document a person types in; schemes that are not (the Output panel …) are filtered by DocumentScope. */
export const ALL_DOCUMENTS: vscode.DocumentSelector = '*';

/** URI schemes that are not documents people write in. */
const NEVER = new Set(['output', 'vscode-scm', 'debug', 'walkThroughSnippet', 'vscode-terminal']);

export class DocumentScope implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when any of the settings above changes. */
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;
  private include: readonly string[] = ['*'];
  private exclude: readonly string[] = [];
  private hovers = true;

  constructor() {
    this.read();
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('techDealAtlas.hover.enabled') || e.affectsConfiguration('techDealAtlas.documents')) {
        this.read();
        this.changed.fire();
      }
    });
  }

  get hoversEnabled(): boolean {
    return this.hovers;
  }

  /** Whether the features act in this document at all (hovers additionally need `hoversEnabled`). */
  includes(document: vscode.TextDocument): boolean {
    return !NEVER.has(document.uri.scheme) && languageInScope(document.languageId, this.include, this.exclude);
  }

  private read(): void {
    const config = vscode.workspace.getConfiguration('techDealAtlas');
    this.hovers = config.get<boolean>('hover.enabled', true);
    this.include = stringList(config.get('documents.includeLanguages'), ['*']);
    this.exclude = stringList(config.get('documents.excludeLanguages'), []);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function stringList(value: unknown, fallback: readonly string[]): readonly string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : fallback;
}
