// Search in a real extension host: the commands and keybinding are contributed (the keybinding clashes with no
// built-in one), the quick pick re-ranks on every value change from our index, Enter reveals and selects the right
// tree item and opens it, recent picks come back on an empty query, Search in Sector stays in its sector, and Search
// Selection / Term at Cursor takes the right text from the memo.
import * as assert from 'assert';
import * as path from 'path';
import { parse } from 'jsonc-parser';
import * as vscode from 'vscode';
import { renderAgreementDocument, targetAtLine } from '../../src/core/document/agreementDocument';
import type { Catalog } from '../../src/core/catalog/model';
import type { SearchPickerState, SearchTarget } from '../../src/features/search';
import { getApi, getExtension, waitFor, type TechDealAtlasApi } from './util';

const config = () => vscode.workspace.getConfiguration('techDealAtlas');
const KEY = 'ctrl+k ctrl+alt+f';

type Item = Extract<SearchPickerState['items'][number], { kind: unknown }>;
const items = (state: SearchPickerState): Item[] => state.items.filter((i): i is Item => 'kind' in i);
const separators = (state: SearchPickerState): string[] => state.items.flatMap((i) => ('separator' in i ? [i.separator] : []));

describe('Search', function () {
  let api: TechDealAtlasApi;
  let catalog: Catalog;

  /** The picker once it shows results for `value`. */
  const settled = (value: string) =>
    waitFor(`search results for "${value}"`, () => {
      const state = api.search.picker();
      return state && state.value === value && !state.busy && state.items.length > 0 ? state : undefined;
    });

  /** Opens Search… with `query` and waits for its results. */
  async function search(query: string): Promise<SearchPickerState> {
    await vscode.commands.executeCommand('techDealAtlas.search', query);
    return settled(query);
  }

  /** What the picker would pick on Enter. */
  const active = (state: SearchPickerState): SearchTarget => {
    assert.ok(state.active, `nothing active; items: ${JSON.stringify(state.items.slice(0, 4))}`);
    return state.active;
  };

  before(async () => {
    api = await getApi();
    await api.whenReady();
    catalog = api.getCatalog()!;
    await config().update('agreementDocument.openAs', 'source', vscode.ConfigurationTarget.Global);
    await config().update('language', 'ko', vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('techDealAtlas.clearFilter');
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });

  after(async () => {
    for (const key of ['language', 'agreementDocument.openAs']) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('contributes its commands (registered) and a keybinding no built-in keybinding uses', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const id of ['techDealAtlas.search', 'techDealAtlas.searchInSector', 'techDealAtlas.searchSelection']) assert.ok(registered.has(id), id);
    const bindings = getExtension().packageJSON.contributes.keybindings as { command: string; key: string }[];
    assert.deepStrictEqual(bindings.filter((b) => b.command === 'techDealAtlas.searchSelection').map((b) => b.key), [KEY]);

    // The workbench's own list of default keybindings (built-in and extensions') for this platform.
    await vscode.commands.executeCommand('workbench.action.openDefaultKeybindingsFile');
    const doc = await waitFor('the default keybindings document', () => {
      const d = vscode.window.activeTextEditor?.document;
      return d && d.getText().includes('"key"') ? d : undefined;
    });
    const defaults = parse(doc.getText()) as { key: string; command: string }[];
    assert.ok(defaults.length > 500, `expected the full default keybindings list, got ${defaults.length} entries`);
    const norm = (key: string) => key.toLowerCase().replace(/\s+/g, ' ').trim();
    const sameKey = defaults.filter((b) => norm(b.key) === KEY);
    assert.deepStrictEqual(
      sameKey.map((b) => b.command),
      ['techDealAtlas.searchSelection'],
      `${KEY} must be ours alone: ${JSON.stringify(sameKey)}`,
    );
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('builds the index of the whole catalog', async () => {
    const index = await api.search.index();
    assert.ok(index);
    assert.strictEqual(index.documentCount, catalog.agreements.size + catalog.provisions.size + catalog.terms.size);
  });

  it('re-ranks on every value change, with the best hit active and groups in order of their best hit', async () => {
    await search('');
    const term = [...catalog.terms.values()].find((t) => t.term.ko.startsWith('아르테미스'))!;
    for (const value of ['ㅇ', '아', '아르', '아르템', '아르테미스', 'ㅇㄹㅌㅁㅅ']) {
      assert.ok(api.search.setPickerValue(value));
      const state = await settled(value);
      assert.ok(items(state).length > 0, `no items for ${value}`);
      if (value.length >= 2) assert.deepStrictEqual(active(state), { kind: 'term', id: term.id }, `best hit for "${value}"`);
    }
    const state = api.search.picker()!;
    const firstGroup = state.items[0] && 'separator' in state.items[0] ? state.items[0].separator : undefined;
    assert.ok(firstGroup === 'Glossary' || firstGroup === '용어집', `the Glossary group comes first, not ${firstGroup}`);
    const first = items(state)[0];
    assert.ok(first.label.includes(term.term.ko) && first.label.startsWith('$('), first.label);
    assert.ok(first.description?.includes(term.term.en), first.description);
  });

  it('Enter on a provision reveals and selects it in the Agreements view and opens it', async () => {
    const provision = [...catalog.provisions.values()].find((p) => p.text.ko.includes('데이터 세트를 구축'))!;
    const state = await search('데이터 세트를 구축');
    assert.deepStrictEqual(active(state), { kind: 'provision', id: provision.uid });
    const item = items(state)[0];
    assert.ok(item.description?.includes(`아틀라스 항목 ${provision.id}`) && !/제\d+항/.test(item.description), item.description);

    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const tree = api.trees.agreements.view;
    await waitFor('the provision selected in the Agreements view', () =>
      tree.selection.length === 1 && tree.selection[0].kind === 'provision' && tree.selection[0].uid === provision.uid,
    );
    const editor = await waitFor('the agreement document', () => {
      const e = vscode.window.activeTextEditor;
      return e && e.document.uri.scheme === 'tech-deal-atlas' ? e : undefined;
    });
    // The agreement document opened with the cursor on this provision's section.
    const rendered = renderAgreementDocument(catalog, provision.agreementId, 'ko')!;
    assert.deepStrictEqual(targetAtLine(rendered, editor.selection.active.line), { kind: 'provision', id: provision.uid });
    assert.ok(api.search.picker() === undefined, 'the picker closed');
  });

  it('Enter on a term reveals it in the Glossary view; an agreement opens its document', async () => {
    const term = [...catalog.terms.values()].find((t) => t.abbreviations?.includes('KPS'))!;
    let state = await search('ㅇㅅㅎㅂ');
    assert.deepStrictEqual(active(state), { kind: 'term', id: term.id });
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await waitFor('the term selected in the Glossary view', () => api.glossary.view.selection[0]?.id === term.id);

    const agreement = [...catalog.agreements.values()].find((a) => a.title.short.ko === '한·미 팩트시트')!;
    state = await search('한미팩트시트');
    assert.deepStrictEqual(active(state), { kind: 'agreement', id: agreement.id });
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const tree = api.trees.agreements.view;
    await waitFor('the agreement selected', () => tree.selection[0]?.kind === 'agreement' && tree.selection[0].agreementId === agreement.id);
  });

  it('shows recent picks, most recent first, when nothing is typed', async () => {
    const state = await search('');
    assert.ok(['Recently opened', '최근 연 항목'].includes(separators(state)[0]), separators(state)[0]);
    const agreement = [...catalog.agreements.values()].find((a) => a.title.short.ko === '한·미 팩트시트')!;
    const term = [...catalog.terms.values()].find((t) => t.abbreviations?.includes('KPS'))!;
    assert.deepStrictEqual(
      items(state).slice(0, 2).map((i) => `${i.kind}:${i.id}`),
      [`agreement:${agreement.id}`, `term:${term.id}`],
    );
  });

  it('says so when nothing matches, and Enter then keeps the picker open', async () => {
    const state = await search('zzqx 없는말');
    assert.strictEqual(items(state).length, 1);
    assert.ok(items(state)[0].label.includes('zzqx 없는말'), items(state)[0].label);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(api.search.picker(), 'still open');
  });

  it('Search in Sector lists the sector with an empty query and keeps results inside it', async () => {
    const sector = 'space';
    const inSector = {
      provisions: [...catalog.provisions.values()].filter((p) => p.sectors.includes(sector)).map((p) => p.uid),
      terms: [...catalog.terms.values()].filter((t) => t.related?.sectors?.includes(sector)).map((t) => t.id),
      agreements: [...catalog.agreements.values()].filter((a) => a.provisions.some((p) => p.sectors.includes(sector))).map((a) => a.id),
    };
    // Invoked from the Sectors view on a sector node, as its inline action does.
    const node = (await api.trees.sectors.provider.getChildren())!.find((n) => n.kind === 'sector' && n.sectorId === sector)!;
    await vscode.commands.executeCommand('techDealAtlas.tree.searchInSector', node);
    let state = await settled('');
    assert.strictEqual(state.sector, sector);
    const listed = items(state);
    assert.deepStrictEqual(listed.filter((i) => i.kind === 'provision').map((i) => i.id).sort(), [...inSector.provisions].sort());
    assert.deepStrictEqual(listed.filter((i) => i.kind === 'term').map((i) => i.id).sort(), [...inSector.terms].sort());
    assert.deepStrictEqual(listed.filter((i) => i.kind === 'agreement').map((i) => i.id).sort(), [...inSector.agreements].sort());

    api.search.setPickerValue('협력');
    state = await settled('협력');
    for (const i of items(state)) {
      const ok = i.kind === 'provision' ? inSector.provisions.includes(i.id) : i.kind === 'term' ? inSector.terms.includes(i.id) : inSector.agreements.includes(i.id);
      assert.ok(ok, `${i.kind}:${i.id} is outside the sector`);
    }
  });

  it('Search Selection / Term at Cursor takes the selection, else the glossary term at the cursor', async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, '한미-기술번영-MOU-메모.md'));
    const editor = await vscode.window.showTextDocument(doc);
    const line = doc.getText().split('\n').findIndex((l) => l.includes('한국형 위성항법체계(KPS)'));
    assert.ok(line >= 0, `fixture ${path.basename(doc.uri.path)} changed`);
    const column = doc.lineAt(line).text.indexOf('위성항법');

    // Cursor inside the term: the whole term (as written in the memo) becomes the query.
    editor.selection = new vscode.Selection(line, column + 1, line, column + 1);
    await vscode.commands.executeCommand('techDealAtlas.searchSelection');
    let state = await settled('한국형 위성항법체계');
    const term = [...catalog.terms.values()].find((t) => t.abbreviations?.includes('KPS'))!;
    assert.deepStrictEqual(active(state), { kind: 'term', id: term.id });
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');

    // A selection wins over the term at the cursor.
    await vscode.window.showTextDocument(doc);
    const start = doc.lineAt(line).text.indexOf('GPS');
    editor.selection = new vscode.Selection(line, start, line, start + 3);
    await vscode.commands.executeCommand('techDealAtlas.searchSelection');
    state = await settled('GPS');
    assert.strictEqual(state.value, 'GPS');
  });
});
