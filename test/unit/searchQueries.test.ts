// Realistic analyst queries against the shipped dataset, each with the result an analyst expects on top.
// Written before the index was tuned: a failing case means the ranking is wrong, not the expectation.
// Expected results are looked up in the loaded catalog (by a term's form, a provision's wording, an agreement's
// short title), so a dataset edit that removes or duplicates the target fails loudly instead of passing silently.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog } from '../../src/core/catalog/catalogLoader';
import type { Catalog } from '../../src/core/catalog/model';
import { SHIPPED_DATA_FILES } from '../../src/core/catalog/shippedData';
import { buildSearchIndex, type SearchHit, type SearchIndex } from '../../src/core/search/searchIndex';

const ROOT = join(__dirname, '..', '..');

interface Expected {
  kind: SearchHit['kind'];
  id: string;
}

function only<T>(found: T[], what: string): T {
  assert.equal(found.length, 1, `expected exactly one ${what} in the shipped catalog, found ${found.length}`);
  return found[0];
}

/** The glossary term whose canonical Korean or English form is `form`. */
const term = (form: string) => (c: Catalog): Expected => ({
  kind: 'term',
  id: only([...c.terms.values()].filter((t) => t.term.ko === form || t.term.en === form), `term "${form}"`).id,
});

/** The glossary term listing `abbreviation` among its abbreviations. */
const termAbbreviated = (abbreviation: string) => (c: Catalog): Expected => ({
  kind: 'term',
  id: only([...c.terms.values()].filter((t) => t.abbreviations?.includes(abbreviation)), `term abbreviated ${abbreviation}`).id,
});

/** The provision of `agreementId` whose Korean or English text contains `wording`. */
const provision = (agreementId: string, wording: string) => (c: Catalog): Expected => {
  const agreement = c.agreements.get(agreementId);
  assert.ok(agreement, `agreement ${agreementId} missing from the shipped catalog`);
  const found = agreement.provisions.filter((p) => p.text.ko.includes(wording) || p.text.en.includes(wording));
  return { kind: 'provision', id: only(found, `provision of ${agreementId} containing "${wording}"`).uid };
};

/** The agreement whose short title (either language) is `short`. */
const agreement = (short: string) => (c: Catalog): Expected => ({
  kind: 'agreement',
  id: only([...c.agreements.values()].filter((a) => a.title.short.ko === short || a.title.short.en === short), `agreement "${short}"`).id,
});

interface Case {
  query: string;
  expect: (c: Catalog) => Expected;
  why: string;
}

const CASES: Case[] = [
  // Korean particles: the query word carries a case particle the data does not have.
  { query: '아르테미스에', expect: term('아르테미스 계획'), why: 'particle 에 stripped' },
  { query: '연구 안보를', expect: term('연구 안보'), why: 'particle 를 stripped' },
  { query: '원잠은', expect: term('원자력 추진 잠수함'), why: 'abbreviation 원잠 + particle 은' },
  { query: '상호 운용성과', expect: term('상호 운용성'), why: 'particle 과 stripped' },
  { query: '확장 억제의', expect: term('확장 억제'), why: 'particle 의 stripped' },
  { query: '우주정거장을', expect: term('상업용 저궤도 정거장'), why: 'alias 상업용 저궤도 우주정거장 + particle 을' },
  { query: '데이터 세트를 구축', expect: provision('kr-us-tpd', '데이터 세트를 구축'), why: 'only the provision has every word' },

  // Korean compounds: part of a word written without spaces, or a phrase typed without its spaces.
  { query: '위성항법', expect: term('한국형 위성항법체계'), why: 'head of the compound 위성항법체계' },
  { query: '항법체계', expect: term('한국형 위성항법체계'), why: 'middle of the compound 위성항법체계' },
  { query: '저궤도', expect: term('상업용 저궤도 정거장'), why: 'term name outranks provision text' },
  { query: '핵연료재처리', expect: term('사용 후 핵연료 재처리'), why: 'spaces omitted' },
  { query: '양자알고리즘', expect: term('양자 알고리즘'), why: 'spaces omitted' },
  { query: '미일 기술번영', expect: agreement('미·일 기술 번영 MOC'), why: '미·일 typed as 미일, 기술 번영 without space' },
  { query: '한미팩트시트', expect: agreement('한·미 팩트시트'), why: 'agreement title typed without separators' },

  // 초성 (initial consonants).
  { query: 'ㅇㄹㅌㅁㅅ', expect: term('아르테미스 계획'), why: '초성 of 아르테미스' },
  { query: 'ㅇㅅㅎㅂ', expect: term('한국형 위성항법체계'), why: '초성 of 위성항법' },
  { query: 'ㅇㄹㄴ ㄴㅊ', expect: term('우라늄 농축'), why: '초성 of two words' },
  { query: 'ㅅㅎㅇ', expect: term('산학연'), why: '초성 of a term name' },
  { query: 'ㅎㅈ ㅇㅈ', expect: term('확장 억제'), why: '초성 of two words' },

  // English abbreviations, any case.
  { query: 'KPS', expect: termAbbreviated('KPS'), why: 'abbreviation' },
  { query: 'IITP', expect: termAbbreviated('IITP'), why: 'abbreviation' },
  { query: 'LEO', expect: term('상업용 저궤도 정거장'), why: 'LEO appears in the term’s aliases' },
  { query: 'usfk', expect: termAbbreviated('USFK'), why: 'case-folded abbreviation' },
  { query: 'R&D', expect: termAbbreviated('R&D'), why: 'abbreviation with an ampersand' },
  { query: 'NSF NRF', expect: provision('kr-us-tpd', 'National Science Foundation'), why: 'only the provision names both' },

  // English words.
  { query: 'Artemis', expect: term('Artemis Program'), why: 'term alias' },
  { query: 'fusion energy', expect: term('fusion energy'), why: 'term name' },
  { query: 'nuclear submarines', expect: term('nuclear-powered submarine'), why: 'plural of the alias nuclear submarine' },
  { query: 'research security Japan', expect: provision('us-jp-tpd', 'research security'), why: 'the US–Japan provision, not the agreement' },
  { query: 'data hosting', expect: term('data hosting'), why: 'term name' },

  // Typos.
  { query: 'artimis', expect: term('Artemis Program'), why: 'one substitution' },
  { query: 'quantom algoritm', expect: term('quantum algorithm'), why: 'a typo in each word' },
  { query: 'extended deterence', expect: term('extended deterrence'), why: 'one deletion' },
  { query: 'interoperabilty', expect: term('interoperability'), why: 'one deletion in a long word' },

  // Mixed scripts.
  { query: 'AI 데이터 세트', expect: term('AI 데이터 세트'), why: 'Latin + Hangul term name' },
  { query: '6G 무선 접속망', expect: provision('kr-us-tpd', '무선 접속망'), why: 'only the provision has both' },
  { query: 'US–UK 원자력 인허가', expect: provision('us-uk-tpd', '인허가'), why: 'agreement name narrows a Korean topic' },
  { query: '한미 MOU 양자 표준', expect: provision('kr-us-tpd', '양자 표준'), why: 'agreement name + topic' },

  // Citations and provision numbers, as analysts paste or type them.
  { query: 'tda:kr-us-tpd/28', expect: provision('kr-us-tpd', 'KPS'), why: 'citation token' },
  { query: '한미 MOU 제28항', expect: provision('kr-us-tpd', 'KPS'), why: 'agreement + item number typed as a clause (제N항)' },
  { query: '한미 MOU 아틀라스 항목 28', expect: provision('kr-us-tpd', 'KPS'), why: 'agreement + atlas item number' },
  { query: 'ROK-US atlas item 28', expect: provision('kr-us-tpd', 'KPS'), why: 'agreement + atlas item number' },
  { query: 'US-Japan provision 3', expect: provision('us-jp-tpd', 'research security'), why: 'agreement + provision number' },

  // Keyboard habits.
  { query: 'dkfmxpaltm', expect: term('아르테미스 계획'), why: '아르테미스 typed with the English layout active' },
  { query: '아르템', expect: term('아르테미스 계획'), why: 'IME mid-composition: 아르테 + ㅁ held as a final consonant' },
  { query: '테크딜', expect: term('테크딜'), why: 'term name outranks the agreement summary' },
];

describe('search: analyst queries on the shipped dataset', () => {
  let catalog: Catalog;
  let index: SearchIndex;

  before(async () => {
    const result = await loadCatalog(SHIPPED_DATA_FILES, async (file) => readFileSync(join(ROOT, file)));
    catalog = result.catalog;
    index = buildSearchIndex(catalog);
  });

  it('has at least 25 cases', () => {
    assert.ok(CASES.length >= 25, `${CASES.length} cases`);
  });

  for (const c of CASES) {
    it(`${c.query}  →  ${c.why}`, () => {
      const expected = c.expect(catalog);
      const hits = index.search(c.query, { limit: 10 });
      const shown = hits.slice(0, 5).map((h) => `${h.kind}:${h.id} (${h.score.toFixed(2)})`).join(', ');
      assert.ok(hits.length > 0, `no results for "${c.query}"`);
      assert.deepEqual({ kind: hits[0].kind, id: hits[0].id }, expected, `top results for "${c.query}": ${shown}`);
    });
  }
});
