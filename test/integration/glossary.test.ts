// Glossary hovers, the Glossary view and live citations in a real extension host: hovers through
// vscode.executeHoverProvider on the sample memos (Markdown, plain text, Korean), untitled documents and a notebook
// cell; settings that turn them off; a hostile catalog definition rendered inert; citation hovers, links and
// warnings for unknown provisions.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { escapeMarkdown } from '../../src/core/text/markdown';
import { text, type Catalog, type Lang, type Provision, type TermData } from '../../src/core/catalog/model';
import { getApi, hoverText, ourHovers, theHover, waitFor, type TechDealAtlasApi } from './util';

const config = () => vscode.workspace.getConfiguration('techDealAtlas');


/** Position of the `nth` occurrence of `needle` in the document (plus `offset` characters). */
function positionOf(document: vscode.TextDocument, needle: string, offset = 0, nth = 0): vscode.Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = document.getText().indexOf(needle, at + 1);
    assert.ok(at >= 0, `"${needle}" not found in ${document.uri.toString()}`);
  }
  return document.positionAt(at + offset);
}

function rangeOf(document: vscode.TextDocument, needle: string, nth = 0): vscode.Range {
  const start = positionOf(document, needle, 0, nth);
  return new vscode.Range(start, start.translate(0, needle.length));
}

async function openMemo(name: string): Promise<vscode.TextDocument> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the memo workspace is open');
  return vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, name));
}

/** Asserts the hover shows `term`: both names, the definition in `lang` first and the other language below. */
function assertTermHover(hover: vscode.Hover, term: TermData, lang: Lang): void {
  const value = hoverText(hover);
  const other: Lang = lang === 'ko' ? 'en' : 'ko';
  const first = value.indexOf(escapeMarkdown(text(term.definition, lang)));
  const second = value.indexOf(escapeMarkdown(text(term.definition, other)));
  assert.ok(first >= 0, `hover lacks the ${lang} definition of ${term.id}:\n${value}`);
  assert.ok(second > first, `hover lacks the ${other} definition of ${term.id} below the ${lang} one:\n${value}`);
  assert.ok(value.startsWith(`**${escapeMarkdown(text(term.term, lang))}**`), `hover does not start with the ${lang} term:\n${value}`);
  assert.ok(value.includes(escapeMarkdown(text(term.term, other))), `hover lacks the ${other} term`);
  assert.ok(value.includes(`command:techDealAtlas.revealTerm?${encodeURIComponent(JSON.stringify([term.id]))}`), 'no Show in Sidebar link');
  assert.ok(value.includes('command:techDealAtlas.search?'), 'no Search link');
}

describe('Glossary hovers, Glossary view and live citations', function () {
  let api: TechDealAtlasApi;
  let catalog: Catalog;
  const term = (id: string) => {
    const t = catalog.terms.get(id);
    assert.ok(t, `the shipped glossary has the term ${id}`);
    return t;
  };

  before(async () => {
    api = await getApi();
    await api.whenReady();
    catalog = api.getCatalog()!;
    assert.ok(catalog.terms.size > 0, 'the shipped glossary is loaded');
    await config().update('language', 'en', vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    for (const key of ['language', 'hover.enabled', 'documents.includeLanguages', 'documents.excludeLanguages']) {
      await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  describe('hovers', () => {
    it('Markdown memo: the term under the cursor, with its exact range and both languages', async () => {
      const doc = await openMemo('rok-us-tpd-briefing.md');
      assert.strictEqual(doc.languageId, 'markdown');
      const range = rangeOf(doc, 'Artemis Program');
      for (const at of [range.start, range.start.translate(0, 9), range.end.translate(0, -1)]) {
        const hover = await theHover(doc.uri, at);
        assert.deepStrictEqual(hover.range, range);
        assertTermHover(hover, term('artemis-program'), 'en');
      }
      // The longest form wins: "Joint Fact Sheet", not a shorter term inside it.
      const jfs = await theHover(doc.uri, positionOf(doc, 'Joint Fact Sheet', 7));
      assert.deepStrictEqual(jfs.range, rangeOf(doc, 'Joint Fact Sheet'));
      assertTermHover(jfs, term('joint-fact-sheet'), 'en');
    });

    it('plain text: abbreviations and terms', async () => {
      const doc = await openMemo('tpd-comparison-notes.txt');
      assert.strictEqual(doc.languageId, 'plaintext');
      const kps = await theHover(doc.uri, positionOf(doc, 'names KPS', 7));
      const kpsStart = positionOf(doc, 'names KPS', 6);
      assert.deepStrictEqual(kps.range, new vscode.Range(kpsStart, kpsStart.translate(0, 3)));
      assertTermHover(kps, term('kps'), 'en');
      const korean = await theHover(doc.uri, positionOf(doc, '공동 팩트시트', 3));
      assert.deepStrictEqual(korean.range, rangeOf(doc, '공동 팩트시트'));
      assertTermHover(korean, term('joint-fact-sheet'), 'en');
    });

    it('Korean memo in Korean: particles stay outside the range, the Korean definition comes first', async () => {
      await config().update('language', 'ko', vscode.ConfigurationTarget.Global);
      try {
        const doc = await openMemo('한미-기술번영-MOU-메모.md');
        const nrf = await theHover(doc.uri, positionOf(doc, '한국연구재단', 2));
        assert.deepStrictEqual(nrf.range, rangeOf(doc, '한국연구재단'));
        assertTermHover(nrf, term('nrf'), 'ko');
        // "아르테미스 계획**(Artemis Program) 참여" and "연구 안보 기준이": the particle is not part of the range.
        const security = await theHover(doc.uri, positionOf(doc, '연구 안보 기준이', 1));
        assert.deepStrictEqual(security.range, rangeOf(doc, '연구 안보', 1));
        assertTermHover(security, term('research-security-policy'), 'ko');
        const abbreviation = await theHover(doc.uri, positionOf(doc, '(KPS)', 2));
        assertTermHover(abbreviation, term('kps'), 'ko');
      } finally {
        await config().update('language', 'en', vscode.ConfigurationTarget.Global);
      }
    });

    it('untitled documents, with possessives, plurals and Korean particles', async () => {
      const content = "NASA's plan: two Joint Fact Sheets and 아르테미스 계획에 대한 메모.\n";
      const doc = await vscode.workspace.openTextDocument({ content, language: 'plaintext' });
      assert.strictEqual(doc.uri.scheme, 'untitled');
      const nasa = await theHover(doc.uri, positionOf(doc, 'NASA', 1));
      assert.deepStrictEqual(nasa.range, rangeOf(doc, 'NASA'));
      assertTermHover(nasa, term('nasa'), 'en');
      const sheets = await theHover(doc.uri, positionOf(doc, 'Sheets', 5));
      assert.deepStrictEqual(sheets.range, rangeOf(doc, 'Joint Fact Sheets'));
      const artemis = await theHover(doc.uri, positionOf(doc, '계획에', 1));
      assert.deepStrictEqual(artemis.range, rangeOf(doc, '아르테미스 계획'));
      assertTermHover(artemis, term('artemis-program'), 'en');
    });

    it('a notebook cell', async function () {
      const data = new vscode.NotebookData([new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, 'Notes on the KPS and the NSF.', 'markdown')]);
      let notebook: vscode.NotebookDocument;
      try {
        notebook = await vscode.workspace.openNotebookDocument('jupyter-notebook', data);
      } catch {
        this.skip(); // no notebook serializer in this host
      }
      const cell = notebook.cellAt(0).document;
      assert.strictEqual(cell.uri.scheme, 'vscode-notebook-cell');
      const hover = await theHover(cell.uri, positionOf(cell, 'NSF', 1));
      assertTermHover(hover, term('nsf'), 'en');
    });

    it('no hover on whitespace, punctuation, particles or inside unrelated words', async () => {
      const content = 'The Artemisia plant; the  KPS, 계획가 and 공동 팩트시트를 read.';
      const doc = await vscode.workspace.openTextDocument({ content, language: 'markdown' });
      assert.strictEqual((await ourHovers(doc.uri, positionOf(doc, 'Artemisia', 3))).length, 0, 'Artemisia is not Artemis');
      assert.strictEqual((await ourHovers(doc.uri, positionOf(doc, '  KPS', 1))).length, 0, 'whitespace before a term');
      assert.strictEqual((await ourHovers(doc.uri, positionOf(doc, 'KPS,', 3))).length, 0, 'the comma after a term');
      assert.strictEqual((await ourHovers(doc.uri, positionOf(doc, '팩트시트를', 4))).length, 0, 'the particle after a term');
      assert.strictEqual((await ourHovers(doc.uri, positionOf(doc, 'read', 1))).length, 0, 'a word that is no term');
      assert.strictEqual((await ourHovers(doc.uri, positionOf(doc, 'KPS,', 1))).length, 1, 'the control: KPS itself has a hover');
    });

    it('one setting turns every hover off; the language lists include and exclude documents', async () => {
      const provision = [...catalog.provisions.values()][0];
      const content = `KPS and tda:${provision.uid}\n`;
      const doc = await vscode.workspace.openTextDocument({ content, language: 'plaintext' });
      const onTerm = positionOf(doc, 'KPS', 1);
      const onCitation = positionOf(doc, 'tda:', 5);
      assert.strictEqual((await ourHovers(doc.uri, onTerm)).length, 1);
      assert.strictEqual((await ourHovers(doc.uri, onCitation)).length, 1);
      try {
        await config().update('hover.enabled', false, vscode.ConfigurationTarget.Global);
        await waitFor('hovers off', async () => (await ourHovers(doc.uri, onTerm)).length === 0, 15_000);
        assert.strictEqual((await ourHovers(doc.uri, onCitation)).length, 0, 'citation hovers follow the same switch');
        await config().update('hover.enabled', undefined, vscode.ConfigurationTarget.Global);
        await waitFor('hovers back on', async () => (await ourHovers(doc.uri, onTerm)).length === 1, 15_000);

        await config().update('documents.excludeLanguages', ['plaintext'], vscode.ConfigurationTarget.Global);
        await waitFor('plaintext excluded', async () => (await ourHovers(doc.uri, onTerm)).length === 0, 15_000);
        await config().update('documents.excludeLanguages', undefined, vscode.ConfigurationTarget.Global);
        await config().update('documents.includeLanguages', ['markdown'], vscode.ConfigurationTarget.Global);
        await waitFor('only markdown included', async () => (await ourHovers(doc.uri, onTerm)).length === 0, 15_000);
        const md = await vscode.workspace.openTextDocument({ content, language: 'markdown' });
        assert.strictEqual((await ourHovers(md.uri, positionOf(md, 'KPS', 1))).length, 1, 'markdown is still included');
      } finally {
        for (const key of ['hover.enabled', 'documents.includeLanguages', 'documents.excludeLanguages']) {
          await config().update(key, undefined, vscode.ConfigurationTarget.Global);
        }
      }
    });

    it('answers on a 1 MB single-line document without scanning it', async () => {
      // (5 MB lines are covered by the matcher's unit tests; here opening such a document alone takes VS Code seconds.)
      const filler = 'lorem ipsum dolor sit amet 공동 연구 협력 '.repeat(15_000);
      const content = `${filler}KPS ${filler}`;
      assert.ok(content.length > 1_000_000);
      const doc = await vscode.workspace.openTextDocument({ content, language: 'plaintext' });
      const at = doc.positionAt(filler.length + 1);
      await theHover(doc.uri, at); // warm-up (the host may be busy with the new document)
      const started = Date.now();
      for (let i = 0; i < 5; i++) assertTermHover(await theHover(doc.uri, at), term('kps'), 'en');
      const perHover = (Date.now() - started) / 5;
      // Round trip through the command; a whole-line scan would take far longer on every call.
      assert.ok(perHover < 500, `hover took ${perHover} ms`);
    });
  });

  describe('hostile catalog text', () => {
    let folder: string;
    let folderName: string;
    const hostile = {
      id: 'zz-hostile-term',
      term: { en: 'Zyzzyva Protocol', ko: '지지바 의정서' },
      definition: {
        en: 'Click [here](command:workbench.action.terminal.new) or <img src=x onerror=alert(1)> or [x](javascript:alert(1)) $(alert) **bold** command:techDealAtlas.reloadCatalog',
        ko: '<script>alert(1)</script> [여기](command:workbench.action.closeAllEditors)',
      },
      definitionBasis: 'editorial',
      related: { agreements: [] as string[] },
      provenance: [] as unknown[],
    };

    before(async function () {
      this.timeout(60_000);
      const source = [...catalog.sources.keys()][0];
      hostile.provenance = [{ source, locator: { paragraph: 1 } }];
      hostile.related.agreements = [...catalog.agreements.keys()].slice(0, 2);
      // A user catalog file in a folder of its own, included through the setting (user scope) for this suite only,
      // so no other test run that shares the memo workspace ever loads it.
      const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
      assert.ok(root, 'the memo workspace is open');
      folderName = `.tda-integration-${process.pid}-${Date.now()}`;
      folder = path.join(root, folderName);
      fs.mkdirSync(folder);
      fs.writeFileSync(path.join(folder, 'hostile.json'), JSON.stringify({ terms: [hostile] }, null, 2));
      await config().update('catalog.include', ['.techdeals/**/*.json', `${folderName}/*.json`], vscode.ConfigurationTarget.Global);
      await waitFor('the hostile term in the catalog', () => api.getCatalog()?.terms.has(hostile.id), 30_000);
      assert.deepStrictEqual(api.getProblems().filter((p) => p.file.includes(folderName)), [], 'the hostile file is a valid catalog file');
    });

    after(async function () {
      this.timeout(60_000);
      fs.rmSync(folder, { recursive: true, force: true });
      await config().update('catalog.include', undefined, vscode.ConfigurationTarget.Global);
      await waitFor('the hostile term gone', () => !api.getCatalog()?.terms.has(hostile.id), 30_000);
    });

    it('renders Markdown links, HTML, theme icons and command URIs from data as literal text', async () => {
      const doc = await vscode.workspace.openTextDocument({ content: 'About the Zyzzyva Protocol.', language: 'markdown' });
      const hover = await theHover(doc.uri, positionOf(doc, 'Zyzzyva', 2));
      const value = hoverText(hover);
      assert.ok(value.includes(escapeMarkdown(hostile.definition.en)), value);
      assert.ok(value.includes(escapeMarkdown(hostile.definition.ko)), value);
      for (const raw of ['[here](command:', '[x](javascript:', '$(alert)', '**bold**', 'command:workbench', '[여기](']) {
        assert.ok(!value.includes(raw), `"${raw}" reached the hover unescaped:\n${value}`);
      }
      assert.doesNotMatch(value, /(?<!\\)<(img|script)/, 'HTML tags reached the hover unescaped');
      // Every link target left in the hover runs one of the extension's own commands (or is a source's web page).
      const targets = [...value.matchAll(/\]\(([^)\s]+)/g)].map((m) => m[1]);
      assert.ok(targets.length >= 3, `expected the command links, got ${targets.join(', ')}`);
      for (const target of targets) assert.match(target, /^(command:techDealAtlas\.(revealTerm|revealInTree|compare|search)\?|https:\/\/)/);
      const compare = targets.find((t) => t.startsWith('command:techDealAtlas.compare?'));
      assert.ok(compare, 'two related agreements give a Compare link');
      assert.deepStrictEqual(JSON.parse(decodeURIComponent(compare.split('?')[1])), [hostile.related.agreements]);
      const md = hover.contents[0] as vscode.MarkdownString;
      if (md.isTrusted && typeof md.isTrusted === 'object') {
        assert.deepStrictEqual([...md.isTrusted.enabledCommands].sort(), [
          'techDealAtlas.compare',
          'techDealAtlas.revealInTree',
          'techDealAtlas.revealTerm',
          'techDealAtlas.search',
        ]);
      } else {
        assert.notStrictEqual(md.isTrusted, true, 'hovers must not trust every command');
      }
    });
  });

  describe('live citations', () => {
    let provision: Provision;
    let doc: vscode.TextDocument;
    const dangling = 'tda:kr-us-tpd/999';
    const unknownAgreement = 'tda:no-such-agreement/1';

    before(async () => {
      provision = [...catalog.provisions.values()].find((p) => p.text.en && p.text.ko)!;
      const content = [`# Memo`, ``, `As agreed (see tda:${provision.uid}), and ${dangling}.`, `Also ${unknownAgreement}.`, ``].join('\n');
      doc = await vscode.workspace.openTextDocument({ content, language: 'markdown' });
      await vscode.window.showTextDocument(doc);
    });

    it('hovering a citation shows the provision text in both languages and its source', async () => {
      const token = `tda:${provision.uid}`;
      const hover = await theHover(doc.uri, positionOf(doc, token, 6));
      assert.deepStrictEqual(hover.range, rangeOf(doc, token));
      const value = hoverText(hover);
      assert.ok(value.includes(escapeMarkdown(provision.text.en)), value);
      assert.ok(value.indexOf(escapeMarkdown(provision.text.ko)) > value.indexOf(escapeMarkdown(provision.text.en)), value);
      const source = catalog.sources.get(provision.provenance[0].source)!;
      // (Long titles are cut: look for their start.)
      assert.ok(value.includes(escapeMarkdown(text(source.title, 'en').slice(0, 40))), `no source title in:\n${value}`);
      if (source.note) assert.ok(value.includes(escapeMarkdown(text(source.note, 'en'))), `citation hovers show the source's caveat:\n${value}`);
      assert.ok(value.includes(`command:techDealAtlas.openProvision?${encodeURIComponent(JSON.stringify([provision.uid]))}`), value);
      assert.strictEqual((await ourHovers(doc.uri, positionOf(doc, dangling, 6))).length, 0, 'no hover for an unknown provision');
      // Whose number it is: the atlas's, never worded as the agreement's own clause.
      assert.ok(value.includes(`atlas item ${provision.id}`), value);
      assert.doesNotMatch(value, new RegExp(`[Pp]rovision ${provision.id}(?!\\d)`));
    });

    it('a cited provision that a source places in the agreement’s own structure hovers with that place and its source', async () => {
      const placed = [...catalog.provisions.values()].find((p) => p.officialLocation && p.agreementId === 'kr-us-tpd')!;
      const memo = await vscode.workspace.openTextDocument({ content: `See tda:${placed.uid}.`, language: 'markdown' });
      const value = hoverText(await theHover(memo.uri, positionOf(memo, `tda:${placed.uid}`, 6)));
      assert.ok(value.includes(escapeMarkdown(placed.officialLocation!.label.en)), value);
      const source = catalog.sources.get(placed.officialLocation!.provenance[0].source)!;
      assert.ok(value.includes(escapeMarkdown(source.title.en.slice(0, 40))), `the place's source is named:\n${value}`);
    });

    it('citations are document links that open the provision', async () => {
      const links = (await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri)) ?? [];
      const ours = links.filter((l) => l.target?.scheme === 'command');
      assert.strictEqual(ours.length, 1, `links: ${links.map((l) => l.target?.toString()).join(', ')}`);
      assert.deepStrictEqual(ours[0].range, rangeOf(doc, `tda:${provision.uid}`));
      assert.strictEqual(ours[0].target!.path, 'techDealAtlas.openProvision');
      assert.deepStrictEqual(JSON.parse(ours[0].target!.query), [provision.uid]);
    });

    it('a citation to an id that is not in the catalog gets a warning, which goes when it is fixed', async () => {
      const warnings = await waitFor('citation diagnostics', () => {
        const list = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.code === 'dangling-citation');
        return list.length === 2 && list;
      });
      assert.deepStrictEqual(
        warnings.map((d) => [d.range, d.severity]),
        [
          [rangeOf(doc, dangling), vscode.DiagnosticSeverity.Warning],
          [rangeOf(doc, unknownAgreement), vscode.DiagnosticSeverity.Warning],
        ],
      );
      assert.match(warnings[0].message, /999/);
      assert.match(warnings[1].message, /no-such-agreement/);
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, rangeOf(doc, dangling), `tda:${provision.uid}`);
      assert.ok(await vscode.workspace.applyEdit(edit));
      await waitFor('one warning left', () => vscode.languages.getDiagnostics(doc.uri).filter((d) => d.code === 'dangling-citation').length === 1);
    });
  });

  describe('Glossary view', () => {
    it('lists every term, Korean in 가나다 order, with the other language beside it', async () => {
      await config().update('language', 'ko', vscode.ConfigurationTarget.Global);
      try {
        const { provider } = api.glossary;
        const labels = await waitFor('Korean labels', () => {
          const roots = provider.getChildren();
          const items = roots.map((n) => provider.getTreeItem(n));
          return items.length === catalog.terms.size && items.every((i, k) => i.label === text(catalog.terms.get(roots[k].id)!.term, 'ko')) && items;
        });
        const names = labels.map((i) => i.label as string);
        assert.deepStrictEqual(new Set(names), new Set([...catalog.terms.values()].map((t) => t.term.ko)));
        const hangul = names.filter((n) => /^[가-힣]/.test(n));
        assert.ok(hangul.length > 10);
        for (let i = 1; i < hangul.length; i++) {
          assert.ok(hangul[i - 1].localeCompare(hangul[i], 'ko') <= 0, `${hangul[i - 1]} before ${hangul[i]}`);
        }
        // 가나다: syllables by initial consonant, so ㄱ terms come before ㅎ terms.
        assert.ok(hangul[0] < hangul[hangul.length - 1]);
        const kps = labels.find((i) => i.label === term('kps').term.ko)!;
        assert.match(String(kps.description), /Korean Positioning System/);
        assert.match(String(kps.description), /KPS/);
      } finally {
        await config().update('language', 'en', vscode.ConfigurationTarget.Global);
      }
    });

    it('revealTerm selects the term in the view; a related agreement item reveals the agreement', async () => {
      const { view, provider } = api.glossary;
      assert.strictEqual(await vscode.commands.executeCommand('techDealAtlas.revealTerm', 'kps'), true);
      await waitFor('the view shows the term', () => view.visible && view.selection[0]?.id === 'kps');
      const children = provider.getChildren(view.selection[0]);
      const agreement = children.find((c) => c.kind === 'agreement');
      assert.ok(agreement, 'kps has a related agreement');
      const item = provider.getTreeItem(agreement);
      assert.strictEqual(item.command?.command, 'techDealAtlas.revealInTree');
      assert.deepStrictEqual(item.command?.arguments, [{ kind: 'agreement', id: agreement.id }]);
      assert.strictEqual(await vscode.commands.executeCommand('techDealAtlas.revealTerm', 'no-such-term'), false);
    });
  });
});
