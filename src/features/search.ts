// Search… (command palette quick pick over agreements, provisions and glossary terms), Search in Sector, and Search
// Selection / Term at Cursor. The index and the ranking are core/search/searchIndex.ts; item text is core/search/searchResults.ts;
// this file builds the index off the activation path, drives the quick pick and hands picks to the owning features'
// commands (reveal in tree, open, reveal term, copy citation, compare).
import * as vscode from 'vscode';
import { matcherForCatalog } from '../core/glossary/glossaryMatcher';
import { termAtPosition } from '../core/glossary/multilineTerms';
import { text, type Catalog, type Lang } from '../core/catalog/model';
import { boundedQuery, MAX_QUERY_LENGTH, SearchIndex, SEARCH_KINDS, type SearchHit, type SearchKind } from '../core/search/searchIndex';
import { truncate } from '../core/text/truncate';
import { searchItemModel, type SearchItemModel } from '../core/search/searchResults';
import { sectorIdFromArgs } from '../core/tree/treeModel';
import type { CatalogService } from '../services/catalogService';
import { documentLines } from '../services/documentLines';
import type { SearchIndexService } from '../services/searchIndexService';
import { dataLanguage, onDidChangeDataLanguage } from '../services/languageSetting';

/** Most items per group; the groups together stay well under what the quick pick renders smoothly. */
const GROUP_LIMIT: Record<SearchKind, number> = { agreement: 20, provision: 60, term: 40 };
const RECENT_KEY = 'techDealAtlas.search.recent';
const RECENT_MAX = 12;
/** Longest selection taken as a query. */
const SELECTION_MAX = 200;
/** Longest query quoted back in "No results for …". */
const NO_RESULTS_QUOTE_MAX = 80;

export interface SearchTarget {
  kind: SearchKind;
  id: string;
}

/** What the open Search picker shows (test hook). */
export interface SearchPickerState {
  value: string;
  sector?: string;
  busy: boolean;
  /** Items in display order; separators as `{ separator: label }`. */
  items: ({ kind: SearchKind; id: string; label: string; description?: string; detail?: string } | { separator: string })[];
  active?: SearchTarget;
}

export interface SearchHandle {
  /** The index of the current catalog, built if needed. */
  index(): Promise<SearchIndex | undefined>;
  /** How the current index came to be: read back from storage (`reused`) or built, and how long it took. */
  indexOrigin(): { reused: boolean; documents: number; ms: number } | undefined;
  /** The open Search picker, if any. */
  picker(): SearchPickerState | undefined;
  /** Sets the open picker's value as typing would (VS Code reports it back through onDidChangeValue). */
  setPickerValue(value: string): boolean;
  /** Fires after the picker's items change. */
  readonly onDidUpdatePicker: vscode.Event<SearchPickerState>;
}

interface SearchPickItem extends vscode.QuickPickItem {
  target?: SearchTarget;
  model?: SearchItemModel;
}

const COPY_CITATION_BUTTON = 'copyCitation';
const COMPARE_BUTTON = 'compare';
interface ItemButton extends vscode.QuickInputButton {
  action: typeof COPY_CITATION_BUTTON | typeof COMPARE_BUTTON;
}

function groupLabel(kind: SearchKind): string {
  if (kind === 'agreement') return vscode.l10n.t('Agreements');
  if (kind === 'provision') return vscode.l10n.t('Provisions');
  return vscode.l10n.t('Glossary');
}

/** Recent picks, most recent first, per workspace. */
class RecentPicks {
  constructor(private readonly memento: vscode.Memento) {}

  list(catalog: Catalog): SearchTarget[] {
    const stored = this.memento.get<unknown>(RECENT_KEY);
    const valid = Array.isArray(stored) ? stored.filter(isSearchTarget) : [];
    return valid.filter((t) => exists(catalog, t));
  }

  async add(target: SearchTarget): Promise<void> {
    const stored = this.memento.get<unknown>(RECENT_KEY);
    const previous = Array.isArray(stored) ? stored.filter(isSearchTarget) : [];
    const next = [target, ...previous.filter((t) => t.kind !== target.kind || t.id !== target.id)].slice(0, RECENT_MAX);
    await this.memento.update(RECENT_KEY, next);
  }
}

function isSearchTarget(value: unknown): value is SearchTarget {
  if (!value || typeof value !== 'object') return false;
  const { kind, id } = value as { kind?: unknown; id?: unknown };
  return typeof id === 'string' && SEARCH_KINDS.includes(kind as SearchKind);
}

function exists(catalog: Catalog, target: SearchTarget): boolean {
  if (target.kind === 'agreement') return catalog.agreements.has(target.id);
  if (target.kind === 'provision') return catalog.provisions.has(target.id);
  return catalog.terms.has(target.id);
}

/** Opens a picked item where it lives: selected in its sidebar tree, and opened. */
async function openTarget(target: SearchTarget): Promise<void> {
  if (target.kind === 'term') {
    await vscode.commands.executeCommand('techDealAtlas.revealTerm', target.id);
    return;
  }
  await vscode.commands.executeCommand('techDealAtlas.revealInTree', { kind: target.kind, id: target.id });
  await vscode.commands.executeCommand(target.kind === 'agreement' ? 'techDealAtlas.openAgreement' : 'techDealAtlas.openProvision', target.id);
}

/** One open Search picker. */
class SearchSession implements vscode.Disposable {
  private readonly quickPick = vscode.window.createQuickPick<SearchPickItem>();
  private readonly disposables: vscode.Disposable[] = [];
  private lang: Lang = dataLanguage();
  private state: SearchPickerState;

  constructor(
    private readonly catalogService: CatalogService,
    private readonly indexes: SearchIndexService,
    private readonly recent: RecentPicks,
    private readonly sector: string | undefined,
    initialQuery: string,
    private readonly onUpdate: (state: SearchPickerState) => void,
    private readonly onClose: () => void,
  ) {
    const qp = this.quickPick;
    qp.placeholder = vscode.l10n.t('Agreements, provisions and glossary terms, in Korean or English (초성 such as ㅇㄹㅌㅁㅅ works too)');
    // Results come ranked from our index: VS Code must neither filter nor re-sort them.
    qp.matchOnDescription = false;
    qp.matchOnDetail = false;
    // `sortByLabel` is still a proposed API (quickPickSortByLabel). Where the host honours the property, results keep
    // our order and their group separators while a query is typed; where it does not, setting it does nothing.
    try {
      (qp as { sortByLabel?: boolean }).sortByLabel = false;
    } catch {
      // A host that rejects the property keeps its default sorting.
    }
    this.state = { value: initialQuery, sector, busy: true, items: [] };
    this.disposables.push(
      qp,
      qp.onDidChangeValue((value) => this.update(value)),
      qp.onDidAccept(() => void this.accept()),
      qp.onDidTriggerItemButton((e) => void this.triggerButton(e.item, e.button as ItemButton)),
      qp.onDidHide(() => this.dispose()),
      indexes.onDidBuild(() => this.update(qp.value)),
      catalogService.onDidChange(() => this.update(qp.value)),
      onDidChangeDataLanguage(() => {
        this.lang = dataLanguage();
        this.update(qp.value);
      }),
    );
    qp.value = initialQuery;
    qp.show();
    this.update(initialQuery);
  }

  private sectorName(): string | undefined {
    const sector = this.sector ? this.catalogService.catalog?.sectors.get(this.sector) : undefined;
    return sector ? text(sector.name, this.lang) : this.sector;
  }

  private update(value: string): void {
    const qp = this.quickPick;
    const sectorName = this.sectorName();
    qp.title = sectorName ? vscode.l10n.t('Search in {0}', sectorName) : vscode.l10n.t('Tech Deal Atlas: Search');
    const index = this.indexes.current;
    const catalog = this.catalogService.catalog;
    if (!index || !catalog) {
      qp.busy = true;
      this.publish(value, true);
      void this.indexes.get(); // onDidBuild brings us back here
      return;
    }
    qp.busy = false;
    const query = value.trim();
    const items = query || this.sector ? this.resultItems(index, catalog, value) : this.recentItems(catalog);
    qp.items = items;
    qp.activeItems = items.filter((i) => i.target).slice(0, 1);
    this.publish(value, false);
  }

  private resultItems(index: SearchIndex, catalog: Catalog, value: string): SearchPickItem[] {
    const hits = index.search(value, { sector: this.sector, limit: 500 });
    // A pasted paragraph is cut (core/search bounds the work per keystroke): say so above the results.
    const notes: SearchPickItem[] = boundedQuery(value).cut
      ? [{ label: `$(info) ${vscode.l10n.t('Only the first {0} characters of the query are searched.', MAX_QUERY_LENGTH)}`, alwaysShow: true }]
      : [];
    if (hits.length === 0) {
      return [
        ...notes,
        {
          label: vscode.l10n.t('No results for “{0}”', truncate(value, NO_RESULTS_QUOTE_MAX)),
          detail: vscode.l10n.t('Try fewer words, another spelling, English or Korean, or 초성 (ㅇㄹㅌㅁㅅ).'),
          alwaysShow: true,
        },
      ];
    }
    const partial = !hits[0].complete;
    // Groups in the order of their best hit, so Enter on the first item takes the best result overall.
    const order: SearchKind[] = [];
    const byKind = new Map<SearchKind, SearchHit[]>();
    for (const hit of hits) {
      const list = byKind.get(hit.kind) ?? [];
      if (!byKind.has(hit.kind)) order.push(hit.kind);
      if (list.length < GROUP_LIMIT[hit.kind]) list.push(hit);
      byKind.set(hit.kind, list);
    }
    const items: SearchPickItem[] = [...notes];
    for (const kind of order) {
      const groupItems = byKind.get(kind)!.map((hit) => this.item(catalog, hit)).filter((i) => i !== undefined);
      if (!groupItems.length) continue;
      const label = partial ? vscode.l10n.t('{0} — not every word matched', groupLabel(kind)) : groupLabel(kind);
      items.push({ label, kind: vscode.QuickPickItemKind.Separator }, ...groupItems);
    }
    return items;
  }

  private recentItems(catalog: Catalog): SearchPickItem[] {
    const items: SearchPickItem[] = [];
    const recent = this.recent.list(catalog);
    if (recent.length) {
      items.push({ label: vscode.l10n.t('Recently opened'), kind: vscode.QuickPickItemKind.Separator });
      for (const target of recent) {
        const item = this.item(catalog, { ...target, terms: [] });
        if (item) items.push(item);
      }
    }
    // With nothing typed, the agreements are a useful start (and the list is never empty).
    const agreements = [...catalog.agreements.keys()].filter((id) => !recent.some((t) => t.kind === 'agreement' && t.id === id));
    if (agreements.length) {
      items.push({ label: groupLabel('agreement'), kind: vscode.QuickPickItemKind.Separator });
      for (const id of agreements) {
        const item = this.item(catalog, { kind: 'agreement', id, terms: [] });
        if (item) items.push(item);
      }
    }
    return items;
  }

  private item(catalog: Catalog, hit: Pick<SearchHit, 'kind' | 'id' | 'terms'>): SearchPickItem | undefined {
    const model = searchItemModel(catalog, hit, this.lang);
    if (!model) return undefined;
    const buttons: ItemButton[] = [];
    if (model.citation) {
      buttons.push({ action: COPY_CITATION_BUTTON, iconPath: new vscode.ThemeIcon('quote'), tooltip: vscode.l10n.t('Copy Citation') });
    }
    if (model.compare.length) {
      buttons.push({ action: COMPARE_BUTTON, iconPath: new vscode.ThemeIcon('diff'), tooltip: vscode.l10n.t('Compare') });
    }
    return {
      label: `$(${model.icon}) ${model.label}`,
      description: model.description,
      detail: model.detail,
      alwaysShow: true,
      buttons,
      target: { kind: model.kind, id: model.id },
      model,
    };
  }

  private publish(value: string, busy: boolean): void {
    const active = this.quickPick.activeItems[0]?.target;
    this.state = {
      value,
      sector: this.sector,
      busy,
      items: this.quickPick.items.map((i) =>
        i.kind === vscode.QuickPickItemKind.Separator
          ? { separator: i.label }
          : { kind: i.target?.kind ?? 'term', id: i.target?.id ?? '', label: i.label, description: i.description, detail: i.detail },
      ),
      active,
    };
    this.onUpdate(this.state);
  }

  setValue(value: string): void {
    this.quickPick.value = value;
  }

  get snapshot(): SearchPickerState {
    return { ...this.state, active: this.quickPick.activeItems[0]?.target };
  }

  private async accept(): Promise<void> {
    const target = this.quickPick.selectedItems[0]?.target ?? this.quickPick.activeItems[0]?.target;
    if (!target) return; // the "no results" line: keep the picker open for another query
    this.quickPick.hide();
    await this.recent.add(target);
    await run(() => openTarget(target));
  }

  private async triggerButton(item: SearchPickItem, button: ItemButton): Promise<void> {
    const model = item.model;
    if (!model) return;
    if (button.action === COPY_CITATION_BUTTON && model.citation) {
      // Copying keeps the picker open, so several citations can be collected in a row.
      await run(() => vscode.commands.executeCommand('techDealAtlas.copyCitation', model.citation));
    } else if (button.action === COMPARE_BUTTON) {
      this.quickPick.hide();
      await this.recent.add({ kind: model.kind, id: model.id });
      await run(() => vscode.commands.executeCommand('techDealAtlas.compare', model.compare));
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
    this.onClose();
  }
}

/** Runs another feature's command; a failure becomes a message instead of an unhandled rejection. */
async function run(action: () => Thenable<unknown>): Promise<void> {
  try {
    await action();
  } catch (err) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Tech Deal Atlas: {0}', err instanceof Error ? err.message : String(err)));
  }
}

/** The text to search for from an editor: the selection, else the glossary term at the cursor, else the word there. */
export function queryFromEditor(editor: vscode.TextEditor, catalog: Catalog | undefined): string {
  const { document, selection } = editor;
  if (!selection.isEmpty) return document.getText(selection).replace(/\s+/g, ' ').trim().slice(0, SELECTION_MAX);
  const position = selection.active;
  if (catalog && catalog.terms.size) {
    // Also a term a line break splits ("Joint Fact⏎Sheet"): searched as one line.
    const hit = termAtPosition(matcherForCatalog(catalog), documentLines(document), position.line, position.character, true);
    if (hit) return document.getText(new vscode.Range(hit.start.line, hit.start.character, hit.end.line, hit.end.character)).replace(/\s*\n[\s>]*/g, ' ').trim();
  }
  const word = document.getWordRangeAtPosition(position);
  return word ? document.getText(word) : '';
}

export function registerSearch(context: vscode.ExtensionContext, catalogService: CatalogService, indexes: SearchIndexService): SearchHandle {
  const recent = new RecentPicks(context.workspaceState);
  const updated = new vscode.EventEmitter<SearchPickerState>();
  let session: SearchSession | undefined;

  const open = (query: string, sector?: string) => {
    session?.dispose();
    const created: SearchSession = new SearchSession(
      catalogService,
      indexes,
      recent,
      sector,
      query,
      (state) => updated.fire(state),
      () => {
        if (session === created) session = undefined;
      },
    );
    session = created;
  };

  context.subscriptions.push(
    updated,
    { dispose: () => session?.dispose() },
    vscode.commands.registerCommand('techDealAtlas.search', (query?: unknown) => open(typeof query === 'string' ? query : '')),
    vscode.commands.registerCommand('techDealAtlas.searchInSector', async (...args: unknown[]) => {
      await catalogService.whenReady();
      const sector = sectorIdFromArgs(args) ?? (await pickSector(catalogService.catalog));
      if (!sector) return;
      if (!catalogService.catalog?.sectors.has(sector)) {
        void vscode.window.showWarningMessage(vscode.l10n.t('The catalog has no sector "{0}".', sector));
        return;
      }
      open('', sector);
    }),
    vscode.commands.registerCommand('techDealAtlas.searchSelection', () => {
      const editor = vscode.window.activeTextEditor;
      open(editor ? queryFromEditor(editor, catalogService.catalog) : '');
    }),
  );

  return {
    index: () => indexes.get(),
    indexOrigin: () => indexes.lastOpened,
    picker: () => session?.snapshot,
    setPickerValue: (value) => {
      session?.setValue(value);
      return session !== undefined;
    },
    onDidUpdatePicker: updated.event,
  };
}

async function pickSector(catalog: Catalog | undefined): Promise<string | undefined> {
  if (!catalog) return undefined;
  const lang = dataLanguage();
  const picked = await vscode.window.showQuickPick(
    [...catalog.sectors.values()].map((s) => ({ label: text(s.name, lang), description: text(s.description, lang), id: s.id })),
    { placeHolder: vscode.l10n.t('Select a sector to search in'), matchOnDescription: true },
  );
  return picked?.id;
}
