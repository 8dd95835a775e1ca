// Citation completion (citationCompletion.ts): when the text before the cursor asks for a citation at all, and which
// agreements and provisions it offers from the shipped catalog — by id, by the search core (Korean, 초성, a syllable
// being composed, typos, 제28항), in the configured style, with documentation that shows text, title, date and tier.
import { strict as assert } from 'node:assert';
import type { Catalog, Lang } from '../../src/core/catalog/model';
import { formatCitation } from '../../src/core/citation/citation';
import {
  citationCandidates,
  citationCompletionQuery,
  MAX_TRIGGER_QUERY,
  type CandidateOptions,
  type CitationCandidate,
  type CitationCompletionQuery,
} from '../../src/core/citation/citationCompletion';
import { dateLabel } from '../../src/core/labels/agreementLabels';
import { sourceBadge } from '../../src/core/labels/provenance';
import { provisionReference } from '../../src/core/labels/provisionLabels';
import { displayTextMarkdown } from '../../src/core/labels/textLabels';
import { buildSearchIndex, type SearchIndex } from '../../src/core/search/searchIndex';
import { escapeMarkdown, markdownCodeSpan } from '../../src/core/text/markdown';
import { loadShippedCatalog } from './compareFixtures';

const EN: CandidateOptions = { lang: 'en', style: 'id', sourceWord: 'Source:' };
const KO: CandidateOptions = { lang: 'ko', style: 'id', sourceWord: '출처:' };

describe('citation completion', () => {
  describe('when it answers (citationCompletionQuery)', () => {
    it('`tda:` at the line start, after whitespace, brackets, quotes, a quote marker and emphasis', () => {
      assert.deepEqual(citationCompletionQuery('tda:'), { stage: 'agreements', start: 0, query: '' });
      assert.deepEqual(citationCompletionQuery('See tda:kr'), { stage: 'agreements', start: 4, query: 'kr' });
      assert.deepEqual(citationCompletionQuery('a\ttda:'), { stage: 'agreements', start: 2, query: '' });
      for (const opener of ['(', '[', '{', '<', '"', "'", '“', '‘', '«', '「', '『', '（', '>', '*', '_', '~']) {
        assert.deepEqual(citationCompletionQuery(`x ${opener}tda:us`), { stage: 'agreements', start: 3 + opener.length - 1, query: 'us' }, opener);
      }
      assert.deepEqual(citationCompletionQuery('> tda:'), { stage: 'agreements', start: 2, query: '' }, 'in a blockquote');
    });

    it('stays quiet inside a word, an e-mail address, a URL or after another scheme', () => {
      for (const before of ['xtda:', 'xtda:kr', 'write to analyst a@tda:', 'https://example.org/tda:', 'see:tda:', 'see:tda:kr-us-tpd/2', '한국tda:', '1tda:', '-tda:']) {
        assert.equal(citationCompletionQuery(before), undefined, before);
        assert.equal(citationCompletionQuery(before, '@@'), undefined, `${before} (with a trigger)`);
      }
    });

    it('stays quiet on ordinary prose, and once the citation is followed by a space', () => {
      for (const before of ['', 'Just typing prose here', 'The MOU of 2025 says', 'tda', 'tda:kr-us-tpd/2 and more', 'tda:kr us']) {
        assert.equal(citationCompletionQuery(before), undefined, before);
        assert.equal(citationCompletionQuery(before, '@@'), undefined, `${before} (with a trigger)`);
      }
    });

    it('stages: after a slash it asks for that agreement’s provisions, the typed id and query kept as written', () => {
      assert.deepEqual(citationCompletionQuery('tda:kr-us-tpd/'), { stage: 'provisions', start: 0, agreementId: 'kr-us-tpd', query: '' });
      assert.deepEqual(citationCompletionQuery('(see tda:kr-us-tpd/2'), { stage: 'provisions', start: 5, agreementId: 'kr-us-tpd', query: '2' });
      assert.deepEqual(citationCompletionQuery('tda:KR-US-TPD/아르'), { stage: 'provisions', start: 0, agreementId: 'KR-US-TPD', query: '아르' });
      // Only the last token counts: an earlier, finished citation is left alone.
      assert.deepEqual(citationCompletionQuery('tda:kr-us-tpd/1 and tda:us'), { stage: 'agreements', start: 20, query: 'us' });
    });

    it('a configured trigger (`@@`, `[[`) takes free text, spaces included', () => {
      assert.deepEqual(citationCompletionQuery('see @@artemis', '@@'), { stage: 'search', start: 4, query: 'artemis' });
      assert.deepEqual(citationCompletionQuery('@@', '@@'), { stage: 'search', start: 0, query: '' });
      assert.deepEqual(citationCompletionQuery('see [[한미 MOU 제28', '[['), { stage: 'search', start: 4, query: '한미 MOU 제28' });
      assert.deepEqual(citationCompletionQuery('(@@kps', '@@'), { stage: 'search', start: 1, query: 'kps' });
      assert.equal(citationCompletionQuery('see @@artemis'), undefined, 'no trigger configured');
      assert.equal(citationCompletionQuery('see [[artemis', '@@'), undefined, 'another trigger than the configured one');
      assert.equal(citationCompletionQuery('mail@@artemis', '@@'), undefined, 'inside a word');
    });

    it('a trigger goes quiet when its text starts with a space or is longer than MAX_TRIGGER_QUERY', () => {
      assert.equal(citationCompletionQuery('@@ artemis', '@@'), undefined);
      const longest = 'a'.repeat(MAX_TRIGGER_QUERY);
      assert.deepEqual(citationCompletionQuery(`@@${longest}`, '@@'), { stage: 'search', start: 0, query: longest });
      assert.equal(citationCompletionQuery(`@@${longest}b`, '@@'), undefined);
      const prose = 'this is a long sentence the writer keeps typing after the trigger, far past a query';
      assert.ok(prose.length > MAX_TRIGGER_QUERY);
      assert.equal(citationCompletionQuery(`[[${prose}`, '[['), undefined);
    });

    it('whichever of `tda:` and the trigger comes last decides', () => {
      assert.deepEqual(citationCompletionQuery('x @@a tda:kr', '@@'), { stage: 'agreements', start: 6, query: 'kr' });
      assert.deepEqual(citationCompletionQuery('tda:kr @@art', '@@'), { stage: 'search', start: 7, query: 'art' });
      // A finished `tda:` citation before the trigger does not stop it.
      assert.deepEqual(citationCompletionQuery('tda:kr-us-tpd/2 @@kps', '@@'), { stage: 'search', start: 16, query: 'kps' });
    });

    it('looks only at the end of a long line: a 10,000-character line still answers for its last `tda:`', () => {
      const filler = 'x'.repeat(10_000);
      assert.deepEqual(citationCompletionQuery(`${filler} tda:kr`), { stage: 'agreements', start: 10_001, query: 'kr' });
      assert.deepEqual(citationCompletionQuery(`${filler} @@art`, '@@'), { stage: 'search', start: 10_001, query: 'art' });
      // A `tda:` followed by 10,000 characters without a space is not a citation being typed.
      assert.equal(citationCompletionQuery(`tda:${'a'.repeat(10_000)}`), undefined);
      assert.equal(citationCompletionQuery(`@@${'a'.repeat(10_000)}`, '@@'), undefined);
    });
  });

  describe('what it offers (citationCandidates, shipped catalog)', () => {
    let catalog: Catalog;
    let index: SearchIndex;
    before(async () => {
      catalog = await loadShippedCatalog();
      index = buildSearchIndex(catalog);
    });

    const offered = (before: string, options: CandidateOptions = EN, trigger = ''): CitationCandidate[] => {
      const query = citationCompletionQuery(before, trigger);
      assert.ok(query, `"${before}" asks for completion`);
      return citationCandidates(catalog, index, query, options);
    };
    const ids = (candidates: CitationCandidate[]) => candidates.map((c) => c.id);
    /** Provisions whose text (either language) mentions a word: what a search for it should find. */
    const provisionsMentioning = (pattern: RegExp) =>
      [...catalog.provisions.values()].filter((p) => Object.values(p.text).some((t) => typeof t === 'string' && pattern.test(t))).map((p) => p.uid).sort();

    it('`tda:` lists the four agreements in catalog order, each inserting `tda:<id>/` and asking again', () => {
      const candidates = offered('tda:');
      assert.deepEqual(ids(candidates), ['kr-us-tpd', 'kr-us-jfs', 'us-uk-tpd', 'us-jp-tpd']);
      assert.deepEqual([...catalog.agreements.keys()], ids(candidates), 'in the catalog’s own order');
      for (const c of candidates) {
        assert.equal(c.kind, 'agreement');
        assert.equal(c.insertText, `tda:${c.id}/`);
        assert.equal(c.retrigger, true);
      }
      const tpd = candidates[0];
      assert.equal(tpd.label, 'ROK–US TPD MOU');
      assert.equal(tpd.description, '2025-10-29 · kr-us-tpd');
      assert.equal(tpd.detail, catalog.agreements.get('kr-us-tpd')!.title.official.en);
    });

    it('`tda:kr` puts the two ROK–US agreements first (id prefix), then provisions the search core finds', () => {
      const candidates = offered('tda:kr');
      assert.deepEqual(ids(candidates.slice(0, 2)), ['kr-us-tpd', 'kr-us-jfs']);
      assert.ok(candidates.slice(2).length > 0, 'provisions follow from two characters on');
      assert.ok(candidates.slice(2).every((c) => c.kind === 'provision'), JSON.stringify(ids(candidates)));
      assert.equal(candidates.length, 50, 'bounded by the default limit');
      assert.equal(new Set(ids(candidates)).size, candidates.length, 'each candidate once');
    });

    it('a one-letter query names agreements only', () => {
      const candidates = offered('tda:u');
      assert.deepEqual(ids(candidates.slice(0, 2)), ['us-uk-tpd', 'us-jp-tpd']);
      assert.ok(candidates.every((c) => c.kind === 'agreement'), JSON.stringify(ids(candidates)));
    });

    it('`tda:kr-us-tpd/` lists that agreement’s 39 provisions in document order, each inserting its citation', () => {
      const candidates = offered('tda:kr-us-tpd/');
      const expected = catalog.agreements.get('kr-us-tpd')!.provisions.map((p) => p.uid);
      assert.equal(expected.length, 39);
      assert.deepEqual(ids(candidates), expected);
      assert.deepEqual(candidates.map((c) => c.insertText), expected.map((uid) => `tda:${uid}`));
      assert.ok(candidates.every((c) => c.kind === 'provision' && !c.retrigger));
    });

    it('`tda:kr-us-tpd/2` puts provision 2 first, then the ids starting with 2 (20–29) in order', () => {
      const candidates = offered('tda:kr-us-tpd/2');
      assert.deepEqual(ids(candidates), ['kr-us-tpd/2', ...Array.from({ length: 10 }, (_, i) => `kr-us-tpd/${20 + i}`)]);
      assert.deepEqual(ids(offered('tda:kr-us-tpd/28')), ['kr-us-tpd/28']);
    });

    it('an agreement id typed in capitals still finds its provisions; an unknown one offers nothing', () => {
      assert.deepEqual(ids(offered('tda:KR-US-TPD/28')), ['kr-us-tpd/28']);
      assert.deepEqual(offered('tda:nowhere/'), []);
    });

    it('Korean: `tda:한미` and 초성 `tda:ㅎㅁ` find the two ROK–US agreements', () => {
      const hanmi = offered('tda:한미', KO);
      assert.deepEqual(ids(hanmi.slice(0, 2)).sort(), ['kr-us-jfs', 'kr-us-tpd']);
      assert.ok(hanmi.slice(2).every((c) => c.kind === 'provision' && c.id.startsWith('kr-us-')), JSON.stringify(ids(hanmi)));
      assert.deepEqual(ids(offered('tda:ㅎㅁ', KO)), ['kr-us-tpd', 'kr-us-jfs']);
    });

    it('a syllable being composed (`tda:아르ㅌ`), the whole word and a typo all find the Artemis provisions', () => {
      const artemis = provisionsMentioning(/Artemis|아르테미스/);
      assert.deepEqual(artemis, ['kr-us-tpd/27', 'kr-us-tpd/38', 'us-jp-tpd/16'], 'the shipped data');
      const composing = offered('tda:아르ㅌ', KO);
      assert.deepEqual(ids(composing.filter((c) => c.kind === 'provision')).sort(), artemis);
      assert.deepEqual(ids(offered('tda:아르테미스', KO)), ids(composing));
      assert.deepEqual(ids(offered('tda:artemis')), ids(composing));
      // "artmis": one letter missing.
      assert.deepEqual(ids(offered('tda:artmis')), ids(composing));
      // After the slash the search is limited to the agreement.
      assert.deepEqual(ids(offered('tda:kr-us-tpd/아르', KO)).sort(), ['kr-us-tpd/27', 'kr-us-tpd/38']);
    });

    it('`제28항` finds item 28 of exactly the agreements that have 28 provisions or more', () => {
      const withItem28 = [...catalog.agreements.values()].filter((a) => a.provisions.length >= 28).map((a) => `${a.id}/28`);
      assert.deepEqual(withItem28, ['kr-us-tpd/28', 'kr-us-jfs/28'], 'the shipped data: the TPD MOU (39 items) and the Joint Fact Sheet (32)');
      assert.deepEqual(ids(offered('tda:제28항', KO)).sort(), [...withItem28].sort());
      assert.deepEqual(ids(offered('tda:28항', KO)).sort(), [...withItem28].sort());
      assert.deepEqual(ids(offered('@@한미 제28항', KO, '@@')).sort(), [...withItem28].sort());
      assert.deepEqual(ids(offered('tda:kr-us-tpd/제28항', KO)), ['kr-us-tpd/28']);
    });

    it('the trigger searches agreements and provisions with free text', () => {
      const candidates = offered('see @@K-RadCube', EN, '@@');
      assert.deepEqual(ids(candidates), ['kr-us-tpd/38']);
      assert.equal(candidates[0].insertText, 'tda:kr-us-tpd/38');
    });

    it('inserts the token alone in the `id` style, and exactly formatCitation in `labelAndId`, in both languages', () => {
      const provision = catalog.provisions.get('kr-us-tpd/2')!;
      assert.equal(offered('tda:kr-us-tpd/2')[0].insertText, 'tda:kr-us-tpd/2');
      for (const lang of ['en', 'ko'] as Lang[]) {
        const [first] = offered('tda:kr-us-tpd/2', { lang, style: 'labelAndId', sourceWord: 'Source:' });
        assert.equal(first.insertText, formatCitation(catalog, provision, lang), lang);
      }
      assert.equal(offered('tda:kr-us-tpd/2', { ...EN, style: 'labelAndId' })[0].insertText, 'ROK–US TPD MOU, Preamble; atlas item 2 (tda:kr-us-tpd/2)');
      // The agreement stage always writes the token (its provisions come next), whatever the style.
      assert.equal(offered('tda:', { ...EN, style: 'labelAndId' })[0].insertText, 'tda:kr-us-tpd/');
    });

    it('a provision candidate names its agreement and date, its reference and the start of its text', () => {
      // Label and detail share the reference and the text between them (which goes where is the UI's choice).
      for (const [uid, options, description] of [
        ['kr-us-tpd/2', EN, 'ROK–US TPD MOU · 2025-10-29'],
        ['kr-us-tpd/28', KO, '한·미 기술 번영 MOU · 2025-10-29'],
      ] as const) {
        const provision = catalog.provisions.get(uid)!;
        const [c] = offered(`tda:${uid}`, options);
        assert.equal(c.id, uid);
        assert.equal(c.description, description);
        const shown = `${c.label}\n${c.detail}`;
        assert.ok(shown.includes(provisionReference(catalog.agreements.get(provision.agreementId), provision, options.lang)), shown);
        assert.ok(shown.includes(provision.text[options.lang]!.slice(0, 30)), shown);
        assert.ok(!shown.includes('\n', c.label.length + 1), 'each is one line');
      }
    });

    it('documentation shows the provision text, agreement title, date, each source’s tier badge and the token', () => {
      for (const [lang, options] of [['en', EN], ['ko', KO]] as const) {
        const provision = catalog.provisions.get('kr-us-tpd/2')!;
        const agreement = catalog.agreements.get('kr-us-tpd')!;
        const doc = offered('tda:kr-us-tpd/2', options)[0].documentation;
        const paragraphs = doc.split('\n\n');
        assert.ok(paragraphs[0].startsWith(`**${escapeMarkdown(agreement.title.short[lang]!)}**, `), paragraphs[0]);
        assert.ok(paragraphs[0].endsWith(` · ${escapeMarkdown(dateLabel(agreement.date, lang))}`), paragraphs[0]);
        assert.equal(paragraphs[1], displayTextMarkdown(provision.text, lang));
        // Its sources: the official text (s1) and the seed commentary, each with its tier.
        for (const id of ['s1', 'seed-commentary']) {
          const badge = markdownCodeSpan(sourceBadge(catalog.sources.get(id)!, lang));
          assert.ok(doc.includes(` · ${badge}`), `${lang}: ${badge} in\n${doc}`);
        }
        assert.ok(doc.includes(escapeMarkdown(options.sourceWord)), 'the UI’s “Source:” word');
        assert.equal(paragraphs[paragraphs.length - 1], '`tda:kr-us-tpd/2`');
      }
      assert.ok(offered('tda:kr-us-tpd/2')[0].documentation.includes('`Official`'));
      assert.ok(offered('tda:kr-us-tpd/2', KO)[0].documentation.includes('`공식`'));
    });

    it('documentation shows at most two sources and says how many more there are', () => {
      const doc = offered('tda:kr-us-tpd/28', KO)[0].documentation;
      assert.equal(doc.match(/\$\(book\) /g)?.length, 3, doc);
      assert.match(doc, /\$\(book\) \*출처 \d+건 더\*/);
    });

    it('an agreement’s documentation: title, official title, date · parties · status, and its `tda:<id>/` token', () => {
      const doc = offered('tda:')[0].documentation;
      assert.deepEqual(doc.split('\n\n'), [
        '**ROK–US TPD MOU**',
        escapeMarkdown(catalog.agreements.get('kr-us-tpd')!.title.official.en!),
        `${escapeMarkdown('2025-10-29')} · Korea · US · ${escapeMarkdown('Being implemented since 2026-02-21')}`,
        '`tda:kr-us-tpd/`',
      ]);
    });

    it('hostile: a 10,000-character query is answered at once and offers nothing that does not match', () => {
      const queries: CitationCompletionQuery[] = [
        { stage: 'agreements', start: 0, query: 'a'.repeat(10_000) },
        { stage: 'search', start: 0, query: '아'.repeat(10_000) },
        { stage: 'provisions', start: 0, agreementId: 'kr-us-tpd', query: '2'.repeat(10_000) },
        { stage: 'agreements', start: 0, query: 'kr'.repeat(5_000) },
      ];
      for (const q of queries) assert.deepEqual(citationCandidates(catalog, index, q, EN), [], q.stage);
      // A long query made of one real word repeated still finds what that word finds (the search core cuts it).
      const repeated = citationCandidates(catalog, index, { stage: 'search', start: 0, query: 'artemis '.repeat(1_250) }, EN);
      assert.deepEqual(ids(repeated).sort(), ['kr-us-tpd/27', 'kr-us-tpd/38', 'us-jp-tpd', 'us-jp-tpd/16']);
    });

    it('respects `limit`, and without a search index offers only what ids match', () => {
      assert.deepEqual(ids(citationCandidates(catalog, index, citationCompletionQuery('tda:kr-us-tpd/')!, { ...EN, limit: 3 })), ['kr-us-tpd/1', 'kr-us-tpd/2', 'kr-us-tpd/3']);
      assert.deepEqual(ids(citationCandidates(catalog, undefined, citationCompletionQuery('tda:kr')!, EN)), ['kr-us-tpd', 'kr-us-jfs']);
      assert.deepEqual(citationCandidates(catalog, undefined, citationCompletionQuery('@@artemis', '@@')!, EN), []);
    });
  });
});
