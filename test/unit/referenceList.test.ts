// The reference list a memo gets from "Insert or Update Reference List": what it lists (cited provisions in order of
// first citation, broken citations last), how it reads in each language and format, and the edit that writes it —
// one replacement of exactly the block, or an insertion, never touching anything else.
import { strict as assert } from 'node:assert';
import { loc, oneAgreementCatalog } from './citationFixtures';
import type { Catalog } from '../../src/core/catalog/model';
import { findCitations } from '../../src/core/citation/citation';
import {
  citedProvisions,
  findReferenceBlock,
  memoLanguage,
  referenceFormat,
  referenceListBlock,
  referenceListEdit,
  type EditOptions,
  type TextReplacement,
} from '../../src/core/citation/referenceList';
import { renderMarkdown } from '../../src/core/text/markdown';
import { loadShippedCatalog } from './compareFixtures';

function apply(memo: string, edit: TextReplacement): string {
  return memo.slice(0, edit.start) + edit.newText + memo.slice(edit.end);
}

const MD_END: EditOptions = { cursorOffset: 0, placement: 'end', format: 'markdown', eol: '\n' };
const PLAIN_END: EditOptions = { cursorOffset: 0, placement: 'end', format: 'plain', eol: '\n' };

/** A small catalog of our own: a renumbered provision, and data that tries to be Markdown, HTML and markers. */
function ownCatalog(hostile = 'Plain text.'): Catalog {
  return oneAgreementCatalog(
    {
      title: { official: loc('Official <b>X</b> *agreement*'), short: loc('X **MOU**') },
      date: '2024-05-06',
      sources: ['gov'],
      provisions: [
        { id: '1', sectors: ['ai'], text: loc(hostile), provenance: [{ source: 'press' }, { source: 'gov', locator: { paragraph: 2 } }] },
        { id: '7', formerIds: ['2'], sectors: ['ai'], text: loc('Renumbered provision.'), provenance: [{ source: 'press' }] },
      ],
    },
    [
      { id: 'gov', kind: 'official-text', title: loc('The text'), language: 'en', url: 'https://example.gov/text' },
      { id: 'press', kind: 'news-analysis', title: loc('A report'), language: 'en', url: 'https://example.com/report' },
    ],
  );
}

describe('reference list', () => {
  let catalog: Catalog;
  before(async () => {
    catalog = await loadShippedCatalog();
  });

  describe('the block', () => {
    it('lists an English Markdown memo’s citations with titles, date, place, excerpt, best source, tier and URL', () => {
      const memo = '# Memo\n\nThe KPS clause (tda:kr-us-tpd/28) goes further than tda:us-uk-tpd/2; see tda:kr-us-tpd/28 again and tda:kr-us-tpd/999.\n';
      const edit = referenceListEdit(catalog, memo, MD_END);
      assert.deepEqual({ start: edit.start, end: edit.end }, { start: memo.length, end: memo.length }, 'inserted after the last line');
      assert.equal(
        apply(memo, edit),
        [
          '# Memo',
          '',
          'The KPS clause (tda:kr-us-tpd/28) goes further than tda:us-uk-tpd/2; see tda:kr-us-tpd/28 again and tda:kr-us-tpd/999.',
          '',
          '<!-- tda:references -->',
          '## References',
          '',
          '1. **ROK–US TPD MOU** — Memorandum of Understanding Between the Government of the United States of America and the Government of the Republic of Korea regarding the U.S.-ROK Technology Prosperity Deal (2025-10-29)',
          '   - `tda:kr-us-tpd/28` — II. Areas of Cooperation; atlas item 28',
          '   - “Broaden the two countries\' roles in cooperation on building the Korean Positioning System (KPS), so that private and…”',
          "   - Source: The Korea AeroSpace Administration's account of the space clause of the ROK–US Technology Prosperity MOU (as reported by Edaily) (Korea AeroSpace Administration via Edaily) — § space clause quoted by KASA: KPS and GPS · `Official, via press` · <https://m.edaily.co.kr/News/Read?mediaCodeNo=257&newsId=04359126642338168>",
          '2. **US–UK TPD MOU** — Memorandum of Understanding between the Government of the United States of America and the Government of the United Kingdom of Great Britain and Northern Ireland regarding the Technology Prosperity Deal (2025-09-18)',
          '   - `tda:us-uk-tpd/2` — atlas item 2',
          '   - “Conduct joint research in strategic fields such as AI, nuclear energy and quantum technology.”',
          '   - Source: Quantum Zeitgeist: US–UK deal advances AI, nuclear and quantum collaboration (Quantum Zeitgeist) — § overview of the AI, nuclear and quantum cooperation · `News` · <https://quantumzeitgeist.com/us-uk-deal-advances-ai-nuclear-and-quantum-collaboration>',
          '',
          'Cited but not in the atlas: `tda:kr-us-tpd/999`',
          '',
          '<!-- /tda:references -->',
          '',
        ].join('\n'),
      );
    });

    it('writes a Korean plain-text memo’s list in Korean, without Markdown', () => {
      const memo = '한미 기술 번영 MOU의 KPS 조항(tda:kr-us-tpd/28)은 미·영 MOU의 공동 연구(tda:us-uk-tpd/2)보다 구체적이다.\n';
      assert.equal(memoLanguage(memo), 'ko');
      const block = apply(memo, referenceListEdit(catalog, memo, PLAIN_END)).slice(memo.length);
      assert.equal(
        block,
        [
          '',
          '[tda:references]',
          '참고 자료',
          '',
          '1. 한·미 기술 번영 MOU — 한-미 기술번영 양해각서 (2025-10-29)',
          '   tda:kr-us-tpd/28 — II. 협력 분야; 아틀라스 항목 28',
          '   “한국형 위성항법체계(KPS) 구축 협력에서 양국의 역할을 넓혀, 민간과 국가의 우주 역량이 함께 발전하도록 한다.”',
          '   출처: 우주항공청이 밝힌 한·미 기술 번영 양해각서의 우주 협력 조항 (이데일리 보도) (우주항공청 (이데일리 보도)) — § space clause quoted by KASA: KPS and GPS · 공식(보도 인용)',
          '   https://m.edaily.co.kr/News/Read?mediaCodeNo=257&newsId=04359126642338168',
          '',
          '2. 미·영 기술 번영 MOU — 미합중국 정부와 그레이트브리튼 북아일랜드 연합왕국 정부 간 기술 번영 딜에 관한 양해각서 (2025-09-18)',
          '   tda:us-uk-tpd/2 — 아틀라스 항목 2',
          '   “AI, 원자력, 양자 기술 등 전략 분야에서 공동 연구를 수행한다.”',
          '   출처: 퀀텀 자이트가이스트: 미·영 협정, AI·원자력·양자 협력 진전 (퀀텀 자이트가이스트) — § overview of the AI, nuclear and quantum cooperation · 뉴스',
          '   https://quantumzeitgeist.com/us-uk-deal-advances-ai-nuclear-and-quantum-collaboration',
          '[/tda:references]',
          '',
        ].join('\n'),
      );
      assert.doesNotMatch(block, /[*`#<>]|\]\(/, 'no Markdown syntax in plain text');
    });

    it('never calls the atlas’s number the agreement’s clause', () => {
      const cited = citedProvisions(catalog, 'tda:kr-us-tpd/28 tda:kr-us-tpd/16');
      for (const lang of ['en', 'ko'] as const) {
        const block = referenceListBlock(catalog, cited, { lang, format: 'markdown', eol: '\n' });
        assert.doesNotMatch(block, /[Pp]rovision \d|제\d+항|Article \d/);
        assert.match(block, lang === 'en' ? /atlas item 16/ : /아틀라스 항목 16/);
      }
    });

    it('puts the best-tier source first, whatever order the provision cites them in', () => {
      const own = ownCatalog();
      const block = referenceListBlock(own, citedProvisions(own, 'tda:xa/1'), { lang: 'en', format: 'plain', eol: '\n' });
      assert.match(block, /Source: The text — para\. 2 · Official\n {3}https:\/\/example\.gov\/text\n/);
      assert.ok(!block.includes('A report'), block);
    });

    it('falls back to the other language for data a language lacks', () => {
      // us-jp-tpd's official title also has a Japanese form: Korean and English are shown, never the Japanese.
      const cited = citedProvisions(catalog, 'tda:us-jp-tpd/1');
      const ko = referenceListBlock(catalog, cited, { lang: 'ko', format: 'plain', eol: '\n' });
      assert.ok(ko.includes('미합중국 정부와 일본국 정부 간 기술 번영 딜에 관한 협력 각서'), ko);
      assert.ok(ko.includes('‘AI’ 협력 분야; 아틀라스 항목 1'), ko);
      // The only source of us-jp-tpd/1 is the commentary, which has no address: no URL line, its tier named.
      assert.match(ko, /출처: .* · 해설\(분석\)\n\[\/tda:references\]$/);
    });
  });

  describe('what it lists', () => {
    it('lists provisions in order of first citation, once each', () => {
      const cited = citedProvisions(catalog, 'tda:kr-us-tpd/16, tda:us-uk-tpd/2 and tda:kr-us-tpd/16; later tda:kr-us-tpd/1 and tda:us-uk-tpd/2.');
      assert.deepEqual(cited.provisions.map((p) => p.uid), ['kr-us-tpd/16', 'us-uk-tpd/2', 'kr-us-tpd/1']);
      assert.deepEqual(cited.broken, []);
    });

    it('lists a renumbered provision once, under its current id', () => {
      const own = ownCatalog();
      const cited = citedProvisions(own, 'Old tda:xa/2, new tda:xa/7, old again tda:xa/2.');
      assert.deepEqual(cited.provisions.map((p) => p.uid), ['xa/7']);
      const block = referenceListBlock(own, cited, { lang: 'en', format: 'plain', eol: '\n' });
      assert.ok(block.includes('   tda:xa/7 — atlas item 7\n'), block);
      assert.ok(!block.includes('tda:xa/2'), block);
    });

    it('lists broken citations last, once each, so the analyst sees them', () => {
      const memo = 'tda:kr-us-tpd/999 then tda:kr-us-tpd/1, tda:nowhere/3 and tda:kr-us-tpd/999.';
      const cited = citedProvisions(catalog, memo);
      assert.deepEqual(cited.broken, ['kr-us-tpd/999', 'nowhere/3']);
      const md = referenceListBlock(catalog, cited, { lang: 'en', format: 'markdown', eol: '\n' });
      assert.ok(md.endsWith('\n\nCited but not in the atlas: `tda:kr-us-tpd/999`, `tda:nowhere/3`\n\n<!-- /tda:references -->'), md);
      const ko = referenceListBlock(catalog, cited, { lang: 'ko', format: 'plain', eol: '\n' });
      assert.ok(ko.endsWith('\n\n아틀라스에 없는 인용: tda:kr-us-tpd/999, tda:nowhere/3\n[/tda:references]'), ko);
    });

    it('ignores citations inside the existing block, so a citation removed from the body drops out', () => {
      const first = 'See tda:kr-us-tpd/28 and tda:us-uk-tpd/2.\n';
      const listed = apply(first, referenceListEdit(catalog, first, MD_END));
      const edited = listed.replace(' and tda:us-uk-tpd/2', '');
      assert.deepEqual(citedProvisions(catalog, edited).provisions.map((p) => p.uid), ['kr-us-tpd/28']);
      const updated = apply(edited, referenceListEdit(catalog, edited, MD_END));
      const block = findReferenceBlock(updated)!;
      assert.ok(!updated.slice(block.start, block.end).includes('us-uk-tpd'), updated);
      assert.ok(updated.slice(block.start, block.end).includes('`tda:kr-us-tpd/28`'), updated);
    });
  });

  describe('the edit', () => {
    const body = '# Memo\n\nIntro on tda:kr-us-tpd/16.\n\n## Findings\n\nSee tda:us-uk-tpd/2.\n';

    it('is idempotent: a second run replaces the block with itself', () => {
      for (const options of [MD_END, PLAIN_END, { ...MD_END, placement: 'cursor' as const, cursorOffset: 6 }]) {
        const once = apply(body, referenceListEdit(catalog, body, options));
        const second = referenceListEdit(catalog, once, options);
        const block = findReferenceBlock(once)!;
        assert.deepEqual({ start: second.start, end: second.end }, block);
        assert.equal(second.newText, once.slice(block.start, block.end));
        assert.equal(apply(once, second), once);
      }
    });

    it('replaces exactly the block, wherever it is, and leaves the text around it as it was', () => {
      const withList = apply(body, referenceListEdit(catalog, body, { ...MD_END, placement: 'cursor', cursorOffset: body.indexOf('## Findings') }));
      const block = findReferenceBlock(withList)!;
      // The analyst edits the memo around the list: one citation goes, another comes.
      const before = withList.slice(0, block.start).replace('tda:kr-us-tpd/16', 'tda:kr-us-tpd/1');
      const after = withList.slice(block.end) + 'Also tda:us-jp-tpd/1.\n';
      const memo = before + withList.slice(block.start, block.end) + after;
      const edit = referenceListEdit(catalog, memo, { ...MD_END, placement: 'end', cursorOffset: 0 });
      assert.deepEqual({ start: edit.start, end: edit.end }, { start: before.length, end: before.length + (block.end - block.start) });
      const updated = apply(memo, edit);
      assert.ok(updated.startsWith(before) && updated.endsWith(after));
      assert.deepEqual(findCitations(edit.newText).map((c) => c.uid), ['kr-us-tpd/1', 'us-uk-tpd/2', 'us-jp-tpd/1']);
    });

    it('inserts at the cursor on lines of its own, a blank line from the text around it', () => {
      const memo = 'First paragraph tda:kr-us-tpd/1.\nSecond paragraph.\n';
      const mid = referenceListEdit(catalog, memo, { ...PLAIN_END, placement: 'cursor', cursorOffset: memo.indexOf(' paragraph tda') });
      const result = apply(memo, mid);
      assert.ok(result.startsWith('First\n\n[tda:references]\n'), result);
      assert.ok(result.endsWith('\n[/tda:references]\n\n paragraph tda:kr-us-tpd/1.\nSecond paragraph.\n'), result);
      // At the start of the second line: a blank line above and below, nothing removed.
      const lineStart = referenceListEdit(catalog, memo, { ...PLAIN_END, placement: 'cursor', cursorOffset: memo.indexOf('Second') });
      const result2 = apply(memo, lineStart);
      assert.ok(result2.startsWith('First paragraph tda:kr-us-tpd/1.\n\n[tda:references]\n'), result2);
      assert.ok(result2.endsWith('[/tda:references]\n\nSecond paragraph.\n'), result2);
    });

    it('inserts at the end after the last line with text, one blank line apart, keeping trailing blank lines', () => {
      const memo = 'Text tda:kr-us-tpd/1.\n\n\n';
      const edit = referenceListEdit(catalog, memo, PLAIN_END);
      assert.equal(edit.start, 'Text tda:kr-us-tpd/1.\n'.length);
      const result = apply(memo, edit);
      assert.ok(result.startsWith('Text tda:kr-us-tpd/1.\n\n[tda:references]\n'), result);
      assert.ok(result.endsWith('[/tda:references]\n\n\n'), result);
      // Without a final line break.
      const bare = 'Text tda:kr-us-tpd/1.';
      assert.ok(apply(bare, referenceListEdit(catalog, bare, PLAIN_END)).startsWith(`${bare}\n\n[tda:references]\n`));
    });

    it('keeps a CRLF memo CRLF, and finds its block again', () => {
      const memo = '# Memo\r\n\r\nSee tda:kr-us-tpd/28.\r\n';
      const options: EditOptions = { ...MD_END, eol: '\r\n' };
      const once = apply(memo, referenceListEdit(catalog, memo, options));
      assert.ok(once.startsWith(memo), 'the memo is left as it was');
      assert.doesNotMatch(once, /[^\r]\n/, 'no bare LF');
      assert.ok(once.endsWith('\r\n<!-- /tda:references -->\r\n'), JSON.stringify(once.slice(-60)));
      const block = findReferenceBlock(once)!;
      assert.equal(once.slice(block.end), '\r\n', 'the block ends before the line break');
      assert.equal(apply(once, referenceListEdit(catalog, once, options)), once);
    });

    it('treats a start marker without an end marker as no block: it inserts, and deletes nothing', () => {
      for (const memo of [
        'See tda:kr-us-tpd/1.\n<!-- tda:references -->\nMy own notes, keep them.\n',
        'See tda:kr-us-tpd/1.\n[tda:references]\nnotes\n<!-- /tda:references -->\n',
      ]) {
        assert.equal(findReferenceBlock(memo), undefined);
        const edit = referenceListEdit(catalog, memo, MD_END);
        assert.equal(edit.start, edit.end, 'an insertion');
        const result = apply(memo, edit);
        assert.equal(result.slice(0, edit.start) + result.slice(edit.start + edit.newText.length), memo);
      }
    });

    it('pairs the nearest markers, so a stray start marker never stretches the block over text', () => {
      const memo = '<!-- tda:references -->\nstray\n<!-- tda:references -->\nold\n<!-- /tda:references -->\n';
      assert.deepEqual(findReferenceBlock(memo), { start: memo.indexOf('<!-- tda:references -->\nold'), end: memo.length - 1 });
      // Markers count only alone on their line; either style counts in any document.
      assert.equal(findReferenceBlock('Write `<!-- tda:references -->` … `<!-- /tda:references -->` to mark it.'), undefined);
      const plain = 'x\n  [tda:references]  \r\nold\r\n[/tda:references]';
      assert.deepEqual(findReferenceBlock(plain), { start: 2, end: plain.length });
    });
  });

  describe('hostile data', () => {
    const hostile = '<script>alert(1)</script> **bold** [click](command:workbench.action.closeAllEditors) &amp; `code`\n# Heading\n<!-- /tda:references -->\n[/tda:references]';

    it('is escaped in Markdown: no HTML, emphasis, links or headings of its own', () => {
      const own = ownCatalog(hostile);
      const memo = 'See tda:xa/1.\n';
      const result = apply(memo, referenceListEdit(own, memo, MD_END));
      assert.ok(!result.includes('<script>') && !result.includes('<b>'), result);
      assert.ok(result.includes('\\<script\\>alert(1)\\</script\\> \\*\\*bold\\*\\* \\[click\\](command:workbench.action.closeAllEditors) \\&amp; \\`code\\` # Heading'), result);
      assert.ok(result.includes('1. **X \\*\\*MOU\\*\\*** — Official \\<b\\>X\\</b\\> \\*agreement\\* (2024-05-06)'), result);
      const html = renderMarkdown(result);
      assert.doesNotMatch(html, /<script|<b>|<h1|href="command:/, html);
      // The block still ends at its own end marker, and a second run changes nothing.
      const block = findReferenceBlock(result)!;
      assert.equal(result.slice(block.end), '\n');
      assert.equal(apply(result, referenceListEdit(own, result, MD_END)), result);
    });

    it('stays on one line per field in plain text, so data can never pass for a marker', () => {
      const own = ownCatalog(hostile);
      const memo = 'See tda:xa/1.\n';
      const result = apply(memo, referenceListEdit(own, memo, PLAIN_END));
      assert.equal(result.split('\n').filter((l) => l.trim() === '[/tda:references]').length, 1, result);
      assert.equal(apply(result, referenceListEdit(own, result, PLAIN_END)), result);
    });
  });

  describe('the memo’s language and format', () => {
    it('is Korean when Hangul is a substantial share of the letters, citation tokens aside', () => {
      assert.equal(memoLanguage('본 메모는 한미 MOU의 KPS 조항과 US–UK TPD MOU의 AI 협력을 비교한다.'), 'ko');
      assert.equal(memoLanguage('The Joint Fact Sheet (공동 팩트시트) sets out the tariff terms agreed at the summit.'), 'en');
      assert.equal(memoLanguage('한미 조항 tda:kr-us-tpd/28 tda:kr-us-tpd/16 tda:us-uk-tpd/2'), 'ko', 'tokens are not English');
      assert.equal(memoLanguage(''), 'en');
      assert.equal(memoLanguage('12345 — tda:kr-us-tpd/1'), 'en');
    });

    it('ignores the reference block and looks at a bounded sample', () => {
      const english = 'An English memo about tda:kr-us-tpd/28.\n';
      const withKoreanList = apply(english, referenceListEdit(catalog, english, { ...PLAIN_END, lang: 'ko' }));
      assert.equal(memoLanguage(withKoreanList), 'en');
      // A long English memo that turns to Korean after the sample: still English (and still cheap).
      assert.equal(memoLanguage('English words here. '.repeat(2000) + '한국어 '.repeat(50_000)), 'en');
    });

    it('writes Markdown for Markdown-like documents, plain text otherwise', () => {
      assert.deepEqual(['markdown', 'mdx', 'quarto', 'plaintext', 'latex', 'html'].map(referenceFormat), ['markdown', 'markdown', 'markdown', 'plain', 'plain', 'plain']);
    });
  });
});
