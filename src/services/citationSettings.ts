// The techDealAtlas.citation.* settings, read in one place: how citations are written (copy, insert, completion) and
// the extra text that opens citation completion.
import * as vscode from 'vscode';
import { citationStyle, type CitationStyle } from '../core/citation/citation';

export function citationStyleSetting(): CitationStyle {
  return citationStyle(vscode.workspace.getConfiguration('techDealAtlas').get('citation.style'));
}

/** The configured completion trigger (`@@`, `[[` …), trimmed; '' when none. */
export function completionTriggerSetting(): string {
  const value = vscode.workspace.getConfiguration('techDealAtlas').get('citation.completionTrigger');
  return typeof value === 'string' ? value.trim().slice(0, 8) : '';
}
