// Cite as you write, in the real extension host: citation completion (items and the text inserted), Find All
// References across three memos on disk (citations and a glossary term), the Citations view and "cited in" in the
// tree tooltip and agreement document, and the quick fixes (renumbered id, broken citation, plain-text mention,
// changed provision text) with the exact edits they make.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { formatCitation } from '../../src/core/citation/citation';
import { agreementNode, provisionNode } from '../../src/core/tree/treeModel';
import { getApi, waitFor, type TechDealAtlasApi } from './util';

const config = () => vscode.workspace.getConfiguration('techDealAtlas');
const AGREEMENT = 'tda-it-cite';

/** 0-based position of the first `needle` in `text` (plus `offset` characters). */
function positionOf(text: string, needle: string, offset = 0): vscode.Position {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `fixture lacks ${needle}`);
  const before = text.slice(0, at + offset).split('\n');
  return new vscode.Position(before.length - 1, before[before.length - 1].length);
}

const where = (l: vscode.Location) => `${path.basename(l.uri.fsPath)}:${l.range.start.line}:${l.range.start.character}-${l.range.end.line}:${l.range.end.character}`;

let untitledCount = 0;

async function completions(content: string, language = 'markdown'): Promise<{ doc: vscode.TextDocument; items: vscode.CompletionItem[] }> {
  // A name of its own for each document: an untitled document opened with `{ content }` reuses the name of one just
  // closed, and completion then answered once for the closed one's text (failed in CI).
  const uri = vscode.Uri.parse(`untitled:/tda-completion-${process.pid}-${++untitledCount}.${language === 'markdown' ? 'md' : 'txt'}`);
  const doc = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(uri), language);
  await vscode.window.showTextDocument(doc);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, new vscode.Position(0, 0), content);
  assert.ok(await vscode.workspace.applyEdit(edit));
  assert.strictEqual(doc.getText(), content);
  const end = doc.lineAt(doc.lineCount - 1).range.end;
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, end, ':');
  // Only this extension's items (agreements are modules, provisions references): VS Code's word suggestions answer
  // too, with words of every open document, and one of those may be a `tda:` token another test left open.
  const items = list.items.filter((i) => (i.kind === vscode.CompletionItemKind.Module || i.kind === vscode.CompletionItemKind.Reference) && typeof i.insertText === 'string' && /tda:/.test(i.insertText));
  return { doc, items };
}

const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

/** A catalog file of the test's own: one agreement whose provision 7 was renumbered from 5, and provision 8. */
function agreementFile(source: string, textOf8: string): string {
  const provision = (id: string, en: string, formerIds?: string[]) => ({
    id,
    ...(formerIds ? { formerIds } : {}),
    sectors: ['ai'],
    text: { ko: `${en} (한국어)`, en },
    provenance: [{ source, locator: { paragraph: 1 } }],
  });
  return JSON.stringify(
    {
      agreements: [
        {
          id: AGREEMENT,
          kind: 'mou',
          title: { official: { ko: '인용 시험 양해각서', en: 'Citation Test Memorandum' }, short: { ko: '인용 시험 MOU', en: 'Citation Test MOU' } },
          parties: ['KR', 'US'],
          legalNature: { binding: false, description: { ko: '시험용.', en: 'For tests.' } },
          summary: { ko: '시험용 협정.', en: 'An agreement for tests.' },
          sources: [source],
          provisions: [provision('7', 'Cooperate on frontier model evaluation.', ['5']), provision('8', textOf8)],
        },
      ],
    },
    null,
    2,
  );
}

describe('Cite as you write', function () {
  this.timeout(90_000);
  let api: TechDealAtlasApi;
  let folder: string;
  let catalogFile: string;
  let source: string;
  const memo = (name: string) => path.join(folder, name);
  const MEMOS: Record<string, string> = {
    'a.md': '# Memo A\n\nThe AI pillar tda:kr-us-tpd/3 is the core.\nJT-60SA is mentioned here.\n',
    'b.txt': 'Memo B cites tda:kr-us-tpd/3 and again tda:kr-us-tpd/3.\nAlso the JT-60SA tokamak.\n',
    'c.md': '> Quoted: see tda:kr-us-tpd/3\n\nAnd tda:us-uk-tpd/2 elsewhere.\n',
  };

  before(async () => {
    api = await getApi();
    await api.whenReady();
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(root, 'the memo workspace is open');
    const folderName = `.tda-integration-cite-${process.pid}-${Date.now()}`;
    folder = path.join(root, folderName);
    fs.mkdirSync(folder);
    for (const [name, content] of Object.entries(MEMOS)) fs.writeFileSync(memo(name), content);
    source = [...api.getCatalog()!.sources.keys()][0];
    catalogFile = path.join(folder, 'cite-catalog.json');
    fs.writeFileSync(catalogFile, agreementFile(source, 'Share compute for safety research.'));
    await config().update('language', 'en', vscode.ConfigurationTarget.Global);
    await config().update('catalog.include', ['.techdeals/**/*.json', `${folderName}/*.json`], vscode.ConfigurationTarget.Global);
    await waitFor('the test agreement in the catalog', () => api.getCatalog()?.agreements.has(AGREEMENT), 30_000);
    // One full rescan, awaited: the files may have been written before or after the index's watcher started. (Asking
    // for a rescan on every poll restarted the scan each time, so it never finished: failed in CI.)
    await api.memos.rescan();
    await waitFor('the three memos indexed', () => api.memos.index.memosCiting(['kr-us-tpd/3']).length === 3, 30_000);
    await api.memos.whenScanned();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(folder, { recursive: true, force: true });
    await config().update('catalog.include', undefined, vscode.ConfigurationTarget.Global);
    await config().update('language', undefined, vscode.ConfigurationTarget.Global);
    await config().update('citation.style', undefined, vscode.ConfigurationTarget.Global);
    await waitFor('the test agreement gone', () => !api.getCatalog()?.agreements.has(AGREEMENT), 30_000);
  });

  describe('completion', () => {
    // Untitled documents are memos too (they would count as citing memos below): close them unsaved.
    afterEach(async () => {
      while (vscode.window.activeTextEditor?.document.isUntitled) await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });
    it('offers the agreements after "tda:"; accepting one writes "tda:<id>/" and asks again', async () => {
      const { items } = await completions('See tda:');
      const catalog = api.getCatalog()!;
      const labels = items.map(labelOf);
      for (const a of catalog.agreements.values()) assert.ok(labels.includes(a.title.short.en!), `${a.id} offered`);
      const tpd = items.find((i) => labelOf(i) === 'ROK–US TPD MOU')!;
      assert.strictEqual(tpd.insertText, 'tda:kr-us-tpd/');
      assert.strictEqual(tpd.command?.command, 'editor.action.triggerSuggest');
      assert.deepStrictEqual([(tpd.range as vscode.Range).start.character, (tpd.range as vscode.Range).end.character], [4, 8], 'replaces "tda:"');
    });

    it('offers an agreement’s provisions, the typed number first, with text, date and source tier; inserts the configured style', async () => {
      const catalog = api.getCatalog()!;
      const provision = catalog.provisions.get('kr-us-tpd/3')!;
      const { doc, items } = await completions('The pillar tda:kr-us-tpd/3');
      assert.strictEqual(items[0].insertText, formatCitation(catalog, provision, 'en'));
      // Markdown escapes data (2025\-10\-29): compare the text as shown.
      const docs = (items[0].documentation as vscode.MarkdownString).value.replace(/\\(.)/g, '$1');
      assert.ok(docs.includes('ROK–US TPD MOU'), docs);
      assert.ok(docs.includes('2025-10-29'), 'the agreement’s date');
      assert.ok(docs.includes(provision.text.en!.slice(0, 40)), 'the provision’s text');
      assert.match(docs, /`(Official|Official via press|News|Third-party summary|Commentary)[^`]*`/, 'a source tier badge');
      // Accepting replaces "tda:kr-us-tpd/3" with the citation.
      const editor = vscode.window.activeTextEditor!;
      await editor.edit((e) => e.replace(items[0].range as vscode.Range, items[0].insertText as string));
      assert.strictEqual(doc.getText(), `The pillar ${formatCitation(catalog, provision, 'en')}`);

      await config().update('citation.style', 'id', vscode.ConfigurationTarget.Global);
      try {
        const bare = await completions('The pillar tda:kr-us-tpd/3');
        assert.strictEqual(bare.items[0].insertText, 'tda:kr-us-tpd/3');
      } finally {
        await config().update('citation.style', undefined, vscode.ConfigurationTarget.Global);
      }
    });

    it('finds agreements from Korean text, and stays quiet in prose, words, e-mail addresses and URLs', async () => {
      const korean = await completions('근거: tda:한미 기술');
      assert.deepStrictEqual(korean.items.map((i) => `${labelOf(i)} → ${String(i.insertText)}`), [], 'a space ends a tda: query');
      const hanmi = await completions('근거: tda:한미', 'plaintext');
      assert.ok(hanmi.items.some((i) => i.insertText === 'tda:kr-us-tpd/'), 'tda:한미 offers the ROK–US MOU');
      for (const quiet of ['Just typing prose here', 'xtda:', 'write to analyst@tda:', 'https://example.org/tda:']) {
        assert.deepStrictEqual((await completions(quiet)).items.map(labelOf), [], quiet);
      }
    });
  });

  describe('references across memos', () => {
    it('Find All References on a citation lists every citation of that provision in the workspace’s memos', async () => {
      const doc = await vscode.workspace.openTextDocument(memo('a.md'));
      const at = positionOf(doc.getText(), 'tda:kr-us-tpd/3', 3);
      const locations = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, at);
      assert.deepStrictEqual(locations.map(where).sort(), ['a.md:2:14-2:29', 'b.txt:0:13-0:28', 'b.txt:0:39-0:54', 'c.md:0:14-0:29'].sort());
    });

    it('Find All References on a glossary term lists every use of the term (aliases included) in the memos', async () => {
      const doc = await vscode.workspace.openTextDocument(memo('a.md'));
      const locations = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, positionOf(doc.getText(), 'JT-60SA', 2));
      const mine = locations.filter((l) => l.uri.fsPath.startsWith(folder));
      assert.deepStrictEqual(mine.map(where).sort(), ['a.md:3:0-3:7', 'b.txt:1:9-1:24'].sort());
      assert.strictEqual(locations.length, mine.length, 'no other memo of the workspace names JT-60SA');
    });

    it('the Citations view lists the memos and their citations; the tree tooltip and the agreement document say where a provision is cited', async () => {
      const provider = api.citations.provider;
      const memos = provider.getChildren().filter((n) => n.memo.includes(path.basename(folder)));
      const labels = memos.map((n) => String(provider.getTreeItem(n).label));
      assert.deepStrictEqual(labels.map((l) => path.basename(l)), ['a.md', 'b.txt', 'c.md']);
      const b = memos[1];
      assert.strictEqual(provider.getTreeItem(b).description, '2 citations');
      const children = provider.getChildren(b).map((n) => provider.getTreeItem(n));
      assert.deepStrictEqual(children.map((c) => c.description), ['line 1', 'line 1']);
      assert.match(String(children[0].label), /^ROK–US TPD MOU, .*atlas item 3$/);

      const catalog = api.getCatalog()!;
      const node = provisionNode(agreementNode('agreements', 'kr-us-tpd'), catalog.provisions.get('kr-us-tpd/3')!);
      const trees = api.trees.agreements.provider;
      const item = trees.resolveTreeItem(trees.getTreeItem(node), node);
      const tooltip = (item.tooltip as vscode.MarkdownString).value;
      assert.match(tooltip, /\*\*Cited in 3 memos:\*\*/);
      assert.ok(tooltip.includes('command:techDealAtlas.openCitation?'), 'each memo links to the citation');
      assert.deepStrictEqual((item.tooltip as vscode.MarkdownString).isTrusted, { enabledCommands: ['techDealAtlas.openCitation', 'techDealAtlas.showCitingMemos'] });

      await vscode.commands.executeCommand('techDealAtlas.openAgreement', 'kr-us-tpd');
      const agreementDoc = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'tech-deal-atlas' && d.uri.path.includes('kr-us-tpd'))!;
      const cited = agreementDoc.getText().split('\n').find((l) => l.startsWith('Cited in 3 memos:'));
      assert.ok(cited, 'the agreement document names the citing memos');
      assert.match(cited!.replace(/\\(.)/g, '$1'), /\[[^\]]*a\.md\]\(file:\/\/[^)]*a\.md#L3\)/);
    });
  });

  describe('keeping up with the workspace', () => {
    it('a memo file created, renamed and deleted is indexed, moved and dropped without a rescan', async () => {
      const created = vscode.Uri.file(memo('e.md'));
      const renamed = vscode.Uri.file(memo('e-renamed.md'));
      const citing = () => api.memos.index.memosCiting(['us-jp-tpd/2']).map((m) => path.basename(vscode.Uri.parse(m).fsPath));
      assert.deepStrictEqual(citing(), []);
      await vscode.workspace.fs.writeFile(created, new TextEncoder().encode('New memo: tda:us-jp-tpd/2\n'));
      await waitFor('the new memo indexed', () => citing().join() === 'e.md', 20_000);
      const rename = new vscode.WorkspaceEdit();
      rename.renameFile(created, renamed);
      assert.ok(await vscode.workspace.applyEdit(rename));
      await waitFor('the memo under its new name', () => citing().join() === 'e-renamed.md', 20_000);
      // Deleted as the Explorer does (through VS Code's file operations).
      const remove = new vscode.WorkspaceEdit();
      remove.deleteFile(renamed);
      assert.ok(await vscode.workspace.applyEdit(remove));
      await waitFor('the deleted memo gone', () => citing().length === 0, 20_000);
    });
  });

  describe('quick fixes', () => {
    let doc: vscode.TextDocument;
    const fixesAt = async (needle: string, offset = 2) => {
      const at = positionOf(doc.getText(), needle, offset);
      return vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(at, at));
    };
    const lineOf = (needle: string) => doc.lineAt(positionOf(doc.getText(), needle).line).text;
    const diagnostics = () => vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'Tech Deal Atlas');

    before(async () => {
      fs.writeFileSync(memo('d.md'), `Renumbered: tda:${AGREEMENT}/5 here.\nBroken: tda:kr-us-tpd/40 here.\nMention: 한·미 기술 번영 MOU 제3항을 보라.\nChanged: tda:${AGREEMENT}/8 here.\n`);
      doc = await vscode.workspace.openTextDocument(memo('d.md'));
      await vscode.window.showTextDocument(doc);
      await waitFor('diagnostics on the memo', () => diagnostics().length >= 2, 20_000);
    });

    // The fixes edited the memo in the editor: revert, so closing it never writes it back to disk (it did, after the
    // folder was removed, recreating it in the workspace).
    after(async () => {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });

    it('a citation of a former id resolves, gets an information diagnostic, and is updated to the current id', async () => {
      const d = diagnostics().find((x) => x.code === 'renumbered-citation')!;
      assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Information);
      assert.strictEqual(d.message, `Citation "tda:${AGREEMENT}/5" uses a former id: the provision is now "tda:${AGREEMENT}/7".`);
      const fix = (await fixesAt(`tda:${AGREEMENT}/5`)).find((a) => a.title === `Update to the current id tda:${AGREEMENT}/7`);
      assert.ok(fix?.edit, 'an update fix');
      assert.ok(await vscode.workspace.applyEdit(fix!.edit!));
      assert.strictEqual(doc.lineAt(0).text, `Renumbered: tda:${AGREEMENT}/7 here.`);
    });

    it('a broken citation offers the nearest provisions; the first replaces the token', async () => {
      const catalog = api.getCatalog()!;
      await waitFor('the broken-citation warning', () => diagnostics().some((x) => x.code === 'dangling-citation'));
      const fixes = (await fixesAt('tda:kr-us-tpd/40')).filter((a) => a.title.startsWith('Replace with '));
      assert.deepStrictEqual(
        fixes.slice(0, 3).map((a) => a.title),
        ['39', '38', '37'].map((id) => `Replace with ${formatCitation(catalog, catalog.provisions.get(`kr-us-tpd/${id}`)!, 'en')}`),
      );
      assert.ok(await vscode.workspace.applyEdit(fixes[0].edit!));
      assert.strictEqual(lineOf('Broken:'), 'Broken: tda:kr-us-tpd/39 here.');
    });

    it('a plain-text mention of a provision converts to a citation', async () => {
      const catalog = api.getCatalog()!;
      const citation = formatCitation(catalog, catalog.provisions.get('kr-us-tpd/3')!, 'en');
      const convert = (await fixesAt('제3항', 1)).find((a) => a.title.startsWith('Convert to citation'));
      assert.strictEqual(convert?.title, `Convert to citation: ${citation}`);
      assert.ok(await vscode.workspace.applyEdit(convert!.edit!));
      assert.strictEqual(lineOf('Mention:'), `Mention: ${citation}을 보라.`);
    });

    it('a changed provision text gets an information diagnostic with the old and new text, and Acknowledge clears it', async () => {
      assert.ok(!diagnostics().some((x) => x.code === 'changed-provision-text'), 'nothing changed yet');
      fs.writeFileSync(catalogFile, agreementFile(source, 'Share compute and data for safety research.'));
      const changed = await waitFor('the changed-text diagnostic', () => diagnostics().find((x) => x.code === 'changed-provision-text'), 30_000);
      assert.strictEqual(changed.severity, vscode.DiagnosticSeverity.Information);
      assert.strictEqual(
        changed.message,
        `The text of "tda:${AGREEMENT}/8" changed since this memo cited it.\nWhen cited: Share compute for safety research.\nNow: Share compute and data for safety research.`,
      );
      const before = doc.getText();
      const ack = (await fixesAt(`tda:${AGREEMENT}/8`)).find((a) => a.title === `Acknowledge the new text of tda:${AGREEMENT}/8`);
      assert.ok(ack?.command, 'an Acknowledge fix');
      assert.strictEqual(ack!.edit, undefined, 'acknowledging changes no text');
      await vscode.commands.executeCommand(ack!.command!.command, ...(ack!.command!.arguments ?? []));
      await waitFor('the diagnostic gone', () => !diagnostics().some((x) => x.code === 'changed-provision-text'), 10_000);
      assert.strictEqual(doc.getText(), before);
    });
  });
});
