// Users' own catalog files in the real extension host: they get every check (the shipped dataset is trusted, these
// are not), problems become diagnostics at the right line and column, the last good version stays in use while a
// file is broken, and nothing the user wrote is changed.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { getApi, waitFor, type TechDealAtlasApi } from './util';

const config = () => vscode.workspace.getConfiguration('techDealAtlas');

/** 0-based line and character of the first `needle` in `text`. */
function positionOf(text: string, needle: string): { line: number; character: number } {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `fixture lacks ${needle}`);
  const before = text.slice(0, at).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

describe('Users’ own catalog files', function () {
  this.timeout(60_000);
  let api: TechDealAtlasApi;
  let folder: string;
  let file: string;
  let uri: vscode.Uri;
  const TERM_ID = 'tda-integration-user-term';

  const termFile = (source: string, definitionBasis: string, definition = 'A term defined in the analyst’s own file.') =>
    JSON.stringify(
      {
        terms: [
          {
            id: TERM_ID,
            term: { ko: '분석가 용어', en: 'Analyst Term' },
            definition: { ko: '분석가가 직접 정의한 용어.', en: definition },
            definitionBasis,
            provenance: [{ source, locator: { paragraph: 1 } }],
          },
        ],
      },
      null,
      2,
    ) + '\n';
  const diagnostics = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Tech Deal Atlas');

  before(async () => {
    api = await getApi();
    await api.whenReady();
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(root, 'the memo workspace is open');
    // A folder of this run's own, included through the setting, so no other run sharing the workspace loads it.
    const folderName = `.tda-integration-user-${process.pid}-${Date.now()}`;
    folder = path.join(root, folderName);
    fs.mkdirSync(folder);
    file = path.join(folder, 'terms.json');
    uri = vscode.Uri.file(file);
    fs.writeFileSync(file, termFile([...api.getCatalog()!.sources.keys()][0], 'editorial'));
    await config().update('catalog.include', ['.techdeals/**/*.json', `${folderName}/*.json`], vscode.ConfigurationTarget.Global);
    await waitFor('the user’s term in the catalog', () => api.getCatalog()?.terms.has(TERM_ID), 30_000);
    assert.deepStrictEqual(diagnostics(), [], 'a valid file has no diagnostics');
  });

  after(async () => {
    fs.rmSync(folder, { recursive: true, force: true });
    await config().update('catalog.include', undefined, vscode.ConfigurationTarget.Global);
    await waitFor('the user’s term gone', () => !api.getCatalog()?.terms.has(TERM_ID), 30_000);
  });

  it('a schema error is an error diagnostic at the offending value; the last good version stays in use', async () => {
    const source = [...api.getCatalog()!.sources.keys()][0];
    const text = termFile(source, 'guesswork', 'This version must not replace the good one.');
    fs.writeFileSync(file, text);
    const error = await waitFor('a schema diagnostic', () => diagnostics().find((d) => d.code === 'schema'), 30_000);
    assert.strictEqual(error.severity, vscode.DiagnosticSeverity.Error);
    assert.match(error.message, /^Expected one of "source", "editorial"/);
    assert.match(error.message, /but found "guesswork"/);
    const at = positionOf(text, '"guesswork"');
    assert.deepStrictEqual([error.range.start.line, error.range.start.character], [at.line, at.character], 'at the value');
    assert.strictEqual(error.range.end.character, at.character + '"guesswork"'.length, 'the whole value underlined');
    // The file is broken, so its last good version serves on, and a warning says so.
    assert.ok(diagnostics().some((d) => d.code === 'stale' && d.severity === vscode.DiagnosticSeverity.Warning), 'stale warning');
    assert.strictEqual(api.getCatalog()!.terms.get(TERM_ID)?.definition.en, 'A term defined in the analyst’s own file.');
    assert.strictEqual(fs.readFileSync(file, 'utf8'), text, 'the user’s file is left as written');
  });

  it('malformed JSON is a syntax diagnostic where the text goes wrong; the last good version still serves', async () => {
    const text = '{\n  "terms": [\n    { "id": "x", }\n  ]\n  "parties": []\n}\n';
    fs.writeFileSync(file, text);
    const syntax = await waitFor('a syntax diagnostic', () => diagnostics().find((d) => d.code === 'json-syntax'), 30_000);
    assert.match(syntax.message, /^JSON syntax error: /);
    const at = positionOf(text, '"parties"');
    assert.deepStrictEqual([syntax.range.start.line, syntax.range.start.character], [at.line, at.character], 'at the missing comma');
    assert.ok(api.getCatalog()!.terms.has(TERM_ID), 'the last good version is still in the catalog');
    assert.ok(api.getCatalog()!.agreements.size > 0, 'the shipped data is untouched');
    assert.strictEqual(fs.readFileSync(file, 'utf8'), text);
  });

  it('a fixed file replaces the last good version and clears its diagnostics', async () => {
    fs.writeFileSync(file, termFile([...api.getCatalog()!.sources.keys()][0], 'editorial', 'The corrected definition.'));
    await waitFor('the corrected term', () => api.getCatalog()!.terms.get(TERM_ID)?.definition.en === 'The corrected definition.', 30_000);
    await waitFor('no diagnostics left', () => diagnostics().length === 0, 10_000);
  });
});
