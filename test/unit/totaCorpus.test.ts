// The real ToTA corpus (../shared/corpora/tota-0.5.0-xml.tar.xz, 450 treaties): imported whole, loaded through the
// normal loader, and the sector rules measured against the hand-labelled samples in test/fixtures/tota. Skipped,
// with a message saying so, only when the corpus file is absent; the corpus is read, never copied into the repo.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCatalog, type FileInput } from '../../src/core/catalog/catalogLoader';
import type { Catalog, CatalogFile, PartyData } from '../../src/core/catalog/model';
import { SHIPPED_DATA_FILES, isShippedDataFile } from '../../src/core/catalog/shippedData';
import { ImportBatch, importedFileName, serializeImported } from '../../src/core/import/importBatch';
import { SectorClassifier } from '../../src/core/import/sectorRules';
import { SECTOR_RULES } from '../../src/core/import/shippedRules';
import { openSearchIndex, type IndexStore } from '../../src/core/search/indexStore';
import { SearchIndex } from '../../src/core/search/searchIndex';
import { phraseRecall, phraseSample } from '../bench/phraseRecall';

const ROOT = join(__dirname, '..', '..');
export const TOTA_ARCHIVE = join(ROOT, '..', 'shared', 'corpora', 'tota-0.5.0-xml.tar.xz');

interface LabelledArticle {
  treaty: string;
  article: string;
  labels: string[];
}

/** Share of assigned sectors (unclassified aside) that a hand label confirms, and share of articles placed at all. */
export function measure(catalog: Catalog, sample: readonly LabelledArticle[]): { precision: number; coverage: number; assigned: number; correct: number } {
  let assigned = 0;
  let correct = 0;
  let placed = 0;
  for (const { treaty, article, labels } of sample) {
    const provision = catalog.provisions.get(`tota-${treaty}/${article}`);
    assert.ok(provision, `labelled article tota-${treaty}/${article} is in the corpus`);
    const sectors = provision.sectors.filter((s) => s !== SECTOR_RULES.fallback);
    if (sectors.length) placed++;
    assigned += sectors.length;
    correct += sectors.filter((s) => labels.includes(s)).length;
  }
  return { precision: correct / assigned, coverage: placed / sample.length, assigned, correct };
}

describe('ToTA corpus (450 real treaties)', function () {
  this.timeout(180_000);
  let dir = '';
  let catalog: Catalog;
  let problems: readonly unknown[] = [];
  let xmlArticles = 0;
  let inputs: FileInput[] = [];

  before(function () {
    if (!existsSync(TOTA_ARCHIVE)) {
      console.log(`      (skipped: the ToTA corpus is not at ${TOTA_ARCHIVE})`);
      this.skip();
    }
    dir = mkdtempSync(join(tmpdir(), 'tda-tota-'));
    execFileSync('tar', ['-xJf', TOTA_ARCHIVE, '-C', dir]);
    const parties = (JSON.parse(readFileSync(join(ROOT, 'data', 'parties.json'), 'utf8')) as CatalogFile).parties as PartyData[];
    const batch = new ImportBatch({ parties, classifier: new SectorClassifier(SECTOR_RULES) });
    inputs = SHIPPED_DATA_FILES.map((file) => ({ file, content: readFileSync(join(ROOT, file), 'utf8') }));
    const xmlDir = join(dir, 'xml');
    for (const name of readdirSync(xmlDir).sort()) {
      const xml = readFileSync(join(xmlDir, name), 'utf8');
      xmlArticles += xml.match(/<article\b/g)?.length ?? 0;
      const treaty = batch.add(name, xml);
      if (treaty) inputs.push({ file: `.techdeals/imported/${importedFileName(treaty.agreementId)}`, content: serializeImported(treaty.file) });
    }
    assert.deepEqual(batch.summary.skipped, [], 'no treaty skipped');
    ({ catalog, problems } = buildCatalog(inputs, { trusted: isShippedDataFile }));
  });

  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('imports all 450 treaties and loads them through the normal loader with zero problems', () => {
    assert.deepEqual(problems, []);
    assert.equal([...catalog.agreements.keys()].filter((id) => id.startsWith('tota-')).length, 450);
  });

  it('makes every article a provision', () => {
    const imported = [...catalog.provisions.values()].filter((p) => p.agreementId.startsWith('tota-')).length;
    assert.equal(imported, xmlArticles);
    assert.equal(imported, 40_993);
  });

  it('imports KORUS (tota-159): Korea and the United States, signed 2007-06-30, 272 provisions', () => {
    const korus = catalog.agreements.get('tota-159')!;
    assert.deepEqual(korus.parties, ['KR', 'US'], 'the shipped Korea and US, not new KOR/USA entries');
    assert.equal(korus.date, '2007-06-30');
    assert.equal(korus.provisions.length, 272);
    assert.equal(korus.status?.state, 'in-force');
    assert.equal(korus.status?.inForce, '2012-03-15');
  });

  it('recognises the EU as a side of EU–Korea (tota-145)', () => {
    const euKorea = catalog.agreements.get('tota-145')!;
    assert.deepEqual(euKorea.blocs, ['EU']);
    assert.ok(euKorea.parties.includes('KR') && euKorea.parties.includes('DE'));
  });

  for (const [name, file, floor] of [
    ['the tuning sample (170 articles)', 'sector-sample.json', 0.9],
    ['the held-out sample (80 articles, never used for tuning)', 'sector-holdout.json', 0.85],
  ] as const) {
    it(`places articles in sectors with precision ≥ ${floor} on ${name}`, () => {
      const sample = (JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'tota', file), 'utf8')) as { articles: LabelledArticle[] }).articles;
      const { precision, coverage, assigned, correct } = measure(catalog, sample);
      console.log(`      precision ${(precision * 100).toFixed(1)}% (${correct}/${assigned} sectors assigned), ${(coverage * 100).toFixed(1)}% of ${sample.length} articles placed`);
      assert.ok(precision >= floor, `precision ${precision.toFixed(3)}`);
      assert.ok(coverage >= 0.8, `coverage ${coverage.toFixed(3)}`);
    });
  }
  describe('search at corpus scale', () => {
    let index: SearchIndex;
    const kept = new Map<string, Uint8Array>();
    const store: IndexStore = {
      read: async (key) => kept.get(key),
      write: async (key, bytes) => void kept.set(key, bytes),
    };

    before(async () => {
      const opened = await openSearchIndex(catalog, store);
      assert.equal(opened.reused, false, 'the first load builds the index');
      assert.equal(kept.size, 1, 'and keeps it');
      index = opened.index;
    });

    it('reuses the kept index when the same files load again, with the same answers', async () => {
      const again = buildCatalog(inputs, { trusted: isShippedDataFile }).catalog;
      const opened = await openSearchIndex(again, store);
      assert.equal(opened.reused, true);
      for (const q of ['dispute settlement', 'rules of origin', 'cross-border information flows', '"national treatment"', 'ㅇㄹㅌㅁㅅ']) {
        assert.deepEqual(opened.index.search(q, { limit: 20 }), index.search(q, { limit: 20 }), q);
      }
    });

    it('finds an article in the top 5 from a 6-word phrase of it, for at least 95% of a seeded sample of 200 articles', () => {
      const { probes, boilerplate } = phraseSample(catalog, { count: 200 });
      const plain = phraseRecall(index, probes);
      const quoted = phraseRecall(index, probes, true);
      console.log(
        `      phrase recall: ${plain.found}/${plain.total} typed, ${quoted.found}/${quoted.total} quoted (${boilerplate} of 200 articles had only boilerplate phrases)`,
      );
      const show = (r: typeof plain) => r.missed.slice(0, 5).map((m) => `${m.uid}: ${m.phrase}`).join('\n');
      assert.ok(plain.found / plain.total >= 0.95, show(plain));
      assert.ok(quoted.found / quoted.total >= 0.95, show(quoted));
      assert.ok(boilerplate < 40, `${boilerplate} articles with only boilerplate phrases: the sample would say little`);
    });
  });
});
