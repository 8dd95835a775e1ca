// Run by test/harness/run-integration.mjs --suite first-load: VS Code opens, in restricted mode (workspace trust on,
// the folder not trusted), a workspace whose catalog files are hostile before the extension ever loads them:
//   .techdeals/deep.json    nested 3,000 levels deep (it used to overflow the parser's stack and leave the atlas
//                           "loading" for good: no tree, no hovers, no search);
//   .techdeals/throws.json  makes the loader throw (TDA_TEST_LOADER_FAULT, a stand-in for a loader bug);
//   .techdeals/good.json    a valid term.
// The extension activates anyway, the shipped data and the good file are in service, each bad file has a diagnostic
// that names the problem at its place, and fixing a file brings its data in.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { getApi, getExtension, SHIPPED_AGREEMENT_IDS, termCatalogFile, waitFor, type TechDealAtlasApi } from './util';

describe('First load of a hostile workspace, in restricted mode', function () {
  this.timeout(60_000);
  let api: TechDealAtlasApi;
  const file = (name: string) => vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, '.techdeals', name);
  const ours = (name: string) => vscode.languages.getDiagnostics(file(name)).filter((d) => d.source === 'Tech Deal Atlas');
  before(async () => {
    api = await getApi();
  });

  it('activates in a workspace that is not trusted (restricted mode)', () => {
    assert.strictEqual(vscode.workspace.isTrusted, false, 'the folder opened in restricted mode');
    assert.ok(getExtension().isActive);
  });

  it('settles its first load and serves the shipped agreements in the tree', async () => {
    await api.whenReady();
    const catalog = api.getCatalog()!;
    for (const id of SHIPPED_AGREEMENT_IDS) assert.ok(catalog.agreements.has(id), id);
    const roots = await api.trees.agreements.provider.getChildren();
    assert.deepStrictEqual(new Set((roots ?? []).map((n) => (n.kind === 'agreement' ? n.agreementId : ''))), new Set(SHIPPED_AGREEMENT_IDS));
    assert.ok(catalog.terms.has('first-load-good'), 'the valid file of the workspace is loaded');
  });

  it('names the deep file and the file that made the loader throw, each at its place', async () => {
    const deep = await waitFor('the deep file’s diagnostic', () => ours('deep.json').find((d) => d.code === 'too-deep'));
    assert.match(deep.message, /Nested too deeply: more than 64 levels/);
    // Line 2 is `  "terms": [[[…`: the object is level 1, so the 64th "[" is the first one too deep.
    assert.deepStrictEqual([deep.range.start.line, deep.range.start.character], [1, 11 + 63]);
    const thrown = await waitFor('the failing file’s diagnostic', () => ours('throws.json').find((d) => d.code === 'internal-error'));
    assert.match(thrown.message, /could not load this file \(internal error: test fault injected into \S*\.techdeals\/throws\.json\)/);
    assert.ok(api.status.visible && /[1-9]\d* problems?/.test(api.status.item.text), api.status.item.text);
  });

  it('answers hovers', async () => {
    const memo = await vscode.workspace.openTextDocument({ content: 'Korea joined the Artemis programme.', language: 'markdown' });
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', memo.uri, new vscode.Position(0, 20));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /Artemis/);
  });

  it('brings a fixed file’s data in and clears its diagnostic', async () => {
    await vscode.workspace.fs.writeFile(file('deep.json'), new TextEncoder().encode(termCatalogFile('first-load-deep', 'Deep Term')));
    await vscode.workspace.fs.writeFile(file('throws.json'), new TextEncoder().encode(termCatalogFile('first-load-fault', 'Faulty Term')));
    await waitFor('both fixed files loaded', () => api.getCatalog()!.terms.has('first-load-deep') && api.getCatalog()!.terms.has('first-load-fault'), 30_000);
    await waitFor('their diagnostics gone', () => ours('deep.json').length === 0 && ours('throws.json').length === 0, 10_000);
  });
});
