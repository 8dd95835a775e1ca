import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCatalog } from '../../src/core/catalog/catalogLoader';
import type { Catalog } from '../../src/core/catalog/model';
import { buildSearchIndex, type SearchIndex } from '../../src/core/search/searchIndex';
import { matchOffset, matchSnippet, searchItemModel, SNIPPET_MAX } from '../../src/core/search/searchResults';
import { SHIPPED_DATA_FILES } from '../../src/core/catalog/shippedData';
import { PROVISION_ICON, TERM_ICON } from '../../src/core/labels/icons';

const ROOT = join(__dirname, '..', '..');

describe('search results presentation', () => {
  describe('matchOffset / matchSnippet', () => {
    it('finds Latin terms only at word starts, Korean ones inside compounds, 초성 across words', () => {
      assert.equal(matchOffset('Focus on the US economy', ['us']), 13);
      assert.equal(matchOffset('focus', ['us']), -1);
      assert.equal(matchOffset('한국형 위성항법체계', ['항법']), 6);
      assert.equal(matchOffset('우리는 한국형 위성항법체계를', ['ㅎㄱㅎㅇㅅ']), 4);
      assert.equal(matchOffset('nothing here', ['zebra']), -1);
    });

    it('prefers the longest matched term', () => {
      assert.equal(matchOffset('기술 협력과 위성항법 기술', ['기술', '위성항법']), 7);
    });

    it('keeps short text whole and windows long text around the match, with ellipses', () => {
      assert.equal(matchSnippet('  short   text ', ['text']), 'short text');
      const long = `${'alpha '.repeat(60)}TARGET ${'omega '.repeat(60)}`;
      const snippet = matchSnippet(long, ['target']);
      assert.ok(snippet.length <= SNIPPET_MAX, `${snippet.length} > ${SNIPPET_MAX}`);
      assert.ok(snippet.startsWith('…') && snippet.endsWith('…'), snippet);
      assert.ok(snippet.includes('TARGET'), snippet);
      assert.ok(!/\balph$|\bomeg$/.test(snippet.replace(/…/g, '')), 'cut at word boundaries');
      const start = matchSnippet(long, ['nothing']);
      assert.ok(start.startsWith('alpha') && start.endsWith('…'));
      const end = matchSnippet(`${'alpha '.repeat(60)}TARGET`, ['target']);
      assert.ok(end.endsWith('TARGET') && end.startsWith('…'), end);
    });
  });

  describe('items for the shipped dataset', () => {
    let catalog: Catalog;
    let index: SearchIndex;
    before(async () => {
      catalog = (await loadCatalog(SHIPPED_DATA_FILES, async (file) => readFileSync(join(ROOT, file)))).catalog;
      index = buildSearchIndex(catalog);
    });

    const item = (query: string, kind: string, id: string, lang: 'ko' | 'en') => {
      const hit = index.search(query).find((h) => h.kind === kind && h.id === id);
      assert.ok(hit, `no ${kind}:${id} for ${query}`);
      return searchItemModel(catalog, hit, lang)!;
    };

    it('shows a provision with its number, agreement and sectors, and a citation to copy', () => {
      const provision = [...catalog.provisions.values()].find((p) => p.text.en.includes('(KPS)'))!;
      const agreement = catalog.agreements.get(provision.agreementId)!;
      const model = item('KPS', 'provision', provision.uid, 'ko');
      assert.equal(model.icon, PROVISION_ICON);
      // The label is the text; the number says whose it is (the atlas's), never "제28항" as if it were the MOU's clause.
      assert.ok(model.label.startsWith(provision.text.ko.slice(0, 10)), model.label);
      assert.ok(model.description.startsWith(`${agreement.title.short.ko} · II. 협력 분야; 아틀라스 항목 ${provision.id} · `), model.description);
      assert.doesNotMatch(model.description, /제\s*\d+\s*항/);
      for (const s of provision.sectors) assert.ok(model.description.includes(catalog.sectors.get(s)!.name.ko), model.description);
      assert.equal(model.citation, provision.uid);
      assert.deepEqual(model.compare, [agreement.id]);
      // The Korean text is all in the label already: the detail shows the English one (a window of it around the
      // match when it is long), where KPS also occurs.
      const shown = model.detail.replace(/^…|…$/g, '');
      assert.ok(shown.includes('(KPS)') && provision.text.en.includes(shown), model.detail);
    });

    it('shows the snippet in the language the query matched', () => {
      const provision = [...catalog.provisions.values()].find((p) => p.text.en.includes('Artemis'))!;
      const model = item('Artemis Program', 'provision', provision.uid, 'ko');
      assert.ok(model.detail.includes('Artemis'), model.detail);
      const ko = item('아르테미스', 'provision', provision.uid, 'en');
      assert.ok(ko.label.includes('Artemis'), ko.label);
      assert.ok(ko.detail.includes('아르테미스'), ko.detail);
    });

    it('shows a term with its other-language name and abbreviations, its definition and related agreements', () => {
      const term = [...catalog.terms.values()].find((t) => t.abbreviations?.includes('KPS'))!;
      const model = item('ㅇㅅㅎㅂ', 'term', term.id, 'ko');
      assert.equal(model.icon, TERM_ICON);
      assert.equal(model.label, term.term.ko);
      assert.ok(model.description.includes(term.term.en) && model.description.includes('KPS'), model.description);
      // A snippet of the definition (around the match where the initials match a word of it).
      assert.ok(term.definition.ko.includes(model.detail.replace(/^…|…$/g, '')), model.detail);
      assert.equal(model.citation, undefined);
      assert.deepEqual(model.compare, term.related?.agreements ?? []);
    });

    it('shows an agreement with kind, parties and date, and a summary snippet', () => {
      const agreement = catalog.agreements.get('us-jp-tpd')!;
      const model = item('research security Japan', 'agreement', agreement.id, 'en');
      assert.equal(model.label, agreement.title.short.en);
      assert.ok(model.description.includes('Japan') && model.description.includes(agreement.date ?? 'Date not given'), model.description);
      assert.ok(/research security/i.test(model.detail), model.detail);
      assert.deepEqual(model.compare, [agreement.id]);
    });

    it('returns nothing for a hit that is no longer in the catalog', () => {
      assert.equal(searchItemModel(catalog, { kind: 'provision', id: 'gone/1', terms: [] }, 'en'), undefined);
      assert.equal(searchItemModel(catalog, { kind: 'term', id: 'gone', terms: [] }, 'en'), undefined);
      assert.equal(searchItemModel(catalog, { kind: 'agreement', id: 'gone', terms: [] }, 'en'), undefined);
    });
  });
});
