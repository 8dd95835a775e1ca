// "Insert or Update Reference List" in a real extension host: the command writes the memo's reference list in the
// memo's language and format, at the end or at the cursor, and a second run after the body changed replaces only
// that block.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { Catalog, Lang } from '../../src/core/catalog/model';
import { citedProvisions, findReferenceBlock, referenceListBlock, type ReferenceFormat } from '../../src/core/citation/referenceList';
import { getApi, waitFor } from './util';

const COMMAND = 'techDealAtlas.insertReferenceList';
const KPS_SOURCE_URL = 'https://m.edaily.co.kr/News/Read?mediaCodeNo=257&newsId=04359126642338168';

describe('Reference list', function () {
  // The first Markdown memo wakes VS Code's Markdown extension, slow on a loaded machine.
  this.timeout(60_000);
  let catalog: Catalog;
  const opened: vscode.TextDocument[] = [];

  /** The list the command should write for `body`, from the live catalog. */
  const expectedBlock = (body: string, lang: Lang, format: ReferenceFormat, eol = '\n') => referenceListBlock(catalog, citedProvisions(catalog, body), { lang, format, eol });

  let memoCount = 0;
  async function openMemo(language: 'markdown' | 'plaintext', content: string, cursor: number): Promise<vscode.TextEditor> {
    // A name of its own (untitled: never on disk): an untitled memo opened with `{ content }` may be handed the model
    // of an earlier one that was just closed, text and all. Beside the workspace folder: VS Code for the Web cannot
    // resolve an untitled document's relative path.
    const name = `reference-list-${Date.now()}-${++memoCount}.${language === 'markdown' ? 'md' : 'txt'}`;
    const document = await vscode.languages.setTextDocumentLanguage(await vscode.workspace.openTextDocument(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, name).with({ scheme: 'untitled' })), language);
    opened.push(document);
    const editor = await vscode.window.showTextDocument(document);
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(0, 0), content)));
    assert.strictEqual(document.getText(), content);
    const at = document.positionAt(cursor);
    editor.selection = new vscode.Selection(at, at);
    return editor;
  }

  /** Replaces the first `find` in the memo, as the analyst would by typing. */
  async function replaceInMemo(editor: vscode.TextEditor, find: string, replacement: string): Promise<void> {
    const start = editor.document.getText().indexOf(find);
    assert.ok(start >= 0, `"${find}" is in the memo`);
    const range = new vscode.Range(editor.document.positionAt(start), editor.document.positionAt(start + find.length));
    assert.ok(await editor.edit((b) => b.replace(range, replacement)));
  }

  before(async () => {
    const api = await getApi();
    await api.whenReady();
    catalog = api.getCatalog()!;
    assert.ok(catalog.provisions.has('kr-us-tpd/28') && catalog.provisions.has('us-uk-tpd/2'), 'the shipped provisions cited below exist');
  });

  afterEach(async () => {
    // Untitled memos only: revert before closing so no save prompt appears and nothing reaches the disk.
    for (const document of opened.splice(0)) {
      if (document.isClosed) continue;
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      // The next untitled memo may get the same name: it must not find this one's text still there.
      await waitFor('the memo to close', () => document.isClosed);
    }
  });

  it('writes an English Markdown memo’s list at its end, then updates only that block when the citations change', async () => {
    const body = '# Memo\n\nThe KPS clause (tda:kr-us-tpd/28) goes beyond tda:us-uk-tpd/2.\n\nClosing remarks.\n';
    const editor = await openMemo('markdown', body, body.indexOf('Closing'));
    const { document } = editor;

    assert.strictEqual(await vscode.commands.executeCommand(COMMAND, { placement: 'end' }), true);
    const first = expectedBlock(body, 'en', 'markdown');
    assert.strictEqual(document.getText(), `${body}\n${first}\n`);
    for (const part of [
      '<!-- tda:references -->\n## References\n\n1. **ROK–US TPD MOU** — Memorandum of Understanding Between the Government of the United States of America and the Government of the Republic of Korea regarding the U.S.-ROK Technology Prosperity Deal (2025-10-29)\n',
      '   - `tda:kr-us-tpd/28` — II. Areas of Cooperation; atlas item 28\n',
      `\`Official, via press\` · <${KPS_SOURCE_URL}>\n`,
      '2. **US–UK TPD MOU** — ',
      '   - `tda:us-uk-tpd/2` — atlas item 2\n',
    ]) {
      assert.ok(first.includes(part), `the list has ${JSON.stringify(part)}:\n${first}`);
    }

    // The analyst drops the US–UK citation and cites research security instead, above and below the list.
    await replaceInMemo(editor, ' goes beyond tda:us-uk-tpd/2.', ' and research security (tda:kr-us-tpd/16).');
    await replaceInMemo(editor, '<!-- /tda:references -->\n', '<!-- /tda:references -->\n\nPostscript on tda:us-jp-tpd/1.\n');
    const edited = document.getText();
    const block = findReferenceBlock(edited)!;
    const before = edited.slice(0, block.start);
    const after = edited.slice(block.end);

    assert.strictEqual(await vscode.commands.executeCommand(COMMAND), true, 'no question: the memo already has its list');
    const updated = expectedBlock(edited, 'en', 'markdown');
    assert.strictEqual(document.getText(), before + updated + after, 'only the block changed');
    assert.deepStrictEqual(citedProvisions(catalog, edited).provisions.map((p) => p.uid), ['kr-us-tpd/28', 'kr-us-tpd/16', 'us-jp-tpd/1']);
    assert.ok(updated.includes('   - `tda:kr-us-tpd/16` — II. Areas of Cooperation; atlas item 16\n'), updated);
    assert.ok(updated.includes('3. **US–Japan TPD MOC** — '), updated);
    assert.ok(!updated.includes('us-uk-tpd'), updated);

    // Nothing changed since: the command says so and leaves the memo alone.
    const version = document.version;
    assert.strictEqual(await vscode.commands.executeCommand(COMMAND), false);
    assert.strictEqual(document.version, version);
  });

  it('writes a Korean plain-text memo’s list in Korean at the cursor, keeping CRLF, and updates it where it is', async () => {
    const lines = ['한미 MOU의 KPS 조항(tda:kr-us-tpd/28)을 먼저 살펴본다.', '', '결론: 미·영 MOU의 공동 연구(tda:us-uk-tpd/2)와 비교한다.', ''];
    const editor = await openMemo('plaintext', lines.join('\n'), lines[0].length + 1);
    assert.ok(await editor.edit((b) => b.setEndOfLine(vscode.EndOfLine.CRLF)));
    const { document } = editor;
    const body = document.getText();
    assert.strictEqual(body, lines.join('\r\n'));
    const cursor = document.positionAt(body.indexOf('결론'));
    editor.selection = new vscode.Selection(cursor, cursor);

    assert.strictEqual(await vscode.commands.executeCommand(COMMAND, { placement: 'cursor' }), true);
    const first = expectedBlock(body, 'ko', 'plain', '\r\n');
    assert.strictEqual(document.getText(), `${lines[0]}\r\n\r\n${first}\r\n\r\n${lines[2]}\r\n`);
    for (const part of [
      '[tda:references]\r\n참고 자료\r\n\r\n1. 한·미 기술 번영 MOU — 한-미 기술번영 양해각서 (2025-10-29)\r\n',
      '   tda:kr-us-tpd/28 — II. 협력 분야; 아틀라스 항목 28\r\n',
      ' · 공식(보도 인용)\r\n',
      `   ${KPS_SOURCE_URL}\r\n`,
      '2. 미·영 기술 번영 MOU — 미합중국 정부와 그레이트브리튼 북아일랜드 연합왕국 정부 간 기술 번영 딜에 관한 양해각서 (2025-09-18)\r\n',
    ]) {
      assert.ok(first.includes(part), `the list has ${JSON.stringify(part)}:\n${first}`);
    }
    assert.doesNotMatch(first, /[*`#<>]/, 'no Markdown in a plain-text memo');

    // The US–UK citation goes, a US–Japan one comes; the placement asked for is ignored: the list stays put.
    await replaceInMemo(editor, '미·영 MOU의 공동 연구(tda:us-uk-tpd/2)', '미·일 MOC의 AI 정책 조화(tda:us-jp-tpd/1)');
    const edited = document.getText();
    const block = findReferenceBlock(edited)!;
    assert.strictEqual(await vscode.commands.executeCommand(COMMAND, { placement: 'end' }), true);
    const updated = expectedBlock(edited, 'ko', 'plain', '\r\n');
    assert.strictEqual(document.getText(), edited.slice(0, block.start) + updated + edited.slice(block.end));
    assert.ok(updated.includes('2. 미·일 기술 번영 MOC — 미합중국 정부와 일본국 정부 간 기술 번영 딜에 관한 협력 각서 (2025-10-28)\r\n'), updated);
    assert.ok(!updated.includes('us-uk-tpd'), updated);
  });

  it('leaves a memo that cites nothing alone, and needs a memo editor', async () => {
    const editor = await openMemo('markdown', '# Memo\n\nNo citations yet.\n', 0);
    assert.strictEqual(await vscode.commands.executeCommand(COMMAND, { placement: 'end' }), false);
    assert.strictEqual(editor.document.getText(), '# Memo\n\nNo citations yet.\n');

    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await waitFor('the memo to close', () => editor.document.isClosed);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.strictEqual(vscode.window.activeTextEditor, undefined);
    assert.strictEqual(await vscode.commands.executeCommand(COMMAND, { placement: 'end' }), false);
  });
});
