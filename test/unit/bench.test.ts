// The benchmark's own machinery: seeded synthetic inputs, statistics, the VSIX reader, the report, and a smoke run
// of every node-side suite (tiny sizes, seconds) so `npm run bench` cannot rot unnoticed between full runs.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { buildCatalog } from '../../src/core/catalog/catalogLoader';
import { createMatcher } from '../../src/core/glossary/glossaryMatcher';
import { NaiveHover, NaiveSearch } from '../bench/baselines';
import { ratio, summarize, type Row } from '../bench/measure';
import { zipEntries, zipEntryData } from '../bench/package';
import { markdownTable, type BenchResult } from '../bench/report';
import type { Suite, SuiteContext } from '../bench/suite';
import { catalogSuite } from '../bench/suites/catalog';
import { citationsSuite } from '../bench/suites/citations';
import { compareSuite } from '../bench/suites/compare';
import { hoverSuite } from '../bench/suites/hover';
import { searchSuite } from '../bench/suites/search';
import {
  countProvisions,
  factorForProvisions,
  readShippedFiles,
  REPO_ROOT,
  scaleCatalogFiles,
  seededRandom,
  syntheticDocument,
  syntheticGlossary,
  syntheticQueries,
  surfaceForms,
  toFileInputs,
  vocabulary,
  type CatalogFileEntry,
} from '../bench/synthetic';

const base: CatalogFileEntry[] = readShippedFiles();
const count = (entries: readonly CatalogFileEntry[], key: 'parties' | 'sectors' | 'sources' | 'agreements' | 'terms' | 'comparisons') =>
  entries.reduce((n, e) => n + (e.data[key]?.length ?? 0), 0);

describe('bench: seeded synthetic inputs', () => {
  it('the random generator is deterministic per seed and differs between seeds', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, seededRandom(seed).next);
    assert.deepEqual(draw(42), draw(42));
    assert.notDeepEqual(draw(42), draw(43));
    for (const x of draw(7)) assert.ok(x >= 0 && x < 1, `${x} out of [0, 1)`);
  });

  it('scales the shipped catalog k times: loads with zero problems, k× agreements, provisions, sources, terms and notes, shared parties and sectors', () => {
    const k = 3;
    const scaled = scaleCatalogFiles(base, k, 1);
    const { catalog, problems } = buildCatalog(toFileInputs(scaled));
    assert.deepEqual(problems.map((p) => `${p.file}:${p.line} ${p.code} ${p.message}`), []);
    assert.equal(catalog.agreements.size, k * count(base, 'agreements'));
    assert.equal(catalog.provisions.size, k * countProvisions(base));
    assert.equal(catalog.sources.size, k * count(base, 'sources'));
    assert.equal(catalog.terms.size, k * count(base, 'terms'));
    assert.equal(catalog.comparisons.length, k * count(base, 'comparisons'));
    assert.equal(catalog.parties.size, count(base, 'parties'));
    assert.equal(catalog.sectors.size, count(base, 'sectors'));
    // Copies reference their own sources and agreements, and their texts differ from the original's.
    const original = base.flatMap((e) => e.data.agreements ?? [])[0];
    const copy = catalog.agreements.get(`${original.id}-x2`);
    assert.ok(copy, 'the second copy of the first agreement exists');
    assert.deepEqual(copy.sources, original.sources.map((s) => `${s}-x2`));
    assert.notEqual(copy.provisions[0].text.en, original.provisions[0].text.en);
    assert.equal(copy.provisions[0].text.en.split(' ').length, original.provisions[0].text.en.split(' ').length);
  });

  it('is byte-for-byte reproducible from the seed', () => {
    const a = JSON.stringify(scaleCatalogFiles(base, 2, 99));
    assert.equal(JSON.stringify(scaleCatalogFiles(base, 2, 99)), a);
    assert.notEqual(JSON.stringify(scaleCatalogFiles(base, 2, 100)), a);
  });

  it('picks the smallest factor reaching a provision count', () => {
    const per = countProvisions(base);
    const f = factorForProvisions(base, 10_000);
    assert.ok(f * per >= 10_000 && (f - 1) * per < 10_000, `factor ${f} × ${per} provisions`);
  });

  it('builds glossaries of any size: the shipped terms first, every form unique', () => {
    const shipped = base.flatMap((e) => e.data.terms ?? []);
    const terms = syntheticGlossary(base, shipped.length + 500, 5);
    assert.equal(terms.length, shipped.length + 500);
    assert.deepEqual(terms.slice(0, shipped.length), shipped);
    assert.equal(new Set(terms.map((t) => t.id)).size, terms.length);
    const synthetic = terms.slice(shipped.length).flatMap(surfaceForms).map((f) => f.toLowerCase());
    assert.equal(new Set(synthetic).size, synthetic.length, 'synthetic forms are unique');
    // And the real matcher finds them: every synthetic term's English form matches itself.
    const matcher = createMatcher(terms);
    for (const t of terms.slice(shipped.length, shipped.length + 50)) {
      const line = `See ${t.term.en} here.`;
      const m = matcher.findAt(line, 4);
      assert.ok(m, `no match for "${t.term.en}"`);
      assert.equal(line.slice(m.start, m.end), t.term.en);
    }
  });

  it('writes documents of the size asked for, with the term mentions it reports', () => {
    const terms = syntheticGlossary(base, 40, 5);
    const forms = new Set(terms.flatMap(surfaceForms));
    for (const bytes of [1024, 100_000]) {
      const doc = syntheticDocument(base, terms, bytes, 3);
      const size = Buffer.byteLength(doc.text, 'utf8');
      assert.ok(size <= bytes && size > bytes - 4, `${size} bytes for ${bytes}`);
      assert.ok(doc.mentions.length > bytes / 1000, `${doc.mentions.length} mentions in ${bytes} bytes`);
      const complete = doc.mentions.filter((m) => [...forms].some((f) => doc.text.startsWith(f, m)));
      assert.ok(complete.length >= doc.mentions.length - 1, 'every mention (but a cut-off last one) starts with a term form');
    }
  });

  it('makes queries of every kind from the real vocabulary', () => {
    const queries = syntheticQueries(base, 70, 1);
    assert.equal(queries.length, 70);
    assert.equal(new Set(queries.map((q) => q.kind)).size, 7);
    const words = vocabulary(base).words;
    for (const q of queries.filter((x) => x.kind === 'ko-word')) assert.ok(words.ko.includes(q.query), q.query);
    for (const q of queries) assert.ok(q.query.trim().length > 0);
  });
});

describe('bench: statistics, baselines, VSIX reader, report', () => {
  it('uses nearest-rank percentiles', () => {
    const s = summarize(Array.from({ length: 100 }, (_, i) => 100 - i));
    assert.deepEqual([s.n, s.median, s.p99, s.min, s.max, s.mean], [100, 50, 99, 1, 100, 50.5]);
    const few = summarize([3, 1, 2]);
    assert.deepEqual([few.median, few.p99], [2, 3], 'p99 of fewer than 100 samples is the largest');
  });

  it('the naive hover finds the longest term around the offset; the naive search needs every word', () => {
    const terms = syntheticGlossary(base, 60, 2);
    const hover = new NaiveHover(terms);
    const t = terms[55];
    const text = `Intro. ${t.term.en} and more`;
    const hit = hover.hover(text, 8);
    assert.ok(hit);
    assert.equal(text.slice(hit.start, hit.end).toLowerCase(), t.term.en.toLowerCase());
    assert.equal(hover.hover(text, text.length - 1), undefined);

    const { catalog } = buildCatalog(toFileInputs(base));
    const search = new NaiveSearch(catalog.provisions.values());
    const p = [...catalog.provisions.values()][0];
    const [w1, w2] = p.text.en.toLowerCase().split(/\s+/);
    assert.ok(search.search(`${w1} ${w2}`).includes(p));
    assert.deepEqual(search.search(`${w1} zzzqqq`), []);
  });

  it('reads zip entries, stored and deflated', () => {
    const zip = makeZip([
      { name: 'extension/package.json', data: Buffer.from('{"name":"x"}'), deflate: false },
      { name: 'extension/dist/extension.js', data: Buffer.from('x'.repeat(5000)), deflate: true },
    ]);
    const entries = zipEntries(zip);
    assert.deepEqual(
      entries.map((e) => [e.name, e.size]),
      [
        ['extension/package.json', 12],
        ['extension/dist/extension.js', 5000],
      ],
    );
    assert.ok(entries[1].compressedSize < 100);
    assert.equal(zipEntryData(zip, entries[1]).toString(), 'x'.repeat(5000));
    assert.throws(() => zipEntries(Buffer.from('not a zip at all, just text long enough to scan')), /not a zip/);
  });

  it('renders one table row per result, with ratios and every missed target marked', () => {
    const rows: Row[] = [
      { group: 'Search', what: 'Query', size: '10,000 provisions', unit: 'ms', ours: summarize([1, 1, 3]), baseline: { label: 'naive-search', value: summarize([10, 10, 10]) }, targets: [{ text: 'p99 < 2 ms', met: false }] },
      { group: 'Activation', what: 'activate()', size: '1 host', unit: 'ms', ours: 4, targets: [{ text: 'median < 10 ms', met: true }], notes: ['a note'] },
      { group: 'Package', what: 'VSIX size', size: 'vsix', unit: 'bytes', ours: 300 * 1024 },
    ];
    assert.equal(ratio(rows[0]), 10);
    const result: BenchResult = { startedAt: 'now', durationSeconds: 1, smoke: false, seed: 1, environment: { node: 'v', platform: 'p', cpus: 2, cpuModel: 'c' }, rows, skipped: [] };
    const table = markdownTable(result);
    const lines = table.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Area'));
    assert.equal(lines.length, 3);
    assert.ok(lines[0].startsWith('| Activation | activate() [1] |'), 'rows in area order, notes numbered');
    assert.match(lines[1], /\| 1\.00 ms \/ 3\.00 ms \| 10\.0 ms \/ 10\.0 ms \| 10× faster \| p99 < 2 ms \| ❌ \|$/);
    assert.match(lines[2], /\| 300 KB \|/);
    assert.match(table, /Targets: 1 of 2 met — \*\*1 missed\*\*/);
    assert.match(table, /\[1\] a note/);
  });
});

describe('bench: smoke run of every node-side suite', function () {
  this.timeout(60_000);
  const ctx: SuiteContext = {
    smoke: true,
    seed: 11,
    base,
    root: REPO_ROOT,
    outDir: join(REPO_ROOT, '.test-output', 'bench', 'unit-smoke'),
    log: () => undefined,
  };
  const suites: Suite[] = [catalogSuite(), hoverSuite(), searchSuite(), compareSuite(), citationsSuite()];
  for (const suite of suites) {
    it(`${suite.name}: produces rows with measured figures`, async () => {
      const rows = await suite.run(ctx);
      assert.ok(rows.length >= 3, `${rows.length} rows`);
      for (const row of rows) {
        const figures = [row.ours, row.baseline?.value].filter((v) => v !== undefined);
        for (const f of figures) {
          const value = typeof f === 'number' ? f : f.median;
          assert.ok(Number.isFinite(value) && value >= 0, `${row.what} (${row.size}): ${JSON.stringify(f)}`);
        }
        if (typeof row.ours !== 'number') assert.ok(row.ours.n >= 1 && row.ours.p99 >= row.ours.median);
      }
      assert.ok(rows.some((r) => r.baseline), 'at least one row compares with the naive baseline');
    });
  }
});

/** A minimal zip writer (no CRCs: the reader does not check them) for the reader's test. */
function makeZip(files: { name: string; data: Buffer; deflate: boolean }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const body = f.deflate ? deflateRawSync(f.data) : f.data;
    const name = Buffer.from(f.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(f.deflate ? 8 : 0, 8);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(f.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(f.deflate ? 8 : 0, 10);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(f.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
