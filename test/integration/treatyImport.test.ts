// Import Treaties (ToTA XML) in the real extension host: the command on a folder of fixture treaties writes them
// into .techdeals/imported, skips the malformed file and the duplicate with reasons, and the imported agreements
// then show in the tree (grouped by party), in search, and in the hover of a `tda:tota-…` citation with their
// text and source attribution.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { BatchSummary } from '../../src/core/import/importBatch';
import { getApi, treeChildren, treeLabel, getExtension, waitFor, type TechDealAtlasApi } from './util';

const config = () => vscode.workspace.getConfiguration('techDealAtlas');

const children = treeChildren;
const label = treeLabel;

describe('Import Treaties (ToTA XML)', function () {
  this.timeout(90_000);
  let api: TechDealAtlasApi;
  let root: string;
  let hadTechdeals: boolean;
  let summary: BatchSummary;

  before(async () => {
    api = await getApi();
    await api.whenReady();
    root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    hadTechdeals = fs.existsSync(path.join(root, '.techdeals'));
    const fixtures = vscode.Uri.file(path.join(getExtension().extensionPath, 'test', 'fixtures', 'tota', 'xml'));
    summary = (await vscode.commands.executeCommand<BatchSummary>('techDealAtlas.importTreaties', { sources: [fixtures], folder: vscode.workspace.workspaceFolders![0].uri }))!;
    await waitFor('the imported treaties loaded', () => api.getCatalog()?.agreements.has('tota-9001') && api.getCatalog()?.agreements.has('tota-9002'), 30_000);
  });

  after(async () => {
    await vscode.commands.executeCommand('techDealAtlas.groupAgreementsBy', 'none');
    await config().update('language', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(path.join(root, '.techdeals', 'imported'), { recursive: true, force: true });
    if (!hadTechdeals) fs.rmSync(path.join(root, '.techdeals'), { recursive: true, force: true });
    await vscode.commands.executeCommand('techDealAtlas.reloadCatalog');
    await waitFor('the imported treaties gone', () => !api.getCatalog()?.agreements.has('tota-9001'), 30_000);
  });

  it('writes one file per treaty and says what it skipped and why', () => {
    assert.deepStrictEqual(summary.imported.map((t) => t.agreementId), ['tota-9002', 'tota-9001'], 'in file name order');
    assert.deepStrictEqual(fs.readdirSync(path.join(root, '.techdeals', 'imported')).sort(), ['tota-9001.json', 'tota-9002.json'], 'no temporary file left behind');
    const skipped = new Map(summary.skipped.map((s) => [path.basename(s.file), s.reason]));
    assert.match(skipped.get('invented-resubmitted-efta-korea.xml') ?? '', /^same treaty \(ToTA 9001\) as .*invented-efta-korea\.xml/);
    assert.match(skipped.get('invented-malformed.xml') ?? '', /^is not well-formed XML: line \d+, column \d+/);
    assert.deepStrictEqual(api.getProblems().filter((p) => p.file.includes('imported')), []);
  });

  it('replaces a treaty on re-import instead of adding a second copy', async () => {
    const fixture = vscode.Uri.file(path.join(getExtension().extensionPath, 'test', 'fixtures', 'tota', 'xml', 'invented-chile-mexico-es.xml'));
    const again = (await vscode.commands.executeCommand<BatchSummary>('techDealAtlas.importTreaties', { sources: [fixture], folder: vscode.workspace.workspaceFolders![0].uri }))!;
    assert.deepStrictEqual(again.imported.map((t) => t.agreementId), ['tota-9002']);
    assert.deepStrictEqual(fs.readdirSync(path.join(root, '.techdeals', 'imported')).sort(), ['tota-9001.json', 'tota-9002.json']);
    assert.strictEqual([...api.getCatalog()!.agreements.keys()].filter((id) => id === 'tota-9002').length, 1);
  });

  it('shows the imported agreements grouped by party in the tree, down to their chapters and articles', async () => {
    await config().update('language', 'en', vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('techDealAtlas.groupAgreementsBy', 'party');
    const tree = api.trees.agreements;
    const groups = await waitFor('party groups', async () => {
      const roots = await children(tree);
      return roots.some((n) => label(tree, n) === 'European Free Trade Association') ? roots : undefined;
    });
    const efta = groups.find((n) => label(tree, n) === 'European Free Trade Association')!;
    const eftaDeals = await children(tree, efta);
    assert.deepStrictEqual(eftaDeals.map((n) => label(tree, n)), ['EFTA - Korea, Republic of']);
    assert.ok(!groups.some((n) => label(tree, n) === 'Iceland'), 'EFTA members are not groups of their own for this agreement');
    const korea = groups.find((n) => label(tree, n) === 'Republic of Korea')!;
    const underKorea = (await children(tree, korea)).map((n) => label(tree, n));
    assert.ok(underKorea.includes('EFTA - Korea, Republic of') && underKorea.includes('ROK–US TPD MOU'), underKorea.join(' | '));
    assert.match(String(tree.provider.getTreeItem(korea).description), /\d+ agreements/);
    const chapters = await children(tree, eftaDeals[0]);
    assert.deepStrictEqual(chapters.map((n) => label(tree, n)), ['Preamble', 'CHAPTER TWO · Electronic Commerce', 'Unnamed part', 'Final Provisions']);
    const articles = await children(tree, chapters[1]);
    assert.deepStrictEqual(articles.map((n) => (n.kind === 'provision' ? n.uid : n.nodeId)), ['tota-9001/90002', 'tota-9001/90003']);
    const chile = groups.find((n) => label(tree, n) === 'Republic of Chile')!;
    const [chileMexico] = await children(tree, chile);
    const [spanishChapter] = await children(tree, chileMexico);
    const [spanishArticle] = await children(tree, spanishChapter);
    assert.match(label(tree, spanishArticle), /^\[ES\] Las Partes no aplicarán/, 'a Spanish-only article in the English UI carries its language');
  });

  it('finds an imported article in search, by its Spanish words too', async () => {
    const index = (await api.search.index())!;
    const hits = index.search('transmisiones electrónicas').map((h) => h.id);
    assert.ok(hits.includes('tota-9002/90006'), `hits: ${hits.slice(0, 5).join(', ')}`);
    const english = index.search('interconnection telecommunications regulator').map((h) => h.id);
    assert.ok(english.includes('tota-9001/90004'), `hits: ${english.slice(0, 5).join(', ')}`);
  });

  it('hovers a tda:tota-… citation in a memo with the article text, its language, and the ToTA attribution', async () => {
    await config().update('language', 'en', vscode.ConfigurationTarget.Global);
    const memo = await vscode.workspace.openTextDocument({ content: 'Compare the Chile–Mexico e-commerce clause (tda:tota-9002/90006) with KORUS.', language: 'markdown' });
    const at = new vscode.Position(0, memo.getText().indexOf('tota-9002') + 3);
    const hover = await waitFor('the citation hover', async () => {
      const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', memo.uri, at)) ?? [];
      const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      return text.includes('ToTA') ? text : undefined;
    });
    assert.match(hover, /ToTA article 90006/);
    assert.match(hover, /Las Partes no aplicarán aranceles aduaneros/);
    assert.match(hover, /`ES` \*Spanish original\*/);
    assert.match(hover, /CC BY\\?-NC 4\\?\.0/);
    assert.match(hover, /http:\/\/example\.org\/tratados\/chile\\?-mexico|http:\/\/example\.org\/tratados\/chile-mexico/);
  });
});
