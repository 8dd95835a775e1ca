import { strict as assert } from 'node:assert';
import {
  agreementDocumentPath,
  agreementIdFromPath,
  agreementOfPreviewLabel,
  agreementSources,
  renderAgreementDocument,
  targetAtLine,
} from '../../src/core/document/agreementDocument';
import { formatCitation } from '../../src/core/citation/citation';
import { renderMarkdown } from '../../src/core/text/markdown';
import { text, type Catalog, type CatalogFile } from '../../src/core/catalog/model';
import { sourceBadge } from '../../src/core/labels/provenance';
import { markdownCodeSpan } from '../../src/core/text/markdown';
import { loadShipped } from './shippedData.test';
import { catalogOf } from './treeModel.test';

const L = (ko: string, en: string) => ({ ko, en });

/** Text content of rendered HTML, entities decoded, whitespace collapsed: what a reader sees in the preview. */
function visibleText(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

function fixture(overrides: Partial<CatalogFile> = {}): Catalog {
  return catalogOf({
    parties: [
      { id: 'KR', name: L('대한민국', 'Republic of Korea'), short: L('한국', 'ROK') },
      { id: 'US', name: L('미국', 'United States'), short: L('미국', 'US') },
    ],
    sectors: [{ id: 'ai', name: L('인공지능', 'AI'), description: L('d', 'd'), icon: 'hubot' }],
    sources: [
      { id: 'news', kind: 'news-analysis', title: L('해설 기사', 'Commentary'), language: 'ko', note: L('2차 자료다.', 'Secondary source.') },
      { id: 'sheet', kind: 'official-summary', title: L('팩트시트', 'Fact sheet'), language: 'en', url: 'https://example.gov/fact-sheet' },
    ],
    agreements: [
      {
        id: 'deal',
        kind: 'mou',
        title: { official: L('기술 양해각서', 'Technology MOU'), short: L('기술 MOU', 'Tech MOU') },
        parties: ['KR', 'US'],
        date: '2025-10-29',
        provenance: [{ source: 'news', locator: { paragraph: 2, sentence: 2 } }],
        legalNature: { binding: false, description: L('구속력 없음.', 'Not binding.'), provenance: [{ source: 'news', locator: { paragraph: 6 } }] },
        summary: L('요약문.', 'The summary.'),
        sources: ['news'],
        provisions: [
          { id: '1', sectors: ['ai'], heading: L('비전', 'Vision'), text: L('첫째 조항.', 'First provision.'), provenance: [{ source: 'news', locator: { paragraph: 2, sentence: 1 } }] },
          { id: '2', sectors: ['ai'], heading: L('비전', 'Vision'), text: L('둘째 조항.', 'Second provision.'), provenance: [{ source: 'sheet', locator: { paragraph: 1 } }] },
          { id: '3', sectors: ['ai'], heading: L('AI', 'AI'), text: L('셋째 조항.', 'Third provision.'), provenance: [{ source: 'news', locator: { paragraph: 3 } }] },
        ],
      },
    ],
    ...overrides,
  });
}

describe('agreement document', () => {
  it('renders the full structure: title, facts, summary, legal nature, provisions under headings, sources', () => {
    const catalog = fixture();
    const doc = renderAgreementDocument(catalog, 'deal', 'en')!;
    const lines = doc.markdown.split('\n');
    assert.equal(lines[0], '# Tech MOU');
    const headings = lines.filter((l) => l.startsWith('#'));
    assert.deepEqual(headings, [
      '# Tech MOU',
      '## Summary',
      '## Legal nature',
      '## Provisions (3)',
      '### Vision',
      '#### Atlas item 1',
      '#### Atlas item 2',
      '### AI',
      '#### Atlas item 3',
      '## Sources',
    ]);
    const seen = visibleText(renderMarkdown(doc.markdown));
    for (const expected of ['Title, date and parties as given in: [2] para. 2, sentence 2', 'Technology MOU', '기술 양해각서', 'Kind: MOU', 'Date: 2025-10-29', 'Parties: Republic of Korea, United States', 'The summary.', 'Not legally binding. Not binding.']) {
      assert.ok(seen.includes(expected), `missing "${expected}" in: ${seen}`);
    }
  });

  it('maps each provision to the line of its heading, and lines back to provisions', () => {
    const catalog = fixture();
    const doc = renderAgreementDocument(catalog, 'deal', 'ko')!;
    const lines = doc.markdown.split('\n');
    for (const provision of catalog.agreements.get('deal')!.provisions) {
      const line = doc.provisionLines.get(provision.uid)!;
      assert.equal(lines[line], `#### 아틀라스 항목 ${provision.id}`);
      assert.deepEqual(targetAtLine(doc, line), { kind: 'provision', id: provision.uid });
      assert.deepEqual(targetAtLine(doc, line + 2), { kind: 'provision', id: provision.uid }, 'the text under the heading');
    }
    assert.deepEqual(targetAtLine(doc, 0), { kind: 'agreement', id: 'deal' });
    assert.deepEqual(targetAtLine(doc, doc.sourcesLine + 1), { kind: 'agreement', id: 'deal' });
    assert.equal(lines[doc.sourcesLine], '## 출처');
  });

  it('gives each provision its text in both languages, its sectors, its sources with locators, and its citation', () => {
    const catalog = fixture();
    const doc = renderAgreementDocument(catalog, 'deal', 'en')!;
    const seen = visibleText(renderMarkdown(doc.markdown));
    for (const provision of catalog.agreements.get('deal')!.provisions) {
      assert.ok(seen.includes(provision.text.en) && seen.includes(provision.text.ko), provision.uid);
      assert.ok(seen.includes(formatCitation(catalog, provision, 'en')), `citation of ${provision.uid}`);
    }
    // Sources are numbered best tier first: the official fact sheet is [1], the commentary [2].
    assert.ok(seen.includes('Sectors: AI Source: [2] para. 2, sentence 1'), seen);
    assert.ok(seen.includes('Source: [1] para. 1'), 'a provision cites the official source by its number');
  });

  it('lists every cited source best tier first, with its tier, note and a link only when it has a web address', () => {
    const catalog = fixture();
    const doc = renderAgreementDocument(catalog, 'deal', 'en')!;
    const lines = doc.markdown.split('\n');
    assert.deepEqual(agreementSources(catalog, catalog.agreements.get('deal')!).map((s) => s.id), ['sheet', 'news']);
    const news = lines[doc.sourceLines.get('news')!];
    const sheet = lines[doc.sourceLines.get('sheet')!];
    assert.ok(news.startsWith('2. **Commentary**') && news.includes('`News`') && news.includes('no online address'), news);
    assert.ok(sheet.startsWith('1. **Fact sheet**') && sheet.includes('`Official`') && sheet.includes('[Link](<https://example.gov/fact-sheet>)'), sheet);
    assert.equal(lines[doc.sourceLines.get('news')! + 1], '   > ⚠ Secondary source\\.');
    const html = renderMarkdown(doc.markdown);
    assert.equal((html.match(/<a /g) ?? []).length, 1, 'exactly one link: the fact sheet');
    assert.match(html, /<a href="https:\/\/example\.gov\/fact-sheet">Link<\/a>/);
  });

  it('warns at the top when provisions rest on secondary sources only, and how many', () => {
    const withOfficial = renderAgreementDocument(fixture(), 'deal', 'en')!.markdown;
    // Provision 2 cites the official fact sheet; 1 and 3 only the commentary.
    assert.match(withOfficial, /^> ⚠ 2 of the 3 provisions rest on secondary sources only/m);
    const allOfficial = fixture();
    const deal0 = allOfficial.agreements.get('deal')!;
    const onlyOfficial = { ...allOfficial, agreements: new Map([['deal', { ...deal0, provisions: deal0.provisions.filter((p) => p.id === '2') }]]) };
    assert.doesNotMatch(renderAgreementDocument(onlyOfficial, 'deal', 'en')!.markdown, /rests? on secondary sources/);
    const secondaryOnly = fixture();
    const deal = secondaryOnly.agreements.get('deal')!;
    const onlyNews = { ...secondaryOnly, agreements: new Map([['deal', { ...deal, provisions: deal.provisions.filter((p) => p.id !== '2') }]]) };
    assert.match(renderAgreementDocument(onlyNews, 'deal', 'en')!.markdown, /^> ⚠ Everything in this document rests on secondary sources/m);
  });

  it('keeps hostile data literal: no links, HTML or formatting injected', () => {
    const evil = '[x](command:workbench.action.quit) <script>alert(1)</script> # not a heading';
    const catalog = fixture();
    const deal = catalog.agreements.get('deal')!;
    const hostile = {
      ...catalog,
      agreements: new Map([['deal', { ...deal, summary: L(evil, evil), title: { ...deal.title, short: L(evil, evil) } }]]),
    };
    const doc = renderAgreementDocument(hostile, 'deal', 'en')!;
    const html = renderMarkdown(doc.markdown);
    assert.doesNotMatch(html, /<script|command:workbench[^<]*<\/a>|<a href="command/);
    assert.equal((html.match(/<h1>/g) ?? []).length, 1);
    assert.ok(visibleText(html).includes(evil));
  });

  it('undefined for an unknown agreement', () => {
    assert.equal(renderAgreementDocument(fixture(), 'nope', 'en'), undefined);
  });

  it('addresses documents by agreement id, with a readable, path-safe file name', () => {
    const catalog = fixture();
    assert.equal(agreementDocumentPath(catalog, 'deal', 'ko'), '/deal/기술 MOU.md');
    assert.equal(agreementIdFromPath('/deal/기술 MOU.md'), 'deal');
    const deal = catalog.agreements.get('deal')!;
    const slashy = { ...catalog, agreements: new Map([['deal', { ...deal, title: { ...deal.title, short: L('a/b: c?#', 'a/b') } }]]) };
    const path = agreementDocumentPath(slashy, 'deal', 'ko');
    assert.equal(path, '/deal/a-b- c-.md');
    assert.equal(agreementIdFromPath(path), 'deal');
    assert.equal(agreementIdFromPath('/../x'), undefined);
  });

  it('tells which agreement a Markdown preview tab shows from its label, in any UI language', () => {
    const catalog = fixture();
    const deal = catalog.agreements.get('deal')!;
    // A second deal whose short title ends the first one's ("MOU" vs "기술 MOU"), to check the longest name wins.
    const other = { ...deal, id: 'other', title: { ...deal.title, short: L('MOU', 'MOU') } };
    const two = { ...catalog, agreements: new Map([['deal', deal], ['other', other]]) };
    const ko = agreementDocumentPath(two, 'deal', 'ko').split('/').pop()!;
    const en = agreementDocumentPath(two, 'deal', 'en').split('/').pop()!;
    assert.equal(agreementOfPreviewLabel(two, `Preview ${ko}`), 'deal');
    assert.equal(agreementOfPreviewLabel(two, `Preview ${en}`), 'deal', 'the other language’s document');
    assert.equal(agreementOfPreviewLabel(two, `[Preview] ${ko}`), 'deal', 'a locked preview');
    assert.equal(agreementOfPreviewLabel(two, `${ko} 미리 보기`), 'deal', 'the word after the name');
    assert.equal(agreementOfPreviewLabel(two, 'Preview MOU.md'), 'other');
    assert.equal(agreementOfPreviewLabel(two, 'Preview 신기술 MOU.md', ['신기술 MOU.md', 'x.md']), undefined, 'the user’s file that ends in one of our names');
    assert.equal(agreementOfPreviewLabel(two, `Preview ${ko}`, ['x.md']), 'deal');
    assert.equal(agreementOfPreviewLabel(two, 'Preview notes.md'), undefined);
  });
});

describe('agreement documents of the shipped dataset', () => {
  let catalog: Catalog;
  before(async () => {
    catalog = (await loadShipped()).catalog;
  });

  for (const lang of ['ko', 'en'] as const) {
    it(`renders every agreement (${lang}) with every provision at its mapped line, its citation and its sources`, () => {
      for (const agreement of catalog.agreements.values()) {
        const doc = renderAgreementDocument(catalog, agreement.id, lang)!;
        const lines = doc.markdown.split('\n');
        const seen = visibleText(renderMarkdown(doc.markdown));
        assert.ok(seen.includes(text(agreement.summary, lang)), `${agreement.id} summary`);
        assert.equal(doc.provisionLines.size, agreement.provisions.length);
        for (const provision of agreement.provisions) {
          // Whose number it is, never "Provision 12" (the article numbers nothing).
          assert.equal(lines[doc.provisionLines.get(provision.uid)!], `#### ${lang === 'ko' ? `아틀라스 항목 ${provision.id}` : `Atlas item ${provision.id}`}`);
          assert.ok(seen.includes(text(provision.text, lang)), `${provision.uid} text`);
          assert.ok(seen.includes(formatCitation(catalog, provision, lang)), `${provision.uid} citation`);
        }
        for (const source of agreementSources(catalog, agreement)) {
          assert.ok(lines[doc.sourceLines.get(source.id)!].includes(markdownCodeSpan(sourceBadge(source, lang))), `${agreement.id}: ${source.id} tier`);
        }
      }
    });
  }
});
