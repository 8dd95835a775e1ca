// A large catalog's search index in the real extension host: built once, kept in the extension's storage (through
// vscode.workspace.fs), and read back — not rebuilt — when the same catalog loads again; a catalog that changed gets
// a fresh index. The catalog is an analyst's own file of 6,000 invented provisions (big enough to be kept).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { getApi, waitFor, type TechDealAtlasApi } from './util';

const PROVISIONS = 6000;
const WORDS = ['cooperation', 'standards', 'research', 'security', 'supply', 'chains', 'semiconductors', 'quantum', 'exchange', 'talent', 'investment', 'review'];

/** An agreement file with `count` provisions; provision n says "marker n" in words, so each can be found alone. */
function largeCatalogFile(count: number, edition: string): string {
  const digits = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
  const spelled = (n: number) => [...String(n)].map((d) => digits[+d]).join(' ');
  const provisions = Array.from({ length: count }, (_, i) => ({
    id: String(i + 1),
    sectors: ['ai'],
    text: { en: `Item ${spelled(i + 1)} of the ${edition} edition: ${WORDS.map((_, k) => WORDS[(i + k) % WORDS.length]).join(' ')}.` },
    provenance: [{ source: 'seed-commentary', locator: { paragraph: 1 } }],
  }));
  return JSON.stringify({
    agreements: [
      {
        id: 'scale-test',
        kind: 'mou',
        title: { official: { en: 'Scale test agreement' }, short: { en: 'Scale test' } },
        parties: ['KR', 'US'],
        legalNature: { binding: false, description: { en: 'Invented for a test.' } },
        summary: { en: 'An invented agreement with many provisions.' },
        sources: ['seed-commentary'],
        provisions,
      },
    ],
  });
}

describe('Search at scale: the kept index', function () {
  this.timeout(120_000);
  let api: TechDealAtlasApi;
  let file: string;
  let hadTechdeals: boolean;

  const loaded = (edition: string) =>
    waitFor(`the ${edition} edition loaded`, () => api.getCatalog()?.provisions.get('scale-test/1')?.text.en?.includes(`${edition} edition`), 60_000);

  before(async () => {
    api = await getApi();
    await api.whenReady();
    const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    hadTechdeals = fs.existsSync(path.join(root, '.techdeals'));
    file = path.join(root, '.techdeals', 'scale-test.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, largeCatalogFile(PROVISIONS, 'first'));
    await vscode.commands.executeCommand('techDealAtlas.reloadCatalog');
    await loaded('first');
  });

  after(async () => {
    fs.rmSync(file, { force: true });
    if (!hadTechdeals) fs.rmSync(path.dirname(file), { recursive: true, force: true });
    await vscode.commands.executeCommand('techDealAtlas.reloadCatalog');
    await waitFor('the scale test agreement gone', () => !api.getCatalog()?.agreements.has('scale-test'), 60_000);
  });

  it('builds the index once, then reads it back for the same catalog instead of rebuilding it', async () => {
    const first = (await api.search.index())!;
    const built = api.search.indexOrigin()!;
    assert.ok(built.documents >= PROVISIONS, `indexed ${built.documents} documents`);
    const hit = first.search('four three two one', { limit: 3 })[0];
    assert.strictEqual(hit?.id, 'scale-test/4321');

    // The same files load again: a new catalog object with the same content.
    const before = api.getCatalog();
    await vscode.commands.executeCommand('techDealAtlas.reloadCatalog');
    await waitFor('a reloaded catalog', () => api.getCatalog() !== before && api.getCatalog());
    const again = (await api.search.index())!;
    const origin = api.search.indexOrigin()!;
    assert.strictEqual(origin.reused, true, `the kept index was not read back: ${JSON.stringify(origin)} (first: ${JSON.stringify(built)})`);
    assert.notStrictEqual(again, first);
    assert.deepStrictEqual(again.search('four three two one', { limit: 5 }), first.search('four three two one', { limit: 5 }));
  });

  it('builds a fresh index when the catalog changed', async () => {
    fs.writeFileSync(file, largeCatalogFile(PROVISIONS, 'second'));
    await loaded('second');
    const index = (await api.search.index())!;
    assert.strictEqual(api.search.indexOrigin()!.reused, false);
    assert.strictEqual(index.search('four three two one of the second edition', { limit: 1 })[0]?.id, 'scale-test/4321');
    assert.deepStrictEqual(index.search('"four three two one of the first edition"', { limit: 3 }).filter((h) => h.complete), []);
  });
});
