// What the Node-only integration files check with Node's fs, here with the `vscode` API only, in the web-worker
// extension host of VS Code for the Web: the browser bundle activates, the shipped catalog loads, glossary hovers
// answer in the workspace's memos (English and Korean), search finds, a user's catalog file in `.techdeals/` is
// read through vscode.workspace.fs (and a broken one gets a diagnostic at the right place, with nothing lost),
// citation completion offers provisions, and the walkthrough's sample memo opens.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { text } from '../../src/core/catalog/model';
import { escapeMarkdown } from '../../src/core/text/markdown';
import { getApi, getExtension, hoverText, SHIPPED_AGREEMENT_IDS, termCatalogFile, theHover, treeChildren, treeLabel, waitFor, type TechDealAtlasApi } from '../integration/util';

const encoder = new TextEncoder();
const folder = () => vscode.workspace.workspaceFolders![0].uri;

/** The position of the `occurrence`-th (1-based) `needle` in the document, `offset` characters into it. */
function positionOf(document: vscode.TextDocument, needle: string, offset = 1, occurrence = 1): vscode.Position {
  let at = -1;
  for (let i = 0; i < occurrence; i++) at = document.getText().indexOf(needle, at + 1);
  assert.ok(at >= 0, `${document.uri.path} lacks ${needle}`);
  return document.positionAt(at + offset);
}

describe('VS Code for the Web (web-worker extension host)', function () {
  this.timeout(60_000);
  let api: TechDealAtlasApi;

  before(async () => {
    api = await getApi();
    await api.whenReady();
  });

  it('runs the browser bundle in the web worker host, on the mounted workspace', () => {
    assert.strictEqual(vscode.env.uiKind, vscode.UIKind.Web);
    assert.strictEqual(getExtension().packageJSON.browser, './dist/web/extension.js');
    // A web worker has no Node `process`: the extension really runs its browser build here.
    assert.strictEqual(typeof (globalThis as { process?: unknown }).process, 'undefined');
    assert.strictEqual(folder().scheme, 'vscode-test-web');
  });

  it('loads the shipped catalog with no problems', () => {
    const catalog = api.getCatalog()!;
    assert.deepStrictEqual([...catalog.agreements.keys()].sort(), [...SHIPPED_AGREEMENT_IDS]);
    assert.ok(catalog.terms.size >= 70, `${catalog.terms.size} terms`);
    assert.deepStrictEqual(api.getProblems().filter((p) => p.severity === 'error'), []);
  });

  it('answers glossary hovers in the English and the Korean memo of the workspace', async () => {
    const catalog = api.getCatalog()!;
    const english = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder(), 'rok-us-tpd-briefing.md'));
    const artemis = catalog.terms.get('artemis-program')!;
    const hover = await theHover(english.uri, positionOf(english, 'Artemis Program', 3));
    assert.ok(hoverText(hover).includes(escapeMarkdown(text(artemis.definition, 'en')).slice(0, 60)), hoverText(hover));
    assert.strictEqual(english.getText(hover.range), 'Artemis Program');

    const korean = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder(), '한미-기술번영-MOU-메모.md'));
    const nrf = catalog.terms.get('nrf')!;
    const koHover = await theHover(korean.uri, positionOf(korean, '한국연구재단', 2));
    assert.ok(hoverText(koHover).includes(escapeMarkdown(text(nrf.definition, 'ko')).slice(0, 40)), hoverText(koHover));
    assert.strictEqual(korean.getText(koHover.range), '한국연구재단');
  });

  it('shows agreements → sectors → provisions in the Agreements view', async () => {
    const catalog = api.getCatalog()!;
    const roots = await treeChildren(api.trees.agreements);
    assert.deepStrictEqual(roots.map((node) => treeLabel(api.trees.agreements, node)).sort(), [...catalog.agreements.values()].map((a) => text(a.title.short, 'en')).sort());
    const tpd = roots.find((node) => treeLabel(api.trees.agreements, node) === text(catalog.agreements.get('kr-us-tpd')!.title.short, 'en'))!;
    const sectors = await treeChildren(api.trees.agreements, tpd);
    assert.ok(sectors.length >= 5, `${sectors.length} sectors`);
    const provisions = await treeChildren(api.trees.agreements, sectors[0]);
    assert.ok(provisions.length > 0 && provisions.every((node) => node.kind === 'provision'), JSON.stringify(provisions.slice(0, 2)));
  });

  it('opens the comparison panel, whose page runs its script under the CSP and renders the table', async () => {
    await vscode.commands.executeCommand('techDealAtlas.compare', ['kr-us-tpd', 'us-uk-tpd', 'us-jp-tpd']);
    await waitFor('the panel’s page to run its script', () => api.compare.panels().some((p) => p.scriptRan), 30_000);
    const rendered = await api.compare.dispatch({ type: 'setView', view: { ...api.compare.panels()[0].view, differencesOnly: false } });
    const render = rendered.find((m) => m.type === 'render') as { html: string } | undefined;
    assert.ok(render?.html.includes('<table'), 'the panel renders the comparison table');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('searches agreements, provisions and the glossary (Korean initials too)', async () => {
    await vscode.commands.executeCommand('techDealAtlas.search', 'ㅇㄹㅌㅁㅅ');
    const state = await waitFor('search results', () => {
      const s = api.search.picker();
      return s && s.value === 'ㅇㄹㅌㅁㅅ' && !s.busy && s.items.length > 0 ? s : undefined;
    });
    assert.ok(state.items.some((item) => 'label' in item && /아르테미스|Artemis/.test(item.label)), JSON.stringify(state.items.slice(0, 3)));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });

  it('offers provisions as citation completions after tda:<agreement>/', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'See tda:kr-us-tpd/3' });
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, doc.positionAt(doc.getText().length), '/');
    const first = list.items[0];
    assert.ok(first, 'no completion items');
    assert.match(typeof first.insertText === 'string' ? first.insertText : first.insertText!.value, /tda:kr-us-tpd\/3\b/);
  });

  it('opens the walkthrough’s sample memo from the extension’s own files', async () => {
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('techDealAtlas.openSampleMemo');
    assert.ok(editor.document.isUntitled);
    assert.match(editor.document.getText(), /Artemis|아르테미스/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  describe('a user’s catalog file in .techdeals/, through vscode.workspace.fs', () => {
    const TERM_ID = 'tda-web-user-term';
    const file = () => vscode.Uri.joinPath(folder(), '.techdeals', 'web-user.json');
    const diagnostics = () => vscode.languages.getDiagnostics(file()).filter((d) => d.source === 'Tech Deal Atlas');

    after(async () => {
      await vscode.workspace.fs.delete(file(), { useTrash: false }).then(undefined, () => undefined);
      await waitFor('the user’s term gone', () => !api.getCatalog()?.terms.has(TERM_ID), 30_000);
    });

    it('adds a valid file’s term to the catalog', async () => {
      await vscode.workspace.fs.writeFile(file(), encoder.encode(termCatalogFile(TERM_ID, 'Web Analyst Term')));
      await waitFor('the user’s term', () => api.getCatalog()?.terms.has(TERM_ID), 30_000);
    });

    it('reports malformed JSON where it goes wrong, keeps the last good version and the file as written', async () => {
      const broken = '{\n  "terms": [\n    { "id": "x", }\n  ]\n  "parties": []\n}\n';
      await vscode.workspace.fs.writeFile(file(), encoder.encode(broken));
      const syntax = await waitFor('a syntax diagnostic', () => diagnostics().find((d) => d.code === 'json-syntax'), 30_000);
      assert.deepStrictEqual([syntax.range.start.line, syntax.range.start.character], [4, 2], 'at the missing comma');
      assert.ok(api.getCatalog()!.terms.has(TERM_ID), 'the last good version still serves');
      assert.strictEqual(new TextDecoder().decode(await vscode.workspace.fs.readFile(file())), broken, 'the file is unchanged');
    });
  });
});
