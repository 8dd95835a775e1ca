import { strict as assert } from 'node:assert';
import MarkdownIt from 'markdown-it';
import {
  blockInsertion,
  buildComparison,
  comparisonTable,
  coverageLabel,
  CSV_BOM,
  csvField,
  entryText,
  exportFileName,
  noteParts,
  toCsv,
  toMarkdown,
  type Comparison,
  type ComparisonTable,
} from '../../src/core/compare/comparison';
import { findCitations } from '../../src/core/citation/citation';
import type { Catalog, Lang } from '../../src/core/catalog/model';
import { loadShippedCatalog, syntheticCatalog } from './compareFixtures';

const ids = (c: Comparison) => c.rows.map((r) => r.sector.id);

/**
 * Catalog order of sectors: s5, s1, s2, s3, s4, s6. Coverage by A, B, C:
 *   s1: A B C (all)   s5: A B (some)   s2: A C (some)   s4: A only   s3: B only   s6: nobody (not in the union)
 */
function abc(): Catalog {
  return syntheticCatalog(
    ['s5', 's1', 's2', 's3', 's4', 's6'],
    [
      {
        id: 'a',
        provisions: [
          { id: '1', sectors: ['s1'], en: 'A one' },
          { id: '2', sectors: ['s2', 's5'], en: 'A two' },
          { id: '3', sectors: ['s4'], en: 'A three' },
          { id: '4', sectors: ['s1'], en: 'A four' },
        ],
      },
      {
        id: 'b',
        provisions: [
          { id: '1', sectors: ['s3'], en: 'B one' },
          { id: '2', sectors: ['s1', 's5'], en: 'B two' },
        ],
      },
      {
        id: 'c',
        provisions: [
          { id: '1', sectors: ['s2'], en: 'C one' },
          { id: '2', sectors: ['s1'], en: 'C two' },
        ],
      },
    ],
  );
}

describe('comparison builder', () => {
  describe('on a synthetic catalog', () => {
    const catalog = abc();

    it('takes the union of sectors and classifies each as shared by all, by some, or unique to one', () => {
      const c = buildComparison(catalog, ['a', 'b', 'c'], { order: 'catalog' });
      const summary = Object.fromEntries(c.rows.map((r) => [r.sector.id, `${r.coverage}:${r.coveredBy.join('')}`]));
      assert.deepEqual(summary, { s5: 'some:ab', s1: 'all:abc', s2: 'some:ac', s3: 'one:b', s4: 'one:a' });
      assert.ok(!ids(c).includes('s6'), 'a sector no chosen agreement covers is not a row');
    });

    it('orders rows by catalog order, or by coverage (all, most, unique by column) with catalog order for ties', () => {
      assert.deepEqual(ids(buildComparison(catalog, ['a', 'b', 'c'], { order: 'catalog' })), ['s5', 's1', 's2', 's3', 's4']);
      assert.deepEqual(ids(buildComparison(catalog, ['a', 'b', 'c'])), ['s1', 's5', 's2', 's4', 's3']);
      // Unique rows follow the column order: with C, B, A the B-only row comes before the A-only row.
      assert.deepEqual(ids(buildComparison(catalog, ['c', 'b', 'a'])), ['s1', 's5', 's2', 's3', 's4']);
    });

    it('puts each provision in the cell of its agreement for every sector it is tagged with, in agreement order', () => {
      const c = buildComparison(catalog, ['a', 'b', 'c']);
      const cell = (sector: string, column: number) => c.rows.find((r) => r.sector.id === sector)!.cells[column].map((p) => p.uid);
      assert.deepEqual(cell('s1', 0), ['a/1', 'a/4']);
      assert.deepEqual(cell('s1', 1), ['b/2']);
      assert.deepEqual(cell('s5', 0), ['a/2']);
      assert.deepEqual(cell('s2', 0), ['a/2']);
      assert.deepEqual(cell('s4', 0), ['a/3']);
      assert.deepEqual(cell('s2', 1), []);
    });

    it('keeps the requested column order, drops repeats, and reports unknown ids instead of throwing', () => {
      const c = buildComparison(catalog, ['c', 'nope', 'a', 'c']);
      assert.deepEqual(c.agreements.map((a) => a.id), ['c', 'a']);
      assert.deepEqual(c.missing, ['nope']);
      // With only A and C, s1 and s2 are shared by all, s4 and s5 are A's alone; B's s3 is gone.
      assert.deepEqual(
        c.rows.map((r) => `${r.sector.id}:${r.coverage}`),
        ['s1:all', 's2:all', 's5:one', 's4:one'],
      );
    });

    it('"differences only" leaves out exactly the sectors shared by all', () => {
      const all = buildComparison(catalog, ['a', 'b', 'c']);
      const diff = buildComparison(catalog, ['a', 'b', 'c'], { differencesOnly: true });
      assert.deepEqual(ids(diff), ids(all).filter((id) => id !== 's1'));
      assert.ok(diff.rows.every((r) => r.coverage !== 'all'));
      assert.equal(diff.union.length, all.union.length, 'the union (offered by the sector filter) is unaffected');
    });

    it('filters by sector, ignoring ids outside the union, and combines with "differences only"', () => {
      const c = buildComparison(catalog, ['a', 'b', 'c'], { sectors: ['s3', 's1', 's6', 'zz'], order: 'catalog' });
      assert.deepEqual(ids(c), ['s1', 's3']);
      assert.deepEqual(c.options.sectors, ['s3', 's1']);
      const both = buildComparison(catalog, ['a', 'b', 'c'], { sectors: ['s3', 's1'], differencesOnly: true });
      assert.deepEqual(ids(both), ['s3']);
    });

    it('classifies everything as covered when only one agreement is chosen, and nothing when none is', () => {
      const one = buildComparison(catalog, ['b']);
      assert.deepEqual(one.rows.map((r) => `${r.sector.id}:${r.coverage}`), ['s5:all', 's1:all', 's3:all']);
      assert.equal(coverageLabel(one.rows[0], one, 'en'), 'Covered');
      const none = buildComparison(catalog, []);
      assert.deepEqual([none.rows.length, none.union.length, none.notes.length], [0, 0, 0]);
    });

    it('labels coverage in the catalog language', () => {
      const c = buildComparison(catalog, ['a', 'b', 'c']);
      const row = (id: string) => c.rows.find((r) => r.sector.id === id)!;
      assert.equal(coverageLabel(row('s1'), c, 'en'), 'Shared by all 3');
      assert.equal(coverageLabel(row('s1'), c, 'ko'), '3개 모두 공통');
      assert.equal(coverageLabel(row('s2'), c, 'en'), 'Shared by 2 of 3');
      assert.equal(coverageLabel(row('s2'), c, 'ko'), '3개 중 2개 공통');
      assert.equal(coverageLabel(row('s3'), c, 'en'), 'Only in Short b');
      assert.equal(coverageLabel(row('s3'), c, 'ko'), 'ko:Short b에만 있음');
    });
  });

  describe('comparison notes', () => {
    const note = (id: string, subject: string, against: string[], sectors?: string[]) => ({
      id,
      subject,
      against,
      ...(sectors ? { sectors } : {}),
      text: { ko: `비교 ${id}`, en: `Note ${id}` },
      provenance: [{ source: 'src', locator: { paragraph: 8, sentence: 2 } }],
    });
    const catalog = syntheticCatalog(
      ['s1', 's2'],
      [
        { id: 'a', provisions: [{ id: '1', sectors: ['s1'], en: 'A' }] },
        { id: 'b', provisions: [{ id: '1', sectors: ['s2'], en: 'B' }] },
        { id: 'c', provisions: [{ id: '1', sectors: ['s1'], en: 'C' }] },
      ],
      [note('ab', 'a', ['b']), note('ac-s1', 'a', ['c'], ['s1']), note('bc-s2', 'b', ['c'], ['s2'])],
    );

    it('keeps the notes whose subject and at least one compared agreement are both chosen', () => {
      assert.deepEqual(buildComparison(catalog, ['a', 'b']).notes.map((n) => n.id), ['ab']);
      assert.deepEqual(buildComparison(catalog, ['a', 'b', 'c']).notes.map((n) => n.id), ['ab', 'ac-s1', 'bc-s2']);
      assert.deepEqual(buildComparison(catalog, ['c']).notes.map((n) => n.id), []);
    });

    it('applies the sector filter to notes about sectors, and keeps notes about no sector in particular', () => {
      assert.deepEqual(buildComparison(catalog, ['a', 'b', 'c'], { sectors: ['s1'] }).notes.map((n) => n.id), ['ab', 'ac-s1']);
    });

    it('lists the notes under the Markdown table with their source locators', () => {
      const md = toMarkdown(buildComparison(catalog, ['a', 'b']), catalog, 'en');
      assert.match(md, /\n\n\*\*Comparisons made by the source\*\*\n\n- \*\*Short a vs Short b:\*\* Note ab \(The article, para\. 8, sentence 2\)\n$/);
      const ko = toMarkdown(buildComparison(catalog, ['a', 'b']), catalog, 'ko');
      assert.match(ko, /- \*\*ko:Short a 대 ko:Short b:\*\* 비교 ab \(기사, 8문단 2문장\)\n$/);
    });
  });

  describe('on the shipped dataset', () => {
    let catalog: Catalog;
    const TPDS = ['kr-us-tpd', 'us-uk-tpd', 'us-jp-tpd'];
    before(async () => {
      catalog = await loadShippedCatalog();
    });

    it('has one row per sector any of the three deals covers, classified by which deals cover it', () => {
      const c = buildComparison(catalog, TPDS, { order: 'catalog' });
      const deals = TPDS.map((id) => catalog.agreements.get(id)!);
      const covering = (sector: string) => deals.filter((a) => a.provisions.some((p) => p.sectors.includes(sector))).map((a) => a.id);
      const used = [...catalog.sectors.keys()].filter((s) => covering(s).length > 0);
      assert.deepEqual(ids(c), used, 'rows are the used sectors in catalog order');
      for (const row of c.rows) {
        const by = covering(row.sector.id);
        assert.deepEqual(row.coveredBy, by, row.sector.id);
        assert.equal(row.coverage, by.length === 3 ? 'all' : by.length === 1 ? 'one' : 'some', row.sector.id);
        row.cells.forEach((cell, i) => {
          const expected = deals[i].provisions.filter((p) => p.sectors.includes(row.sector.id)).map((p) => p.uid);
          assert.deepEqual(cell.map((p) => p.uid), expected, `${row.sector.id} × ${deals[i].id}`);
        });
      }
      assert.ok(c.rows.some((r) => r.coverage === 'all') && c.rows.some((r) => r.coverage !== 'all'), 'the data has both shared and differing sectors');
    });

    it('orders by coverage without losing or repeating a row', () => {
      const byCoverage = buildComparison(catalog, TPDS);
      const rank = { all: 0, some: 1, one: 2 };
      const ranks = byCoverage.rows.map((r) => rank[r.coverage] * 10 - r.coveredBy.length);
      assert.deepEqual(ranks, [...ranks].sort((x, y) => x - y));
      assert.deepEqual([...ids(byCoverage)].sort(), [...ids(buildComparison(catalog, TPDS, { order: 'catalog' }))].sort());
    });

    it('shows the source’s comparisons of the ROK–US MOU with the UK and Japan deals, and its notes of context', () => {
      const c = buildComparison(catalog, TPDS);
      const expected = catalog.comparisons.filter((n) => TPDS.includes(n.subject) && n.against.some((id) => TPDS.includes(id)));
      const context = catalog.comparisons.filter((n) => TPDS.includes(n.subject) && n.against.length === 0);
      assert.ok(expected.filter((n) => n.subject === 'kr-us-tpd').length >= 2 && context.length >= 1);
      assert.deepEqual(c.notes.map((n) => n.id).sort(), [...expected, ...context].map((n) => n.id).sort());
      // A note of context is headed by its subject alone, not as a comparison with the others.
      assert.equal(noteParts(context[0], catalog, 'en').versus, 'ROK–US TPD MOU: context');
      // …and stays out of a comparison that leaves its subject out.
      assert.ok(!buildComparison(catalog, ['us-uk-tpd', 'us-jp-tpd']).notes.some((n) => n.id === context[0].id));
    });

    it('exports every provision of every shown cell to Markdown and CSV, with citation tokens memos recognise', () => {
      const c = buildComparison(catalog, TPDS);
      const md = toMarkdown(c, catalog, 'ko');
      const cited = new Set(md.split('\n').flatMap((line) => findCitations(line).map((m) => m.uid)));
      const expected = new Set(c.rows.flatMap((r) => r.cells.flat().map((p) => p.uid)));
      assert.deepEqual([...cited].filter((uid) => !expected.has(uid)), []);
      assert.deepEqual([...expected].filter((uid) => !cited.has(uid)), []);
      assert.deepEqual(parseMarkdownTable(md), flatTable(comparisonTable(c, 'ko')));
      assert.deepEqual(parseCsv(toCsv(c, 'en')), csvRecords(comparisonTable(c, 'en')));
    });
  });

  describe('Markdown and CSV export', () => {
    const nasty = 'Pipes | and *stars* _under_ `code` <b>bold</b> &amp; [link](https://x.example) ~~del~~ $x$ back\\slash';
    const catalog = syntheticCatalog(
      ['s1', 's2'],
      [
        {
          id: 'kr',
          short: 'ROK, "US" MOU',
          provisions: [
            { id: '1', sectors: ['s1'], en: nasty, ko: '한·미 "기술", 번영\n양해각서' },
            { id: '2', sectors: ['s1'], en: 'Line one\r\nline two', ko: '=SUM(A1:A2) 수식처럼 보이는 문장' },
            { id: '3', sectors: ['s2'], en: '-1 minus first', ko: '@멘션' },
          ],
        },
        { id: 'uk', short: 'US–UK', provisions: [{ id: '1', sectors: ['s1'], en: 'UK, with a comma' }] },
      ],
      [],
      { s1: 'AI | data', s2: 'Space' },
    );
    const comparison = buildComparison(catalog, ['kr', 'uk'], { order: 'catalog' });

    for (const lang of ['en', 'ko'] as Lang[]) {
      it(`round-trips through a Markdown parser (${lang}): every cell and entry comes back as the table has it`, () => {
        const md = toMarkdown(comparison, catalog, lang);
        assert.deepEqual(parseMarkdownTable(md), flatTable(comparisonTable(comparison, lang)));
      });

      it(`round-trips through a CSV parser (${lang}), quoting commas, quotes and line breaks`, () => {
        const csv = toCsv(comparison, lang);
        assert.deepEqual(parseCsv(csv), csvRecords(comparisonTable(comparison, lang)));
      });
    }

    it('keeps the raw Markdown readable: one line per row, escapes only inline syntax, citation tokens left as is', () => {
      const md = toMarkdown(comparison, catalog, 'en');
      const rows = md.trimEnd().split('\n');
      assert.equal(rows.length, 2 + comparison.rows.length, 'a header, a delimiter and one line per row');
      assert.equal(rows[0], '| Sector | Coverage | ROK, "US" MOU | US–UK |');
      assert.equal(rows[1], '| --- | --- | --- | --- |');
      assert.ok(rows[2].startsWith('| AI \\| data | Shared by all 2 | Pipes \\| and \\*stars\\* \\_under\\_ \\`code\\` \\<b\\>bold\\</b\\> \\&amp; \\[link\\](https://x.example) \\~\\~del\\~\\~ \\$x\\$ back\\\\slash (tda:kr/1)<br>Line one line two (tda:kr/2) |'), rows[2]);
      assert.ok(rows[3].endsWith('| -1 minus first (tda:kr/3) | — |'), rows[3]);
    });

    it('writes RFC 4180 CSV: CRLF records, doubled quotes, formula-like fields defused, Korean as is', () => {
      const csv = toCsv(comparison, 'ko');
      assert.ok(!csv.startsWith(CSV_BOM), 'the BOM is added when writing a file, not part of the text');
      assert.ok(csv.endsWith('\r\n'));
      const records = parseCsv(csv);
      assert.deepEqual(records[0], ['분야', '공통 여부', 'ko:ROK, "US" MOU', 'ko:US–UK']);
      assert.ok(csv.startsWith('분야,공통 여부,"ko:ROK, ""US"" MOU",ko:US–UK\r\n'));
      // Entries of one cell are lines of one quoted field; a formula-like line inside a field is harmless (only a
      // field's first character makes a spreadsheet evaluate it).
      assert.deepEqual(records[1][2].split('\n'), ['한·미 "기술", 번영', '양해각서 (tda:kr/1)', '=SUM(A1:A2) 수식처럼 보이는 문장 (tda:kr/2)']);
      assert.equal(records[2][2], "'@멘션 (tda:kr/3)");
      assert.deepEqual(['=1', '+1', '-1', '@a', '\tx', 'a=1', '1-2'].map(csvField), ["'=1", "'+1", "'-1", "'@a", "'\tx", 'a=1', '1-2']);
    });

    it('names export files after the compared agreements', () => {
      assert.equal(exportFileName(comparison, 'csv'), 'comparison-kr-uk.csv');
      assert.equal(exportFileName(buildComparison(catalog, []), 'md'), 'comparison-agreements.md');
    });
  });

  describe('inserting a table at a cursor', () => {
    const table = '| a |\n| --- |\n| 1 |\n';
    const apply = (doc: string, offset: number) => {
      const lineStart = doc.lastIndexOf('\n', offset - 1) + 1;
      const lineEnd = doc.indexOf('\n', offset) === -1 ? doc.length : doc.indexOf('\n', offset);
      const previousStart = lineStart === 0 ? -1 : doc.lastIndexOf('\n', lineStart - 2) + 1;
      const insert = blockInsertion(table, {
        before: doc.slice(lineStart, offset),
        after: doc.slice(offset, lineEnd),
        ...(previousStart >= 0 ? { previousLine: doc.slice(previousStart, lineStart - 1) } : {}),
      });
      return doc.slice(0, offset) + insert + doc.slice(offset);
    };
    const T = '| a |\n| --- |\n| 1 |';

    it('on an empty line between paragraphs, leaves one blank line on each side', () => {
      assert.equal(apply('para\n\nnext', 5), `para\n\n${T}\n\nnext`);
    });
    it('at the end of a line of text, starts a new block after a blank line', () => {
      assert.equal(apply('para\nnext', 4), `para\n\n${T}\n\nnext`);
    });
    it('in the middle of a line, splits it around the table', () => {
      assert.equal(apply('before after', 7), `before \n\n${T}\n\nafter`);
    });
    it('in an empty document or at the very start, adds nothing before', () => {
      assert.equal(apply('', 0), `${T}\n`);
      assert.equal(apply('text', 0), `${T}\n\ntext`);
    });
    it('keeps the document’s line ending', () => {
      assert.equal(blockInsertion(table, { before: 'x', after: '', eol: '\r\n' }), `\r\n\r\n| a |\r\n| --- |\r\n| 1 |\r\n`);
    });
    it('produces a table a Markdown parser finds as a table, with the paragraphs around it intact', () => {
      const doc = apply('Intro paragraph\nnext paragraph', 15);
      const tokens = new MarkdownIt().parse(doc, {});
      assert.deepEqual(
        tokens.filter((t) => t.type === 'paragraph_open' || t.type === 'table_open').map((t) => t.type),
        ['paragraph_open', 'table_open', 'paragraph_open'],
      );
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Independent parsers for the round trips

/** Every cell of every GFM table in `md`, as parsed by markdown-it (with HTML on, so `<br>` is a separator token). */
function parseMarkdownTable(md: string): string[][] {
  const tokens = new MarkdownIt({ html: true }).parse(md, {});
  const rows: string[][] = [];
  let row: string[] | undefined;
  let inTable = false;
  for (const t of tokens) {
    if (t.type === 'table_open') inTable = true;
    else if (t.type === 'table_close') inTable = false;
    else if (inTable && t.type === 'tr_open') rows.push((row = []));
    else if (inTable && t.type === 'inline' && row) {
      row.push(
        (t.children ?? [])
          .map((c) => (c.type === 'html_inline' && c.content === '<br>' ? '\u2029' : c.type === 'text' ? c.content : `[${c.type}]`))
          .join(''),
      );
    }
  }
  return rows;
}

const flat = (s: string) => s.replace(/\s*[\r\n]+\s*/g, ' ').trim();

/** What the Markdown table should parse back to: entries joined by the `<br>` marker, `—` for empty cells. */
function flatTable(table: ComparisonTable): string[][] {
  return [
    table.header.map(flat),
    ...table.rows.map((r) => [flat(r.sector), flat(r.coverage), ...r.cells.map((e) => (e.length ? e.map((x) => flat(entryText(x))).join('\u2029') : '—'))]),
  ];
}

/** What the CSV should parse back to: entries one per line, formula-like fields prefixed with `'`. */
function csvRecords(table: ComparisonTable): string[][] {
  const defuse = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);
  return [table.header.map(defuse), ...table.rows.map((r) => [r.sector, r.coverage, ...r.cells.map((e) => e.map(entryText).join('\n'))].map(defuse))];
}

/** A strict RFC 4180 reader (CRLF between records, quotes doubled inside quoted fields). */
function parseCsv(csv: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let i = 0;
  let quoted = false;
  while (i < csv.length) {
    const ch = csv[i];
    if (quoted) {
      if (ch === '"' && csv[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (ch === '"') {
        quoted = false;
        i++;
      } else {
        field += ch;
        i++;
      }
    } else if (ch === '"') {
      assert.equal(field, '', `a quote inside an unquoted field at ${i}`);
      quoted = true;
      i++;
    } else if (ch === ',') {
      record.push(field);
      field = '';
      i++;
    } else if (ch === '\r' && csv[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else {
      assert.ok(ch !== '\n' && ch !== '\r', `a bare line break outside quotes at ${i}`);
      field += ch;
      i++;
    }
  }
  assert.equal(quoted, false, 'unterminated quoted field');
  assert.deepEqual([field, record], ['', []], 'the last record ends with CRLF');
  return records;
}
