// The official layer in the core, on a small invented catalog: source tiers and what may rest on them, events and the
// status derived from them, disagreements (their checks, the index, and how every view shows them).
import { strict as assert } from 'node:assert';
import { buildCatalog } from '../../src/core/catalog/catalogLoader';
import { sourceTier, type Catalog, type CatalogFile, type DisagreementData, type DisagreementSubject, type EventData, type Provenance } from '../../src/core/catalog/model';
import { renderAgreementDocument } from '../../src/core/document/agreementDocument';
import { disagreementIndex } from '../../src/core/disputes/disagreements';
import { disagreementChildren, disagreementItem, disagreementRoots } from '../../src/core/disputes/disagreementsView';
import { currentStatus } from '../../src/core/events/status';
import { TimelineModel } from '../../src/core/events/timelineView';
import { agreementStatusLabel } from '../../src/core/labels/agreementLabels';
import { restsOnSecondaryOnly, sourcesMarkdown } from '../../src/core/labels/provenance';
import { agreementNode, provisionNode, TreeModel } from '../../src/core/tree/treeModel';
import { renderCompareMain } from '../../src/core/compare/comparePage';
import { buildComparison } from '../../src/core/compare/comparison';
import { DEFAULT_VIEW } from '../../src/core/compare/compareProtocol';
import type { ComparePageStrings } from '../../src/core/compare/comparePage';
import { loadShipped } from './shippedData.test';
import { catalogOf } from './treeModel.test';

const COMPARE_STRINGS: ComparePageStrings = new Proxy({} as ComparePageStrings, { get: (_, key) => `«${String(key)}»` });

const L = (ko: string, en: string) => ({ ko, en });

function file(overrides: Partial<CatalogFile> = {}): CatalogFile {
  return {
    parties: [
      { id: 'US', name: L('미국', 'United States'), short: L('미국', 'US') },
      { id: 'GB', name: L('영국', 'United Kingdom'), short: L('영국', 'UK') },
    ],
    sectors: [{ id: 'ai', name: L('인공지능', 'AI'), description: L('d', 'd'), icon: 'hubot' }],
    sources: [
      { id: 'text', kind: 'official-text', tier: 'official', title: L('양해각서 원문', 'MOU text'), language: 'en', url: 'https://example.gov/mou' },
      { id: 'wire', kind: 'news-analysis', tier: 'news', title: L('통신 기사', 'Wire report'), language: 'en', url: 'https://example.com/wire' },
      { id: 'digest', kind: 'news-analysis', tier: 'third-party-summary', title: L('요약 사이트', 'Digest site'), language: 'en', url: 'https://example.net/digest' },
      { id: 'essay', kind: 'news-analysis', tier: 'commentary', title: L('해설', 'Essay'), language: 'ko' },
      {
        id: 'bot',
        kind: 'news-analysis',
        tier: 'news',
        title: L('자동 생성 요약', 'Machine paraphrase'),
        language: 'en',
        url: 'https://example.org/bot',
        avoid: L('틀린 사실을 지어낸다.', 'Invents facts.'),
      },
    ],
    agreements: [
      {
        id: 'deal',
        kind: 'mou',
        title: { official: L('기술 협력 양해각서', 'Technology MOU'), short: L('기술 MOU', 'Tech MOU') },
        parties: ['US', 'GB'],
        date: '2025-09-18',
        legalNature: { binding: false, description: L('구속력 없음', 'Not binding'), provenance: [{ source: 'text', locator: { section: 'final clauses' } }] },
        summary: L('요약', 'Summary'),
        sources: ['text'],
        provenance: [{ source: 'text' }],
        events: [
          { id: 'paused', date: '2025-12', kind: 'paused', text: L('이행 중단', 'Implementation paused'), provenance: [{ source: 'wire', locator: { section: 'pause' } }] },
          { id: 'signed', date: '2025-09-18', kind: 'signed', text: L('서명', 'Signed'), provenance: [{ source: 'text' }] },
          { id: 'talks', date: '2026-01-10', kind: 'meeting-planned', text: L('협의 예정', 'Talks planned'), provenance: [{ source: 'wire' }] },
        ],
        provisions: [
          { id: '1', sectors: ['ai'], text: L('AI 공동 연구', 'Joint AI research'), provenance: [{ source: 'text', locator: { section: 'II' } }] },
          { id: '2', sectors: ['ai'], text: L('공급망 배제', 'A bloc that excludes rivals'), provenance: [{ source: 'essay', locator: { paragraph: 3 } }, { source: 'digest' }] },
        ],
      },
    ],
    disagreements: [
      {
        id: 'bloc',
        kind: 'commentary-vs-text',
        topic: L('진영 구상인가', 'A bloc strategy?'),
        about: [{ agreement: 'deal', provision: '2' }],
        claims: [
          { text: L('해설: 경쟁국 배제 구상', 'The essay: a strategy to exclude rivals'), provenance: [{ source: 'essay', locator: { paragraph: 3 } }] },
          { text: L('원문은 특정국을 거명하지 않음', 'The text names no country'), provenance: [{ source: 'text', locator: { section: 'Preamble' } }], standing: 'supported' },
        ],
        note: L('해설의 분석으로 표시한다.', 'Shown as the essay’s analysis.'),
      },
    ],
    ...overrides,
  };
}

/** Markdown with its backslash escapes removed: the text a reader sees. */
function unescape(markdown: string): string {
  return markdown.replace(/\\([\\`*_{}[\]()#+\-.!:|<>~])/g, '$1');
}

function problemsOf(content: CatalogFile) {
  return buildCatalog([{ file: 'fixture.json', content: JSON.stringify(content) }]).problems;
}

function withDisagreement(d: Partial<DisagreementData>): CatalogFile {
  const base = file();
  return { ...base, disagreements: [{ ...base.disagreements![0], ...d } as DisagreementData] };
}

describe('official layer: what may be cited, and how', () => {
  it('refuses a source marked to avoid everywhere but in a rejected claim', () => {
    const base = file();
    const cited = { ...base, agreements: [{ ...base.agreements![0], provenance: [{ source: 'bot' }] }] };
    const problems = problemsOf(cited);
    assert.deepEqual(problems.map((p) => [p.code, p.path]), [['avoided-source', '/agreements/0/provenance/0/source']]);

    const rejected = withDisagreement({
      claims: [
        { text: L('10월 18일', '18 October'), provenance: [{ source: 'bot' }], standing: 'rejected' },
        { text: L('9월 18일', '18 September'), provenance: [{ source: 'text' }] },
      ],
    });
    assert.deepEqual(problemsOf(rejected), []);
    const unrejected = withDisagreement({
      claims: [
        { text: L('10월 18일', '18 October'), provenance: [{ source: 'bot' }] },
        { text: L('9월 18일', '18 September'), provenance: [{ source: 'text' }] },
      ],
    });
    assert.deepEqual(problemsOf(unrejected).map((p) => p.code), ['avoided-source']);
  });

  it('warns where a fact rests on third-party summaries alone, not where they corroborate', () => {
    const base = file();
    const alone = { ...base, agreements: [{ ...base.agreements![0], provenance: [{ source: 'digest' }] }] };
    const problems = problemsOf(alone);
    assert.deepEqual(problems.map((p) => [p.code, p.severity, p.path]), [['summary-only', 'warning', '/agreements/0/provenance']]);
    // Provision 2 cites the digest beside the essay: corroboration, no warning (the base file loads clean).
    assert.deepEqual(problemsOf(base), []);
  });

  it('needs two claims resting on different sources, and subjects that exist', () => {
    const sameSources = withDisagreement({
      claims: [
        { text: L('가', 'A'), provenance: [{ source: 'wire' }] },
        { text: L('나', 'B'), provenance: [{ source: 'wire', locator: { section: 'other paragraph' } }] },
      ],
    });
    assert.deepEqual(problemsOf(sameSources).map((p) => p.code), ['one-sided-disagreement']);
    assert.deepEqual(problemsOf(withDisagreement({ claims: [{ text: L('가', 'A'), provenance: [{ source: 'wire' }] }] })).map((p) => p.code), ['schema']);

    const missing = withDisagreement({
      about: [{ agreement: 'deal', provision: '9' }, { agreement: 'deal', event: 'nope' }, { term: 'nope' }, { agreement: 'deal', term: 'x' }, { comparison: 'c', field: 'date' }],
    });
    assert.deepEqual(
      problemsOf(missing).map((p) => [p.code, p.path]),
      [
        ['unknown-ref', '/disagreements/0/about/0/provision'],
        ['unknown-ref', '/disagreements/0/about/1/event'],
        ['unknown-ref', '/disagreements/0/about/2/term/0'],
        ['bad-subject', '/disagreements/0/about/3'],
        ['bad-subject', '/disagreements/0/about/4'],
      ],
    );
  });

  it('checks events: ids unique, dates real, partial dates allowed', () => {
    const base = file();
    const agreement = base.agreements![0];
    const events: EventData[] = [
      { id: 'a', date: '2025-02-30', kind: 'signed', text: L('가', 'A'), provenance: [{ source: 'text' }] },
      { id: 'b', date: '2025', kind: 'related', text: L('나', 'B'), provenance: [{ source: 'text' }] },
      { id: 'b', date: '2025-03', kind: 'related', text: L('다', 'C'), provenance: [{ source: 'text' }] },
    ];
    const result = buildCatalog([{ file: 'fixture.json', content: JSON.stringify({ ...base, disagreements: [], agreements: [{ ...agreement, events }] }) }]);
    assert.deepEqual(result.problems.map((p) => [p.code, p.path]), [
      ['invalid-date', '/agreements/0/events/0/date'],
      ['duplicate-id', '/agreements/0/events/2/id'],
    ]);
    assert.deepEqual(result.catalog.agreements.get('deal')!.events!.map((e) => e.id), ['b']);
  });

  it('shows sources best tier first, each with its tier, and can cap how many', () => {
    const catalog = catalogOf(file());
    const provenance = [{ source: 'essay' }, { source: 'digest' }, { source: 'wire' }, { source: 'text' }];
    const md = sourcesMarkdown(catalog, provenance, 'en', 'Source:');
    const order = ['MOU text', 'Wire report', 'Digest site', 'Essay'].map((t) => md.indexOf(t));
    assert.deepEqual([...order].sort((a, b) => a - b), order, md);
    assert.match(md, /MOU text\]\(https:\/\/example\.gov\/mou\) · `Official`/);
    assert.match(md, /Essay · `Commentary \(analysis\)`/);
    const capped = sourcesMarkdown(catalog, provenance, 'ko', '출처:', { max: 2 });
    assert.ok(!capped.includes('Digest') && !capped.includes('해설'), capped);
    assert.match(capped, /출처 2건 더/);
    assert.equal(restsOnSecondaryOnly(catalog, [{ source: 'wire' }, { source: 'essay' }]), true);
    assert.equal(restsOnSecondaryOnly(catalog, [{ source: 'essay' }, { source: 'text' }]), false);
  });
});

describe('official layer: status derived from events', () => {
  it('takes the latest status-changing event, whatever the order in the file', () => {
    const catalog = catalogOf(file());
    const deal = catalog.agreements.get('deal')!;
    const status = currentStatus(deal)!;
    // Talks planned later (2026-01-10) do not change the status; the pause (2025-12) does, after signing.
    assert.equal(status.state, 'paused');
    assert.equal(status.since, '2025-12');
    assert.equal(status.event?.id, 'paused');
    assert.equal(agreementStatusLabel(deal, 'en'), 'Implementation paused since 2025-12');
    assert.equal(agreementStatusLabel(deal, 'ko'), '2025-12부터 이행 중단');
  });

  it('says an MOU is signed, not "not in force", and falls back to a treaty’s WTO status', () => {
    assert.equal(currentStatus({ events: [{ id: 's', date: '2025-10-28', kind: 'signed', text: L('a', 'a'), provenance: [] }] })?.state, 'concluded');
    assert.equal(agreementStatusLabel({ events: [{ id: 's', date: '2025-10-28', kind: 'signed', text: L('a', 'a'), provenance: [] }] }, 'en'), 'Signed since 2025-10-28');
    assert.equal(agreementStatusLabel({ status: { state: 'in-force', inForce: '2012-03-15' } }, 'en'), 'In force since 2012-03-15');
    assert.equal(agreementStatusLabel({ events: [{ id: 'r', date: '2025', kind: 'related', text: L('a', 'a'), provenance: [] }] }, 'en'), undefined);
    assert.equal(
      currentStatus({
        events: [
          { id: 'p', date: '2025-12', kind: 'paused', text: L('a', 'a'), provenance: [] },
          { id: 'r', date: '2026-03-01', kind: 'resumed', text: L('a', 'a'), provenance: [] },
        ],
      })?.state,
      'implementing',
    );
  });
});

describe('official layer: in the views', () => {
  let catalog: Catalog;
  before(() => {
    catalog = catalogOf(file());
  });

  it('indexes disagreements by the items they are about', () => {
    const index = disagreementIndex(catalog);
    assert.deepEqual(index.about({ agreement: 'deal', provision: '2' }).map((d) => d.id), ['bloc']);
    assert.deepEqual(index.about({ agreement: 'deal', provision: '1' }), []);
    assert.deepEqual(index.inAgreement('deal').map((d) => d.id), ['bloc']);
    assert.equal(disagreementIndex(catalog), index, 'built once per catalog');
  });

  it('marks a disputed provision in the tree, with both claims and their sources in its tooltip', () => {
    const model = new TreeModel(catalog, 'en');
    const agreementItem = model.item(agreementNode('agreements', 'deal'))!;
    assert.match(agreementItem.description!, /Implementation paused since 2025-12/);
    assert.match(agreementItem.description!, /⚠ Disputed/);
    assert.match(agreementItem.tooltip, /\*\*Timeline:\*\*/);
    const sector = model.children(agreementNode('agreements', 'deal'))[0];
    const [first, second] = model.children(sector);
    assert.ok(!model.item(first)!.description!.includes('Disputed'));
    const disputed = model.item(second)!;
    assert.match(disputed.description!, /⚠ Disputed$/);
    const tooltip = unescape(disputed.tooltip);
    assert.match(tooltip, /The essay: a strategy to exclude rivals\*\*  \nSources: Essay \(para\. 3\) `Commentary \(analysis\)`/);
    assert.match(tooltip, /The text names no country\*\* \*\(supported by the other sources\)\*  \nSources: \[MOU text\]\(https:\/\/example\.gov\/mou\) \(§ Preamble\) `Official`/);
    assert.ok(provisionNode(sector as never, catalog.provisions.get('deal/2')!));
  });

  it('gives the agreement document a timeline, the disagreement and secondary-only marks', () => {
    const doc = renderAgreementDocument(catalog, 'deal', 'en')!;
    const lines = unescape(doc.markdown).split('\n');
    assert.equal(lines[doc.timelineLine!], '## Timeline');
    const timeline = lines.slice(doc.timelineLine!, doc.disagreementsLine).join('\n');
    assert.ok(timeline.indexOf('2025-09-18') < timeline.indexOf('2025-12') && timeline.indexOf('2025-12') < timeline.indexOf('2026-01-10'), timeline);
    assert.match(timeline, /\*\*2025-12\*\* · Paused: Implementation paused — \[\d\] § pause/);
    assert.match(unescape(doc.markdown), /- \*\*Status:\*\* Implementation paused since 2025-12 — Implementation paused/);
    assert.equal(lines[doc.disagreementsLine!], '## Where sources disagree (1)');
    assert.match(unescape(doc.markdown), /\*About:\* Tech MOU · atlas item 2/);
    const provision2 = lines.slice(doc.provisionLines.get('deal/2')!, doc.sourcesLine).join('\n');
    assert.match(provision2, /\*secondary only\* · \*⚠ Disputed: see “Where sources disagree” below\*/);
    const provision1 = lines.slice(doc.provisionLines.get('deal/1')!, doc.provisionLines.get('deal/2')!).join('\n');
    assert.ok(!provision1.includes('secondary only'), provision1);
  });

  it('lists each disagreement with its claims, sources and subjects in the Disagreements view', () => {
    const [root] = disagreementRoots(catalog);
    const item = disagreementItem(catalog, root, 'en')!;
    assert.equal(item.label, 'A bloc strategy?');
    assert.equal(item.description, 'Tech MOU · atlas item 2');
    const children = disagreementChildren(catalog, root);
    assert.deepEqual(children.map((c) => c.kind), ['claim', 'claim', 'subject']);
    const claim = disagreementItem(catalog, children[1], 'en')!;
    assert.equal(claim.label, 'The text names no country');
    assert.equal(claim.description, 'Official · supported by the other sources');
    const [source] = disagreementChildren(catalog, children[1]);
    assert.deepEqual(disagreementItem(catalog, source, 'en')!.command, { command: 'techDealAtlas.openSource', arguments: ['text'] });
    assert.deepEqual(disagreementItem(catalog, children[2], 'en')!.command, { command: 'techDealAtlas.openProvision', arguments: ['deal/2'] });
  });

  it('puts events across agreements on one time line, newest year first', () => {
    const model = new TimelineModel(catalog, 'en');
    assert.deepEqual(model.roots(), [{ kind: 'year', year: '2026' }, { kind: 'year', year: '2025' }]);
    const events2025 = model.children({ kind: 'year', year: '2025' });
    assert.deepEqual(events2025.map((n) => (n.kind === 'event' ? n.eventId : '')), ['paused', 'signed']);
    const paused = model.item(events2025[0])!;
    assert.equal(paused.label, '2025-12 · Tech MOU');
    assert.match(paused.description!, /^Paused · Implementation paused/);
    assert.deepEqual(paused.command, { command: 'techDealAtlas.openAgreement', arguments: ['deal', { section: 'timeline' }] });
    assert.match(paused.tooltip, /\$\(book\) Source\\: \[Wire report\]\(https:\/\/example\.com\/wire\) — § pause · `News`/);
  });

  it('shows the derived status in the comparison header and marks secondary-only and disputed provisions', () => {
    const comparison = buildComparison(catalog, ['deal']);
    const html = renderCompareMain({ catalog, comparison, view: { ...DEFAULT_VIEW, agreements: ['deal'] }, lang: 'en', uiLanguage: 'en', strings: COMPARE_STRINGS });
    assert.match(html, /class="meta status status-paused"[^>]*>.*Implementation paused since 2025-12/);
    const secondaryMarks = html.match(/class="mark secondary"/g) ?? [];
    assert.equal(secondaryMarks.length, 1, 'only provision 2 rests on secondary sources alone');
    assert.match(html, /class="mark disputed" title="Sources disagree: A bloc strategy\?/);
  });
});

describe('official layer: the shipped dataset', () => {
  let catalog: Catalog;
  before(async () => {
    const result = await loadShipped();
    assert.deepEqual(result.problems, []);
    catalog = result.catalog;
  });

  /** Every provenance list in the catalog, named by where it is. */
  function provenanceLists(): { where: string; list: readonly Provenance[]; rejected?: boolean }[] {
    const lists: { where: string; list: readonly Provenance[]; rejected?: boolean }[] = [];
    for (const a of catalog.agreements.values()) {
      lists.push({ where: `${a.id} (document)`, list: a.provenance ?? [] }, { where: `${a.id} legal nature`, list: a.legalNature.provenance ?? [] });
      for (const [field, list] of Object.entries(a.fieldProvenance ?? {})) lists.push({ where: `${a.id} ${field}`, list });
      for (const p of a.signatories ?? []) lists.push({ where: `${a.id} signatory ${p.name.en}`, list: p.provenance });
      for (const t of a.title.alternates ?? []) lists.push({ where: `${a.id} alternate title`, list: t.provenance });
      for (const e of a.events ?? []) lists.push({ where: `${a.id} event ${e.id}`, list: e.provenance });
      for (const p of a.provisions) lists.push({ where: p.uid, list: p.provenance });
    }
    for (const t of catalog.terms.values()) lists.push({ where: `term ${t.id}`, list: t.provenance });
    for (const c of catalog.comparisons) lists.push({ where: `comparison ${c.id}`, list: c.provenance });
    for (const d of catalog.disagreements) d.claims.forEach((c, i) => lists.push({ where: `${d.id} claim ${i + 1}`, list: c.provenance, rejected: c.standing === 'rejected' }));
    return lists;
  }

  it('cites at least one known source for every provision, term and comparison note', () => {
    const items = [...catalog.provisions.values(), ...catalog.terms.values(), ...catalog.comparisons];
    assert.ok(items.length > 150, `${items.length} items`);
    for (const item of items) {
      const known = item.provenance.filter((p) => catalog.sources.has(p.source));
      assert.ok(known.length > 0, `${'uid' in item ? item.uid : item.id} cites no source`);
    }
  });

  it('gives every source a tier and a web address, or is the article', () => {
    assert.ok(catalog.sources.size > 100, `${catalog.sources.size} sources`);
    for (const source of catalog.sources.values()) {
      assert.ok(source.tier, `${source.id} has no tier`);
      if (source.id === 'seed-commentary') assert.equal(source.tier, 'commentary');
      else assert.match(source.url ?? '', /^https?:\/\/\S+$/, `${source.id} has no address`);
    }
  });

  it('rests nothing on third-party summaries alone, and nothing but rejected claims on a source to avoid', () => {
    for (const { where, list, rejected } of provenanceLists()) {
      const tiers = list.map((p) => sourceTier(catalog.sources.get(p.source)!));
      assert.ok(tiers.length === 0 || tiers.some((t) => t !== 'third-party-summary'), `${where} rests on third-party summaries alone`);
      if (!rejected) assert.ok(!list.some((p) => catalog.sources.get(p.source)!.avoid), `${where} cites a source to avoid`);
    }
    const avoided = [...catalog.sources.values()].filter((s) => s.avoid).map((s) => s.id);
    assert.deepEqual(avoided, ['s132'], 'the notes mark one source as unusable');
  });

  it('keeps every flagged disagreement with at least two claims from different sources', () => {
    assert.equal(catalog.disagreements.length, 16, 'the notes flag sixteen points (F1–F16)');
    for (const d of catalog.disagreements) {
      assert.ok(d.claims.length >= 2, d.id);
      const sourceSets = new Set(d.claims.map((c) => c.provenance.map((p) => p.source).sort().join(' ')));
      assert.ok(sourceSets.size >= 2, `${d.id}: claims cite the same sources`);
      assert.equal(new Set(d.claims.map((c) => c.text.en)).size, d.claims.length, `${d.id}: two claims say the same`);
      assert.ok(d.about.length >= 1, d.id);
    }
    // The points the issue names: who signed, the fact sheet on enrichment, where submarines are built, the UK dates.
    const about = (subject: DisagreementSubject) => disagreementIndex(catalog).about(subject).length > 0;
    assert.ok(about({ agreement: 'kr-us-tpd', field: 'signatories' }), 'who signed the ROK–US MOU');
    assert.ok(catalog.disagreements.some((d) => d.kind === 'commentary-vs-text' && d.claims.some((c) => c.provenance.some((p) => p.source === 'seed-commentary'))), 'the article’s characterisations');
    assert.ok(disagreementIndex(catalog).inAgreement('kr-us-jfs').length >= 4, 'enrichment, shipbuilding, submarine site, dates');
    assert.ok(disagreementIndex(catalog).inAgreement('us-uk-tpd').length >= 1, 'the UK dates and status');
  });

  it('dates and sources every event, and derives each document’s status as the notes give it', () => {
    for (const a of catalog.agreements.values()) {
      for (const e of a.events ?? []) {
        assert.match(e.date, /^\d{4}(-\d{2}(-\d{2})?)?$/, `${a.id}:${e.id}`);
        assert.ok(e.provenance.length > 0, `${a.id}:${e.id} has no source`);
      }
    }
    const status = (id: string) => {
      const s = currentStatus(catalog.agreements.get(id)!)!;
      return { state: s.state, since: s.since };
    };
    // ROK–US MOU: an implementation working group agreed in New Delhi on 20–21 Feb 2026.
    assert.deepEqual(status('kr-us-tpd'), { state: 'implementing', since: '2026-02-21' });
    // US–UK: the US paused implementation in December 2025.
    assert.deepEqual(status('us-uk-tpd'), { state: 'paused', since: '2025-12' });
    // US–Japan: signed 28 Oct 2025; nothing recorded since.
    assert.deepEqual(status('us-jp-tpd'), { state: 'concluded', since: '2025-10-28' });
    // Joint Fact Sheet: released 13 Nov 2025, carried out through separate instruments (the December tariff notice).
    assert.deepEqual(status('kr-us-jfs'), { state: 'implementing', since: '2025-12' });
    assert.equal(agreementStatusLabel(catalog.agreements.get('us-uk-tpd')!, 'en'), 'Implementation paused since 2025-12');
  });

  it('labels the article as analysis wherever it is shown, never as agreement text', () => {
    const seed = catalog.sources.get('seed-commentary')!;
    assert.equal(sourceTier(seed), 'commentary');
    const md = sourcesMarkdown(catalog, [{ source: 'seed-commentary', locator: { paragraph: 2 } }], 'en', 'Source:');
    assert.match(md, /`Commentary \(analysis\)`/);
    const tpd = catalog.terms.get('technology-prosperity-deal')!;
    assert.ok(disagreementIndex(catalog).about({ term: tpd.id }).length > 0, 'the bloc reading is kept as a disagreement');
  });

  it('has a glossary that grew to the terms the research notes define, each with a non-article source', () => {
    for (const id of ['artemis-accords', 'clps', 'caisi', 'uk-aisi', 'jt-60sa', 'masga', 'agreement-123', 'korus', 'ostp', 'moc', 'beyond-5g', 'pnt']) {
      const term = catalog.terms.get(id);
      assert.ok(term, `no term ${id}`);
      assert.ok(term.provenance.some((p) => p.source !== 'seed-commentary'), `${id} rests on the article only`);
    }
    assert.ok(catalog.terms.size >= 75, `${catalog.terms.size} terms`);
  });
});
