// Glossary terms split by a line break (core/glossary/multilineTerms.ts) on the shipped glossary: which lines join,
// hovers on either half, termsInLines against termAtPosition and the per-line matcher, and bounded work next to huge lines.
import { strict as assert } from 'node:assert';
import * as fc from 'fast-check';
import { matcherForCatalog, type GlossaryMatcher } from '../../src/core/glossary/glossaryMatcher';
import { termAtPosition, termSegments, termsInLines, type LinePosition, type LineSource, type TermOccurrence } from '../../src/core/glossary/multilineTerms';
import type { Catalog } from '../../src/core/catalog/model';
import { loadShippedCatalog } from './compareFixtures';

function linesOf(text: string): LineSource & { lines: string[] } {
  const lines = text.split('\n');
  return { lines, lineCount: lines.length, lineAt: (n) => lines[n] };
}

/** The occurrence's text as written, its line break shown as ⏎. */
function written(source: LineSource, o: TermOccurrence): string {
  if (o.start.line === o.end.line) return source.lineAt(o.start.line).slice(o.start.character, o.end.character);
  return `${source.lineAt(o.start.line).slice(o.start.character)}⏎${source.lineAt(o.end.line).slice(0, o.end.character)}`;
}

/** Every occurrence in the text as `written=termId`, for readable assertions. */
function found(matcher: GlossaryMatcher, text: string): string[] {
  const source = linesOf(text);
  return termsInLines(matcher, source, 0, source.lineCount - 1).map((o) => `${written(source, o)}=${o.termId}`);
}

/** The position of the first occurrence of `needle` in `text`, plus `offset` characters. */
function positionOf(text: string, needle: string, offset = 0): LinePosition {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `"${needle}" not in the text`);
  const before = text.slice(0, at + offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

describe('glossary terms split by a line break', () => {
  let catalog: Catalog;
  let matcher: GlossaryMatcher;
  before(async () => {
    catalog = await loadShippedCatalog();
    matcher = matcherForCatalog(catalog);
  });

  /** The occurrence at `needle` + `offset`. */
  const at = (text: string, needle: string, offset = 0, touching = false) => {
    const { line, character } = positionOf(text, needle, offset);
    return termAtPosition(matcher, linesOf(text), line, character, touching);
  };

  describe('joins', () => {
    it('an English term split by a line break, with its range from the first line to the second', () => {
      const text = 'We read the Joint Fact\nSheet of 14 November.';
      assert.deepEqual(found(matcher, text), ['Joint Fact⏎Sheet=joint-fact-sheet']);
      const expected: TermOccurrence = {
        termId: 'joint-fact-sheet',
        form: 'Joint Fact Sheet',
        kind: 'term',
        start: { line: 0, character: 12 },
        end: { line: 1, character: 5 },
      };
      // Either half, its first and last characters, and the end of the first line give the same occurrence.
      for (const [needle, offset] of [['Joint', 0], ['Fact', 3], ['Fact', 4], ['Sheet', 0], ['Sheet', 4]] as const) {
        assert.deepEqual(at(text, needle, offset), expected, `${needle}+${offset}`);
      }
      assert.equal(at(text, 'Sheet', 5), undefined, 'the space after it');
      assert.equal(at(text, 'the', 1), undefined, 'a word before it');
    });

    it('a Korean term split by a line break, with a particle after it, and one cut inside a word', () => {
      const text = '이번 공동\n팩트시트를 보면 한미 공동팩트\n시트에는';
      assert.deepEqual(found(matcher, text), ['공동⏎팩트시트=joint-fact-sheet', '한미 공동팩트⏎시트=joint-fact-sheet']);
      const first = at(text, '팩트시트를', 1);
      assert.deepEqual(first?.start, { line: 0, character: 3 });
      assert.deepEqual(first?.end, { line: 1, character: 4 }, 'the particle stays outside the range');
      assert.deepEqual(at(text, '공동', 0), first);
      assert.equal(at(text, '팩트시트를', 4), undefined, 'the particle itself');
      assert.equal(at(text, '시트에는', 1)?.form, '한미 공동 팩트시트');
    });

    it('a blockquote continued with `>` (also lazily, without one), the markers outside the term', () => {
      const text = '> See the Joint Fact\n> Sheet and the Artemis\nAccords.\n>> nested Joint Fact\n>>   Sheet too';
      assert.deepEqual(found(matcher, text), [
        'Joint Fact⏎> Sheet=joint-fact-sheet',
        'Artemis⏎Accords=artemis-accords',
        'Joint Fact⏎>>   Sheet=joint-fact-sheet',
      ]);
      assert.deepEqual(at(text, '> Sheet', 3)?.start, { line: 0, character: 10 });
      assert.deepEqual(at(text, '> Sheet', 3)?.end, { line: 1, character: 7 });
      // "Artemis" alone is a term too: the longer term crossing the break wins, as on one line.
      assert.equal(at(text, 'Artemis', 2)?.termId, 'artemis-accords');
    });

    it('a list item continued on an indented line, and a term after a hard break', () => {
      const text = '- the Joint Fact\n  Sheet lists\n1. the National Research\n   Foundation of Korea  \n   and NASA';
      assert.deepEqual(found(matcher, text), [
        'Joint Fact⏎  Sheet=joint-fact-sheet',
        'National Research⏎   Foundation of Korea=nrf',
        'NASA=nasa',
      ]);
      const hardBreak = 'the Joint Fact  \nSheet';
      assert.deepEqual(found(matcher, hardBreak), ['Joint Fact  ⏎Sheet=joint-fact-sheet']);
    });

    it('of two terms crossing the breaks around a short line, the longer wins', () => {
      // "quantum technology" crosses the first break, "technology protection measures" the second.
      const text = 'the quantum\ntechnology\nprotection measures';
      assert.deepEqual(found(matcher, text), ['technology⏎protection measures=technology-protection']);
      assert.equal(at(text, 'quantum', 2), undefined);
      assert.equal(at(text, 'technology', 2)?.form, 'technology protection measures');
      assert.deepEqual(found(matcher, 'the quantum\ntechnology\nand more'), ['quantum⏎technology=quantum-technology']);
    });

    it('a term that is complete on the first line yields to a longer one crossing the break, never both', () => {
      // "Technology Prosperity Deal" is a term; "Technology Prosperity Deal MOU" a longer one.
      const text = 'under the Technology Prosperity Deal\nMOU signed';
      assert.deepEqual(found(matcher, text), ['Technology Prosperity Deal⏎MOU=technology-prosperity-deal']);
      assert.equal(at(text, 'Deal', 1)?.form, 'Technology Prosperity Deal MOU');
    });
  });

  describe('does not join', () => {
    it('a new list item, a heading, a blank line, a fence, a table row, a rule or a deeper quote', () => {
      for (const second of ['- Sheet', '* Sheet', '+ Sheet', '2. Sheet', '2) Sheet', '# Sheet', '## Sheet', '', '   ', '>', '```Sheet', '| Sheet |', '---', '> Sheet']) {
        const text = `the Joint Fact\n${second}`;
        assert.deepEqual(found(matcher, text), [], JSON.stringify(second));
        assert.equal(at(text, 'Fact', 1), undefined, JSON.stringify(second));
      }
      for (const first of ['# the Joint Fact', '| the Joint Fact', '', '>']) {
        assert.deepEqual(found(matcher, `${first}\nSheet`), [], JSON.stringify(first));
      }
      assert.deepEqual(found(matcher, 'the Joint Fact\n\nSheet'), []);
      // Only a line break joins: a term never crosses two.
      assert.deepEqual(found(matcher, 'the Joint\nFact\nSheet'), []);
    });

    it('keeps the single-line answers where no term crosses a break', () => {
      const text = ['The Joint Fact Sheet and the KPS.', '', '- NASA and the', '- Artemis Program', '# 한국연구재단과 NSF', '> 공동 팩트시트를', 'plain text'].join('\n');
      const source = linesOf(text);
      const expected = source.lines.flatMap((line, n) => matcher.findAll(line).map((m) => ({ termId: m.termId, form: m.form, kind: m.kind, start: { line: n, character: m.start }, end: { line: n, character: m.end } })));
      assert.ok(expected.length >= 7);
      assert.deepEqual(termsInLines(matcher, source, 0, source.lineCount - 1), expected);
      for (const o of expected) assert.deepEqual(termAtPosition(matcher, source, o.start.line, o.start.character), o);
    });
  });

  describe('termsInLines', () => {
    it('reports each occurrence once, on the line it starts on, whatever range is asked', () => {
      const text = 'NASA and the Joint Fact\nSheet, the KPS and the Artemis\nAccords; NSF.';
      const source = linesOf(text);
      const all = termsInLines(matcher, source, 0, 2);
      assert.deepEqual(found(matcher, text), ['NASA=nasa', 'Joint Fact⏎Sheet=joint-fact-sheet', 'KPS=kps', 'Artemis⏎Accords=artemis-accords', 'NSF=nsf']);
      for (let line = 0; line < 3; line++) {
        assert.deepEqual(termsInLines(matcher, source, line, line), all.filter((o) => o.start.line === line), `line ${line}`);
      }
      assert.deepEqual(termsInLines(matcher, source, -5, 99), all);
      assert.deepEqual(termsInLines(matcher, source, 2, 1), []);
    });

    it('with maxCharacters, matches only the head of each line but still finds a term crossing its break', () => {
      const text = `KPS ${'x '.repeat(100)}NASA and the Joint Fact\nSheet`;
      assert.deepEqual(
        termsInLines(matcher, linesOf(text), 0, 0, 50).map((o) => o.termId),
        ['kps', 'joint-fact-sheet'],
      );
    });

    it('gives the segments to underline without the line break, the indentation and the markers', () => {
      const source = linesOf('> the Joint Fact  \n>   Sheet');
      const [o] = termsInLines(matcher, source, 0, 1);
      assert.deepEqual(termSegments(source, o), [
        { line: 0, start: 6, end: 16 },
        { line: 1, start: 4, end: 9 },
      ]);
    });
  });

  describe('Define Term (touching)', () => {
    it('takes a split term that ends right before the cursor, or whose first half ends at the cursor', () => {
      const text = 'the Joint Fact\nSheet. Then';
      const expected = at(text, 'Sheet');
      assert.ok(expected);
      assert.equal(at(text, 'Sheet', 5), undefined);
      assert.deepEqual(at(text, 'Sheet', 5, true), expected);
      assert.deepEqual(at(text, 'Fact', 4, true), expected, 'at the end of the first line');
      assert.equal(at(text, 'Then', 0, true), undefined);
    });
  });

  describe('cost', () => {
    it('answers next to 10 MB lines in bounded time', () => {
      const unit = 'Lorem ipsum dolor sit amet, 공동 연구를 위한 협력 방안을 논의했다. ';
      const filler = unit.repeat(Math.ceil((10 * 1024 * 1024) / unit.length));
      const lines = [`${filler}the Joint Fact`, 'Sheet and the KPS', `NASA ${filler}`, `${filler} Artemis`, `Accords ${filler}`];
      const source: LineSource = { lineCount: lines.length, lineAt: (n) => lines[n] };
      const ms = (run: () => void) => {
        const started = process.hrtime.bigint();
        run();
        return Number(process.hrtime.bigint() - started) / 1e6;
      };
      const run = (times: number) => {
        for (let i = 0; i < times; i++) {
          assert.equal(termAtPosition(matcher, source, 1, 2)?.termId, 'joint-fact-sheet');
          assert.equal(termAtPosition(matcher, source, 0, lines[0].length - 2)?.termId, 'joint-fact-sheet');
          assert.equal(termAtPosition(matcher, source, 0, (i * 5003) % filler.length), undefined);
          assert.equal(termAtPosition(matcher, source, 4, 3)?.termId, 'artemis-accords');
          assert.deepEqual(
            termsInLines(matcher, source, 1, 1).map((o) => o.termId),
            ['kps'],
          );
          assert.deepEqual(
            termsInLines(matcher, source, 3, 3, 100).map((o) => o.termId),
            ['artemis-accords'],
          );
        }
      };
      run(1); // flattens the lines (built by concatenation) and compiles the code
      const queries = ms(() => run(50));
      // Against one scan of one of these lines (measured now, so a busy machine slows both alike): 300 bounded queries
      // take a fraction of it, a single one that scanned a line would take all of it.
      const scan = ms(() => assert.equal(matcher.findAll(lines[2]).length, 1));
      assert.ok(queries < scan / 2, `300 queries took ${queries.toFixed(1)} ms, one scan of a line ${scan.toFixed(1)} ms`);
    });
  });

  describe('properties', () => {
    /** Texts of the shipped glossary's forms and their words, forms often broken at a space or (Korean) anywhere. */
    const texts = () => {
      const forms = [...catalog.terms.values()].flatMap((t) => [t.term.en, t.term.ko, ...(t.aliases?.en ?? []), ...(t.aliases?.ko ?? []), ...(t.abbreviations ?? [])]);
      const words = [...new Set(forms.flatMap((f) => f.split(/\s+/)))];
      const breaks = ['\n', '\n', '\n  ', '\n> ', '\n>> ', '\n- ', '\n1. ', '\n\n', '\n# ', ' \n', '\n\t'];
      const inside = [' ', ' ', '  ', ...breaks];
      const between = [' ', ' ', ' ', '를 ', '. ', ', ', ...breaks];
      const brokenForm = fc
        .tuple(fc.constantFrom(...forms), fc.array(fc.constantFrom(...inside), { minLength: 12, maxLength: 12 }), fc.nat(), fc.boolean())
        .map(([form, seps, cut, cutInside]) => {
          const spaced = form.split(' ').reduce((acc, word, i) => (i === 0 ? word : `${acc}${seps[i % seps.length]}${word}`), '');
          // Korean wraps anywhere, also inside a word.
          const at = cut % (spaced.length + 1);
          return cutInside && /[가-힣]/.test(spaced) ? `${spaced.slice(0, at)}\n${spaced.slice(at)}` : spaced;
        });
      const piece = fc.oneof({ arbitrary: brokenForm, weight: 3 }, { arbitrary: fc.constantFrom(...words), weight: 2 });
      return fc.array(fc.tuple(piece, fc.constantFrom(...between)), { maxLength: 30 }).map((parts) => parts.map(([p, sep]) => p + sep).join(''));
    };

    it('every occurrence termsInLines reports is the one termAtPosition gives at each of its characters, and only there', () => {
      const compare = (a: LinePosition, b: LinePosition) => a.line - b.line || a.character - b.character;
      fc.assert(
        fc.property(texts(), (text) => {
          const source = linesOf(text);
          const all = termsInLines(matcher, source, 0, source.lineCount - 1);
          for (let line = 0; line < source.lineCount; line++) {
            // Every character, and the end of the line (inside a term that continues on the next one).
            for (let character = 0; character <= source.lineAt(line).length; character++) {
              const position = { line, character };
              const expected = all.find((o) => compare(o.start, position) <= 0 && compare(position, o.end) < 0);
              assert.deepEqual(termAtPosition(matcher, source, line, character), expected, `${line}:${character} in ${JSON.stringify(text)}`);
            }
          }
        }),
        { numRuns: 300 },
      );
    });

    it('occurrences are disjoint and in order; each line asked alone gives the same; a line’s own matches are the matcher’s', () => {
      const before = (a: { line: number; character: number }, b: { line: number; character: number }) => a.line < b.line || (a.line === b.line && a.character <= b.character);
      fc.assert(
        fc.property(texts(), (text) => {
          const source = linesOf(text);
          const all = termsInLines(matcher, source, 0, source.lineCount - 1);
          for (let k = 1; k < all.length; k++) assert.ok(before(all[k - 1].end, all[k].start), `overlap in ${JSON.stringify(text)}`);
          for (let line = 0; line < source.lineCount; line++) {
            assert.deepEqual(termsInLines(matcher, source, line, line), all.filter((o) => o.start.line === line));
            // Within a line: exactly the matcher's matches but those a term crossing a break overlaps.
            const crossing = all.filter((o) => o.start.line !== o.end.line && (o.start.line === line || o.end.line === line));
            const own = all.filter((o) => o.start.line === line && o.end.line === line);
            const expected = matcher.findAll(source.lineAt(line)).filter(
              (m) => !crossing.some((c) => (c.start.line === line ? m.end > c.start.character : m.start < c.end.character)),
            );
            assert.deepEqual(own.map((o) => [o.start.character, o.end.character, o.termId]), expected.map((m) => [m.start, m.end, m.termId]));
          }
          // Where nothing crosses a break, the answer is the per-line matcher's.
          if (!all.some((o) => o.start.line !== o.end.line)) {
            assert.deepEqual(all.map((o) => [o.start.line, o.start.character, o.end.character]), source.lines.flatMap((l, n) => matcher.findAll(l).map((m) => [n, m.start, m.end])));
          }
        }),
        { numRuns: 300 },
      );
    });
  });
});
