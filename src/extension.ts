import * as vscode from 'vscode';

// Wires core to features; holds no domain logic. Everything registered goes through context.subscriptions.
export function activate(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('techDealAtlas.showProblems', () => undefined),
    vscode.commands.registerCommand('techDealAtlas.reloadCatalog', () => undefined),
  );
}

export function deactivate(): void {
  // Nothing to do: disposables are released through context.subscriptions.
}
