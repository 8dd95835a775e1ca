// Core Markdown (hovers, tooltips) as VS Code MarkdownStrings, and the UI words it needs in VS Code's language.
import * as vscode from 'vscode';
import type { HoverStrings } from '../core/labels/hoverStrings';
import type { TrustedMarkdown } from '../core/text/commandLink';

/** Codicons on, raw HTML off, and only the commands the Markdown links to enabled. */
export function toMarkdownString(markdown: TrustedMarkdown): vscode.MarkdownString {
  const md = new vscode.MarkdownString(markdown.value, true);
  md.isTrusted = { enabledCommands: [...markdown.commands] };
  md.supportHtml = false;
  return md;
}

let strings: HoverStrings | undefined;

/** VS Code's display language is fixed for the session: the words are looked up once, not on every hover. */
export function hoverStrings(): HoverStrings {
  return (strings ??= {
    source: vscode.l10n.t('Source:'),
    showInSidebar: vscode.l10n.t('Show in Sidebar'),
    openProvision: vscode.l10n.t('Open Provision'),
    compareRelated: vscode.l10n.t('Compare related agreements'),
    search: vscode.l10n.t('Search'),
    searchTooltip: vscode.l10n.t('Search the catalog for this term'),
    editorsGloss: vscode.l10n.t("Editors' gloss: the source only names this term."),
    relatedAgreements: vscode.l10n.t('Related agreements:'),
    inTheAgreement: vscode.l10n.t('In the agreement:'),
  });
}
