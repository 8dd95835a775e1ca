// A load can fail; the atlas cannot. In the real extension host: a loader failure on one file stays in that file (a
// diagnostic there, everything else loads); a load that fails as a whole keeps the previous catalog in service; an
// edit to one catalog file parses that file only; the status bar shows the atlas's state while the workspace has
// catalog files of its own; and a pasted paragraph in Search is cut, with a note.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { getApi, SHIPPED_AGREEMENT_IDS, termCatalogFile, waitFor, type TechDealAtlasApi } from './util';

const config = () => vscode.workspace.getConfiguration('techDealAtlas');
const MARKER = 'TDA-ROBUSTNESS-FAULT';

describe('A load can fail; the atlas cannot', function () {
  this.timeout(60_000);
  let api: TechDealAtlasApi;
  let folder: string;
  let folderName: string;
  const files: Record<string, string> = {};
  const diagnosticsOf = (file: string) => vscode.languages.getDiagnostics(vscode.Uri.file(file)).filter((d) => d.source === 'Tech Deal Atlas');
  before(async () => {
    api = await getApi();
    await api.whenReady();
    assert.ok(api.catalogTesting, 'test hooks are available outside production');
    assert.strictEqual(api.status.visible, false, 'no status bar item while the workspace has no catalog files');
    const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    folderName = `.tda-integration-robust-${process.pid}-${Date.now()}`;
    folder = path.join(root, folderName);
    fs.mkdirSync(folder);
    for (const name of ['a', 'b', 'c']) {
      files[name] = path.join(folder, `${name}.json`);
      fs.writeFileSync(files[name], termCatalogFile(`robust-${name}`, `Robust ${name.toUpperCase()}`));
    }
    await config().update('catalog.include', ['.techdeals/**/*.json', `${folderName}/*.json`], vscode.ConfigurationTarget.Global);
    await waitFor('the three files loaded', () => ['a', 'b', 'c'].every((n) => api.getCatalog()?.terms.has(`robust-${n}`)), 30_000);
  });

  after(async () => {
    api.catalogTesting?.setLoaderFault(undefined);
    fs.rmSync(folder, { recursive: true, force: true });
    await config().update('catalog.include', undefined, vscode.ConfigurationTarget.Global);
    await waitFor('the files gone', () => !api.getCatalog()?.terms.has('robust-a'), 30_000);
    await waitFor('the status bar item hidden again', () => !api.status.visible, 10_000);
  });

  it('shows agreements · terms · problems in the status bar while the workspace has catalog files', () => {
    const catalog = api.getCatalog()!;
    assert.ok(api.status.visible);
    assert.match(api.status.item.text, new RegExp(`${catalog.agreements.size} agreements · ${catalog.terms.size} terms · 0 problems`), api.status.item.text);
    assert.strictEqual(api.status.item.command, 'techDealAtlas.showProblems');
  });

  it('parses only the file that changed, and merges it with the others', async () => {
    const hooks = api.catalogTesting!;
    await hooks.whenIdle();
    // Files are named as the Problems view names them (workspace folder included).
    const name = (n: string) => vscode.workspace.asRelativePath(vscode.Uri.file(files[n]), true);
    const before = ['a', 'b', 'c'].map((n) => hooks.parseCount(name(n)));
    fs.writeFileSync(files.b, termCatalogFile('robust-b', 'Robust B', ' Edited.'));
    await waitFor('the edit loaded', () => api.getCatalog()!.terms.get('robust-b')?.definition.en.endsWith('Edited.'), 30_000);
    await hooks.whenIdle();
    const after = ['a', 'b', 'c'].map((n) => hooks.parseCount(name(n)));
    assert.ok(after[1] > before[1], 'b parsed again');
    assert.deepStrictEqual([after[0], after[2]], [before[0], before[2]], 'a and c reused, not parsed again');
    assert.ok(api.getCatalog()!.terms.has('robust-a') && api.getCatalog()!.terms.has('robust-c'), 'the other files are still merged');
  });

  it('keeps a loader failure inside the file that caused it: a diagnostic there, everything else loads', async () => {
    api.catalogTesting!.setLoaderFault(MARKER);
    fs.writeFileSync(files.c, termCatalogFile('robust-c', 'Robust C', ` ${MARKER}`));
    const diagnostic = await waitFor('the internal-error diagnostic', () => diagnosticsOf(files.c).find((d) => d.code === 'internal-error'), 30_000);
    assert.match(diagnostic.message, /could not load this file \(internal error: test fault injected/);
    const catalog = api.getCatalog()!;
    assert.ok(SHIPPED_AGREEMENT_IDS.every((id) => catalog.agreements.has(id)), 'the shipped agreements are there');
    assert.ok(catalog.terms.has('robust-a'), 'the other files load');
    assert.strictEqual(catalog.terms.get('robust-c')?.definition.en, 'Robust C, defined by the analyst.', 'the last good version serves on');
    await waitFor('the status bar counts the problems', () => /· [1-9]\d* problems?$/.test(api.status.item.text) || undefined, 5_000);

    // Hovers still answer.
    const memo = await vscode.workspace.openTextDocument({ content: 'The Artemis programme.', language: 'markdown' });
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', memo.uri, new vscode.Position(0, 6));
    assert.ok(hovers.some((h) => h.contents.some((c) => (typeof c === 'string' ? c : c.value).includes('Artemis'))), 'the glossary hover answers');

    // Fixing the file restores its data and clears the diagnostic.
    fs.writeFileSync(files.c, termCatalogFile('robust-c', 'Robust C', ' Fixed.'));
    await waitFor('the fixed file loaded', () => api.getCatalog()!.terms.get('robust-c')?.definition.en.endsWith('Fixed.'), 30_000);
    await waitFor('its diagnostic gone', () => diagnosticsOf(files.c).length === 0, 10_000);
  });

  it('keeps the previous catalog in service when a load fails as a whole, and settles', async () => {
    const before = api.getCatalog()!;
    api.catalogTesting!.failNextLoad('simulated failure of the whole load');
    await vscode.commands.executeCommand('techDealAtlas.reloadCatalog');
    assert.strictEqual(api.catalogTesting!.lastError, 'simulated failure of the whole load');
    assert.strictEqual(api.getCatalog(), before, 'the previous catalog stays');
    await vscode.commands.executeCommand('techDealAtlas.reloadCatalog');
    assert.strictEqual(api.catalogTesting!.lastError, undefined, 'the next load succeeds');
    assert.ok(api.getCatalog()!.terms.has('robust-a'));
  });

  it('cuts a pasted paragraph in Search, and says so above the results', async () => {
    const paragraph = `KPS ${'위성항법 '.repeat(200)}`;
    void vscode.commands.executeCommand('techDealAtlas.search');
    await waitFor('the Search picker', () => api.search.picker());
    api.search.setPickerValue(paragraph);
    const state = await waitFor('results for the paragraph', () => {
      const s = api.search.picker();
      return s && s.value === paragraph && !s.busy ? s : undefined;
    });
    const first = state.items[0];
    assert.ok(first && !('separator' in first) && /Only the first 256 characters of the query are searched/.test(first.label), JSON.stringify(first));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });
});
