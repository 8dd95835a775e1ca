// Sidebar trees in a real extension host: their children match the catalog exactly (both views, both languages),
// filters narrow and clear, citations reach the clipboard and editors, reveal selects, agreement documents open at
// the provision and the Agreements view follows the cursor.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { formatCitation } from '../../src/core/citation/citation';
import { escapeMarkdown } from '../../src/core/text/markdown';
import { text, type Agreement, type Catalog, type Lang, type Provision } from '../../src/core/catalog/model';
import type { TreeNode } from '../../src/core/tree/treeModel';
import type { AtlasTreeHandle } from '../../src/features/tree';
import { getApi, treeChildren, treeLabel, waitFor, type TechDealAtlasApi } from './util';

const config = () => vscode.workspace.getConfiguration('techDealAtlas');

const children = treeChildren;
const label = treeLabel;

/** Sets the data language and waits until the Agreements view shows it. */
async function useLanguage(api: TechDealAtlasApi, lang: Lang): Promise<void> {
  await config().update('language', lang, vscode.ConfigurationTarget.Global);
  const catalog = api.getCatalog()!;
  const tree = api.trees.agreements;
  await waitFor(`tree labels in ${lang}`, async () => {
    const labels = (await children(tree)).map((n) => label(tree, n));
    const expected = [...catalog.agreements.values()].map((a) => text(a.title.short, lang));
    return labels.length === expected.length && labels.every((l) => expected.includes(l));
  });
}

function sectorsOf(agreement: Agreement): Set<string> {
  return new Set(agreement.provisions.flatMap((p) => p.sectors));
}

/** A Markdown preview tab (a webview: VS Code tells no more about it). */
function isMarkdownPreview(tab: vscode.Tab | undefined): boolean {
  return tab?.input instanceof vscode.TabInputWebview && /markdown/i.test(tab.input.viewType);
}

function idOf(node: TreeNode): string {
  return node.kind === 'agreement' ? node.agreementId : node.kind === 'sector' ? node.sectorId : node.kind === 'provision' ? node.uid : node.nodeId;
}

describe('Sidebar trees', function () {
  let api: TechDealAtlasApi;
  let catalog: Catalog;
  let agreements: AtlasTreeHandle;
  let sectors: AtlasTreeHandle;

  before(async () => {
    api = await getApi();
    await api.whenReady();
    catalog = api.getCatalog()!;
    ({ agreements, sectors } = api.trees);
    assert.ok(catalog.agreements.size > 0 && catalog.provisions.size > 0, 'the shipped catalog is loaded');
    await config().update('agreementDocument.openAs', 'source', vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('techDealAtlas.clearFilter');
  });

  after(async () => {
    await vscode.commands.executeCommand('techDealAtlas.clearFilter');
    for (const key of ['language', 'agreementDocument.openAs']) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  for (const lang of ['en', 'ko'] as const) {
    it(`Agreements view (${lang}): agreements → sectors with provision counts → provisions, exactly as in the catalog`, async () => {
      await useLanguage(api, lang);
      const roots = await children(agreements);
      assert.deepStrictEqual(roots.map(idOf).sort(), [...catalog.agreements.keys()].sort());
      const dates = roots.map((n) => catalog.agreements.get(idOf(n))!.date ?? '');
      assert.deepStrictEqual(dates.filter(Boolean), [...dates.filter(Boolean)].sort().reverse(), 'newest first');
      for (const root of roots) {
        const agreement = catalog.agreements.get(idOf(root))!;
        const item = agreements.provider.getTreeItem(root);
        assert.strictEqual(label(agreements, root), text(agreement.title.short, lang));
        if (agreement.date) assert.ok(String(item.description).includes(agreement.date), `${agreement.id} description shows its date`);
        assert.ok(item.tooltip instanceof vscode.MarkdownString && item.tooltip.value.length > 0, 'Markdown tooltip');
        const groups = await children(agreements, root);
        assert.deepStrictEqual(new Set(groups.map(idOf)), sectorsOf(agreement), `${agreement.id} sectors`);
        for (const group of groups) {
          const expected = agreement.provisions.filter((p) => p.sectors.includes(idOf(group)));
          assert.strictEqual(label(agreements, group), text(catalog.sectors.get(idOf(group))!.name, lang));
          assert.match(String(agreements.provider.getTreeItem(group).description), new RegExp(`(^|\\D)${expected.length}(\\D|$)`), 'provision count');
          const leaves = await children(agreements, group);
          assert.deepStrictEqual(leaves.map(idOf), expected.map((p) => p.uid));
          for (const leaf of leaves) {
            const provision = catalog.provisions.get(idOf(leaf))!;
            const leafItem = agreements.provider.getTreeItem(leaf);
            // The label is the text; the description says whose number it is (never "12." as if the agreement numbered it).
            assert.ok(text(provision.text, lang).startsWith(label(agreements, leaf).replace(/…$/, '')), 'label is the provision text');
            // …followed by a mark when sources disagree about the provision.
            const disputed = catalog.disagreements.some((d) => d.about.some((a) => a.agreement === provision.agreementId && a.provision === provision.id));
            const number = lang === 'ko' ? `아틀라스 항목 ${provision.id}` : `atlas item ${provision.id}`;
            assert.strictEqual(leafItem.description, disputed ? `${number} · ${lang === 'ko' ? '⚠ 이견 있음' : '⚠ Disputed'}` : number);
            assert.ok(leafItem.accessibilityInformation?.label.includes(text(provision.text, lang)), 'accessible label reads the provision');
            assert.deepStrictEqual(leafItem.command?.arguments, [provision.uid]);
          }
        }
      }
    });

    it(`Sectors view (${lang}): the pivot places every provision under each of its sectors`, async () => {
      await useLanguage(api, lang);
      const roots = await children(sectors);
      assert.deepStrictEqual(roots.map(idOf).sort(), [...catalog.sectors.keys()].sort());
      const placed: string[] = [];
      for (const root of roots) {
        assert.strictEqual(label(sectors, root), text(catalog.sectors.get(idOf(root))!.name, lang));
        const expectedAgreements = [...catalog.agreements.values()].filter((a) => sectorsOf(a).has(idOf(root)));
        const agreementNodes = await children(sectors, root);
        assert.deepStrictEqual(agreementNodes.map(idOf).sort(), expectedAgreements.map((a) => a.id).sort());
        for (const node of agreementNodes) {
          for (const leaf of await children(sectors, node)) placed.push(`${idOf(leaf)}@${idOf(root)}`);
        }
      }
      const expected = [...catalog.provisions.values()].flatMap((p) => p.sectors.map((s) => `${p.uid}@${s}`));
      assert.deepStrictEqual(placed.sort(), expected.sort());
    });
  }

  it('keeps item ids stable across a language switch and a catalog reload (expansion state survives)', async () => {
    const ids = async () => {
      const out: string[] = [];
      for (const root of await children(agreements)) {
        out.push(agreements.provider.getTreeItem(root).id!);
        for (const group of await children(agreements, root)) out.push(agreements.provider.getTreeItem(group).id!);
      }
      return out.sort();
    };
    await useLanguage(api, 'en');
    const before = await ids();
    await useLanguage(api, 'ko');
    assert.deepStrictEqual(await ids(), before);
    const reloaded = new Promise<void>((resolve) => {
      const sub = agreements.provider.onDidChangeTreeData(() => (sub.dispose(), resolve()));
    });
    await vscode.commands.executeCommand('techDealAtlas.reloadCatalog');
    await reloaded;
    assert.deepStrictEqual(await ids(), before);
    catalog = api.getCatalog()!;
  });

  it('filters by sector and by party narrow both views, show the filter in the view description, and clear', async () => {
    await useLanguage(api, 'en');
    const sectorId = [...catalog.sectors.keys()][0];
    await vscode.commands.executeCommand('techDealAtlas.filterBySector', [sectorId]);
    assert.deepStrictEqual((await children(sectors)).map(idOf), [sectorId]);
    const filteredRoots = await children(agreements);
    assert.deepStrictEqual(
      filteredRoots.map(idOf).sort(),
      [...catalog.agreements.values()].filter((a) => sectorsOf(a).has(sectorId)).map((a) => a.id).sort(),
    );
    for (const root of filteredRoots) assert.deepStrictEqual((await children(agreements, root)).map(idOf), [sectorId]);
    const sectorName = text(catalog.sectors.get(sectorId)!.name, 'en');
    assert.ok(agreements.view.description?.includes(sectorName), `description "${agreements.view.description}" names the sector`);

    await vscode.commands.executeCommand('techDealAtlas.clearFilter');
    await vscode.commands.executeCommand('techDealAtlas.filterByParty', ['JP']);
    const withJapan = [...catalog.agreements.values()].filter((a) => a.parties.includes('JP')).map((a) => a.id);
    assert.ok(withJapan.length > 0 && withJapan.length < catalog.agreements.size, 'the dataset has agreements with and without Japan');
    assert.deepStrictEqual((await children(agreements)).map(idOf).sort(), withJapan.sort());
    assert.ok(sectors.view.description?.includes(text(catalog.parties.get('JP')!.short, 'en')));

    await vscode.commands.executeCommand('techDealAtlas.clearFilter');
    assert.strictEqual((await children(agreements)).length, catalog.agreements.size);
    assert.strictEqual(agreements.view.description, undefined);
  });

  it('Copy Citation puts the formatted citation on the clipboard (from an id and from a tree node)', async () => {
    await useLanguage(api, 'ko');
    const provision = [...catalog.provisions.values()][0];
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('techDealAtlas.copyCitation', provision.uid);
    assert.strictEqual(await vscode.env.clipboard.readText(), formatCitation(catalog, provision, 'ko'));

    const root = (await children(agreements))[0];
    const leaf = (await children(agreements, (await children(agreements, root))[0]))[0];
    await vscode.commands.executeCommand('techDealAtlas.copyCitation', leaf, [leaf]);
    assert.strictEqual(await vscode.env.clipboard.readText(), formatCitation(catalog, catalog.provisions.get(idOf(leaf))!, 'ko'));
  });

  it('Insert Citation replaces the selection of an open untitled document', async () => {
    await useLanguage(api, 'en');
    const provision = [...catalog.provisions.values()].at(-1)!;
    const document = await vscode.workspace.openTextDocument({ content: 'See PLACEHOLDER.', language: 'markdown' });
    const editor = await vscode.window.showTextDocument(document);
    editor.selection = new vscode.Selection(0, 4, 0, 15);
    assert.strictEqual(await vscode.commands.executeCommand('techDealAtlas.insertCitation', provision.uid), true);
    assert.strictEqual(document.getText(), `See ${formatCitation(catalog, provision, 'en')}.`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('dragging provisions out of the tree carries their citations as text/plain', async () => {
    await useLanguage(api, 'en');
    const root = (await children(sectors))[0];
    const leaves = await children(sectors, (await children(sectors, root))[0]);
    const transfer = new vscode.DataTransfer();
    sectors.provider.handleDrag(leaves, transfer);
    const expected = leaves.map((l) => formatCitation(catalog, catalog.provisions.get(idOf(l))!, 'en')).join('\n');
    assert.strictEqual(await transfer.get('text/plain')?.asString(), expected);
  });

  it('Compare on a multi-selection of agreements opens the comparison of exactly those, in selection order', async () => {
    const [first, second] = await children(agreements);
    await vscode.commands.executeCommand('techDealAtlas.tree.compare', second, [second, first]);
    const panel = await waitFor('comparison panel', () => api.compare.panels().find((p) => p.active));
    assert.deepStrictEqual(panel.view.agreements, [idOf(second), idOf(first)]);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Search in this Sector opens the search picker scoped to the sector', async () => {
    const sector = (await children(sectors))[0];
    // Not awaited: the command resolves when the picker closes.
    void vscode.commands.executeCommand('techDealAtlas.tree.searchInSector', sector, [sector]);
    try {
      await waitFor('search picker scoped to the sector', () => api.search.picker()?.sector === idOf(sector));
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    }
  });

  it('reveal selects agreements, sectors and provisions, clearing a filter that hides them', async () => {
    const provision = [...catalog.provisions.values()].find((p) => p.sectors.length > 1) ?? [...catalog.provisions.values()][0];
    assert.strictEqual(await vscode.commands.executeCommand('techDealAtlas.revealInTree', { kind: 'provision', id: provision.uid }), true);
    await waitFor('provision selected', () => agreements.view.selection.length === 1 && idOf(agreements.view.selection[0]) === provision.uid);

    const sectorId = [...catalog.sectors.keys()].at(-1)!;
    await vscode.commands.executeCommand('techDealAtlas.revealInTree', { kind: 'sector', id: sectorId });
    await waitFor('sector selected', () => sectors.view.selection.length === 1 && idOf(sectors.view.selection[0]) === sectorId);

    const hidden = [...catalog.provisions.values()].find((p) => !p.sectors.includes(sectorId))!;
    await vscode.commands.executeCommand('techDealAtlas.filterBySector', [sectorId]);
    await vscode.commands.executeCommand('techDealAtlas.revealInTree', { kind: 'provision', id: hidden.uid });
    await waitFor('hidden provision revealed', () => agreements.view.selection.length === 1 && idOf(agreements.view.selection[0]) === hidden.uid);
    assert.strictEqual(agreements.view.description, undefined, 'the filter was cleared');

    const agreement = [...catalog.agreements.values()].at(-1)!;
    await vscode.commands.executeCommand('techDealAtlas.revealInTree', { kind: 'agreement', id: agreement.id });
    await waitFor('agreement selected', () => idOf(agreements.view.selection[0]) === agreement.id);
  });

  it('opens a provision in the read-only agreement document at its heading, with its text, citation and source', async () => {
    await useLanguage(api, 'en');
    const provision: Provision = [...catalog.provisions.values()][5] ?? [...catalog.provisions.values()][0];
    assert.strictEqual(await vscode.commands.executeCommand('techDealAtlas.openProvision', provision.uid), true);
    const editor = await waitFor('agreement document', () => {
      const e = vscode.window.activeTextEditor;
      return e?.document.uri.scheme === 'tech-deal-atlas' ? e : undefined;
    });
    const document = editor.document;
    assert.strictEqual(document.languageId, 'markdown');
    const line = editor.selection.active.line;
    assert.strictEqual(document.lineAt(line).text, `#### Atlas item ${provision.id}`);
    assert.ok(editor.visibleRanges.some((r) => r.contains(new vscode.Position(line, 0))), 'scrolled to the provision');
    const body = document.getText();
    assert.ok(body.includes(formatCitation(catalog, provision, 'en')), 'citation');
    const source = catalog.sources.get(provision.provenance[0].source)!;
    assert.ok(body.includes('## Sources') && body.includes(`**${escapeMarkdown(source.title.en)}**`), 'sources section');
  });

  it('the Agreements view follows the cursor in an agreement document', async () => {
    await vscode.commands.executeCommand('techDealAtlas.agreements.focus');
    const agreement = [...catalog.agreements.values()].find((a) => a.provisions.length >= 3)!;
    await vscode.commands.executeCommand('techDealAtlas.openAgreement', agreement.id);
    const editor = await waitFor('agreement document', () => {
      const e = vscode.window.activeTextEditor;
      return e?.document.uri.path.startsWith(`/${agreement.id}/`) ? e : undefined;
    });
    const target = agreement.provisions[2];
    const line = editor.document.getText().split('\n').indexOf(`#### Atlas item ${target.id}`);
    assert.ok(line > 0);
    editor.selection = new vscode.Selection(line + 2, 0, line + 2, 0);
    await waitFor('tree follows the cursor', () => agreements.view.selection.length === 1 && idOf(agreements.view.selection[0]) === target.uid);

    // With following off the tree stays put; the editor title's Reveal in Sidebar (called with the URI) still works.
    await config().update('tree.followActiveDocument', false, vscode.ConfigurationTarget.Global);
    try {
      const next = agreement.provisions[0];
      const nextLine = editor.document.getText().split('\n').indexOf(`#### Atlas item ${next.id}`);
      editor.selection = new vscode.Selection(nextLine, 0, nextLine, 0);
      await new Promise((r) => setTimeout(r, 600));
      assert.strictEqual(idOf(agreements.view.selection[0]), target.uid, 'the tree did not follow');
      assert.strictEqual(await vscode.commands.executeCommand('techDealAtlas.revealInTree', editor.document.uri), true);
      await waitFor('revealed from the editor title', () => idOf(agreements.view.selection[0]) === next.uid);
    } finally {
      await config().update('tree.followActiveDocument', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('Open Source without a web address opens the agreement document at its Sources section', async () => {
    const provision = [...catalog.provisions.values()].find((p) => !catalog.sources.get(p.provenance[0].source)?.url);
    if (!provision) return;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.strictEqual(await vscode.commands.executeCommand('techDealAtlas.openSource', provision.uid), true);
    const editor = await waitFor('agreement document', () => {
      const e = vscode.window.activeTextEditor;
      return e?.document.uri.scheme === 'tech-deal-atlas' ? e : undefined;
    });
    const cursor = editor.selection.active.line;
    const lines = editor.document.getText().split('\n');
    assert.match(lines[cursor], /^\d+\. \*\*/, `cursor on a source entry, got "${lines[cursor]}"`);
    const sourcesHeading = lines.indexOf('## Sources');
    assert.ok(sourcesHeading >= 0 && sourcesHeading < cursor, 'below the Sources heading');
    assert.ok(lines.slice(sourcesHeading + 1, cursor).every((l) => !l.startsWith('## ')), 'within the Sources section');
  });

  it('opens agreements in the Markdown preview by default, scrolled in place of the source', async () => {
    await config().update('agreementDocument.openAs', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const agreement = [...catalog.agreements.values()][0];
    assert.strictEqual(await vscode.commands.executeCommand('techDealAtlas.openAgreement', agreement.id), true);
    const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    await waitFor('a Markdown preview tab', () => tabs().some(isMarkdownPreview));
    assert.ok(
      !tabs().some((t) => t.input instanceof vscode.TabInputText && t.input.uri.scheme === 'tech-deal-atlas'),
      'the Markdown source tab was replaced by the preview',
    );
    await config().update('agreementDocument.openAs', 'source', vscode.ConfigurationTarget.Global);
  });

  it('the Agreements view follows a Markdown preview of an agreement document to its agreement', async () => {
    await config().update('agreementDocument.openAs', undefined, vscode.ConfigurationTarget.Global);
    const selected = () => (agreements.view.selection.length === 1 ? idOf(agreements.view.selection[0]) : undefined);
    /** Another editor, then back to the preview: the preview becomes the active tab again (no text editor involved). */
    const leaveAndReturn = async () => {
      await vscode.commands.executeCommand('workbench.action.files.newUntitledFile');
      await waitFor('an untitled editor', () => vscode.window.activeTextEditor?.document.isUntitled === true);
      await vscode.commands.executeCommand('workbench.action.previousEditor');
      await waitFor('the preview is active again', () => isMarkdownPreview(vscode.window.tabGroups.activeTabGroup.activeTab));
    };
    try {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.commands.executeCommand('techDealAtlas.agreements.focus');
      const [first, second] = [...catalog.agreements.values()];
      assert.strictEqual(await vscode.commands.executeCommand('techDealAtlas.openAgreement', second.id), true);
      await waitFor('the preview', () => isMarkdownPreview(vscode.window.tabGroups.activeTabGroup.activeTab));

      // The analyst looks at another agreement in the tree, then comes back to the preview: the tree follows it.
      await vscode.commands.executeCommand('techDealAtlas.revealInTree', { kind: 'agreement', id: first.id });
      await waitFor('first agreement selected', () => selected() === first.id);
      await leaveAndReturn();
      await waitFor('the tree follows the preview to its agreement', () => selected() === second.id);

      // A selection inside the previewed agreement stays: the preview shows that provision's agreement already.
      const provision = second.provisions[second.provisions.length - 1];
      await vscode.commands.executeCommand('techDealAtlas.revealInTree', { kind: 'provision', id: provision.uid });
      await waitFor('provision selected', () => selected() === provision.uid);
      await leaveAndReturn();
      await new Promise((r) => setTimeout(r, 400));
      assert.strictEqual(selected(), provision.uid, 'the provision stayed selected');

      // With following off the tree stays where the analyst left it.
      await config().update('tree.followActiveDocument', false, vscode.ConfigurationTarget.Global);
      try {
        await vscode.commands.executeCommand('techDealAtlas.revealInTree', { kind: 'agreement', id: first.id });
        await waitFor('first agreement selected', () => selected() === first.id);
        await leaveAndReturn();
        await new Promise((r) => setTimeout(r, 400));
        assert.strictEqual(selected(), first.id, 'the tree did not follow');
      } finally {
        await config().update('tree.followActiveDocument', undefined, vscode.ConfigurationTarget.Global);
      }
    } finally {
      await config().update('agreementDocument.openAs', 'source', vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });
});
