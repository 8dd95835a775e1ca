// Smoke suite against the extension as a user gets it: packaged with `npm run package` and installed from the .vsix
// into a fresh VS Code server (test/harness/run-integration.mjs --suite vsix-smoke). It checks what breaks when a
// runtime file is left out of the package (.vscodeignore lists what ships): activation, the dataset (tree), hovers,
// the comparison panel's page and its assets, search, the on-demand schema validator for users' files, l10n, the
// walkthrough's files.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { text } from '../../src/core/catalog/model';
import { escapeMarkdown } from '../../src/core/text/markdown';
import { getApi, getExtension, hoverText, SHIPPED_AGREEMENT_IDS, termCatalogFile, theHover, treeChildren, treeLabel, waitFor, type TechDealAtlasApi } from '../integration/util';

const folder = () => vscode.workspace.workspaceFolders![0].uri;
const exists = async (uri: vscode.Uri) => vscode.workspace.fs.stat(uri).then(() => true, () => false);

describe('Installed VSIX', function () {
  this.timeout(60_000);
  let api: TechDealAtlasApi;
  let root: vscode.Uri;

  before(async () => {
    root = getExtension().extensionUri;
    api = await getApi();
    await waitFor('the catalog', () => api.getCatalog(), 30_000).catch(() => undefined);
  });

  it('is the installed copy, not the source folder', () => {
    const installed = getExtension().extensionPath;
    const repo = process.env.TDA_REPO_ROOT;
    assert.ok(repo, 'the runner names the source folder');
    assert.ok(!installed.startsWith(repo), `${installed} is inside the source folder`);
    assert.match(installed, /[\\/]extensions[\\/]tech-deal-atlas\.tech-deal-atlas-\d+\.\d+\.\d+$/);
    assert.strictEqual(getExtension().extensionKind, vscode.ExtensionKind.Workspace);
  });

  it('runs in production mode, as installed extensions do (no test hooks)', () => {
    assert.strictEqual(api.catalogTesting, undefined, 'test hooks exist only for an extension under development');
  });

  it('activates and loads the shipped dataset with no problems', async () => {
    assert.ok(getExtension().isActive);
    const catalog = api.getCatalog();
    assert.ok(catalog, `no catalog; problems: ${JSON.stringify(api.getProblems().slice(0, 3))}`);
    assert.deepStrictEqual([...catalog.agreements.keys()].sort(), [...SHIPPED_AGREEMENT_IDS]);
    assert.deepStrictEqual(api.getProblems().filter((p) => p.severity === 'error'), []);
  });

  it('fills the Agreements tree: agreements → sectors → provisions', async () => {
    const roots = await treeChildren(api.trees.agreements);
    assert.strictEqual(roots.length, SHIPPED_AGREEMENT_IDS.length);
    const sectors = await treeChildren(api.trees.agreements, roots[0]);
    assert.ok(sectors.length > 0, 'sectors');
    const provisions = await treeChildren(api.trees.agreements, sectors[0]);
    assert.ok(provisions.length > 0 && treeLabel(api.trees.agreements, provisions[0]).length > 0, 'provisions');
  });

  it('answers a glossary hover in a memo of the workspace', async () => {
    const memo = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder(), 'rok-us-tpd-briefing.md'));
    const hover = await theHover(memo.uri, memo.positionAt(memo.getText().indexOf('Artemis Program') + 3));
    const definition = text(api.getCatalog()!.terms.get('artemis-program')!.definition, 'en');
    assert.ok(hoverText(hover).includes(escapeMarkdown(definition).slice(0, 60)), hoverText(hover));
  });

  it('opens the comparison panel, whose page loads its script and styles from the package', async () => {
    for (const asset of ['dist/webview/compare.js', 'dist/webview/codicon.css', 'dist/webview/codicon.ttf', 'media/compare/compare.css']) {
      assert.ok(await exists(vscode.Uri.joinPath(root, asset)), `${asset} is not in the package`);
    }
    await vscode.commands.executeCommand('techDealAtlas.compare', ['kr-us-tpd', 'us-uk-tpd', 'us-jp-tpd']);
    await waitFor('the panel’s page to run its script', () => api.compare.panels().some((p) => p.scriptRan), 30_000);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('finds a provision and a glossary term with Search…', async () => {
    await vscode.commands.executeCommand('techDealAtlas.search', 'KPS');
    const state = await waitFor('search results', () => {
      const s = api.search.picker();
      return s && s.value === 'KPS' && !s.busy && s.items.length > 0 ? s : undefined;
    });
    const labels = state.items.flatMap((item) => ('label' in item ? [item.label] : []));
    assert.ok(labels.some((label) => /Korean Positioning System|한국형 위성항법체계/.test(label)), labels.slice(0, 5).join(' | '));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });

  it('checks a user’s catalog file with the on-demand schema validator: a valid term is added, an invalid one gets a diagnostic', async () => {
    const file = vscode.Uri.joinPath(folder(), '.techdeals', 'smoke.json');
    // Reloaded by command, not left to the file watcher: this suite tests the package, and a watcher can miss a file
    // written into a folder created a moment before (the folder is not watched yet).
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(termCatalogFile('smoke-term', 'Smoke Term')));
    await vscode.commands.executeCommand('techDealAtlas.reloadCatalog');
    await waitFor('the user’s term', () => api.getCatalog()?.terms.has('smoke-term'), 30_000).catch((err) => {
      throw new Error(`${err.message}; problems: ${JSON.stringify(api.getProblems().slice(0, 3))}`);
    });
    const invalid = JSON.parse(termCatalogFile('smoke-term', 'Smoke Term'));
    invalid.terms[0].definitionBasis = 'guesswork';
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(JSON.stringify(invalid, null, 2)));
    await vscode.commands.executeCommand('techDealAtlas.reloadCatalog');
    const diagnostic = await waitFor('a schema diagnostic', () => vscode.languages.getDiagnostics(file).find((d) => d.code === 'schema'), 30_000);
    assert.match(diagnostic.message, /guesswork/);
    await vscode.workspace.fs.delete(file);
  });

  it('ships its Korean translations, schema and walkthrough', async () => {
    const manifest = getExtension().packageJSON as { contributes: { walkthroughs: { steps: { media: { svg: string } }[] }[]; jsonValidation: { url: string }[] } };
    const files = [
      'l10n/bundle.l10n.ko.json',
      'package.nls.json',
      'package.nls.ko.json',
      'dist/catalogValidator.js',
      'media/walkthrough/sample-memo.en.md',
      'media/walkthrough/sample-memo.ko.md',
      ...manifest.contributes.walkthroughs.flatMap((w) => w.steps.map((s) => s.media.svg)),
      ...manifest.contributes.jsonValidation.map((v) => v.url.replace(/^\.\//, '')),
    ];
    for (const file of files) assert.ok(await exists(vscode.Uri.joinPath(root, file)), `${file} is not in the package`);
    const ko = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(root, 'l10n', 'bundle.l10n.ko.json')))) as Record<string, string>;
    assert.ok(Object.keys(ko).length > 80, `${Object.keys(ko).length} Korean strings`);
  });

  it('leaves out what users do not need: sources, tests, source maps, the corpora', async () => {
    for (const file of ['src', 'test', 'node_modules', 'dist/extension.js.map', 'media/screenshots', 'package-lock.json', 'tsconfig.json']) {
      assert.ok(!(await exists(vscode.Uri.joinPath(root, file))), `${file} is in the package`);
    }
  });
});
