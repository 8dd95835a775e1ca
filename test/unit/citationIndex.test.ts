// The workspace index of citations and glossary terms (citationIndex.ts): exact positions in every line-ending style,
// postings kept right through remove/rename/setText, former uids, terms a line break splits, and — most important —
// that incremental edits (single and multi-cursor) always leave the index equal to a fresh scan of the new text.
import { strict as assert } from 'node:assert';
import { loc, oneAgreementCatalog } from './citationFixtures';
import fc from 'fast-check';
import type { Catalog } from '../../src/core/catalog/model';
import { citableUids, findCitations, resolveCitation } from '../../src/core/citation/citation';
import { CitationIndex, linesOf, type CitationOccurrence, type LineChange } from '../../src/core/citation/citationIndex';
import { createMatcher, matcherForCatalog, type GlossaryMatcher } from '../../src/core/glossary/glossaryMatcher';
import { loadShippedCatalog } from './compareFixtures';

const RUNS = Number(process.env.TDA_FUZZ_RUNS ?? 200);
const SEED = process.env.TDA_FUZZ_SEED === undefined ? undefined : Number(process.env.TDA_FUZZ_SEED);
const params = (runs = RUNS): fc.Parameters<unknown> => ({ numRuns: runs, ...(SEED === undefined ? {} : { seed: SEED }) });

/** `uid@line:start-end`, the way the assertions below read citations. */
const cite = (c: CitationOccurrence) => `${c.uid}@${c.line}:${c.start}-${c.end}`;

/** A memo indexed from scratch: citations and terms. */
function indexed(matcher: GlossaryMatcher | undefined, memos: Record<string, string>): CitationIndex {
  const index = new CitationIndex(matcher);
  for (const [memo, text] of Object.entries(memos)) {
    index.setText(memo, text);
    index.scanTerms(memo, linesOf(text));
  }
  return index;
}

/** A catalog with a renumbered provision: `xa/7` was `xa/2` (and `xa/3` before that). */
function renumberedCatalog(): Catalog {
  return oneAgreementCatalog({
    provisions: [
      { id: '1', sectors: ['ai'], text: loc('First.'), provenance: [{ source: 'press' }] },
      { id: '7', formerIds: ['2', '3'], sectors: ['ai'], text: loc('Renumbered.'), provenance: [{ source: 'press' }] },
    ],
  });
}

describe('citation index', () => {
  let catalog: Catalog;
  let matcher: GlossaryMatcher;
  before(async () => {
    catalog = await loadShippedCatalog();
    matcher = matcherForCatalog(catalog);
  });

  describe('linesOf', () => {
    it('ends a line at LF, CRLF and a lone CR alike, and reads past the end as empty', () => {
      const lines = linesOf('a\r\nb\rc\nd');
      assert.equal(lines.lineCount, 4);
      assert.deepEqual([0, 1, 2, 3].map((n) => lines.lineAt(n)), ['a', 'b', 'c', 'd']);
      assert.equal(lines.lineAt(9), '');
      // A trailing break opens an empty last line (as editors count lines).
      assert.equal(linesOf('x\n').lineCount, 2);
      assert.equal(linesOf('').lineCount, 1);
    });
  });

  describe('citations', () => {
    it('records each citation with its zero-based line and UTF-16 columns [start, end)', () => {
      const text = 'See tda:kr-us-tpd/2 and (tda:kr-us-jfs/28).\n\n> 한미 tda:us-uk-tpd/5. then tda:kr-us-tpd/12.';
      const index = indexed(undefined, { 'memo.md': text });
      assert.deepEqual(index.citationsIn('memo.md').map(cite), [
        'kr-us-tpd/2@0:4-19',
        'kr-us-jfs/28@0:25-41',
        'us-uk-tpd/5@2:5-20',
        // The period ending the sentence is not part of the id.
        'kr-us-tpd/12@2:27-43',
      ]);
      assert.deepEqual(
        index.citationsIn('memo.md').map((c) => ({ memo: c.memo, uid: c.uid })),
        [
          { memo: 'memo.md', uid: 'kr-us-tpd/2' },
          { memo: 'memo.md', uid: 'kr-us-jfs/28' },
          { memo: 'memo.md', uid: 'us-uk-tpd/5' },
          { memo: 'memo.md', uid: 'kr-us-tpd/12' },
        ],
      );
    });

    it('counts lines the same in LF, CRLF and CR-only texts (columns never include the CR)', () => {
      const lines = ['tda:kr-us-tpd/1 first', '', '  then (tda:kr-us-tpd/39)', 'last tda:us-jp-tpd/17'];
      const expected = ['kr-us-tpd/1@0:0-15', 'kr-us-tpd/39@2:8-24', 'us-jp-tpd/17@3:5-21'];
      for (const eol of ['\n', '\r\n', '\r']) {
        const index = indexed(undefined, { m: lines.join(eol) });
        assert.deepEqual(index.citationsIn('m').map(cite), expected, JSON.stringify(eol));
      }
      // Mixed endings in one text, and a citation right after a lone CR.
      const mixed = indexed(undefined, { m: 'a\r\ntda:kr-us-tpd/3\rtda:kr-us-tpd/4\n\r\ntda:kr-us-tpd/5' });
      assert.deepEqual(mixed.citationsIn('m').map(cite), ['kr-us-tpd/3@1:0-15', 'kr-us-tpd/4@2:0-15', 'kr-us-tpd/5@4:0-15']);
    });

    it('columns are UTF-16 units: astral characters before a citation count twice', () => {
      const index = indexed(undefined, { m: '🚀🚀 tda:kr-us-tpd/38' });
      assert.deepEqual(index.citationsIn('m').map(cite), ['kr-us-tpd/38@0:5-21']);
    });

    it('finds exactly what findCitations finds: nothing inside a word, no uppercase, no id-less token', () => {
      const line = 'xtda:kr-us-tpd/3 _tda:kr-us-tpd/4 tda:KR-US-TPD/5 tda:kr-us-tpd/ tda: tda:kr-us-tpd/6';
      const index = indexed(undefined, { m: line });
      assert.deepEqual(index.citationsIn('m').map(cite), ['kr-us-tpd/6@0:70-85']);
      // The index has no rule of its own: a token after a URL's slash or an e-mail's @ is found where findCitations
      // finds one (completion, not the index, refuses to start one there).
      const url = 'https://example.org/tda:us-jp-tpd/1 and a@tda:kr-us-tpd/3';
      assert.deepEqual(
        indexed(undefined, { m: url }).citationsIn('m').map(cite),
        findCitations(url).map((c) => `${c.uid}@0:${c.start}-${c.end}`),
      );
    });

    it('a memo without "tda:" has no citations, and unknown uids are kept as written (broken citations)', () => {
      const index = indexed(undefined, { plain: 'No citation here.\nNone.', broken: 'tda:kr-us-tpd/999 tda:nowhere/1' });
      assert.deepEqual(index.citationsIn('plain'), []);
      assert.deepEqual(index.citationsIn('broken').map(cite), ['kr-us-tpd/999@0:0-17', 'nowhere/1@0:18-31']);
      assert.deepEqual(index.citationsIn('never-indexed'), []);
    });
  });

  describe('postings', () => {
    it('memosCiting lists memos sorted, whatever order they were indexed in, each once', () => {
      const index = indexed(undefined, {
        'z.md': 'tda:kr-us-tpd/2 and again tda:kr-us-tpd/2',
        'a.md': 'tda:kr-us-tpd/2',
        'm.md': 'tda:kr-us-jfs/1',
      });
      assert.deepEqual(index.memosCiting(['kr-us-tpd/2']), ['a.md', 'z.md']);
      assert.deepEqual(index.memosCiting(['kr-us-tpd/2', 'kr-us-jfs/1']), ['a.md', 'm.md', 'z.md']);
      assert.deepEqual(index.memosCiting(['never-cited/1']), []);
      assert.equal(index.memoCount, 3);
    });

    it('setText replaces a memo’s postings: a citation removed from the text no longer lists the memo', () => {
      const index = indexed(undefined, { 'a.md': 'tda:kr-us-tpd/2', 'b.md': 'tda:kr-us-tpd/2 tda:kr-us-tpd/3' });
      index.setText('b.md', 'now only tda:kr-us-tpd/3');
      assert.deepEqual(index.memosCiting(['kr-us-tpd/2']), ['a.md']);
      assert.deepEqual(index.memosCiting(['kr-us-tpd/3']), ['b.md']);
      assert.deepEqual(index.citationsIn('b.md').map(cite), ['kr-us-tpd/3@0:9-24']);
      index.setText('a.md', '');
      assert.deepEqual(index.memosCiting(['kr-us-tpd/2']), []);
      assert.ok(index.has('a.md'), 'a memo with no citations is still indexed');
    });

    it('remove drops the memo from every posting; rename moves citations and terms under the new key', () => {
      const text = 'The Joint Fact Sheet: tda:kr-us-jfs/3.\nAlso tda:kr-us-tpd/2.';
      const index = indexed(matcher, { 'a.md': text, 'b.md': 'tda:kr-us-jfs/3' });
      index.rename('a.md', 'z.md');
      assert.deepEqual(index.memosCiting(['kr-us-jfs/3']), ['b.md', 'z.md']);
      assert.deepEqual(index.memosCiting(['kr-us-tpd/2']), ['z.md']);
      assert.deepEqual(index.citationsIn('a.md'), []);
      assert.equal(index.has('a.md'), false);
      assert.deepEqual(index.citationsIn('z.md').map(cite), ['kr-us-jfs/3@0:22-37', 'kr-us-tpd/2@1:5-20']);
      assert.deepEqual(index.memosUsingTerm('joint-fact-sheet'), ['z.md']);
      assert.deepEqual(
        index.termOccurrences('joint-fact-sheet').map((t) => [t.memo, t.line, t.start, t.endLine, t.end]),
        [['z.md', 0, 4, 0, 20]],
      );
      index.remove('z.md');
      assert.deepEqual(index.memosCiting(['kr-us-jfs/3', 'kr-us-tpd/2']), ['b.md']);
      assert.deepEqual(index.memosUsingTerm('joint-fact-sheet'), []);
      assert.deepEqual(index.termOccurrences('joint-fact-sheet'), []);
      assert.deepEqual(index.memoKeys(), ['b.md']);
    });

    it('rename onto itself or of an unknown memo changes nothing; remove of an unknown memo too', () => {
      const index = indexed(undefined, { 'a.md': 'tda:kr-us-tpd/2' });
      const version = index.version;
      index.rename('a.md', 'a.md');
      index.rename('nope.md', 'x.md');
      index.remove('nope.md');
      assert.equal(index.version, version);
      assert.deepEqual(index.memosCiting(['kr-us-tpd/2']), ['a.md']);
      assert.deepEqual(index.citationsIn('a.md').map(cite), ['kr-us-tpd/2@0:0-15']);
    });
  });

  describe('former uids', () => {
    it('citationsOf([current, …former]) returns the citations of every uid, memo by memo, in text order', () => {
      const own = renumberedCatalog();
      const provision = resolveCitation(own, 'xa/2')!.provision;
      assert.equal(provision.uid, 'xa/7');
      const uids = citableUids(provision);
      assert.deepEqual(uids, ['xa/7', 'xa/2', 'xa/3']);
      const index = indexed(undefined, {
        'b.md': 'old tda:xa/2, new tda:xa/7\nolder tda:xa/3 and tda:xa/1',
        'a.md': 'tda:xa/3',
        'c.md': 'only tda:xa/1',
      });
      assert.deepEqual(index.citationsOf(uids).map((c) => `${c.memo} ${cite(c)}`), [
        'a.md xa/3@0:0-8',
        'b.md xa/2@0:4-12',
        'b.md xa/7@0:18-26',
        'b.md xa/3@1:6-14',
      ]);
      assert.deepEqual(index.memosCiting(uids), ['a.md', 'b.md']);
      // Stored as written: the current uid alone finds only the citation written with it.
      assert.deepEqual(index.citationsOf(['xa/7']).map(cite), ['xa/7@0:18-26']);
    });
  });

  describe('terms', () => {
    it('finds a term split by a line break, attributed to the line it starts on, in every line-ending style', () => {
      for (const eol of ['\n', '\r\n', '\r']) {
        const text = ['We read the Joint Fact', 'Sheet of 14 November.', '> 한미 공동', '> 팩트시트를 보면'].join(eol);
        const index = indexed(matcher, { m: text });
        assert.deepEqual(
          index.termOccurrences('joint-fact-sheet').map((t) => [t.line, t.start, t.endLine, t.end]),
          [
            [0, 12, 1, 5],
            [2, 2, 3, 6],
          ],
          JSON.stringify(eol),
        );
        assert.deepEqual(index.memosUsingTerm('joint-fact-sheet'), ['m']);
      }
    });

    it('terms wait for scanTerms; without a matcher there are none and memosWithoutTerms is empty', () => {
      const index = new CitationIndex(matcher);
      index.setText('a.md', 'Artemis Accords');
      index.setText('b.md', 'quantum technology');
      assert.deepEqual([...index.memosWithoutTerms()], ['a.md', 'b.md']);
      assert.deepEqual(index.termOccurrences('artemis-accords'), []);
      index.scanTerms('a.md', linesOf('Artemis Accords'));
      assert.deepEqual([...index.memosWithoutTerms()], ['b.md']);
      assert.deepEqual(
        index.termOccurrences('artemis-accords').map((t) => [t.memo, t.line, t.start, t.endLine, t.end]),
        [['a.md', 0, 0, 0, 15]],
      );
      // A new text makes the memo's terms stale again.
      index.setText('a.md', 'nothing');
      assert.deepEqual([...index.memosWithoutTerms()], ['a.md', 'b.md']);
      assert.deepEqual(index.memosUsingTerm('artemis-accords'), []);

      const bare = new CitationIndex();
      bare.setText('a.md', 'Artemis Accords');
      bare.scanTerms('a.md', linesOf('Artemis Accords'));
      assert.deepEqual([...bare.memosWithoutTerms()], []);
      assert.deepEqual(bare.termOccurrences('artemis-accords'), []);
    });

    it('setMatcher clears every memo’s terms until they are scanned again with the new glossary', () => {
      const index = indexed(matcher, { 'a.md': 'the Artemis Accords' });
      assert.deepEqual(index.memosUsingTerm('artemis-accords'), ['a.md']);
      const version = index.version;
      index.setMatcher(matcher);
      assert.equal(index.version, version, 'the same matcher is no change');
      // matcherForCatalog caches per catalog: a new glossary is a new matcher object.
      const other = createMatcher(catalog.terms.values());
      index.setMatcher(other);
      assert.deepEqual(index.memosUsingTerm('artemis-accords'), []);
      assert.deepEqual([...index.memosWithoutTerms()], ['a.md']);
      index.scanTerms('a.md', linesOf('the Artemis Accords'));
      assert.deepEqual(index.termOccurrences('artemis-accords').map((t) => [t.line, t.start, t.end]), [[0, 4, 19]]);
      // Citations are untouched by a glossary change.
      index.setText('b.md', 'tda:kr-us-tpd/38');
      index.setMatcher(undefined);
      assert.deepEqual(index.memosCiting(['kr-us-tpd/38']), ['b.md']);
      assert.deepEqual([...index.memosWithoutTerms()], []);
    });
  });

  describe('edits', () => {
    /** The incremental index after `changes`, and a fresh one of `after`, as comparable snapshots. */
    const both = (before: string, changes: LineChange[], after: string) => {
      const inc = indexed(matcher, { m: before });
      inc.applyChanges('m', changes, linesOf(after));
      const fresh = indexed(matcher, { m: after });
      return { inc, fresh };
    };

    it('an edit shifts citations after it and rescans the changed lines', () => {
      const before = 'tda:kr-us-tpd/1\nchanged\ntda:kr-us-tpd/3\ntda:kr-us-tpd/4';
      // Line 1 becomes three lines, one with a citation.
      const after = 'tda:kr-us-tpd/1\nnew (tda:kr-us-jfs/9)\nmore\nlines\ntda:kr-us-tpd/3\ntda:kr-us-tpd/4';
      const { inc } = both(before, [{ startLine: 1, endLine: 1, newLineCount: 3 }], after);
      assert.deepEqual(inc.citationsIn('m').map(cite), ['kr-us-tpd/1@0:0-15', 'kr-us-jfs/9@1:5-20', 'kr-us-tpd/3@4:0-15', 'kr-us-tpd/4@5:0-15']);
      assert.deepEqual(inc.memosCiting(['kr-us-jfs/9']), ['m']);
    });

    it('deleting the lines holding a memo’s only citation of a uid drops the memo from that posting', () => {
      const before = 'a\ntda:kr-us-tpd/2\ntda:kr-us-tpd/3\nb';
      const after = 'a\nb';
      // Lines 1–3 replaced by the one line "b" (the range runs from line 1 to the start of the old line 3's "b").
      const { inc } = both(before, [{ startLine: 1, endLine: 3, newLineCount: 1 }], after);
      assert.deepEqual(inc.citationsIn('m'), []);
      assert.deepEqual(inc.memosCiting(['kr-us-tpd/2', 'kr-us-tpd/3']), []);
    });

    it('joining "Joint Fact" and "Sheet" by an edit on the second line finds the term on the line before', () => {
      const before = 'We read the Joint Fact\nsomething else\nend';
      const after = 'We read the Joint Fact\nSheet of November\nend';
      const { inc, fresh } = both(before, [{ startLine: 1, endLine: 1, newLineCount: 1 }], after);
      assert.deepEqual(inc.termOccurrences('joint-fact-sheet').map((t) => [t.line, t.start, t.endLine, t.end]), [[0, 12, 1, 5]]);
      assert.deepEqual(inc.termOccurrences('joint-fact-sheet'), fresh.termOccurrences('joint-fact-sheet'));
    });

    // "Technology Prosperity⏎Deal MOU" is one term crossing the break (technology-prosperity-deal, alias "Technology
    // Prosperity Deal MOU"), and it hides the shorter "MOU" (mou) inside it. Editing line 0 alone makes or unmakes the
    // crossing, so what line 1 — not edited — holds changes: multilineTerms.ts says a line's terms depend on lines
    // L−2 … L+2, so an index must rescan two lines beyond each edited one.
    it('an edit that unmakes a term crossing into the next line brings back the term the next line holds alone', () => {
      const before = 'Technology Prosperity\nDeal MOU\nend';
      const after = 'x\nDeal MOU\nend';
      const { inc, fresh } = both(before, [{ startLine: 0, endLine: 0, newLineCount: 1 }], after);
      assert.deepEqual(fresh.termOccurrences('mou').map((t) => [t.line, t.start, t.endLine, t.end]), [[1, 5, 1, 8]], 'what a fresh scan finds');
      assert.deepEqual(inc.termOccurrences('mou').map((t) => [t.line, t.start, t.endLine, t.end]), [[1, 5, 1, 8]]);
      assert.deepEqual(inc.memosUsingTerm('mou'), ['m']);
      assert.deepEqual(inc.termOccurrences('technology-prosperity-deal'), []);
    });

    it('an edit that makes a term crossing into the next line drops the term it hides there', () => {
      const before = 'x\nDeal MOU\nend';
      const after = 'Technology Prosperity\nDeal MOU\nend';
      const { inc, fresh } = both(before, [{ startLine: 0, endLine: 0, newLineCount: 1 }], after);
      assert.deepEqual(fresh.termOccurrences('mou'), [], 'what a fresh scan finds');
      assert.deepEqual(inc.termOccurrences('technology-prosperity-deal').map((t) => [t.line, t.start, t.endLine, t.end]), [[0, 0, 1, 8]]);
      assert.deepEqual(inc.termOccurrences('mou'), []);
      assert.deepEqual(inc.memosUsingTerm('mou'), []);
    });

    // "quantum⏎technology" (quantum-technology) and "technology⏎protection measures" (technology-protection) overlap
    // on the one-word line; the longer wins. Editing line 2 decides which, and the winner may start on line 0: two
    // lines before the edit.
    it('an edit two lines below a term crossing a break decides it when a one-word line lets two crossings overlap', () => {
      const withLonger = 'quantum\ntechnology\nprotection measures';
      const without = 'quantum\ntechnology\nx';
      const occurrences = (index: CitationIndex) =>
        ['quantum-technology', 'technology-protection'].flatMap((id) => index.termOccurrences(id).map((t) => `${id}@${t.line}:${t.start}-${t.endLine}:${t.end}`));
      const unmade = both(withLonger, [{ startLine: 2, endLine: 2, newLineCount: 1 }], without);
      assert.deepEqual(occurrences(unmade.fresh), ['quantum-technology@0:0-1:10'], 'what a fresh scan finds');
      assert.deepEqual(occurrences(unmade.inc), ['quantum-technology@0:0-1:10']);
      const made = both(without, [{ startLine: 2, endLine: 2, newLineCount: 1 }], withLonger);
      assert.deepEqual(occurrences(made.fresh), ['technology-protection@1:0-2:19'], 'what a fresh scan finds');
      assert.deepEqual(occurrences(made.inc), ['technology-protection@1:0-2:19']);
    });

    it('several changes in one call, each relative to the text after the ones before (a multi-cursor edit)', () => {
      const before = ['l0 tda:kr-us-tpd/1', 'l1', 'l2 tda:kr-us-tpd/2', 'l3', 'l4 tda:kr-us-tpd/3', 'l5'];
      // In order: line 4 becomes two lines; then line 0 becomes two (old line 4 is now 5); then lines 3–4 (old 2–3)
      // become one.
      const edits: Array<[number, number, string[]]> = [
        [4, 4, ['l4 tda:kr-us-tpd/3 and', 'tda:us-uk-tpd/1']],
        [0, 0, ['x', 'y tda:kr-us-tpd/1']],
        [3, 4, ['joined tda:kr-us-jfs/2']],
      ];
      const lines = [...before];
      const changes: LineChange[] = edits.map(([startLine, endLine, replacement]) => {
        lines.splice(startLine, endLine - startLine + 1, ...replacement);
        return { startLine, endLine, newLineCount: replacement.length };
      });
      assert.deepEqual(lines, ['x', 'y tda:kr-us-tpd/1', 'l1', 'joined tda:kr-us-jfs/2', 'l4 tda:kr-us-tpd/3 and', 'tda:us-uk-tpd/1', 'l5']);
      const { inc, fresh } = both(before.join('\n'), changes, lines.join('\n'));
      assert.deepEqual(inc.citationsIn('m').map(cite), [
        'kr-us-tpd/1@1:2-17',
        'kr-us-jfs/2@3:7-22',
        'kr-us-tpd/3@4:3-18',
        'us-uk-tpd/1@5:0-15',
      ]);
      assert.deepEqual(inc.citationsIn('m'), fresh.citationsIn('m'));
      assert.deepEqual(inc.memosCiting(['kr-us-tpd/2']), []);
    });

    it('applyChanges on a memo never indexed does nothing', () => {
      const index = new CitationIndex(matcher);
      index.applyChanges('nope', [{ startLine: 0, endLine: 0, newLineCount: 1 }], linesOf('tda:kr-us-tpd/1'));
      assert.equal(index.has('nope'), false);
      assert.deepEqual(index.memosCiting(['kr-us-tpd/1']), []);
    });

    it('a memo whose terms are not scanned yet keeps them unscanned through edits', () => {
      const index = new CitationIndex(matcher);
      index.setText('m', 'a\nb');
      index.applyChanges('m', [{ startLine: 1, endLine: 1, newLineCount: 1 }], linesOf('a\nArtemis Accords'));
      assert.deepEqual([...index.memosWithoutTerms()], ['m']);
      assert.deepEqual(index.termOccurrences('artemis-accords'), []);
    });
  });

  describe('property: incremental edits equal a fresh scan', () => {
    const CITED = ['kr-us-tpd/2', 'kr-us-tpd/28', 'kr-us-jfs/3', 'us-uk-tpd/5', 'us-jp-tpd/16', 'kr-us-tpd/999'];
    // A term's first words at one line's end and its rest at the next line's start, the rest often holding a shorter
    // term of its own ("Technology Prosperity⏎Deal MOU", "ROK–US⏎Joint Fact Sheet", "한미⏎공동 팩트시트", "US⏎AI
    // Safety Institute"): which terms a line holds then depends on the lines around it (multilineTerms.ts).
    const FIRST_HALVES = ['Technology Prosperity', 'ROK–US', '한미', 'US', 'Joint', 'Artemis', 'Joint Fact', 'quantum'];
    const SECOND_HALVES = ['Deal MOU', 'Joint Fact Sheet', '공동 팩트시트', 'AI Safety Institute', 'Fact Sheet', 'II mission', 'Accords', 'Sheet', 'protection measures'];
    const token = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom('MOU', 'AI', 'Deal', 'technology', 'quantum technology', '공동', '팩트시트를', '공동팩트', '시트에는', '아르테미스', '약정') },
      { weight: 2, arbitrary: fc.constantFrom('the', 'and', 'of', 'x', '-', '1.', '#') },
      // Citations of real uids (and a broken one): bare, in brackets, before a period, in a URL, inside a word.
      {
        weight: 3,
        arbitrary: fc
          .tuple(fc.constantFrom(...CITED), fc.constantFrom('tda:%', '(tda:%)', 'tda:%.', 'xtda:%', 'https://example.org/tda:%', '[tda:%]'))
          .map(([uid, shape]) => shape.replace('%', uid)),
      },
    );
    // Markdown that decides whether two lines join: quotes (also deeper), list items, headings, table rows, indents.
    const prefix = fc.constantFrom('', '', '', '> ', '>> ', '- ', '  ', '# ', '| ');
    const richLine = fc.oneof(
      { weight: 1, arbitrary: fc.constant('') },
      {
        weight: 6,
        arbitrary: fc
          .tuple(prefix, fc.option(fc.constantFrom(...SECOND_HALVES)), fc.array(token, { maxLength: 2 }), fc.option(fc.constantFrom(...FIRST_HALVES)), fc.constantFrom('', '', '  '))
          .map(([p, head, middle, tail, trailing]) => p + [head, ...middle, tail].filter((w) => w !== null).join(' ') + trailing),
      },
    );
    // One fragment a line from a few that chain into terms crossing breaks: "quantum⏎technology" and
    // "technology⏎protection measures" overlap on the one-word line (the longer wins), so a line's terms depend on
    // breaks two lines away; "Technology Prosperity⏎Deal MOU" hides the "MOU" of the line below.
    const chainLine = fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom('quantum', 'technology', 'protection measures') },
      { weight: 2, arbitrary: fc.constantFrom('Technology Prosperity', 'Deal MOU') },
      { weight: 1, arbitrary: fc.constantFrom('x', '') },
    );

    /**
     * An edit as an editor reports one: a range from (line `at`, column `keepBefore`) to (line `at + span`, `keepAfter`
     * characters before its end), replaced by `insert` (1 + its line breaks = its lines). Everything shrinks to 0:
     * the simplest edit replaces line 0 whole.
     */
    const editOf = (line: fc.Arbitrary<string>) =>
      fc.record({
        at: fc.nat({ max: 40 }),
        span: fc.nat({ max: 3 }),
        keepBefore: fc.nat({ max: 12 }),
        keepAfter: fc.nat({ max: 12 }),
        insert: fc.array(line, { minLength: 1, maxLength: 4 }),
      });
    type Edit = { at: number; span: number; keepBefore: number; keepAfter: number; insert: string[] };
    /** Batches of edits: each batch is one applyChanges call (several edits: a multi-cursor edit). */
    const batchesOf = (line: fc.Arbitrary<string>) => fc.array(fc.array(editOf(line), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 5 });

    /** Applies an edit to the text's lines (in place); returns the change the editor would report. */
    function applyEdit(model: string[], e: Edit): LineChange {
      const a = e.at % model.length;
      const b = Math.min(model.length - 1, a + e.span);
      const head = model[a].slice(0, Math.min(e.keepBefore, model[a].length));
      const lastLine = model[b];
      const keepAfter = Math.min(e.keepAfter, a === b ? lastLine.length - head.length : lastLine.length);
      const tail = lastLine.slice(lastLine.length - keepAfter);
      const inserted = [...e.insert];
      inserted[0] = head + inserted[0];
      inserted[inserted.length - 1] += tail;
      model.splice(a, b - a + 1, ...inserted);
      return { startLine: a, endLine: b, newLineCount: e.insert.length };
    }

    // A second memo shares the postings: an edit of one must not disturb the other's.
    const OTHER = 'Other memo: tda:kr-us-tpd/2 and the Joint Fact Sheet.';

    /** Everything the index answers about memo `m`, and the postings. */
    function snapshot(index: CitationIndex, termIds: string[]) {
      return {
        citations: index.citationsIn('m').map(cite),
        terms: termIds.flatMap((id) => index.termOccurrences(id).map((t) => `${t.memo} ${t.termId}@${t.line}:${t.start}-${t.endLine}:${t.end}`)),
        memosCiting: CITED.map((uid) => `${uid}: ${index.memosCiting([uid]).join(',')}`),
        memosUsing: termIds.map((id) => `${id}: ${index.memosUsingTerm(id).join(',')}`).filter((s) => !s.endsWith(': ')),
      };
    }

    /** Checks the index against a fresh one after every batch of edits; the failure names the batch and the text. */
    function editsMatchFreshScan(eol: string, initial: string[], batches: Edit[][]): void {
      const termIds = [...catalog.terms.keys()];
      const model = [...initial];
      const inc = indexed(matcher, { m: model.join(eol), other: OTHER });
      for (const [i, edits] of batches.entries()) {
        const changes = edits.map((e) => applyEdit(model, e));
        const text = model.join(eol);
        inc.applyChanges('m', changes, linesOf(text));
        const fresh = indexed(matcher, { m: text, other: OTHER });
        assert.deepEqual(snapshot(inc, termIds), snapshot(fresh, termIds), `after batch ${i}: ${JSON.stringify(changes)} → ${JSON.stringify(text)}`);
      }
    }

    it(`memos of words, terms, citations and Markdown, in LF, CRLF and CR-only texts (${RUNS} runs)`, function () {
      this.timeout(120_000);
      fc.assert(
        fc.property(fc.constantFrom('\n', '\r\n', '\r'), fc.array(richLine, { minLength: 1, maxLength: 10 }), batchesOf(richLine), editsMatchFreshScan),
        params(),
      );
    });

    it(`memos of terms chained across line breaks, edited near the chains (${RUNS} runs)`, function () {
      this.timeout(120_000);
      fc.assert(
        fc.property(fc.array(chainLine, { minLength: 1, maxLength: 8 }), batchesOf(chainLine), (initial, batches) => editsMatchFreshScan('\n', initial, batches)),
        params(),
      );
    });

    it('a memo whose terms were never scanned gets the same citations, and its terms stay pending', () => {
      fc.assert(
        fc.property(fc.array(richLine, { minLength: 1, maxLength: 10 }), batchesOf(richLine), (initial, batches) => {
          const model = [...initial];
          const inc = new CitationIndex(matcher);
          inc.setText('m', model.join('\n'));
          for (const edits of batches) {
            const changes = edits.map((e) => applyEdit(model, e));
            inc.applyChanges('m', changes, linesOf(model.join('\n')));
          }
          const fresh = new CitationIndex(matcher);
          fresh.setText('m', model.join('\n'));
          assert.deepEqual(inc.citationsIn('m'), fresh.citationsIn('m'));
          assert.deepEqual([...inc.memosWithoutTerms()], ['m']);
        }),
        params(Math.ceil(RUNS / 2)),
      );
    });
  });
});
