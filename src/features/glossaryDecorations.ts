// Optional dotted underline under glossary terms (setting techDealAtlas.glossary.underline, off by default): only
// in visible editors, only over their visible lines, recomputed after a short pause when something changes. Terms split
// by a line break are underlined on both lines (core/glossary/multilineTerms.ts).
import * as vscode from 'vscode';
import { matcherForCatalog } from '../core/glossary/glossaryMatcher';
import { termSegments, termsInLines } from '../core/glossary/multilineTerms';
import type { CatalogService } from '../services/catalogService';
import { DocumentScope } from '../services/documentScope';

const DEBOUNCE_MS = 150;
/** Characters of one line looked at (a minified megabyte line shows only its start anyway). */
const MAX_LINE_SCAN = 20_000;
/** Lines above and below the visible ones, so a small scroll does not show undecorated text. */
const MARGIN_LINES = 20;

export function registerGlossaryDecorations(context: vscode.ExtensionContext, catalogService: CatalogService): void {
  const scope = new DocumentScope();
  context.subscriptions.push(scope);
  const decoration = vscode.window.createTextEditorDecorationType({
    borderStyle: 'dotted',
    borderWidth: '0 0 1px 0',
    borderColor: new vscode.ThemeColor('editorInfo.foreground'),
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
  let enabled = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const decorated = new Set<vscode.TextEditor>();

  const readSetting = () => {
    enabled = vscode.workspace.getConfiguration('techDealAtlas').get<boolean>('glossary.underline', false);
  };

  const update = () => {
    timer = undefined;
    const catalog = catalogService.catalog;
    const visible = new Set(vscode.window.visibleTextEditors);
    for (const editor of decorated) {
      if (!visible.has(editor)) decorated.delete(editor);
    }
    for (const editor of visible) {
      const ranges: vscode.Range[] = [];
      if (enabled && catalog && catalog.terms.size > 0 && scope.includes(editor.document)) {
        const matcher = matcherForCatalog(catalog);
        const document = editor.document;
        const lines = { lineCount: document.lineCount, lineAt: (line: number) => document.lineAt(line).text };
        // Visible ranges with their margins, merged, so that no line is matched twice.
        const spans = editor.visibleRanges
          .map((range) => [Math.max(0, range.start.line - MARGIN_LINES), Math.min(document.lineCount - 1, range.end.line + MARGIN_LINES)])
          .sort((a, b) => a[0] - b[0]);
        for (let i = 0; i < spans.length; ) {
          const [first] = spans[i];
          let last = spans[i][1];
          for (i++; i < spans.length && spans[i][0] <= last + 1; i++) last = Math.max(last, spans[i][1]);
          for (const m of termsInLines(matcher, lines, first, last, MAX_LINE_SCAN)) {
            // Per line, so that a split term's underline skips the line break's whitespace and `>` markers.
            for (const s of termSegments(lines, m)) ranges.push(new vscode.Range(s.line, s.start, s.line, s.end));
          }
        }
      }
      if (ranges.length || decorated.has(editor)) {
        editor.setDecorations(decoration, ranges);
        if (ranges.length) decorated.add(editor);
        else decorated.delete(editor);
      }
    }
  };

  const schedule = () => {
    if (!enabled && decorated.size === 0) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(update, DEBOUNCE_MS);
  };

  readSetting();
  context.subscriptions.push(
    decoration,
    { dispose: () => timer && clearTimeout(timer) },
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('techDealAtlas.glossary.underline')) {
        readSetting();
        // Turning it off clears what is shown: schedule even though `enabled` is now false.
        if (timer) clearTimeout(timer);
        timer = setTimeout(update, 0);
      }
    }),
    scope.onDidChange(schedule),
    catalogService.onDidChange(schedule),
    vscode.window.onDidChangeVisibleTextEditors(schedule),
    vscode.window.onDidChangeTextEditorVisibleRanges(schedule),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (vscode.window.visibleTextEditors.some((editor) => editor.document === e.document)) schedule();
    }),
    vscode.workspace.onDidOpenTextDocument(schedule),
  );
  schedule();
}
