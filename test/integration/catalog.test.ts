// The catalog the extension host holds is exactly the shipped dataset: loaded here independently, with the core
// loader over every JSON file under data/ (schemas aside), and compared value by value.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { loadCatalog, type LoadResult } from '../../src/core/catalog/catalogLoader';
import type { Catalog } from '../../src/core/catalog/model';
import { formatProblem, getApi, getExtension, type TechDealAtlasApi } from './util';

/** data/**\/*.json except the JSON Schemas and the sector rules, as paths relative to the extension root, sorted. */
function shippedJsonFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = path.posix.join(rel, entry.name);
      if (entry.isDirectory()) {
        // schemas/ and rules/ describe or classify catalog data; they are not catalog files.
        if (child !== 'data/schemas' && child !== 'data/rules') walk(child);
      } else if (entry.name.endsWith('.json')) {
        out.push(child);
      }
    }
  };
  walk('data');
  return out.sort();
}

function provisionCounts(catalog: Catalog): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [id, agreement] of [...catalog.agreements].sort(([a], [b]) => a.localeCompare(b))) {
    counts[id] = agreement.provisions.length;
  }
  return counts;
}

describe('Shipped catalog in the extension host', () => {
  let api: TechDealAtlasApi;
  let expected: LoadResult;
  let files: string[];

  before(async () => {
    const root = getExtension().extensionPath;
    files = shippedJsonFiles(root);
    expected = await loadCatalog(files, (file) => fs.promises.readFile(path.join(root, file)));
    api = await getApi();
    await api.whenReady();
  });

  it('the reference load of data/ is itself clean and non-empty', () => {
    assert.ok(files.length > 0, 'no JSON files under data/');
    assert.deepStrictEqual(expected.problems.map(formatProblem), []);
    assert.ok(expected.catalog.agreements.size > 0, `no agreements in ${files.join(', ')}`);
  });

  it('loads with zero problems', () => {
    assert.deepStrictEqual(api.getProblems().map(formatProblem), []);
  });

  it('has the same agreement ids as the shipped data', () => {
    const catalog = api.getCatalog();
    assert.ok(catalog, 'getCatalog() returned undefined after whenReady()');
    assert.deepStrictEqual([...catalog.agreements.keys()].sort(), [...expected.catalog.agreements.keys()].sort());
  });

  it('has the same provision count per agreement, and every provision under its uid', () => {
    const catalog = api.getCatalog();
    assert.ok(catalog);
    assert.deepStrictEqual(provisionCounts(catalog), provisionCounts(expected.catalog));
    assert.deepStrictEqual([...catalog.provisions.keys()].sort(), [...expected.catalog.provisions.keys()].sort());
    for (const [uid, provision] of catalog.provisions) {
      assert.strictEqual(uid, `${provision.agreementId}/${provision.id}`);
    }
  });

  it('has the same glossary terms, parties, sectors and sources as the shipped data', () => {
    const catalog = api.getCatalog();
    assert.ok(catalog);
    const ids = (c: Catalog) => ({
      parties: [...c.parties.keys()].sort(),
      sectors: [...c.sectors.keys()].sort(),
      sources: [...c.sources.keys()].sort(),
      terms: [...c.terms.keys()].sort(),
      comparisons: c.comparisons.map((n) => n.id).sort(),
    });
    assert.deepStrictEqual(ids(catalog), ids(expected.catalog));
  });
});
