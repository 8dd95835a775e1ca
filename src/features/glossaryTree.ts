// The Glossary view in the sidebar: every term in the catalog language's order (Korean in 가나다 order), the other
// language and abbreviations beside it, the definition as tooltip; under a term, its related agreements, sectors
// and terms. Owns techDealAtlas.revealTerm.
import * as vscode from 'vscode';
import { officialTitleLabel } from '../core/labels/agreementLabels';
import { sortedTerms, termSecondaryLabel } from '../core/glossary/glossary';
import { text, type Catalog, type Lang } from '../core/catalog/model';
import type { CatalogService } from '../services/catalogService';
import { termMarkdown } from '../core/glossary/termMarkdown';
import { hoverStrings, toMarkdownString } from '../services/markdownString';
import { dataLanguage, onDidChangeDataLanguage } from '../services/languageSetting';

export type GlossaryNode =
  | { readonly kind: 'term'; readonly id: string }
  | { readonly kind: 'agreement' | 'sector' | 'related-term'; readonly id: string; readonly termId: string };

export const GLOSSARY_VIEW_ID = 'techDealAtlas.glossary';

export class GlossaryTreeProvider implements vscode.TreeDataProvider<GlossaryNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];
  /** Root nodes for the current catalog and language, kept so that reveal() finds the very objects shown. */
  private roots: { catalog: Catalog; lang: Lang; nodes: Map<string, GlossaryNode> } | undefined;

  constructor(private readonly catalogService: CatalogService) {
    this.subscriptions = [catalogService.onDidChange(() => this.refresh()), onDidChangeDataLanguage(() => this.refresh())];
  }

  private refresh(): void {
    this.roots = undefined;
    this.changed.fire();
  }

  private current(): { catalog: Catalog; lang: Lang; nodes: Map<string, GlossaryNode> } | undefined {
    const catalog = this.catalogService.catalog;
    if (!catalog) return undefined;
    const lang = dataLanguage();
    if (this.roots?.catalog !== catalog || this.roots.lang !== lang) {
      const nodes = new Map<string, GlossaryNode>(sortedTerms(catalog, lang).map((t) => [t.id, { kind: 'term', id: t.id }]));
      this.roots = { catalog, lang, nodes };
    }
    return this.roots;
  }

  /** The root node of a term, or undefined when the catalog has no such term. */
  termNode(id: string): GlossaryNode | undefined {
    return this.current()?.nodes.get(id);
  }

  getChildren(node?: GlossaryNode): GlossaryNode[] {
    const state = this.current();
    if (!state) return [];
    if (!node) return [...state.nodes.values()];
    if (node.kind !== 'term') return [];
    const { catalog } = state;
    const term = catalog.terms.get(node.id);
    const related = term?.related;
    if (!related) return [];
    return [
      ...(related.agreements ?? []).filter((id) => catalog.agreements.has(id)).map((id) => ({ kind: 'agreement' as const, id, termId: node.id })),
      ...(related.sectors ?? []).filter((id) => catalog.sectors.has(id)).map((id) => ({ kind: 'sector' as const, id, termId: node.id })),
      ...(related.terms ?? []).filter((id) => catalog.terms.has(id)).map((id) => ({ kind: 'related-term' as const, id, termId: node.id })),
    ];
  }

  getParent(node: GlossaryNode): GlossaryNode | undefined {
    return node.kind === 'term' ? undefined : this.termNode(node.termId);
  }

  getTreeItem(node: GlossaryNode): vscode.TreeItem {
    const state = this.current();
    const catalog = state?.catalog;
    const lang = state?.lang ?? dataLanguage();
    if (node.kind === 'term') {
      const term = catalog?.terms.get(node.id);
      if (!catalog || !term) return new vscode.TreeItem(node.id);
      const hasChildren = this.getChildren(node).length > 0;
      const item = new vscode.TreeItem(text(term.term, lang), hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
      item.id = `term:${term.id}`;
      item.description = termSecondaryLabel(term, lang);
      item.tooltip = toMarkdownString(termMarkdown(catalog, term, lang, hoverStrings(), { showInSidebar: false }));
      item.iconPath = new vscode.ThemeIcon(term.definitionBasis === 'editorial' ? 'note' : 'book');
      item.contextValue = 'glossaryTerm';
      item.accessibilityInformation = {
        label: [text(term.term, lang), item.description, text(term.definition, lang)].filter(Boolean).join('. '),
        role: 'treeitem',
      };
      return item;
    }
    const id = `${node.kind}:${node.termId}/${node.id}`;
    if (node.kind === 'agreement') {
      const agreement = catalog?.agreements.get(node.id);
      const item = new vscode.TreeItem(agreement ? text(agreement.title.short, lang) : node.id);
      item.id = id;
      item.description = vscode.l10n.t('Related agreement');
      item.tooltip = agreement ? officialTitleLabel(agreement, lang) : undefined;
      item.iconPath = new vscode.ThemeIcon('file-text');
      item.command = { command: 'techDealAtlas.revealInTree', title: vscode.l10n.t('Show in Sidebar'), arguments: [{ kind: 'agreement', id: node.id }] };
      return item;
    }
    if (node.kind === 'sector') {
      const sector = catalog?.sectors.get(node.id);
      const item = new vscode.TreeItem(sector ? text(sector.name, lang) : node.id);
      item.id = id;
      item.description = vscode.l10n.t('Sector');
      item.tooltip = sector ? text(sector.description, lang) : undefined;
      item.iconPath = new vscode.ThemeIcon(sector && /^[a-z0-9-]+$/.test(sector.icon) ? sector.icon : 'tag');
      item.command = { command: 'techDealAtlas.revealInTree', title: vscode.l10n.t('Show in Sidebar'), arguments: [{ kind: 'sector', id: node.id }] };
      return item;
    }
    const term = catalog?.terms.get(node.id);
    const item = new vscode.TreeItem(term ? text(term.term, lang) : node.id);
    item.id = id;
    item.description = vscode.l10n.t('Related term');
    item.iconPath = new vscode.ThemeIcon('references');
    item.command = { command: 'techDealAtlas.revealTerm', title: vscode.l10n.t('Show in Sidebar'), arguments: [node.id] };
    return item;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}

export interface GlossaryViewHandle {
  readonly view: vscode.TreeView<GlossaryNode>;
  readonly provider: GlossaryTreeProvider;
}

export function registerGlossaryView(context: vscode.ExtensionContext, catalogService: CatalogService): GlossaryViewHandle {
  const provider = new GlossaryTreeProvider(catalogService);
  const view = vscode.window.createTreeView(GLOSSARY_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  view.title = vscode.l10n.t('Glossary');
  const updateMessage = () => {
    const catalog = catalogService.catalog;
    view.message = catalog && catalog.terms.size === 0 ? vscode.l10n.t('The glossary is empty.') : undefined;
    view.description = catalog && catalog.terms.size > 0 ? vscode.l10n.t('{0} terms', catalog.terms.size) : undefined;
  };
  updateMessage();

  context.subscriptions.push(
    provider,
    view,
    catalogService.onDidChange(updateMessage),
    vscode.commands.registerCommand('techDealAtlas.revealTerm', async (arg?: unknown) => {
      await catalogService.whenReady();
      const id = typeof arg === 'string' ? arg : isGlossaryNode(arg) ? (arg.kind === 'term' ? arg.id : arg.termId) : undefined;
      if (!id) return false;
      const node = provider.termNode(id);
      if (!node) {
        void vscode.window.showWarningMessage(vscode.l10n.t('The glossary has no term "{0}".', id));
        return false;
      }
      await view.reveal(node, { select: true, focus: true, expand: true });
      return true;
    }),
  );
  return { view, provider };
}

function isGlossaryNode(value: unknown): value is GlossaryNode {
  return !!value && typeof value === 'object' && typeof (value as GlossaryNode).id === 'string' && typeof (value as GlossaryNode).kind === 'string';
}
