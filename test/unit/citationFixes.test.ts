// Quick fixes on citations (citationFixes.ts): what a broken citation may have meant (nearest ids, a one-typo
// agreement id, the text the memo remembered, the words around it), and which plain-text mentions of a provision
// ("한미 MOU 제2항", "provision 2 of the ROK–US TPD MOU") stand for exactly one provision — with the exact extent the
// quick fix replaces.
import { strict as assert } from 'node:assert';
import { buildCatalog } from '../../src/core/catalog/catalogLoader';
import type { Catalog, CatalogFile } from '../../src/core/catalog/model';
import { findProvisionMentions, replacementsFor, type ProvisionMention } from '../../src/core/citation/citationFixes';
import { buildSearchIndex, type SearchIndex } from '../../src/core/search/searchIndex';
import { loadShippedCatalog } from './compareFixtures';

/** `[start, end) "text" → uid` for each mention: what the quick fix would replace, and by what. */
function described(line: string, mentions: ProvisionMention[]): string[] {
  return mentions.map((m) => `[${m.start}, ${m.end}) "${line.slice(m.start, m.end)}" → ${m.provision.uid}`);
}

/** The expected description of a mention of `uid` written as `mention` in `line`. */
function expected(line: string, mention: string, uid: string): string {
  const start = line.indexOf(mention);
  assert.ok(start >= 0, `"${mention}" is in "${line}"`);
  return `[${start}, ${start + mention.length}) "${mention}" → ${uid}`;
}

/** One agreement whose provisions carry official article numbers (none of the shipped ones do). */
function articlesCatalog(): Catalog {
  const loc = (en: string, ko = en) => ({ ko, en });
  const provenance = [{ source: 'gov' }];
  const file: CatalogFile = {
    parties: [
      { id: 'KR', name: loc('Republic of Korea', '대한민국'), short: loc('Korea', '한국') },
      { id: 'US', name: loc('United States', '미국'), short: loc('US', '미국') },
    ],
    sectors: [{ id: 'ai', name: loc('AI'), description: loc('AI'), icon: 'symbol-misc' }],
    sources: [{ id: 'gov', kind: 'official-text', title: loc('The text'), language: 'en' }],
    agreements: [
      {
        id: 'zz-fta',
        kind: 'mou',
        title: { official: loc('Zeta Trade Agreement'), short: loc('Zeta FTA', '제타 FTA') },
        parties: ['KR', 'US'],
        legalNature: { binding: true, description: loc('Binding') },
        summary: loc('Summary'),
        sources: ['gov'],
        provisions: [
          { id: '1', sectors: ['ai'], text: loc('Scope.'), provenance, officialLocation: { label: loc('Article 15.8', '제15.8조'), provenance } },
          { id: '2', sectors: ['ai'], text: loc('Definitions.'), provenance, officialLocation: { label: loc('Article 3', '제3조'), provenance } },
          { id: '3', sectors: ['ai'], text: loc('Cooperation.'), provenance },
          { id: '15', sectors: ['ai'], text: loc('Final provisions.'), provenance },
        ],
      },
    ],
  };
  const result = buildCatalog([{ file: 'articles.json', content: JSON.stringify(file) }]);
  assert.deepEqual(result.problems.filter((p) => p.severity === 'error'), [], 'the test catalog is valid');
  return result.catalog;
}

describe('citation quick fixes', () => {
  let catalog: Catalog;
  let index: SearchIndex;
  before(async () => {
    catalog = await loadShippedCatalog();
    index = buildSearchIndex(catalog);
  });

  describe('replacements for a broken citation', () => {
    const uids = (brokenUid: string, hints: Parameters<typeof replacementsFor>[3] = {}) => replacementsFor(catalog, index, brokenUid, hints).map((p) => p.uid);

    it('offers the nearest numbers of the same agreement, nearest first; none when no id is within 3', () => {
      assert.deepEqual(uids('kr-us-tpd/40'), ['kr-us-tpd/39', 'kr-us-tpd/38', 'kr-us-tpd/37']);
      assert.deepEqual(uids('us-jp-tpd/18'), ['us-jp-tpd/17', 'us-jp-tpd/16', 'us-jp-tpd/15']);
      assert.deepEqual(uids('kr-us-jfs/0'), ['kr-us-jfs/1', 'kr-us-jfs/2', 'kr-us-jfs/3']);
      // The agreement has 39 items: 999 is near none of them.
      assert.deepEqual(uids('kr-us-tpd/999'), []);
    });

    it('an id that is not a number is compared by edit distance (one typo away first, in document order)', () => {
      // "3x": one substitution from 3 and from 30–39; three are offered.
      assert.deepEqual(uids('kr-us-tpd/3x'), ['kr-us-tpd/3', 'kr-us-tpd/30', 'kr-us-tpd/31']);
    });

    it('an agreement id one typo away: its provision of that id first, then its nearest numbers', () => {
      assert.deepEqual(uids('kr-us-tdp/2'), ['kr-us-tpd/2', 'kr-us-tpd/1', 'kr-us-tpd/3', 'kr-us-tpd/4']);
      assert.deepEqual(uids('us-uk-tp/5'), ['us-uk-tpd/5', 'us-uk-tpd/4', 'us-uk-tpd/6', 'us-uk-tpd/3']);
      // Not one typo away from any agreement, and no hint: nothing to offer.
      assert.deepEqual(uids('krus/2'), []);
      assert.deepEqual(uids('nowhere/5'), []);
    });

    it('the text the memo remembered finds the provision that has it, also under an unknown agreement', () => {
      const kradcube = catalog.provisions.get('kr-us-tpd/38')!;
      assert.match(kradcube.text.en!, /K-RadCube/);
      assert.deepEqual(uids('kr-us-tpd/999', { remembered: kradcube.text }), ['kr-us-tpd/38']);
      assert.deepEqual(uids('kr-us-tpd/999', { remembered: { ko: kradcube.text.ko } }), ['kr-us-tpd/38'], 'Korean alone');
      assert.deepEqual(uids('nowhere/1', { remembered: kradcube.text }), ['kr-us-tpd/38'], 'searched in every agreement');
      // The remembered text is a better hint than the line: the line is not used then.
      assert.deepEqual(uids('kr-us-tpd/999', { remembered: kradcube.text, lineText: 'KPS and GPS (tda:kr-us-tpd/999)' }), ['kr-us-tpd/38']);
    });

    it('near numbers come before what the words around the citation find; the token itself is not searched', () => {
      // 39 and 38 are within 3 of 41; "KPS" then finds item 28.
      assert.deepEqual(uids('kr-us-tpd/41', { lineText: 'KPS navigation (tda:kr-us-tpd/41)' }), ['kr-us-tpd/39', 'kr-us-tpd/38', 'kr-us-tpd/28']);
      assert.deepEqual(uids('kr-us-tpd/999', { lineText: '> The K-RadCube cubesat flies (tda:kr-us-tpd/999).' }), ['kr-us-tpd/38']);
      assert.deepEqual(uids('kr-us-tpd/999', { lineText: 'tda:kr-us-tpd/999' }), [], 'a line holding only the citation');
    });

    it('offers at most five, each once', () => {
      const offered = uids('kr-us-tdp/2', { lineText: 'AI cooperation and research security tda:kr-us-tdp/2' });
      assert.equal(offered.length, 5, JSON.stringify(offered));
      assert.equal(new Set(offered).size, 5);
      assert.deepEqual(offered.slice(0, 4), ['kr-us-tpd/2', 'kr-us-tpd/1', 'kr-us-tpd/3', 'kr-us-tpd/4']);
    });

    it('without a search index, ids alone', () => {
      const kradcube = catalog.provisions.get('kr-us-tpd/38')!;
      assert.deepEqual(replacementsFor(catalog, undefined, 'kr-us-tpd/40', { remembered: kradcube.text }).map((p) => p.uid), ['kr-us-tpd/39', 'kr-us-tpd/38', 'kr-us-tpd/37']);
      assert.deepEqual(replacementsFor(catalog, undefined, 'kr-us-tpd/999', { remembered: kradcube.text }), []);
    });
  });

  describe('plain-text mentions of a provision', () => {
    const mentions = (line: string, from?: number, to?: number) => described(line, findProvisionMentions(catalog, index, line, from, to));

    it('Korean: the agreement’s name, then 제N항 (with a particle after it, or 의 before)', () => {
      const cases = [
        ['한미 MOU 제2항', '한미 MOU 제2항', 'kr-us-tpd/2'],
        ['한·미 기술 번영 MOU 제2항', '한·미 기술 번영 MOU 제2항', 'kr-us-tpd/2'],
        ['한미 MOU의 제28항을 보면', '한미 MOU의 제28항', 'kr-us-tpd/28'],
        ['한미 팩트시트 제3항을 보면', '한미 팩트시트 제3항', 'kr-us-jfs/3'],
        ['미일 MOC 제3항', '미일 MOC 제3항', 'us-jp-tpd/3'],
        ['이번 주 한미 MOU 28항 관련', '한미 MOU 28항', 'kr-us-tpd/28'],
      ];
      // All lines at once, so a failure shows every case.
      assert.deepEqual(
        cases.map(([line]) => mentions(line)),
        cases.map(([line, mention, uid]) => [expected(line, mention, uid)]),
      );
    });

    it('English: "<name>, provision N" and "provision N of the <name>" (the article stays outside)', () => {
      const cases = [
        ['ROK–US MOU, provision 2', 'ROK–US MOU, provision 2', 'kr-us-tpd/2'],
        ['provision 2 of the ROK–US MOU', 'provision 2 of the ROK–US MOU', 'kr-us-tpd/2'],
        ['ROK–US TPD MOU, provision 2', 'ROK–US TPD MOU, provision 2', 'kr-us-tpd/2'],
        ['provision 2 of the ROK–US TPD MOU', 'provision 2 of the ROK–US TPD MOU', 'kr-us-tpd/2'],
        ['US–UK TPD MOU provision 5', 'US–UK TPD MOU provision 5', 'us-uk-tpd/5'],
        ['the US–Japan MOC, provision 3', 'US–Japan MOC, provision 3', 'us-jp-tpd/3'],
        ['ROK–US JFS, item 4', 'ROK–US JFS, item 4', 'kr-us-jfs/4'],
        // No provision has an official "Article 2": the atlas item is taken.
        ['ROK–US MOU, Article 2', 'ROK–US MOU, Article 2', 'kr-us-tpd/2'],
      ];
      // All lines at once, so a failure shows every case.
      assert.deepEqual(
        cases.map(([line]) => mentions(line)),
        cases.map(([line, mention, uid]) => [expected(line, mention, uid)]),
      );
    });

    it('the mention is the name and the number only: words before or after it stay outside', () => {
      // The quick fix replaces [start, end) by the citation: it must not swallow the writer's "See the" or "and".
      const cases = [
        ['See the ROK–US MOU, provision 2', 'ROK–US MOU, provision 2', 'kr-us-tpd/2'],
        ['As noted in the ROK–US MOU, provision 2', 'ROK–US MOU, provision 2', 'kr-us-tpd/2'],
        ['In the US–UK TPD MOU, provision 5', 'US–UK TPD MOU, provision 5', 'us-uk-tpd/5'],
        ['see provision 2 of the ROK–US MOU and more', 'provision 2 of the ROK–US MOU', 'kr-us-tpd/2'],
      ];
      // All lines at once, so a failure shows every case.
      assert.deepEqual(
        cases.map(([line]) => mentions(line)),
        cases.map(([line, mention, uid]) => [expected(line, mention, uid)]),
      );
    });

    it('a name that does not single out one agreement is no mention: "한미" alone, "MOU" alone', () => {
      // 한미 names both the TPD MOU and the Joint Fact Sheet; MOU names three MOUs.
      for (const line of ['한미 제2항', '한미 제3항을 보면', 'MOU 제2항', 'provision 2 of the MOU', 'the MOU, provision 2', 'provision 2']) {
        assert.deepEqual(mentions(line), [], line);
      }
    });

    it('a number the agreement does not have is no mention', () => {
      assert.deepEqual(mentions('한미 MOU 제99항'), []);
      assert.deepEqual(mentions('provision 33 of the ROK–US JFS'), [], 'the Joint Fact Sheet has 32 items');
      assert.deepEqual(mentions('provision 32 of the ROK–US JFS'), [expected('provision 32 of the ROK–US JFS', 'provision 32 of the ROK–US JFS', 'kr-us-jfs/32')]);
    });

    it('a mention overlapping a `tda:` citation is none', () => {
      assert.deepEqual(mentions('한미 MOU tda:kr-us-tpd/2 제2항'), []);
      assert.deepEqual(mentions('ROK–US MOU, provision tda:kr-us-tpd/2'), []);
    });

    it('a citation just before a mention does not hide it', () => {
      // The mention's words start after the citation; the citation's own words are not part of the name.
      const line = 'tda:kr-us-tpd/1, 한미 MOU 제2항';
      assert.deepEqual(mentions(line), [expected(line, '한미 MOU 제2항', 'kr-us-tpd/2')]);
      const bracketed = '(tda:kr-us-tpd/1) 한미 MOU 제2항';
      assert.deepEqual(mentions(bracketed), [expected(bracketed, '한미 MOU 제2항', 'kr-us-tpd/2')]);
    });

    it('only mentions overlapping [from, to) are returned, in line order', () => {
      // A semicolon ends the name's run of words: the window alone decides here.
      const line = '한미 MOU 제2항; 미일 MOC 제3항';
      assert.deepEqual(mentions(line), [expected(line, '한미 MOU 제2항', 'kr-us-tpd/2'), expected(line, '미일 MOC 제3항', 'us-jp-tpd/3')]);
      const second = line.indexOf('미일');
      assert.deepEqual(mentions(line, second + 2, second + 3), [expected(line, '미일 MOC 제3항', 'us-jp-tpd/3')]);
      assert.deepEqual(mentions(line, 0, 1), [expected(line, '한미 MOU 제2항', 'kr-us-tpd/2')]);
      // The gap between them ("; ") touches neither.
      assert.deepEqual(mentions(line, line.indexOf(';'), line.indexOf(';') + 2), []);
    });

    it('"Article"/"조" numbers name a provision by its official location first, then the atlas item', () => {
      const own = articlesCatalog();
      const ownIndex = buildSearchIndex(own);
      const found = (line: string) => described(line, findProvisionMentions(own, ownIndex, line));
      assert.deepEqual(found('Zeta FTA, Article 15.8'), [expected('Zeta FTA, Article 15.8', 'Zeta FTA, Article 15.8', 'zz-fta/1')]);
      assert.deepEqual(found('제타 FTA 제15.8조'), [expected('제타 FTA 제15.8조', '제타 FTA 제15.8조', 'zz-fta/1')]);
      // Article 3 is item 2's official place; item 3 is the atlas's third item.
      assert.deepEqual(found('Zeta FTA, Article 3'), [expected('Zeta FTA, Article 3', 'Zeta FTA, Article 3', 'zz-fta/2')]);
      assert.deepEqual(found('Zeta FTA, provision 3'), [expected('Zeta FTA, provision 3', 'Zeta FTA, provision 3', 'zz-fta/3')]);
      // "Article 15" is not "Article 15.8": no official place, so atlas item 15.
      assert.deepEqual(found('Zeta FTA, Article 15'), [expected('Zeta FTA, Article 15', 'Zeta FTA, Article 15', 'zz-fta/15')]);
    });
  });
});
