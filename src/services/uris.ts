import type * as vscode from 'vscode';

/** The last path segment of a URI. Not Node's `path.basename`: the web extension host has no `path` module. */
export function uriBaseName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}
