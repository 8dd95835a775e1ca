// Glossary terms split by a line break, in a real extension host: both halves of a term that a hard-wrapped line
// breaks hover as that one term (Markdown and plain text, English and Korean, a blockquote continued with `>`), with
// the hover text of the unbroken term and a range from the first line to the second; a new list item does not join.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { text, type Catalog } from '../../src/core/catalog/model';
import { escapeMarkdown } from '../../src/core/text/markdown';
import { getApi, hoverText, ourHovers, theHover } from './util';

const config = () => vscode.workspace.getConfiguration('techDealAtlas');


/** The position `offset` characters into the first occurrence of `needle`. */
function positionOf(document: vscode.TextDocument, needle: string, offset = 0): vscode.Position {
  const at = document.getText().indexOf(needle);
  assert.ok(at >= 0, `"${needle}" not found in ${document.uri.toString()}`);
  return document.positionAt(at + offset);
}

describe('Glossary terms split by a line break', function () {
  // The first hovers of a fresh host also build the matcher; a busy CI machine has needed more than mocha's 30 s.
  this.timeout(60_000);
  let catalog: Catalog;

  before(async () => {
    const api = await getApi();
    await api.whenReady();
    catalog = api.getCatalog()!;
    assert.ok(catalog.terms.size > 0, 'the shipped glossary is loaded');
    await config().update('language', 'en', vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await config().update('language', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  /** The hover text of `written` on a line of its own: what the split term must show, word for word. */
  async function unbrokenHoverText(written: string): Promise<string> {
    const doc = await vscode.workspace.openTextDocument({ content: `${written}\n`, language: 'plaintext' });
    const hover = await theHover(doc.uri, new vscode.Position(0, 1));
    assert.deepStrictEqual(hover.range, new vscode.Range(0, 0, 0, written.length), `"${written}" is one term on one line`);
    return hoverText(hover);
  }

  /**
   * Hovers `halves` (needle, offset) of the split term in `content` and expects, on each, the hover of the unbroken
   * term (`unbroken`, of term `termId`) with `range`.
   */
  async function assertSplitTerm(language: string, content: string, halves: Array<[string, number]>, unbroken: string, termId: string, range: vscode.Range): Promise<void> {
    const expected = await unbrokenHoverText(unbroken);
    const term = catalog.terms.get(termId);
    assert.ok(term, `the shipped glossary has ${termId}`);
    assert.ok(expected.startsWith(`**${escapeMarkdown(text(term.term, 'en'))}**`), `the hover names ${termId} first:\n${expected}`);
    assert.ok(expected.includes(escapeMarkdown(text(term.definition, 'en'))) && expected.includes(escapeMarkdown(text(term.definition, 'ko'))), 'both definitions');
    const doc = await vscode.workspace.openTextDocument({ content, language });
    assert.strictEqual(doc.languageId, language);
    for (const [needle, offset] of halves) {
      const hover = await theHover(doc.uri, positionOf(doc, needle, offset));
      assert.deepStrictEqual(hover.range, range, `${language}: the range of the hover on ${needle}+${offset}`);
      assert.strictEqual(hoverText(hover), expected, `${language}: the hover on ${needle}+${offset}`);
    }
  }

  it('"Joint Fact⏎Sheet" hovers as one term on either line, in Markdown and plain text', async () => {
    const content = 'We read the Joint Fact\nSheet of 14 November.\n';
    for (const language of ['markdown', 'plaintext']) {
      await assertSplitTerm(language, content, [['Joint', 1], ['Fact', 3], ['Sheet', 0], ['Sheet', 4]], 'Joint Fact Sheet', 'joint-fact-sheet', new vscode.Range(0, 12, 1, 5));
    }
  });

  it('a Korean term split by a line break, the particle after it outside the range', async () => {
    const content = '이번 공동\n팩트시트를 보면 알 수 있다.\n';
    for (const language of ['markdown', 'plaintext']) {
      await assertSplitTerm(language, content, [['공동', 1], ['팩트시트를', 2]], '공동 팩트시트', 'joint-fact-sheet', new vscode.Range(0, 3, 1, 4));
    }
    const doc = await vscode.workspace.openTextDocument({ content, language: 'markdown' });
    assert.strictEqual((await ourHovers(doc.uri, positionOf(doc, '팩트시트를', 4))).length, 0, 'the particle itself');
  });

  it('a blockquote continued with `>`, and a list item continued on an indented line', async () => {
    await assertSplitTerm('markdown', '> See the Joint Fact\n> Sheet of 14 November.\n', [['Fact', 1], ['Sheet', 3]], 'Joint Fact Sheet', 'joint-fact-sheet', new vscode.Range(0, 10, 1, 7));
    await assertSplitTerm('markdown', '- under the Artemis\n  Accords and more\n', [['Artemis', 0], ['Accords', 6]], 'Artemis Accords', 'artemis-accords', new vscode.Range(0, 12, 1, 9));
  });

  it('a term followed by a new list item on the next line does not join', async () => {
    const doc = await vscode.workspace.openTextDocument({ content: '- the Artemis\n- Accords, then the Joint Fact\n- Sheet\n', language: 'markdown' });
    // "Artemis" alone is a term of its own (Artemis Program); "Accords", "Joint Fact" and "Sheet" are none.
    const artemis = await theHover(doc.uri, positionOf(doc, 'Artemis', 2));
    assert.deepStrictEqual(artemis.range, new vscode.Range(0, 6, 0, 13));
    assert.strictEqual(hoverText(artemis), await unbrokenHoverText('Artemis'));
    for (const [needle, offset] of [['Accords', 2], ['Fact', 1], ['Sheet', 1]] as const) {
      assert.strictEqual((await ourHovers(doc.uri, positionOf(doc, needle, offset))).length, 0, `no hover on ${needle}`);
    }
  });
});
