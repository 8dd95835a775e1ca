// Glossary hovers in every document people write in (any language, untitled, notebook cells), the Define Term at
// Cursor command, and the Markdown of a term (also the glossary view's tooltip). The matching itself is
// core/glossaryMatcher.ts; this file only asks it about the hovered line and renders the answer.
import * as vscode from 'vscode';
import { commandLink, safeWebUrl } from '../core/commandLink';
import { sortedTerms, termSecondaryLabel } from '../core/glossary';
import { matcherForCatalog, type GlossaryMatch } from '../core/glossaryMatcher';
import { otherLanguage } from '../core/language';
import { escapeMarkdown } from '../core/markdown';
import { text, type Catalog, type Lang, type Provenance, type TermData } from '../core/model';
import { citedSources, formatSourceLine, isOfficialSource, sourceKindLabel } from '../core/provenance';
import { truncate } from '../core/treeModel';
import type { CatalogService } from './catalogService';
import { DocumentScope } from './documentScope';
import { registerGlossaryDecorations } from './glossaryDecorations';
import { dataLanguage } from './languageSetting';

/** Every document a person types in; schemes that are not (the Output panel …) are filtered by DocumentScope. */
export const ALL_DOCUMENTS: vscode.DocumentSelector = '*';

/** How long a Define Term request lets the hover at the cursor accept a term that ends right before it. */
const DEFINE_WINDOW_MS = 3000;

export function registerGlossaryHovers(context: vscode.ExtensionContext, catalogService: CatalogService): void {
  const scope = new DocumentScope();
  let pendingDefine: { uri: string; position: vscode.Position; until: number } | undefined;

  /** The term under `position`; with `touching`, also one that ends right before it (a cursor after a word). */
  const termAt = (document: vscode.TextDocument, position: vscode.Position, touching: boolean): GlossaryMatch | undefined => {
    const catalog = catalogService.catalog;
    if (!catalog || catalog.terms.size === 0) return undefined;
    const line = document.lineAt(position.line).text;
    const matcher = matcherForCatalog(catalog);
    const hit = matcher.findAt(line, position.character);
    if (hit || !touching || position.character === 0) return hit;
    const before = matcher.findAt(line, position.character - 1);
    return before?.end === position.character ? before : undefined;
  };

  const provider: vscode.HoverProvider = {
    provideHover(document, position) {
      const define = pendingDefine;
      const forced = !!define && define.until > Date.now() && define.uri === document.uri.toString() && define.position.isEqual(position);
      if (!forced && !(scope.hoversEnabled && scope.includes(document))) return undefined;
      const catalog = catalogService.catalog;
      const match = termAt(document, position, forced);
      const term = match && catalog?.terms.get(match.termId);
      if (!catalog || !match || !term) return undefined;
      if (forced) pendingDefine = undefined;
      return new vscode.Hover(termMarkdown(catalog, term, dataLanguage()), new vscode.Range(position.line, match.start, position.line, match.end));
    },
  };

  // Build the new catalog's matcher soon after it loads, so that the first hover does not wait for it.
  let prebuild: ReturnType<typeof setTimeout> | undefined;
  context.subscriptions.push(
    catalogService.onDidChange((catalog) => {
      clearTimeout(prebuild);
      prebuild = setTimeout(() => matcherForCatalog(catalog), 0);
    }),
    { dispose: () => clearTimeout(prebuild) },
  );

  context.subscriptions.push(
    scope,
    vscode.languages.registerHoverProvider(ALL_DOCUMENTS, provider),
    vscode.commands.registerCommand('techDealAtlas.defineTerm', async () => {
      await catalogService.whenReady();
      const editor = vscode.window.activeTextEditor;
      const position = editor?.selection.active;
      if (editor && position && termAt(editor.document, position, true)) {
        // The editor's own hover, at the cursor: the same content and keyboard handling as a mouse hover.
        pendingDefine = { uri: editor.document.uri.toString(), position, until: Date.now() + DEFINE_WINDOW_MS };
        await vscode.commands.executeCommand('editor.action.showHover');
        return;
      }
      await pickTerm(catalogService.catalog, editor);
    }),
  );
  registerGlossaryDecorations(context, catalogService, scope);
}

/** No term at the cursor: pick one from the glossary (definitions shown in the list), then reveal it. */
async function pickTerm(catalog: Catalog | undefined, editor: vscode.TextEditor | undefined): Promise<void> {
  if (!catalog || catalog.terms.size === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('The glossary is empty.'));
    return;
  }
  const lang = dataLanguage();
  const items = sortedTerms(catalog, lang).map((term) => ({
    label: text(term.term, lang),
    description: termSecondaryLabel(term, lang),
    detail: text(term.definition, lang),
    id: term.id,
  }));
  const picker = vscode.window.createQuickPick<(typeof items)[number]>();
  picker.items = items;
  picker.matchOnDescription = true;
  picker.title = vscode.l10n.t('Define Term');
  picker.placeholder = editor ? vscode.l10n.t('No glossary term at the cursor. Type to find a term.') : vscode.l10n.t('Type to find a glossary term.');
  const selected = editor?.document.getText(editor.selection).trim();
  if (selected && selected.length <= 80 && !selected.includes('\n')) picker.value = selected;
  const picked = await new Promise<string | undefined>((resolve) => {
    picker.onDidAccept(() => resolve(picker.selectedItems[0]?.id));
    picker.onDidHide(() => resolve(undefined));
    picker.show();
  });
  picker.dispose();
  if (picked) await vscode.commands.executeCommand('techDealAtlas.revealTerm', picked);
}

// ---------------------------------------------------------------------------------------------
// Term Markdown

/** Long source titles are cut in hovers (the agreement document and the tree show them in full). */
const SOURCE_TITLE_MAX = 100;

const COMMANDS = {
  revealTerm: 'techDealAtlas.revealTerm',
  revealInTree: 'techDealAtlas.revealInTree',
  compare: 'techDealAtlas.compare',
  search: 'techDealAtlas.search',
} as const;

/**
 * A term for a hover or tooltip: both names with the actions right below them (hovers have a limited height: the
 * actions stay visible without scrolling), the definition in `lang` with the other language below, sources and
 * related agreements. Every data-derived string is escaped; only the linked commands are enabled.
 */
export function termMarkdown(catalog: Catalog, term: TermData, lang: Lang, options: { showInSidebar?: boolean } = {}): vscode.MarkdownString {
  const other = otherLanguage(lang);
  const enabled = new Set<string>();
  const link = (label: string, command: string, args: unknown[], tooltip?: string) => {
    enabled.add(command);
    return commandLink(label, command, args, tooltip);
  };
  const agreements = (term.related?.agreements ?? []).filter((id) => catalog.agreements.has(id));

  const actions: string[] = [];
  if (options.showInSidebar !== false) actions.push(link(`$(list-tree) ${escapeMarkdown(vscode.l10n.t('Show in Sidebar'))}`, COMMANDS.revealTerm, [term.id]));
  if (agreements.length >= 2) {
    actions.push(link(`$(diff) ${escapeMarkdown(vscode.l10n.t('Compare related agreements'))}`, COMMANDS.compare, [agreements]));
  }
  actions.push(link(`$(search) ${escapeMarkdown(vscode.l10n.t('Search'))}`, COMMANDS.search, [text(term.term, lang)], vscode.l10n.t('Search the catalog for this term')));

  const parts: string[] = [];
  const secondary = termSecondaryLabel(term, lang);
  parts.push(`**${escapeMarkdown(text(term.term, lang))}**${secondary ? ` · ${escapeMarkdown(secondary)}` : ''}  \n${actions.join(' · ')}`);
  parts.push(escapeMarkdown(text(term.definition, lang)));
  const otherDefinition = term.definition[other];
  if (otherDefinition && otherDefinition !== term.definition[lang]) parts.push(`> ${escapeMarkdown(otherDefinition)}`);

  // The source's caveat note is for citations (citation hovers show it); here its kind says enough.
  const sources = sourcesMarkdown(catalog, term.provenance, lang, { notes: false });
  const basis = term.definitionBasis === 'editorial' ? `*${escapeMarkdown(vscode.l10n.t("Editors' gloss: the source only names this term."))}*` : '';
  if (sources || basis) parts.push([sources, basis].filter(Boolean).join('  \n'));

  if (agreements.length) {
    const names = agreements.map((id) =>
      link(escapeMarkdown(text(catalog.agreements.get(id)!.title.short, lang)), COMMANDS.revealInTree, [{ kind: 'agreement', id }], vscode.l10n.t('Show in Sidebar')),
    );
    parts.push(`${escapeMarkdown(vscode.l10n.t('Related agreements:'))} ${names.join(' · ')}`);
  }

  const md = new vscode.MarkdownString(parts.join('\n\n'), true);
  md.isTrusted = { enabledCommands: [...enabled] };
  md.supportHtml = false;
  return md;
}

/**
 * `Source: Title (Publisher, date) — para. 1, sentence 2 · News/analysis (secondary source)`, one line per source,
 * with the source's caveat note below it unless `notes` is false.
 */
export function sourcesMarkdown(catalog: Catalog, provenance: readonly Provenance[], lang: Lang, options: { notes?: boolean } = {}): string {
  return citedSources(catalog, provenance, lang)
    .map(({ source, places }) => {
      const url = safeWebUrl(source.url);
      const title = escapeMarkdown(truncate(formatSourceLine(source, lang), SOURCE_TITLE_MAX));
      const where = places.length ? ` — ${escapeMarkdown(places.join('; '))}` : '';
      const kind = isOfficialSource(source.kind) ? '' : ` · *${escapeMarkdown(sourceKindLabel(source.kind, lang))}*`;
      const note = source.note && options.notes !== false ? `  \n*${escapeMarkdown(text(source.note, lang))}*` : '';
      return `$(book) ${escapeMarkdown(vscode.l10n.t('Source:'))} ${url ? `[${title}](${url})` : title}${where}${kind}${note}`;
    })
    .join('  \n');
}
