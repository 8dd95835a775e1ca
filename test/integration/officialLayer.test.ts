// The official layer in a real extension host: the Disagreements view lists every flagged point, a disputed
// provision's tooltip and a disputed term's hover show both claims with their sources, and the US–UK deal's timeline
// (agreement document, Timeline view, tree description) shows the December 2025 pause.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { text, type Catalog } from '../../src/core/catalog/model';
import { escapeMarkdown } from '../../src/core/text/markdown';
import { getApi, hoverText, treeChildren, waitFor, type TechDealAtlasApi } from './util';

function tooltipText(item: vscode.TreeItem): string {
  const tooltip = item.tooltip;
  return typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? '');
}

const config = () => vscode.workspace.getConfiguration('techDealAtlas');

describe('official layer', () => {
  let api: TechDealAtlasApi;
  let catalog: Catalog;

  before(async () => {
    api = await getApi();
    await api.whenReady();
    await config().update('language', 'en', vscode.ConfigurationTarget.Global);
    catalog = api.getCatalog()!;
  });

  after(async () => {
    await config().update('language', undefined, vscode.ConfigurationTarget.Global);
    await config().update('agreementDocument.openAs', undefined, vscode.ConfigurationTarget.Global);
  });

  it('lists every flagged disagreement in the Disagreements view, each with its claims and what it is about', async () => {
    await vscode.commands.executeCommand('techDealAtlas.disagreements.focus');
    await waitFor('the Disagreements view is visible', () => api.disagreements.view.visible);
    const roots = api.disagreements.provider.getChildren();
    assert.strictEqual(roots.length, catalog.disagreements.length);
    assert.ok(roots.length >= 16, `${roots.length} disagreements`);
    const labels = roots.map((n) => String(api.disagreements.provider.getTreeItem(n).label));
    assert.deepStrictEqual(labels, catalog.disagreements.map((d) => d.topic.en));
    assert.strictEqual(api.disagreements.view.description, `${catalog.disagreements.length} points`);

    // The signatory question of the ROK–US MOU: both accounts, with the sources behind each.
    const signatory = catalog.disagreements.find((d) => d.about.some((a) => a.agreement === 'kr-us-tpd' && a.field === 'signatories'))!;
    const node = roots[catalog.disagreements.indexOf(signatory)];
    const children = api.disagreements.provider.getChildren(node);
    const items = children.map((c) => api.disagreements.provider.getTreeItem(c));
    const claims = items.filter((i) => i.contextValue === 'disagreementClaim');
    assert.deepStrictEqual(claims.map((i) => i.label), signatory.claims.map((c) => c.text.en));
    const subject = items.find((i) => i.contextValue === 'disagreementSubject')!;
    assert.match(String(subject.label), /ROK–US TPD MOU · signatories/);
    assert.strictEqual(subject.command?.command, 'techDealAtlas.openAgreement');
    // Under a claim, its sources, each opening the source.
    const sources = api.disagreements.provider.getChildren(children[0]);
    const sourceItems = sources.map((s) => api.disagreements.provider.getTreeItem(s));
    assert.ok(sourceItems.length >= 1 && sourceItems.every((i) => i.command?.command === 'techDealAtlas.openSource'));
  });

  it('shows both claims with their sources in a disputed provision’s tooltip and description', async () => {
    // A provision of the Joint Fact Sheet that sources disagree about (e.g. where the submarines will be built).
    const disputed = catalog.disagreements.flatMap((d) => d.about.filter((a) => a.agreement === 'kr-us-jfs' && a.provision).map((a) => ({ d, uid: `kr-us-jfs/${a.provision}` })))[0];
    assert.ok(disputed, 'a disputed fact-sheet provision');
    const agreements = api.trees.agreements;
    const root = (await treeChildren(agreements)).find((n) => n.kind === 'agreement' && n.agreementId === 'kr-us-jfs')!;
    let leaf: vscode.TreeItem | undefined;
    for (const sector of await treeChildren(agreements, root)) {
      for (const node of await treeChildren(agreements, sector)) {
        if (node.kind === 'provision' && node.uid === disputed.uid) leaf = agreements.provider.getTreeItem(node);
      }
    }
    assert.ok(leaf, `${disputed.uid} in the tree`);
    assert.match(String(leaf.description), /⚠ Disputed/);
    const tooltip = tooltipText(leaf);
    for (const claim of disputed.d.claims) {
      assert.ok(tooltip.includes(escapeMarkdown(claim.text.en)), `tooltip lacks the claim "${claim.text.en}":\n${tooltip}`);
      const source = catalog.sources.get(claim.provenance[0].source)!;
      assert.ok(tooltip.includes(escapeMarkdown(text(source.title, 'en')).slice(0, 40)), `tooltip lacks the source "${source.title.en}"`);
    }
    assert.match(tooltip, /`(Official|News|Commentary \(analysis\))`/, 'sources carry their tier');
  });

  it('shows both claims in the hover of a disputed glossary term in a memo', async () => {
    const kps = catalog.disagreements.find((d) => d.about.some((a) => a.term === 'kps'))!;
    assert.ok(kps, 'the KPS constellation disagreement');
    const folder = vscode.workspace.workspaceFolders![0];
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'tpd-comparison-notes.txt'));
    const at = document.positionAt(document.getText().indexOf('KPS') + 1);
    const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, at)) ?? [];
    const value = hovers.map(hoverText).find((h) => h.includes('command:techDealAtlas.'));
    assert.ok(value, 'a hover from the extension');
    assert.ok(value.includes('⚠ Disputed'), value);
    for (const claim of kps.claims) assert.ok(value.includes(escapeMarkdown(claim.text.en)), `hover lacks "${claim.text.en}"`);
  });

  it('shows the December 2025 pause of the US–UK deal: in its timeline, the Timeline view and its tree description', async () => {
    await config().update('agreementDocument.openAs', 'source', vscode.ConfigurationTarget.Global);
    assert.strictEqual(await vscode.commands.executeCommand('techDealAtlas.openAgreement', 'us-uk-tpd', { section: 'timeline' }), true);
    const editor = await waitFor('the US–UK agreement document', () => {
      const e = vscode.window.activeTextEditor;
      return e?.document.uri.scheme === 'tech-deal-atlas' && e.document.uri.path.startsWith('/us-uk-tpd/') ? e : undefined;
    });
    const lines = editor.document.getText().split('\n');
    const timeline = lines.indexOf('## Timeline');
    assert.ok(timeline > 0, 'a Timeline section');
    assert.strictEqual(editor.selection.active.line, timeline, 'opened at the Timeline');
    const end = lines.findIndex((l, i) => i > timeline && l.startsWith('## '));
    const section = lines.slice(timeline, end).join('\n');
    assert.match(section, /\*\*2025\\-12\*\* · Paused: /, section);
    assert.ok(section.indexOf('2025\\-09\\-18') < section.indexOf('2025\\-12'), 'signed before paused');
    assert.match(editor.document.getText(), /- \*\*Status:\*\* Implementation paused since 2025\\-12/);

    const timelineView = api.timeline.provider;
    const years = timelineView.getChildren();
    const year2025 = years.find((y) => y.kind === 'year' && y.year === '2025')!;
    const events = timelineView.getChildren(year2025).map((e) => timelineView.getTreeItem(e));
    const pause = events.find((e) => e.id === 'event:us-uk-tpd:paused');
    assert.ok(pause, 'the pause in the Timeline view');
    assert.match(String(pause.label), /^2025-12 · US–UK TPD MOU$/);
    assert.match(String(pause.description), /^Paused · /);
    assert.deepStrictEqual(pause.command?.arguments, ['us-uk-tpd', { section: 'timeline' }]);

    const root = (await treeChildren(api.trees.agreements)).find((n) => n.kind === 'agreement' && n.agreementId === 'us-uk-tpd')!;
    assert.match(String(api.trees.agreements.provider.getTreeItem(root).description), /Implementation paused since 2025-12/);
  });
});
