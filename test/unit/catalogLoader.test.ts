import { strict as assert } from 'node:assert';
import { buildCatalog, checkFile, loadCatalog, mergeFiles, type LoadOptions } from '../../src/core/catalog/catalogLoader';
import { MAX_NESTING, tooDeepAt } from '../../src/core/catalog/jsonLimits';
import type { CatalogProblem } from '../../src/core/catalog/model';
import { readFileSync } from 'node:fs';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const generator = require('../../src/core/catalog/generated/generateValidator.cjs') as { generateValidatorSource(): string; OUT: string };

/** A minimal valid catalog file, written with the line layout the position assertions below rely on. */
const VALID = `{
  "parties": [
    { "id": "KR", "name": { "ko": "대한민국", "en": "Republic of Korea" }, "short": { "ko": "한국", "en": "ROK" } },
    { "id": "US", "name": { "ko": "미국", "en": "United States" }, "short": { "ko": "미국", "en": "US" } }
  ],
  "sectors": [
    { "id": "ai", "name": { "ko": "인공지능", "en": "AI" }, "description": { "ko": "AI", "en": "AI" }, "icon": "hubot" }
  ],
  "sources": [
    { "id": "src", "kind": "news-analysis", "title": { "ko": "기사", "en": "Article" }, "language": "ko" }
  ],
  "agreements": [
    {
      "id": "deal",
      "kind": "mou",
      "title": { "official": { "ko": "양해각서", "en": "MOU" }, "short": { "ko": "MOU", "en": "MOU" } },
      "parties": ["KR", "US"],
      "date": "2025-10-29",
      "legalNature": { "binding": false, "description": { "ko": "구속력 없음", "en": "Not binding" } },
      "summary": { "ko": "요약", "en": "Summary" },
      "sources": ["src"],
      "provisions": [
        {
          "id": "1",
          "sectors": ["ai"],
          "text": { "ko": "AI 협력", "en": "AI cooperation" },
          "provenance": [{ "source": "src", "locator": { "paragraph": 3 } }]
        }
      ]
    }
  ]
}
`;

function load(content: string | Uint8Array, options?: LoadOptions, file = 'memo/.techdeals/deal.json') {
  return buildCatalog([{ file, content }], options);
}

function only(problems: readonly CatalogProblem[]): CatalogProblem {
  assert.equal(problems.length, 1, `expected exactly one problem, got: ${JSON.stringify(problems, null, 1)}`);
  return problems[0];
}

function pick(p: CatalogProblem) {
  return { code: p.code, message: p.message, line: p.line, column: p.column, path: p.path, severity: p.severity };
}

/** Replaces the first occurrence of `from` in VALID, asserting it was there. */
function variant(from: string, to: string): string {
  assert.ok(VALID.includes(from), `fixture lacks ${from}`);
  return VALID.replace(from, to);
}

describe('catalog loader', () => {
  it('validates with a generated validator that matches the current schema (npm run build regenerates it)', () => {
    assert.equal(readFileSync(generator.OUT, 'utf8'), generator.generateValidatorSource());
  });

  it('loads a valid file into linked maps with citable provision ids', () => {
    const { catalog, problems, goodFiles } = load(VALID);
    assert.deepEqual(problems, []);
    assert.deepEqual([...catalog.agreements.keys()], ['deal']);
    const provision = catalog.provisions.get('deal/1');
    assert.ok(provision);
    assert.equal(provision.agreementId, 'deal');
    assert.deepEqual(provision.sectors, ['ai']);
    assert.equal(catalog.origins.get('agreements:deal'), 'memo/.techdeals/deal.json');
    assert.ok(goodFiles.has('memo/.techdeals/deal.json'));
  });

  it('reports invalid JSON with the position of the syntax error', () => {
    const broken = variant('"kind": "mou",', '"kind": "mou"');
    const p = only(load(broken).problems);
    assert.deepEqual(pick(p), { code: 'json-syntax', message: 'JSON syntax error: comma expected.', line: 16, column: 7, path: '', severity: 'error' });
  });

  it('accepts comments and trailing commas (JSONC), as VS Code settings do', () => {
    const jsonc = variant('"kind": "mou",', '// the signed memorandum\n      "kind": "mou", /* kind */').replace('"parties": ["KR", "US"],', '"parties": ["KR", "US",],');
    const { problems, catalog } = load(jsonc);
    assert.deepEqual(problems, []);
    assert.deepEqual(catalog.agreements.get('deal')?.parties, ['KR', 'US']);
  });

  it('reports a wrong type at the value, naming expected and found types', () => {
    const p = only(load(variant('"paragraph": 3', '"paragraph": "3"')).problems);
    assert.deepEqual(pick(p), {
      code: 'schema',
      message: 'Expected integer but found string.',
      line: 27,
      column: 71,
      path: '/agreements/0/provisions/0/provenance/0/locator/paragraph',
      severity: 'error',
    });
  });

  it('reports a missing required field at the object that lacks it', () => {
    const p = only(load(variant('"summary": { "ko": "요약", "en": "Summary" },', '')).problems);
    assert.deepEqual(pick(p), { code: 'schema', message: 'Missing required property "summary".', line: 13, column: 5, path: '/agreements/0', severity: 'error' });
  });

  it('reports an unknown property at its key and suggests the likely name', () => {
    const [missing, unknown] = load(variant('"sectors": ["ai"],', '"sector": ["ai"],')).problems;
    assert.deepEqual(pick(missing), { code: 'schema', message: 'Missing required property "sectors".', line: 23, column: 9, path: '/agreements/0/provisions/0', severity: 'error' });
    assert.deepEqual(pick(unknown), {
      code: 'schema',
      message: 'Unknown property "sector". Did you mean "sectors"?',
      line: 25,
      column: 11,
      path: '/agreements/0/provisions/0/sector',
      severity: 'error',
    });
  });

  it('drops only the invalid entity and keeps the rest of the file', () => {
    const { catalog, problems } = load(variant('"sectors": ["ai"],', '"sectors": [],'));
    assert.equal(only(problems).message, 'Must list at least 1 item.');
    assert.equal(catalog.agreements.size, 0, 'the agreement with the invalid provision is dropped');
    assert.equal(catalog.sectors.size, 1, 'other entities of the file still load');
    assert.equal(catalog.parties.size, 2);
  });

  it('reports a duplicate id at the second definition and names the first', () => {
    const second = `{\n  "sectors": [\n    { "id": "ai", "name": { "ko": "에이아이", "en": "A.I." }, "description": { "ko": "x", "en": "x" }, "icon": "hubot" }\n  ]\n}\n`;
    const { problems, catalog } = buildCatalog([
      { file: 'a.json', content: VALID },
      { file: 'b.json', content: second },
    ]);
    const p = only(problems);
    assert.deepEqual(pick(p), {
      code: 'duplicate-id',
      message: 'Duplicate sector id "ai": already defined at a.json:7:13.',
      line: 3,
      column: 13,
      path: '/sectors/0/id',
      severity: 'error',
    });
    assert.equal(p.file, 'b.json');
    assert.equal(catalog.sectors.get('ai')?.name.en, 'AI', 'the first definition wins');
  });

  describe('trusted files (the shipped dataset)', () => {
    const trusted: LoadOptions = { trusted: (file) => file === 'a.json' };

    it('load to the same catalog as through every check', () => {
      const full = buildCatalog([{ file: 'a.json', content: VALID }]);
      const fast = buildCatalog([{ file: 'a.json', content: VALID }], trusted);
      assert.deepEqual(fast.problems, []);
      assert.deepEqual(fast.catalog, full.catalog);
      assert.deepEqual(fast.goodFiles.get('a.json')!.data, full.goodFiles.get('a.json')!.data);
    });

    it('still point into a trusted file when another file clashes with it (positions built on demand)', () => {
      const second = `{\n  "sectors": [\n    { "id": "ai", "name": { "ko": "에이아이", "en": "A.I." }, "description": { "ko": "x", "en": "x" }, "icon": "hubot" }\n  ]\n}\n`;
      const { problems } = buildCatalog(
        [
          { file: 'a.json', content: VALID },
          { file: 'b.json', content: second },
        ],
        trusted,
      );
      assert.equal(only(problems).message, 'Duplicate sector id "ai": already defined at a.json:7:13.');
      assert.deepEqual([only(problems).file, only(problems).line, only(problems).column], ['b.json', 3, 13]);
    });

    it('take the full path, with positioned errors, when they are not plain JSON after all', () => {
      const { problems } = load('{ "parties": [ }', trusted, 'a.json');
      assert.ok(problems.length > 0 && problems.every((p) => p.code === 'json-syntax'), JSON.stringify(problems));
      assert.equal(problems[0].line, 1);
      // JSONC (a comment, a trailing comma) is not plain JSON either: it loads through the tolerant parser.
      assert.ok(VALID.includes('"en": "US" } }\n  ],'));
      const jsonc = load(VALID.replace('"parties": [', '// who signed\n  "parties": [').replace('"en": "US" } }\n  ],', '"en": "US" } },\n  ],'), trusted, 'a.json');
      assert.deepEqual(jsonc.problems, []);
      assert.equal(jsonc.catalog.parties.size, 2);
    });
  });

  describe('large files (over 64 KiB, such as imported treaties)', () => {
    /** VALID with a summary long enough to take the native parser's path; the line layout is unchanged. */
    const large = (from = '"id": "deal",', to = '"id": "deal",') =>
      variant('"en": "Summary"', `"en": "Summary", ${['fr', 'de', 'es', 'it', 'pt'].map((l) => `"${l}": "${'S'.repeat(15_000)}"`).join(', ')}`).replace(from, to);
    const bytes = (text: string) => new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);

    it('load to the same catalog as a small file does', () => {
      const { problems, catalog, goodFiles } = load(bytes(large()));
      assert.deepEqual(problems, []);
      assert.equal(catalog.provisions.get('deal/1')?.text.en, 'AI cooperation');
      assert.equal(goodFiles.get('memo/.techdeals/deal.json')!.text, large(), 'its text is decoded again on demand, without the BOM');
    });

    it('are pointed into by another file’s clash, from their kept bytes', () => {
      const clash = `{\n  "parties": [\n    { "id": "US", "name": { "ko": "미국", "en": "USA" }, "short": { "ko": "미국", "en": "US" } }\n  ]\n}\n`;
      const { problems } = buildCatalog([
        { file: 'a.json', content: bytes(large()) },
        { file: 'b.json', content: clash },
      ]);
      assert.equal(only(problems).message, 'Duplicate party id "US": already defined at a.json:4:13.');
      assert.deepEqual([only(problems).file, only(problems).line, only(problems).column], ['b.json', 3, 13]);
    });

    it('get every check and position of the full path when the native parser cannot vouch for them', () => {
      const schema = only(load(bytes(large('"paragraph": 3', '"paragraph": 0'))).problems);
      assert.deepEqual([schema.code, schema.line, schema.column], ['schema', 27, 71]);
      const hostile = only(load(bytes(large('"id": "deal",', '"id": "deal", "__proto__": { "polluted": true },'))).problems);
      assert.deepEqual([hostile.code, hostile.line, hostile.column], ['forbidden-key', 14, 21]);
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
      const deep = only(load(bytes(large('"locator": { "paragraph": 3 }', `"locator": { "paragraph": 3, "x": ${'['.repeat(80)}${']'.repeat(80)} }`))).problems);
      assert.deepEqual([deep.code, deep.line], ['too-deep', 27]);
    });
  });

  it('reports a duplicate provision id within an agreement', () => {
    const twice = variant(
      '"provisions": [',
      '"provisions": [\n        { "id": "1", "sectors": ["ai"], "text": { "ko": "가", "en": "a" }, "provenance": [{ "source": "src", "locator": { "paragraph": 1 } }] },',
    );
    const p = only(load(twice).problems);
    assert.deepEqual(pick(p), { code: 'duplicate-id', message: 'Duplicate provision id "1" in agreement "deal".', line: 25, column: 17, path: '/agreements/0/provisions/1/id', severity: 'error' });
  });

  it('reports an unknown sector at the reference, suggests the closest, and drops the dangling ref', () => {
    const { problems, catalog } = load(variant('"sectors": ["ai"],', '"sectors": ["ai", "aii"],'));
    const p = only(problems);
    assert.deepEqual(pick(p), {
      code: 'unknown-ref',
      message: 'Unknown sector "aii". Did you mean "ai"?',
      line: 25,
      column: 29,
      path: '/agreements/0/provisions/0/sectors/1',
      severity: 'error',
    });
    assert.deepEqual(catalog.provisions.get('deal/1')?.sectors, ['ai']);
  });

  it('reports an unknown source and party', () => {
    const { problems } = load(variant('"sources": ["src"],', '"sources": ["article"],').replace('"parties": ["KR", "US"]', '"parties": ["KR", "JP"]'));
    assert.deepEqual(problems.map(pick), [
      { code: 'unknown-ref', message: 'Unknown party "JP".', line: 17, column: 25, path: '/agreements/0/parties/1', severity: 'error' },
      { code: 'unknown-ref', message: 'Unknown source "article".', line: 21, column: 19, path: '/agreements/0/sources/0', severity: 'error' },
    ]);
  });

  it('rejects a date that matches the pattern but is not on the calendar', () => {
    const p = only(load(variant('"2025-10-29"', '"2025-02-30"')).problems);
    assert.deepEqual(pick(p), { code: 'invalid-date', message: '"2025-02-30" is not a real calendar date.', line: 18, column: 15, path: '/agreements/0/date', severity: 'error' });
  });

  it('reports an empty file', () => {
    const p = only(load('  \n\n').problems);
    assert.deepEqual(pick(p), { code: 'empty', message: 'File is empty: expected a JSON object such as { "agreements": [] }.', line: 1, column: 1, path: '', severity: 'error' });
  });

  it('reads a UTF-8 byte order mark transparently, with positions as the editor shows them', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(variant('"paragraph": 3', '"paragraph": 0'))]);
    const p = only(load(bytes).problems);
    assert.deepEqual(pick(p), {
      code: 'schema',
      message: 'Must be 1 or more.',
      line: 27,
      column: 71,
      path: '/agreements/0/provisions/0/provenance/0/locator/paragraph',
      severity: 'error',
    });
  });

  it('refuses an enormous file without parsing it', () => {
    const huge = `{"terms": [${'"x",'.repeat(4_500_000)}"x"]}`;
    const { problems, catalog } = load(huge);
    assert.deepEqual(pick(only(problems)), { code: 'too-large', message: 'File is too large to load (17.2 MiB; the limit is 16.0 MiB).', line: 1, column: 1, path: '', severity: 'error' });
    assert.equal(catalog.agreements.size, 0);
  });

  it('refuses binary content and invalid UTF-8', () => {
    assert.equal(only(load(new Uint8Array([0x7b, 0x00, 0x7d])).problems).message, 'File looks binary (it contains NUL bytes); a catalog file must be UTF-8 JSON text.');
    assert.equal(only(load(new Uint8Array([0x7b, 0xff, 0x7d])).problems).message, 'File is not valid UTF-8 text.');
  });

  it('refuses __proto__ keys without touching any prototype', () => {
    const hostile = variant('"id": "deal",', '"id": "deal", "__proto__": { "polluted": true },');
    const { problems, catalog } = load(hostile);
    assert.deepEqual(pick(only(problems)), { code: 'forbidden-key', message: 'Property name "__proto__" is not allowed.', line: 14, column: 21, path: '/agreements/0/__proto__', severity: 'error' });
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(catalog.agreements.size, 0);
  });

  it('reports a top-level array as a wrong type for the whole file', () => {
    const p = only(load('[]').problems);
    assert.deepEqual(pick(p), { code: 'schema', message: 'Expected object but found array.', line: 1, column: 1, path: '', severity: 'error' });
  });

  it('keeps the last good version of a file while it is broken', () => {
    const first = load(VALID);
    const second = load(VALID.slice(0, 200), { previous: first.goodFiles });
    assert.ok(second.problems.some((p) => p.code === 'json-syntax'));
    assert.ok(second.problems.some((p) => p.code === 'stale' && p.severity === 'warning'));
    assert.deepEqual([...second.catalog.agreements.keys()], ['deal']);
    assert.equal(second.goodFiles.get('memo/.techdeals/deal.json'), first.goodFiles.get('memo/.techdeals/deal.json'));
  });

  it('turns a failed read into a problem and still loads the other files', async () => {
    const result = await loadCatalog(['ok.json', 'missing.json'], async (file) => {
      if (file === 'missing.json') throw new Error('ENOENT: no such file');
      return VALID;
    });
    assert.deepEqual(pick(only(result.problems)), { code: 'read-failed', message: 'Could not read the file: ENOENT: no such file', line: 1, column: 1, path: '', severity: 'error' });
    assert.equal(result.catalog.agreements.size, 1);
  });

  it('warns when two terms claim the same surface form', () => {
    const terms = `{"terms": [
 {"id": "a", "term": {"ko": "가", "en": "Alpha"}, "definition": {"ko": "가", "en": "a"}, "definitionBasis": "editorial", "provenance": [], "abbreviations": ["AL"]},
 {"id": "b", "term": {"ko": "나", "en": "Beta"}, "definition": {"ko": "나", "en": "b"}, "definitionBasis": "editorial", "provenance": [], "abbreviations": ["al"]}
]}`;
    // provenance must list at least one source: the schema says so
    const { problems } = load(terms);
    assert.deepEqual(
      problems.map((p) => p.message),
      ['Must list at least 1 item.', 'Must list at least 1 item.'],
    );
    const withSource = `{"sources": [{ "id": "s", "kind": "news-analysis", "title": { "ko": "t", "en": "t" }, "language": "ko" }],${terms.slice(1).replace(/"provenance": \[\]/g, '"provenance": [{"source": "s", "locator": {"paragraph": 1}}]')}`;
    const p = only(load(withSource).problems);
    assert.deepEqual(pick(p), { code: 'ambiguous-term', message: 'Term "b" uses the form "al", which term "a" already uses.', line: 3, column: 2, path: '/terms/1', severity: 'warning' });
  });

  it('refuses a file nested thousands of levels deep, at the first bracket too deep, before any parser recurses', () => {
    for (const deep of ['['.repeat(3000) + ']'.repeat(3000), '{"a":'.repeat(3000) + '1' + '}'.repeat(3000)]) {
      const p = only(load(`\n  ${deep}`).problems);
      const opener = deep[0];
      assert.deepEqual(pick(p), {
        code: 'too-deep',
        message: `Nested too deeply: more than ${MAX_NESTING} levels of brackets here. A catalog file needs about eight; the file is not loaded.`,
        line: 2,
        column: 3 + MAX_NESTING * (opener === '[' ? 1 : 5),
        path: '',
        severity: 'error',
      });
    }
    // Brackets inside strings and comments are text, not nesting.
    const quoted = `{"$schema": "${'['.repeat(500)}" /* ${'{'.repeat(500)} */ // ${'['.repeat(500)}\n}`;
    assert.equal(tooDeepAt(quoted), -1);
    assert.equal(tooDeepAt(`{"a": "\\"" ${'['.repeat(70)}`), 11 + MAX_NESTING - 1, 'an escaped quote does not end the string');
  });

  it('contains a loader failure in the file that caused it: a problem there, the other files load', () => {
    const result = buildCatalog(
      [
        { file: 'good.json', content: VALID.replace(/"deal"/g, '"other"') },
        { file: 'bad.json', content: VALID },
      ],
      { faultHook: (file) => { if (file === 'bad.json') throw new RangeError('Maximum call stack size exceeded'); } },
    );
    const p = only(result.problems);
    assert.deepEqual(pick(p), {
      code: 'internal-error',
      message: 'Tech Deal Atlas could not load this file (internal error: RangeError: Maximum call stack size exceeded). The rest of the atlas is not affected.',
      line: 1,
      column: 1,
      path: '',
      severity: 'error',
    });
    assert.equal(p.file, 'bad.json');
    assert.deepEqual([...result.catalog.agreements.keys()], ['other']);
  });

  it('keeps serving a file’s last good version while its read fails', async () => {
    const first = await loadCatalog(['deal.json'], async () => VALID);
    const second = await loadCatalog(['deal.json'], async () => { throw new Error('EBUSY'); }, { previous: first.goodFiles });
    assert.deepEqual(second.problems.map((p) => p.code), ['read-failed', 'stale']);
    assert.deepEqual([...second.catalog.agreements.keys()], ['deal']);
  });

  it('merges files checked at different times: an unchanged file’s check is reused as is', () => {
    const a = checkFile({ file: 'a.json', content: VALID });
    const b1 = checkFile({ file: 'b.json', content: '{"terms": []}' });
    const b2 = checkFile({ file: 'b.json', content: '{"terms": [' });
    const first = mergeFiles([a, b1]);
    const second = mergeFiles([a, b2], { previous: first.goodFiles });
    assert.deepEqual([...second.catalog.agreements.keys()], ['deal']);
    assert.ok(second.problems.some((p) => p.file === 'b.json' && p.code === 'json-syntax'));
    assert.equal(second.goodFiles.get('a.json'), a.parsed, 'the same parse, not a new one');
  });

  it('keeps every position inside the file, even for an error at its very end or inside a line break', () => {
    for (const text of ['/*', '{\r\n', '{"a": [1,\r\n', '"']) {
      for (const p of load(text).problems) {
        const lines = text.split(/\r\n|\r|\n/);
        for (const [line, column] of [[p.line, p.column], [p.endLine, p.endColumn]]) {
          assert.ok(line >= 1 && line <= lines.length && column >= 1 && column <= lines[line - 1].length + 1, `${JSON.stringify(text)}: ${line}:${column} ${p.message}`);
        }
      }
    }
  });

  it('caps the number of problems reported for one file', () => {
    const many = `{"sectors": [${Array.from({ length: 30 }, () => '{"id": 1}').join(',')}]}`;
    const { problems } = load(many, { maxProblemsPerFile: 10 });
    assert.equal(problems.length, 11);
    assert.equal(problems[10].message, '…and 110 more problems in this file.');
  });
});
