import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog } from '../../src/core/catalog/catalogLoader';
import { commandLink, commandUri, safeWebUrl } from '../../src/core/text/commandLink';
import { languageInScope } from '../../src/core/text/documentScope';
import { sortedTerms, termSecondaryLabel } from '../../src/core/glossary/glossary';
import type { Catalog, TermData } from '../../src/core/catalog/model';
import { SHIPPED_DATA_FILES } from '../../src/core/catalog/shippedData';

const ROOT = join(__dirname, '..', '..');

function term(id: string, ko: string, en: string, abbreviations?: string[]): TermData {
  return { id, term: { ko, en }, abbreviations, definition: { ko: '정의', en: 'definition' }, definitionBasis: 'source', provenance: [] };
}

function catalogOf(terms: TermData[]): Catalog {
  return { terms: new Map(terms.map((t) => [t.id, t])) } as unknown as Catalog;
}

describe('glossary order and labels', () => {
  const terms = [
    term('h', '한국연구재단', 'National Research Foundation of Korea', ['NRF']),
    term('g', '공동 팩트시트', 'Joint Fact Sheet'),
    term('a', '아르테미스 계획', 'Artemis Program'),
    term('n', '나사', 'NASA'),
    term('six', '6G', '6G'),
    term('ai', 'AI 기술 스택', 'AI technology stack'),
    term('d', '단위', 'unit'),
  ];

  it('sorts Korean names in 가나다 order (Korean collation: digits, then Hangul, then Latin), English names alphabetically', () => {
    assert.deepEqual(
      sortedTerms(catalogOf(terms), 'ko').map((t) => t.term.ko),
      ['6G', '공동 팩트시트', '나사', '단위', '아르테미스 계획', '한국연구재단', 'AI 기술 스택'],
    );
    assert.deepEqual(
      sortedTerms(catalogOf(terms), 'en').map((t) => t.term.en),
      ['6G', 'AI technology stack', 'Artemis Program', 'Joint Fact Sheet', 'NASA', 'National Research Foundation of Korea', 'unit'],
    );
  });

  it('breaks ties by the other language, then by id', () => {
    const tied = [term('z', '같음', 'Beta'), term('y', '같음', 'Alpha'), term('x', '같음', 'Alpha')];
    assert.deepEqual(sortedTerms(catalogOf(tied), 'ko').map((t) => t.id), ['x', 'y', 'z']);
  });

  it('sorts the whole shipped glossary in 가나다 order', async () => {
    const { catalog } = await loadCatalog(SHIPPED_DATA_FILES, async (file) => readFileSync(join(ROOT, file)));
    const names = sortedTerms(catalog, 'ko').map((t) => t.term.ko);
    assert.equal(names.length, catalog.terms.size);
    const hangul = names.filter((n) => /^[가-힣]/.test(n));
    // Syllables are in Unicode order by initial consonant, vowel and final: compare the first syllable's code.
    for (let i = 1; i < hangul.length; i++) assert.ok(hangul[i - 1].charCodeAt(0) <= hangul[i].charCodeAt(0), `${hangul[i - 1]} / ${hangul[i]}`);
  });

  it('labels a term with its other-language name and abbreviations, without repeating the primary name', () => {
    assert.equal(termSecondaryLabel(terms[0], 'ko'), 'National Research Foundation of Korea · NRF');
    assert.equal(termSecondaryLabel(terms[0], 'en'), '한국연구재단 · NRF');
    assert.equal(termSecondaryLabel(terms[4], 'en'), '');
  });
});

describe('command links', () => {
  it('encodes the arguments as a JSON array, one element per command argument', () => {
    const uri = commandUri('techDealAtlas.compare', [['kr-us-tpd', 'us-uk-tpd']]);
    assert.equal(uri, `command:techDealAtlas.compare?${encodeURIComponent('[["kr-us-tpd","us-uk-tpd"]]')}`);
    const query = uri.slice(uri.indexOf('?') + 1);
    assert.deepEqual(JSON.parse(decodeURIComponent(query)), [['kr-us-tpd', 'us-uk-tpd']]);
    // Nothing in the encoded arguments can end the Markdown link target, and they decode to what was given.
    const tricky = commandUri('techDealAtlas.search', ["a) [b] 'c' \"d\" \\ <e> !*"]);
    assert.doesNotMatch(tricky.slice('command:'.length), /[()[\]'"\\<> !*]/);
    assert.deepEqual(JSON.parse(decodeURIComponent(tricky.split('?')[1])), ["a) [b] 'c' \"d\" \\ <e> !*"]);
  });

  it('builds a Markdown link with an escaped tooltip', () => {
    assert.equal(commandLink('Go', 'x.y', [], 'say "hi"'), `[Go](command:x.y?${encodeURIComponent('[]')} "say \\"hi\\"")`);
  });

  it('keeps only plain http(s) addresses for links', () => {
    assert.equal(safeWebUrl('https://example.org/a?b=1#c'), 'https://example.org/a?b=1#c');
    for (const bad of ['javascript:alert(1)', 'command:x', 'https://a.org/x) [y](command:z', 'https://a.org/ x', 'file:///etc/passwd', undefined, '']) {
      assert.equal(safeWebUrl(bad), undefined, String(bad));
    }
  });
});

describe('document scope', () => {
  it('includes listed languages or all with *, and lets exclusion win', () => {
    assert.equal(languageInScope('markdown', ['*'], []), true);
    assert.equal(languageInScope('markdown', ['plaintext'], []), false);
    assert.equal(languageInScope('markdown', ['markdown'], []), true);
    assert.equal(languageInScope('markdown', ['*'], ['markdown']), false);
    assert.equal(languageInScope('markdown', ['markdown'], ['markdown']), false);
    assert.equal(languageInScope('markdown', [], []), false);
  });
});
