// The comparison panel in a real extension host: the command opens (and reuses) a titled webview panel; messages as
// the webview sends them get the exported Markdown onto the clipboard and into the memo at its cursor.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { TechDealAtlasApi } from '../../src/api';
import { blockInsertion, buildComparison, toMarkdown } from '../../src/core/compare/comparison';
import type { ExtensionMessage } from '../../src/core/compare/compareProtocol';
import { resolveLanguage } from '../../src/core/text/language';
import { text, type Catalog, type Lang } from '../../src/core/catalog/model';
import { getApi } from './util';

const TPDS = ['kr-us-tpd', 'us-uk-tpd', 'us-jp-tpd'];

async function until<T>(what: string, probe: () => T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function compareTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('techDealAtlas.compare'));
}

describe('Comparison panel', () => {
  let api: TechDealAtlasApi;
  let catalog: Catalog;
  let lang: Lang;

  before(async () => {
    api = (await getApi()) as unknown as TechDealAtlasApi;
    await api.whenReady();
    catalog = api.getCatalog()!;
    lang = resolveLanguage(vscode.workspace.getConfiguration('techDealAtlas').get<string>('language'), vscode.env.language);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  const shortTitles = (ids: string[]) => ids.map((id) => text(catalog.agreements.get(id)!.title.short, lang)).join(' · ');

  it('opens one panel titled after the compared agreements, and reuses it for the next comparison', async () => {
    await vscode.commands.executeCommand('techDealAtlas.compare', TPDS);
    const [panel] = await until('a comparison panel', () => api.compare.panels().length === 1 && api.compare.panels());
    assert.deepEqual(panel.view.agreements, TPDS);
    assert.equal(panel.title, `Compare: ${shortTitles(TPDS)}`);
    const tab = await until('its editor tab', () => compareTabs()[0]);
    assert.equal(tab.label, panel.title);
    assert.ok(tab.isActive, 'the panel is the active editor (focus moved into it)');

    await vscode.commands.executeCommand('techDealAtlas.compare', ['kr-us-tpd', 'us-jp-tpd']);
    const panels = await until('the retitled panel', () => {
      const list = api.compare.panels();
      return list[0]?.view.agreements.length === 2 && list;
    });
    assert.equal(panels.length, 1, 'the same panel is reused');
    assert.equal(panels[0].title, `Compare: ${shortTitles(['kr-us-tpd', 'us-jp-tpd'])}`);
    assert.equal(compareTabs().length, 1);
  });

  it('answers an export request from the webview with the Markdown table it shows, on the clipboard', async () => {
    await vscode.commands.executeCommand('techDealAtlas.compare', TPDS);
    await until('three columns', () => api.compare.panels()[0]?.view.agreements.length === 3);

    const replies = await api.compare.dispatch({ type: 'export', requestId: 7, format: 'markdown', target: 'clipboard' });
    assert.deepEqual(
      replies.map((r) => [r.type, r.type === 'exported' && r.requestId, r.type === 'exported' && r.ok]),
      [['exported', 7, true]],
    );
    const expected = toMarkdown(buildComparison(catalog, TPDS), catalog, lang);
    assert.equal(await vscode.env.clipboard.readText(), expected);

    // What is exported follows the view: "differences only" drops the shared sectors from the table.
    const view = api.compare.panels()[0].view;
    const rendered = await api.compare.dispatch({ type: 'setView', view: { ...view, differencesOnly: true }, revision: 41 });
    assert.deepEqual(rendered.map((r) => r.type), ['render']);
    const render = rendered[0] as Extract<ExtensionMessage, { type: 'render' }>;
    assert.equal(render.view.differencesOnly, true);
    assert.equal(render.revision, 41, 'the render answers the proposal it was asked for');
    assert.ok(render.html.includes('<table'), 'the re-rendered content has the table');
    await api.compare.dispatch({ type: 'export', requestId: 8, format: 'markdown', target: 'clipboard' });
    const differences = toMarkdown(buildComparison(catalog, TPDS, { differencesOnly: true }), catalog, lang);
    assert.notEqual(differences, expected, 'the shipped data has sectors shared by all three');
    assert.equal(await vscode.env.clipboard.readText(), differences);
    await api.compare.dispatch({ type: 'setView', view: { ...view, differencesOnly: false } });
  });

  it('ignores messages that are not exactly the protocol', async () => {
    await vscode.commands.executeCommand('techDealAtlas.compare', TPDS);
    for (const bad of [
      { type: 'export', requestId: -1, format: 'markdown', target: 'clipboard' },
      { type: 'export', requestId: 1, format: 'html', target: 'clipboard' },
      { type: 'openProvision', uid: 'javascript:alert(1)' },
      { type: 'setView', view: { agreements: ['<script>'], differencesOnly: false, sectors: [], order: 'coverage' } },
      { type: 'runCommand', command: 'workbench.action.terminal.new' },
      'export',
      null,
    ]) {
      assert.deepEqual(await api.compare.dispatch(bad), [], JSON.stringify(bad));
    }
    assert.deepEqual(api.compare.panels()[0].view.agreements, TPDS);
  });

  it('inserts the table at the cursor of the memo that was active before the panel', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const before = '# Memo\n\nIntro paragraph.';
    const after = '\nClosing paragraph.\n';
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: before + after });
    const editor = await vscode.window.showTextDocument(document);
    const cursor = document.positionAt(before.length);
    editor.selection = new vscode.Selection(cursor, cursor);
    await vscode.commands.executeCommand('techDealAtlas.compare', TPDS);
    await until('the panel to be active', () => compareTabs()[0]?.isActive);
    const replies = await api.compare.dispatch({ type: 'export', requestId: 9, format: 'markdown', target: 'editor' });
    assert.equal(replies.length, 1);
    assert.ok(replies[0].type === 'exported' && replies[0].ok, JSON.stringify(replies));

    const table = toMarkdown(buildComparison(catalog, TPDS), catalog, lang);
    const insertion = blockInsertion(table, { before: 'Intro paragraph.', after: '', previousLine: '' });
    assert.equal(document.getText(), before + insertion + after);
    assert.ok(document.getText().includes('\n\n| '), 'the table starts after a blank line');

    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('copies a provision’s citation from the panel’s context menu (the argument VS Code passes)', async () => {
    await vscode.env.clipboard.writeText('');
    const uid = 'kr-us-tpd/3';
    await vscode.commands.executeCommand('techDealAtlas.compare.copyCitation', { webview: 'techDealAtlas.compare', webviewSection: 'provision', uid });
    const copied = await vscode.env.clipboard.readText();
    assert.ok(copied.includes(`tda:${uid}`), copied);
    assert.ok(copied.includes(text(catalog.agreements.get('kr-us-tpd')!.title.short, lang)), copied);
    // Anything else than a provision's context is ignored.
    await vscode.env.clipboard.writeText('unchanged');
    await vscode.commands.executeCommand('techDealAtlas.compare.copyCitation', { webviewSection: 'provision', uid: 'command:x' });
    assert.equal(await vscode.env.clipboard.readText(), 'unchanged');
  });

  it('keeps one panel per "Open in New Panel", and the command retargets only the main one', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('techDealAtlas.compare', TPDS);
    await until('the panel', () => api.compare.panels().length === 1);
    await api.compare.dispatch({ type: 'openInNewPanel' });
    const two = await until('a second panel', () => api.compare.panels().length === 2 && api.compare.panels());
    assert.equal(two.filter((p) => p.view.detached).length, 1);
    await vscode.commands.executeCommand('techDealAtlas.compare', ['us-uk-tpd', 'us-jp-tpd']);
    const after = await until('the main panel retargeted', () => {
      const list = api.compare.panels();
      return list.find((p) => !p.view.detached)?.view.agreements.length === 2 && list;
    });
    assert.deepEqual(after.find((p) => p.view.detached)?.view.agreements, TPDS, 'the detached panel keeps its comparison');
    await until('two comparison tabs', () => compareTabs().length === 2);
  });
});
