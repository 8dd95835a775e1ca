// Property tests on every entry that takes outside input: the catalog loader (workspace files), the glossary matcher
// (any line of any document), search (anything typed or pasted), the citation parser (any line) and the comparison
// builder and panel protocol (ids and messages from the webview). For each: it never throws, it never hangs (every
// call is timed against a bound far above its budget, so only a runaway shows), and what it returns is well formed.
// The loader also keeps the shipped catalog whatever a workspace file holds, and every problem points at a real
// place in a real file.
//
// `npm test` runs a few hundred cases per entry; `npm run test:fuzz` runs 10,000 (TDA_FUZZ_RUNS) with a fresh seed,
// printed on failure with the shrunk counterexample so it can be replayed (TDA_FUZZ_SEED).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { buildCatalog, type FileInput, type LoadResult } from '../../src/core/catalog/catalogLoader';
import type { Catalog, CatalogProblem } from '../../src/core/catalog/model';
import { isShippedDataFile, SHIPPED_DATA_FILES } from '../../src/core/catalog/shippedData';
import { findCitations } from '../../src/core/citation/citation';
import { renderCompareMain, type ComparePageStrings } from '../../src/core/compare/comparePage';
import { parseExtensionMessage, parseViewState, parseWebviewMessage } from '../../src/core/compare/compareProtocol';
import { buildComparison } from '../../src/core/compare/comparison';
import { matcherForCatalog } from '../../src/core/glossary/glossaryMatcher';
import { MAX_QUERY_LENGTH, SearchIndex } from '../../src/core/search/searchIndex';

const ROOT = join(__dirname, '..', '..');
const RUNS = Number(process.env.TDA_FUZZ_RUNS ?? 300);
const SEED = process.env.TDA_FUZZ_SEED === undefined ? undefined : Number(process.env.TDA_FUZZ_SEED);
const params = (runs = RUNS): fc.Parameters<unknown> => ({ numRuns: runs, ...(SEED === undefined ? {} : { seed: SEED }) });

/** A bound no healthy call comes near (budgets live in `npm run bench`): crossing it means a hang, not slowness. */
const HANG_MS = { load: 5_000, search: 1_000, hover: 250, citation: 250, compare: 2_000 } as const;

function timed<T>(what: keyof typeof HANG_MS, call: () => T): T {
  const start = performance.now();
  const result = call();
  const ms = performance.now() - start;
  assert.ok(ms < HANG_MS[what], `${what} took ${ms.toFixed(0)} ms`);
  return result;
}

const SHIPPED: FileInput[] = SHIPPED_DATA_FILES.map((file) => ({ file, content: readFileSync(join(ROOT, file)) }));
const USER_FILE = '.techdeals/fuzz.json';
const SHIPPED_AGREEMENTS = ['kr-us-jfs', 'kr-us-tpd', 'us-jp-tpd', 'us-uk-tpd'];

/** The shipped files plus one workspace file with `content`, loaded as the extension loads them. */
function loadWith(content: string | Uint8Array): LoadResult {
  return timed('load', () => buildCatalog([...SHIPPED, { file: USER_FILE, content }], { trusted: isShippedDataFile }));
}

/** What every load must hold, whatever the workspace file: the shipped data is there and every problem has a place. */
function assertSound(result: LoadResult, content: string | Uint8Array): void {
  for (const id of SHIPPED_AGREEMENTS) assert.ok(result.catalog.agreements.has(id), `shipped agreement ${id} is gone`);
  const text = typeof content === 'string' ? content : new TextDecoder().decode(content);
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  for (const problem of result.problems) assertPlaced(problem, lines);
}

function assertPlaced(p: CatalogProblem, lines: readonly string[]): void {
  assert.ok(p.file === USER_FILE || SHIPPED_DATA_FILES.includes(p.file), `problem in an unknown file: ${p.file}`);
  assert.ok(p.message.length > 0 && p.code.length > 0, 'problem without a message or code');
  for (const [line, column] of [
    [p.line, p.column],
    [p.endLine, p.endColumn],
  ]) {
    assert.ok(Number.isInteger(line) && Number.isInteger(column) && line >= 1 && column >= 1, `bad position ${line}:${column}`);
    if (p.file === USER_FILE && lines.length) {
      assert.ok(line <= lines.length, `line ${line} of ${lines.length}: ${p.message}`);
      assert.ok(column <= lines[line - 1].length + 1, `column ${column} past the end of line ${line}: ${p.message}`);
    }
  }
  assert.ok(p.endLine > p.line || (p.endLine === p.line && p.endColumn >= p.column), 'end before start');
}

/** A shipped agreement file as a template for valid-looking catalogs. */
const TEMPLATE = JSON.parse(readFileSync(join(ROOT, 'data', 'agreements', 'us-jp-tpd.json'), 'utf8')) as Record<string, unknown>;
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '', '$schema'];

/** Valid-looking data damaged at random: values swapped for junk, keys dropped, prototype keys planted at any depth. */
function damaged(template: unknown, rng: () => number, junk: readonly unknown[]): unknown {
  const visit = (value: unknown, depth: number): unknown => {
    const roll = rng();
    if (roll < 0.06) return junk[Math.floor(rng() * junk.length)];
    if (Array.isArray(value)) return value.filter(() => rng() > 0.05).map((v) => visit(v, depth + 1));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        if (rng() < 0.05) continue;
        // Renamed ids make dangling references (agreement, sector, source, party ids).
        out[k] = k === 'id' || k === 'source' || k === 'sectors' || k === 'parties' ? (rng() < 0.3 ? junk[Math.floor(rng() * junk.length)] : v) : visit(v, depth + 1);
      }
      if (rng() < 0.15) {
        const key = HOSTILE_KEYS[Math.floor(rng() * HOSTILE_KEYS.length)];
        Object.defineProperty(out, key, { value: visit(value, depth + 1), enumerable: true, configurable: true, writable: true });
      }
      return out;
    }
    return value;
  };
  return visit(template, 0);
}

function nested(depth: number, kind: 'array' | 'object' | 'mixed'): string {
  let open = '';
  let close = '';
  for (let i = 0; i < depth; i++) {
    const array = kind === 'array' || (kind === 'mixed' && i % 2 === 0);
    open += array ? '[' : '{"a":';
    close = (array ? ']' : '}') + close;
  }
  return `${open}1${close}`;
}

/** Any string: full Unicode including lone surrogates, control characters, and text near the data's own. */
const anyText = (maxLength: number) =>
  fc.oneof(
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: fc.constantFrom('\ud800', '\udfff', '\u0000', '\n', '\r', '\t', '\u200b', '\ufeff', ' ', '·', '・'), maxLength }),
    fc.string({ unit: fc.integer({ min: 0x1100, max: 0xd7a3 }).map((c) => String.fromCharCode(c)), maxLength }),
    fc.string({ unit: fc.constantFrom('tda:', 'kr-us-tpd/', '28', 'KPS', 'Artemis', '아르테미스', '한·미', '제', '항', '/', '.', '-', ' ', 'ㅇ', 'ㄹ'), maxLength }),
  );

describe(`fuzz: outside input never breaks the atlas (${RUNS} cases per property)`, function () {
  this.timeout(Math.max(60_000, RUNS * 200));
  let catalog: Catalog;
  let index: SearchIndex;
  before(() => {
    catalog = buildCatalog(SHIPPED, { trusted: isShippedDataFile }).catalog;
    index = SearchIndex.build(catalog);
  });

  describe('catalog loader', () => {
    it('arbitrary bytes', () => {
      fc.assert(fc.property(fc.uint8Array({ maxLength: 2048 }), (bytes) => assertSound(loadWith(bytes), bytes)), params());
    });

    it('arbitrary JSON values', () => {
      fc.assert(
        fc.property(fc.jsonValue({ maxDepth: 6 }), fc.boolean(), (value, pretty) => {
          const text = JSON.stringify(value, null, pretty ? 2 : undefined) ?? 'null';
          assertSound(loadWith(text), text);
        }),
        params(),
      );
    });

    it('valid-looking catalogs with random damage and prototype keys at any depth', () => {
      const junk = fc.oneof(fc.constantFrom<unknown>(null, true, 0, -1, 1e308, '', 'kr-us-tpd', 'no-such-id', '__proto__', [], {}, ['ai', 'ai']), fc.string());
      fc.assert(
        fc.property(fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })), fc.array(junk, { minLength: 1, maxLength: 8 }), (stream, junkValues) => {
          const numbers = stream[Symbol.iterator]();
          const text = JSON.stringify(damaged(TEMPLATE, () => numbers.next().value as number, junkValues));
          const result = loadWith(text);
          assertSound(result, text);
          // Nothing planted under a prototype key ever reaches an object's prototype.
          assert.equal(({} as Record<string, unknown>).agreements, undefined);
        }),
        params(),
      );
    });

    it('deep nesting, up to thousands of levels, is refused with a position before any recursive work', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 5000 }), fc.constantFrom('array' as const, 'object' as const, 'mixed' as const), (depth, kind) => {
          const text = nested(depth, kind);
          const result = loadWith(text);
          assertSound(result, text);
          if (depth > 64) assert.ok(result.problems.some((p) => p.code === 'too-deep' && p.file === USER_FILE), `depth ${depth}: no too-deep problem`);
        }),
        params(),
      );
    });

    it('huge strings and long lines', () => {
      fc.assert(
        fc.property(fc.oneof(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 1_000_000, max: 6_000_000 })), fc.constantFrom('a', '가', '\\u0000', '"', '\\'), (length, unit) => {
          const filler = unit === '"' || unit === '\\' ? 'x'.repeat(length) : unit.repeat(Math.ceil(length / unit.length));
          const text = `{"terms":[{"id":"t","term":{"ko":"${filler}","en":"x"},"definition":{"ko":"x","en":"x"},"definitionBasis":"source","provenance":[{"source":"seed-commentary"}]}]}`;
          assertSound(loadWith(text), text);
        }),
        params(Math.ceil(RUNS / 10)),
      );
    });
  });

  describe('glossary matcher', () => {
    it('any line, any position (including outside the line)', () => {
      const matcher = matcherForCatalog(catalog);
      fc.assert(
        fc.property(anyText(400), fc.integer({ min: -10, max: 410 }), (line, character) => {
          const hit = timed('hover', () => matcher.findAt(line, character));
          if (!hit) return;
          assert.ok(catalog.terms.has(hit.termId), hit.termId);
          assert.ok(hit.start >= 0 && hit.start <= character && character < hit.end && hit.end <= line.length, `${hit.start}–${hit.end} at ${character}`);
        }),
        params(),
      );
    });
  });

  describe('search', () => {
    it(`any query up to 100,000 characters (cut to ${MAX_QUERY_LENGTH}), any Unicode`, () => {
      const query = fc.oneof({ weight: 4, arbitrary: anyText(300) }, { weight: 1, arbitrary: anyText(100_000) }, { weight: 1, arbitrary: fc.string({ minLength: 1_000, maxLength: 100_000 }) });
      fc.assert(
        fc.property(query, fc.constantFrom(undefined, 'ai', 'space', 'no-such-sector'), (q, sector) => {
          const hits = timed('search', () => index.search(q, sector ? { sector } : {}));
          for (const hit of hits) {
            const known = hit.kind === 'agreement' ? catalog.agreements.has(hit.id) : hit.kind === 'provision' ? catalog.provisions.has(hit.id) : catalog.terms.has(hit.id);
            assert.ok(known, `${hit.kind} ${hit.id}`);
            assert.ok(Number.isFinite(hit.score), `score ${hit.score}`);
          }
        }),
        params(),
      );
    });
  });

  describe('citation parser', () => {
    it('any line: every match is a `tda:` token inside the line', () => {
      fc.assert(
        fc.property(anyText(2_000), (line) => {
          for (const m of timed('citation', () => findCitations(line))) {
            assert.ok(m.start >= 0 && m.start < m.end && m.end <= line.length);
            assert.equal(line.slice(m.start, m.end), `tda:${m.uid}`);
          }
        }),
        params(),
      );
    });
  });

  describe('comparison builder and panel protocol', () => {
    const strings: ComparePageStrings = new Proxy({} as ComparePageStrings, { get: (_, key) => String(key) });
    it('any ids and options: only catalog agreements, every provision in its own column', () => {
      const id = fc.oneof(fc.constantFrom(...SHIPPED_AGREEMENTS, '__proto__', 'constructor', 'toString', ''), fc.string({ maxLength: 40 }));
      fc.assert(
        fc.property(
          fc.array(id, { maxLength: 30 }),
          fc.record({ sectors: fc.option(fc.array(fc.oneof(fc.constantFrom('ai', 'space', '__proto__'), fc.string()), { maxLength: 10 }), { nil: undefined }), differencesOnly: fc.boolean(), order: fc.constantFrom('coverage' as const, 'catalog' as const) }),
          fc.constantFrom('ko' as const, 'en' as const),
          (ids, options, lang) => {
            const comparison = timed('compare', () => buildComparison(catalog, ids, options));
            for (const agreement of comparison.agreements) assert.equal(catalog.agreements.get(agreement.id), agreement);
            for (const row of comparison.rows) {
              row.cells.forEach((cell, column) => cell.forEach((p) => assert.equal(p.agreementId, comparison.agreements[column].id)));
            }
            const html = timed('compare', () => renderCompareMain({ catalog, comparison, view: { agreements: ids, differencesOnly: options.differencesOnly, sectors: options.sectors ?? [], order: options.order }, lang, uiLanguage: lang, strings }));
            assert.doesNotMatch(html, /<script/i);
          },
        ),
        params(),
      );
    });

    it('any message from the webview or the extension is either exactly a protocol message or ignored', () => {
      fc.assert(
        fc.property(fc.anything({ maxDepth: 4, withNullPrototype: true, withObjectString: true }), (raw) => {
          for (const parse of [parseWebviewMessage, parseExtensionMessage, parseViewState]) {
            const parsed = timed('compare', () => parse(raw as never));
            if (parsed !== undefined) assert.equal(typeof parsed, 'object');
          }
        }),
        params(),
      );
    });
  });
});
