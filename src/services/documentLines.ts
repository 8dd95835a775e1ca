// A text document as the core's line source (core/glossary/multilineTerms.ts): lines read on demand, never the whole
// text at once. One adapter for the hover, Find All References, Search Term at Cursor and the memo index.
import type * as vscode from 'vscode';
import type { LineSource } from '../core/glossary/multilineTerms';

export function documentLines(document: vscode.TextDocument): LineSource {
  return { lineCount: document.lineCount, lineAt: (line) => (line >= 0 && line < document.lineCount ? document.lineAt(line).text : '') };
}
