// The search index on a small synthetic catalog, where every expected hit is known exactly.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { buildCatalog } from '../../src/core/catalog/catalogLoader';
import type { Catalog, CatalogFile, LocalizedText, TermData } from '../../src/core/catalog/model';
import { openSearchIndex, type IndexStore } from '../../src/core/search/indexStore';
import { Analyzer, buildSearchIndex, catalogFingerprint, englishStem, searchDocuments, SearchIndex, type SearchHit, type SearchOptions } from '../../src/core/search/searchIndex';

const L = (ko: string, en: string): LocalizedText => ({ ko, en });
const provenance = [{ source: 'src', locator: { paragraph: 1 } }];

function provision(id: string, sectors: string[], ko: string, en: string) {
  return { id, sectors, text: L(ko, en), provenance };
}

function agreement(id: string, parties: string[], shortKo: string, shortEn: string, summary: LocalizedText, provisions: ReturnType<typeof provision>[]) {
  return {
    id,
    kind: 'mou' as const,
    title: { official: L(`${shortKo} 전문`, `${shortEn} (full title)`), short: L(shortKo, shortEn) },
    parties,
    legalNature: { binding: false, description: L('구속력 없음', 'Not binding') },
    summary,
    sources: ['src'],
    provisions,
  };
}

function term(id: string, ko: string, en: string, definition: LocalizedText, extra: Partial<Pick<TermData, 'aliases' | 'abbreviations' | 'related'>> = {}) {
  return { id, term: L(ko, en), definition, definitionBasis: 'editorial' as const, provenance, ...extra };
}

const FILE: CatalogFile = {
  parties: [
    { id: 'KR', name: L('대한민국', 'Republic of Korea'), short: L('한국', 'Korea') },
    { id: 'US', name: L('미합중국', 'United States of America'), short: L('미국', 'US') },
    { id: 'JP', name: L('일본', 'Japan'), short: L('일본', 'Japan') },
  ],
  sectors: ['space', 'quantum', 'ai', 'trade'].map((id) => ({ id, name: L(`${id} 분야`, `${id} sector`), description: L('-', '-'), icon: 'tag' })),
  sources: [{ id: 'src', kind: 'news-analysis', title: L('기사', 'Article'), language: 'ko' }],
  agreements: [
    agreement('space-deal', ['KR', 'US'], '우주 협력 MOU', 'Space Cooperation MOU', L('우주, 양자, AI 협력을 담았다.', 'Covers space, quantum and AI.'), [
      provision('1', ['space'], '아르테미스 계획에 참여한다.', 'Participate in the Artemis Program.'),
      provision('2', ['space'], '한국형 위성항법체계(KPS) 구축에 협력한다.', 'Cooperate on building the Korean Positioning System (KPS).'),
      provision('3', ['quantum'], '양자 표준을 공동으로 개발한다.', 'Jointly develop quantum standards.'),
      provision('4', ['quantum'], '표준화 기구에서 협력한다.', 'Cooperate in standardisation bodies.'),
      provision('5', ['ai'], 'AI를 범용 기술로 본다.', 'Treat AI as a general-purpose technology.'),
    ]),
    agreement('trade-deal', ['US', 'JP'], '통상 MOU', 'Trade MOU', L('관세와 양자 연구를 다룬다.', 'Covers tariffs and quantum research.'), [
      provision('1', ['trade'], '관세를 인하한다.', 'Lower tariffs.'),
      provision('2', ['quantum'], '양자 컴퓨팅 연구에 협력한다.', 'Cooperate on quantum computing research.'),
    ]),
  ],
  terms: [
    term('artemis', '아르테미스 계획', 'Artemis Program', L('NASA가 주도하는 달 탐사 계획이다.', 'A NASA-led lunar exploration programme.'), {
      aliases: { en: ['Artemis'] },
      related: { sectors: ['space'] },
    }),
    term('kps', '한국형 위성항법체계', 'Korean Positioning System', L('지역 위성항법 시스템이다.', 'A regional satellite navigation system.'), {
      abbreviations: ['KPS'],
      related: { sectors: ['space'] },
    }),
    term('qc', '양자 컴퓨팅', 'quantum computing', L('양자 현상을 이용한 계산이다.', 'Computing that uses quantum phenomena.'), {
      related: { sectors: ['quantum'] },
    }),
  ],
};

function loadFixture(file: CatalogFile = FILE): Catalog {
  const result = buildCatalog([{ file: 'fixture.json', content: JSON.stringify(file) }]);
  const errors = result.problems.filter((p) => p.severity === 'error');
  assert.deepEqual(errors, [], 'the fixture must be a valid catalog');
  return result.catalog;
}

const key = (h: Pick<SearchHit, 'kind' | 'id'>) => `${h.kind}:${h.id}`;

describe('search index (synthetic catalog)', () => {
  let catalog: Catalog;
  let index: SearchIndex;
  const keys = (query: string, options?: SearchOptions) => index.search(query, options).map(key);
  const top = (query: string, options?: SearchOptions) => keys(query, options)[0];

  before(() => {
    catalog = loadFixture();
    index = buildSearchIndex(catalog);
  });

  it('indexes every agreement, provision and term', () => {
    assert.equal(index.documentCount, catalog.agreements.size + catalog.provisions.size + catalog.terms.size);
  });

  describe('Korean', () => {
    it('finds a word whatever particle or ending either side has', () => {
      assert.equal(top('아르테미스를'), 'term:artemis');
      assert.ok(keys('아르테미스를').includes('provision:space-deal/1'), 'the provision says 아르테미스 계획에');
      assert.equal(top('참여'), 'provision:space-deal/1', 'the provision says 참여한다');
    });

    it('finds the middle of a compound and phrases typed without spaces', () => {
      assert.equal(top('항법체계'), 'term:kps');
      assert.equal(top('위성항법체계구축'), 'provision:space-deal/2', 'only the provision continues with 구축');
      assert.equal(top('양자컴퓨팅'), 'term:qc');
    });

    it('tolerates one wrong syllable in a long word, but not a single shared bigram', () => {
      // 위성체계 shares 위성 and 체계 with 위성항법체계 (2 of its 3 bigrams); 위성사진 shares only 위성.
      assert.equal(top('위성체계'), 'term:kps');
      assert.deepEqual(keys('위성사진'), []);
    });

    it('answers 초성 queries, alone and for adjacent words', () => {
      assert.equal(top('ㅇㄹㅌㅁㅅ'), 'term:artemis');
      assert.equal(top('ㅎㄱㅎ ㅇㅅㅎㅂ'), 'term:kps');
      assert.equal(top('ㅎㄱㅎㅇㅅㅎㅂㅊㄱ'), 'term:kps');
    });

    it('follows a word still being composed in the IME', () => {
      assert.equal(top('아르템'), 'term:artemis');
      assert.equal(top('아르ㅌ'), 'term:artemis');
      assert.deepEqual(keys('아르템 '), [], 'with a space after it the word is finished: 아르템 is not in the catalog');
    });

    it('understands keys typed with the other keyboard layout, only when the word matches nothing as typed', () => {
      assert.equal(top('dkfmxpaltm'), 'term:artemis');
      assert.equal(top('ㅏㅔㄴ'), 'term:kps');
      assert.equal(top('kps'), 'term:kps');
    });
  });

  describe('Latin', () => {
    it('folds case and finds prefixes', () => {
      assert.equal(top('kps'), 'term:kps');
      assert.equal(top('ARTEMIS'), 'term:artemis');
      const quant = keys('quant');
      for (const k of ['term:qc', 'provision:space-deal/3', 'provision:trade-deal/2']) assert.ok(quant.includes(k), k);
    });

    it('tolerates typos only when the word matches nothing as typed', () => {
      assert.equal(top('artimis'), 'term:artemis');
      assert.ok(keys('quantim').includes('term:qc'));
      assert.deepEqual(keys('lunar'), ['term:artemis'], 'an exact hit does not bring in typo neighbours');
    });

    it('folds British and American spellings and plurals', () => {
      assert.equal(englishStem('standardisation'), englishStem('standardization'));
      assert.equal(englishStem('programmes'), 'program');
      assert.equal(englishStem('supply'), 'supply');
      assert.equal(top('standardization'), 'provision:space-deal/4');
      assert.ok(keys('tariff').includes('provision:trade-deal/1'), 'tariff finds tariffs');
    });
  });

  describe('ranking', () => {
    it('puts a term name above the provisions that mention it', () => {
      assert.deepEqual(keys('KPS').slice(0, 2), ['term:kps', 'provision:space-deal/2']);
    });

    it('puts a document named exactly by the query first', () => {
      assert.equal(top('Artemis'), 'term:artemis');
      assert.equal(top('통상 MOU'), 'agreement:trade-deal');
      assert.equal(top('Trade  MOU'), 'agreement:trade-deal');
    });

    it('lets agreement names narrow a topic instead of ranking the agreement first', () => {
      assert.equal(top('Trade MOU 양자'), 'provision:trade-deal/2');
      assert.equal(top('Japan quantum'), 'provision:trade-deal/2');
    });

    it('requires every word, and falls back to the best partial matches marked incomplete', () => {
      const full = index.search('양자 표준');
      assert.equal(key(full[0]), 'provision:space-deal/3');
      assert.ok(full.every((h) => h.complete));
      const partial = index.search('양자 zebra');
      assert.ok(partial.length > 0);
      assert.ok(partial.every((h) => !h.complete));
      assert.ok(partial.map(key).includes('term:qc'));
    });
  });

  describe('citations and provision numbers', () => {
    it('goes straight to a cited provision', () => {
      assert.deepEqual(keys('tda:space-deal/2'), ['provision:space-deal/2']);
      assert.deepEqual(keys('space-deal/2'), ['provision:space-deal/2']);
      assert.deepEqual(keys('tda:space-deal/99'), []);
      assert.equal(top('space-deal/3 quantum'), 'provision:space-deal/3');
    });

    it('leaves slashed words that are not citations alone', () => {
      // `ai` is no agreement id: AI/ML is two words (ML matches nothing, so the AI hits come back incomplete).
      const hits = index.search('AI/ML');
      assert.ok(hits.map(key).includes('provision:space-deal/5'));
      assert.ok(hits.every((h) => !h.complete));
      assert.equal(top('AI/범용'), 'provision:space-deal/5');
    });

    it('reads item numbers in either language: the atlas’s own, and clause-style habits', () => {
      assert.deepEqual(keys('Trade MOU atlas item 2'), ['provision:trade-deal/2']);
      assert.deepEqual(keys('우주 협력 MOU 아틀라스 항목 2'), ['provision:space-deal/2']);
      assert.deepEqual(keys('통상 항목 2'), ['provision:trade-deal/2']);
      assert.deepEqual(keys('우주 협력 MOU 제2항'), ['provision:space-deal/2']);
      assert.deepEqual(keys('Trade MOU provision 2'), ['provision:trade-deal/2']);
      assert.deepEqual(keys('통상 2항'), ['provision:trade-deal/2']);
    });
  });

  describe('filters', () => {
    it('restricts to kinds', () => {
      const hits = index.search('KPS', { kinds: ['provision'] });
      assert.deepEqual(hits.map(key), ['provision:space-deal/2']);
    });

    it('restricts to a sector: its provisions, related terms and agreements with provisions in it', () => {
      const hits = index.search('협력', { sector: 'quantum' });
      assert.ok(hits.length > 0);
      for (const h of hits) {
        if (h.kind === 'provision') assert.ok(catalog.provisions.get(h.id)!.sectors.includes('quantum'), h.id);
        if (h.kind === 'term') assert.ok(catalog.terms.get(h.id)!.related?.sectors?.includes('quantum'), h.id);
        if (h.kind === 'agreement') assert.ok(catalog.agreements.get(h.id)!.provisions.some((p) => p.sectors.includes('quantum')), h.id);
      }
      assert.ok(hits.map(key).includes('provision:trade-deal/2'));
      assert.ok(!hits.map(key).includes('provision:space-deal/2'));
    });

    it('lists a sector in catalog order when the query is empty, and nothing without a sector', () => {
      assert.deepEqual(keys('', { sector: 'quantum' }), [
        'agreement:space-deal',
        'provision:space-deal/3',
        'provision:space-deal/4',
        'agreement:trade-deal',
        'provision:trade-deal/2',
        'term:qc',
      ]);
      assert.deepEqual(keys(''), []);
      assert.deepEqual(keys('   '), []);
    });

    it('honours the limit', () => {
      assert.equal(index.search('협력', { limit: 2 }).length, 2);
    });
  });

  it('reports the index terms each hit matched, for snippets', () => {
    const hit = index.search('아르테미스에').find((h) => h.id === 'space-deal/1')!;
    assert.ok(hit.terms.includes('아르테미스'), hit.terms.join(','));
    assert.ok(!hit.terms.some((t) => t.charCodeAt(0) >= 0xe000 && t.charCodeAt(0) < 0xf900), 'no internal bucket characters leak');
  });

  it('builds the same index asynchronously', async () => {
    const built = await SearchIndex.buildAsync(catalog, 3);
    for (const q of ['아르테미스', 'KPS', 'quant', 'ㅇㄹㅌㅁㅅ', 'Trade MOU 양자']) assert.deepEqual(built.search(q), index.search(q), q);
  });

  it('reads Latin-only text by its fast path into exactly the terms the general tokenizer finds', () => {
    const terms: string[] = [];
    const ids = new Map<string, number>();
    const intern = (t: string) => ids.get(t) ?? (ids.set(t, terms.push(t) - 1), terms.length - 1);
    const analyzer = new Analyzer(intern);
    const reference = new Analyzer();
    const doc = (body: string) => ({ ...searchDocuments(catalog)[1], body });
    const latinish = fc.string({ unit: fc.constantFrom(...'abcXYZ019 &-.\'’s\u00e9\u00df\u0130\u2013\u00a0\u0301\uff21U.S.'.split('')), maxLength: 60 });
    fc.assert(
      fc.property(latinish, (body) => {
        const fast = analyzer.documentTermIds(doc(body)).find(([field]) => field === 'body')![1].map((id) => terms[id]);
        assert.deepEqual(fast, reference.fieldTerms(body, 'body'), JSON.stringify(body));
      }),
      { numRuns: 500 },
    );
  });

  it('answers a query the same whatever was searched before (working arrays are reused between searches)', () => {
    const queries: [string, SearchOptions?][] = [['아르테미스'], ['quantum', { sector: 'quantum' }], ['Trade MOU 양자'], ['KPS', { kinds: ['term'] }], ['coop'], ['ㅇㄹㅌㅁㅅ'], ['"quantum standards"']];
    const fresh = queries.map(([q, o]) => buildSearchIndex(catalog).search(q, o));
    for (let round = 0; round < 3; round++) {
      queries.forEach(([q, o], i) => assert.deepEqual(index.search(q, o), fresh[i], `${q} (round ${round})`));
      queries.reverse();
      fresh.reverse();
    }
  });

  it('stores the index as bytes and reads it back to the same answers; other bytes are refused, not trusted', () => {
    const bytes = index.toBytes();
    const back = SearchIndex.fromBytes(bytes, catalog)!;
    assert.ok(back, 'read back');
    for (const q of ['아르테미스', 'KPS', 'quant', 'ㅇㄹㅌㅁㅅ', 'Trade MOU 양자', 'standardization']) assert.deepEqual(back.search(q), index.search(q), q);
    assert.equal(SearchIndex.fromBytes(bytes.subarray(0, bytes.length - 3), catalog), undefined, 'a cut file');
    assert.equal(SearchIndex.fromBytes(new TextEncoder().encode('{"not": "an index"}'), catalog), undefined, 'another file');
    const other = loadFixture({ ...FILE, terms: FILE.terms!.slice(1) });
    assert.equal(SearchIndex.fromBytes(bytes, other), undefined, 'an index of another catalog (another document count)');
  });

  it('opens a kept index for the same catalog, rebuilds over a damaged one, and survives a store that fails', async () => {
    const kept = new Map<string, Uint8Array>();
    const store: IndexStore = { read: async (key) => kept.get(key), write: async (key, bytes) => void kept.set(key, bytes) };
    const first = await openSearchIndex(catalog, store, { minDocuments: 0 });
    assert.deepEqual([first.reused, kept.size, first.storeError], [false, 1, undefined]);
    const second = await openSearchIndex(loadFixture(), store, { minDocuments: 0 });
    assert.equal(second.reused, true);
    assert.deepEqual(second.index.search('아르테미스'), index.search('아르테미스'));
    const [key, bytes] = [...kept][0];
    kept.set(key, bytes.slice(0, 100));
    const damaged = await openSearchIndex(catalog, store, { minDocuments: 0 });
    assert.deepEqual([damaged.reused, kept.get(key)!.length], [false, bytes.length], 'rebuilt and kept again');
    const failing: IndexStore = { read: async () => Promise.reject(new Error('disk gone')), write: async () => Promise.reject(new Error('read-only')) };
    const survived = await openSearchIndex(catalog, failing, { minDocuments: 0 });
    assert.equal(survived.reused, false);
    assert.match(survived.storeError ?? '', /could not keep the search index: read-only/);
    assert.deepEqual(survived.index.search('KPS'), index.search('KPS'));
    const small = await openSearchIndex(catalog, failing);
    assert.deepEqual([small.reused, small.storeError], [false, undefined], 'a small catalog is not kept at all');
  });

  it('fingerprints the catalog by every indexed text, so that a stored index is used only for its own catalog', () => {
    const same = loadFixture();
    assert.equal(catalogFingerprint(same), catalogFingerprint(catalog));
    const edited = structuredClone(FILE);
    const first = edited.agreements![0].provisions[0];
    edited.agreements![0].provisions[0] = { ...first, text: { ...first.text, en: 'Participate in the Artemis Programme.' } };
    assert.notEqual(catalogFingerprint(loadFixture(edited)), catalogFingerprint(catalog));
  });

  it('indexes hostile and odd text without failing', () => {
    const odd = loadFixture({
      ...FILE,
      terms: [
        term('odd', '\u202e뒤집힌 글자 😀', 'x'.repeat(5000), L('<script>alert(1)</script> ﹏ \u0000 ㄱㄴㄷ 가', '`$(x)` [link](command:x) &amp;'), {
          aliases: { ko: ['\u200b', '\ufeff가'], en: ['__proto__', 'constructor'] },
        }),
      ],
    });
    const oddIndex = buildSearchIndex(odd);
    assert.deepEqual(oddIndex.search('constructor').map(key), ['term:odd']);
    assert.deepEqual(oddIndex.search('__proto__').map(key), ['term:odd']);
    assert.deepEqual(oddIndex.search('뒤집힌').map(key), ['term:odd']);
    assert.deepEqual(oddIndex.search('😀'), [], 'symbols are not words');
  });

  it('never throws and returns only catalog entries, complete ones first (property)', () => {
    const ids = new Set([
      ...[...catalog.agreements.keys()].map((id) => `agreement:${id}`),
      ...[...catalog.provisions.keys()].map((id) => `provision:${id}`),
      ...[...catalog.terms.keys()].map((id) => `term:${id}`),
    ]);
    const pieces = fc.constantFrom('아르', '테미스', 'ㅇ', 'ㄹ', '에', '를', 'KPS', 'quant', ' ', '·', '제2항', 'tda:', '/', 'space-deal', '😀', 'ᄀ', '\u0301');
    const query = fc.oneof(fc.string({ maxLength: 30 }), fc.array(pieces, { maxLength: 8 }).map((a) => a.join('')));
    fc.assert(
      fc.property(query, (q) => {
        const hits = index.search(q);
        const seen = new Set<string>();
        let sawIncomplete = false;
        for (const h of hits) {
          assert.ok(ids.has(key(h)), `unknown hit ${key(h)} for ${JSON.stringify(q)}`);
          assert.ok(!seen.has(key(h)), `duplicate hit ${key(h)}`);
          seen.add(key(h));
          if (!h.complete) sawIncomplete = true;
          else assert.ok(!sawIncomplete, 'a complete hit after an incomplete one');
          assert.ok(Number.isFinite(h.score));
        }
      }),
      { numRuns: 300 },
    );
  });
});
