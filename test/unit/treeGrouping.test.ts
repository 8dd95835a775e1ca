// The Agreements view grouped (party, year, kind, status), chaptered agreements, blocs in the party filter, and the
// cost of the roots at the size of the imported corpus (450 agreements, ~41,000 provisions).
import { strict as assert } from 'node:assert';
import { buildCatalog } from '../../src/core/catalog/catalogLoader';
import { renderMarkdown } from '../../src/core/text/markdown';
import type { Agreement, AgreementData, Catalog, CatalogFile, Lang, Provision } from '../../src/core/catalog/model';
import {
  AGREEMENT_GROUPINGS,
  agreementNode,
  BLOC_ICON,
  COUNTRY_ICON,
  groupNode,
  NO_FILTER,
  TreeModel,
  type AgreementGrouping,
  type TreeNode,
} from '../../src/core/tree/treeModel';

const L = (ko: string, en: string) => ({ ko, en });

function catalogOf(file: CatalogFile): Catalog {
  const { catalog, problems } = buildCatalog([{ file: 'fixture.json', content: JSON.stringify(file) }]);
  assert.deepEqual(problems, [], 'fixture catalog has problems');
  return catalog;
}

const PARTIES: CatalogFile['parties'] = [
  { id: 'KR', alpha3: 'KOR', name: L('대한민국', 'Republic of Korea'), short: L('한국', 'Korea') },
  { id: 'US', alpha3: 'USA', name: L('미합중국', 'United States of America'), short: L('미국', 'US') },
  { id: 'JP', alpha3: 'JPN', name: L('일본', 'Japan'), short: L('일본', 'Japan') },
  { id: 'DE', alpha3: 'DEU', name: L('독일', 'Germany'), short: L('독일', 'Germany') },
  { id: 'FR', alpha3: 'FRA', name: L('프랑스', 'France'), short: L('프랑스', 'France') },
  { id: 'CL', alpha3: 'CHL', name: L('칠레', 'Chile'), short: L('칠레', 'Chile') },
  // In no agreement: the party filter does not offer it.
  { id: 'GB', alpha3: 'GBR', name: L('영국', 'United Kingdom'), short: L('영국', 'UK') },
  { id: 'EU', kind: 'bloc', name: L('유럽연합', 'European Union'), short: L('EU', 'EU'), members: ['DEU', 'FRA'], aliases: ['EU'] },
];
const SECTORS: CatalogFile['sectors'] = [
  { id: 'trade', name: L('무역', 'Trade'), description: L('무역', 'Trade'), icon: 'package' },
  { id: 'digital', name: L('디지털', 'Digital'), description: L('디지털', 'Digital'), icon: 'device-desktop' },
];
const SOURCES: CatalogFile['sources'] = [{ id: 'src', kind: 'corpus-copy', title: { en: 'Corpus copy' }, language: 'en' }];

type Spec = Partial<AgreementData> & Pick<AgreementData, 'id' | 'kind' | 'parties'> & { provs: { id: string; sectors: string[]; chapter?: string }[] };

function agreement({ provs, ...spec }: Spec): AgreementData {
  return {
    title: { official: { en: `${spec.id} official` }, short: { en: `${spec.id} short` } },
    legalNature: { binding: null, description: L('미상', 'Not stated') },
    summary: L('요약', 'Summary'),
    sources: ['src'],
    ...spec,
    provisions: provs.map((p) => ({ ...p, text: { en: `${spec.id} article ${p.id}` }, provenance: [{ source: 'src' }] })),
  };
}

const TOTA = { provisionNumbering: { en: 'ToTA article', ko: 'ToTA 조문' } };

const FIXTURE: CatalogFile = {
  parties: PARTIES,
  sectors: SECTORS,
  sources: SOURCES,
  agreements: [
    agreement({
      id: 'eu-kr',
      kind: 'free-trade-agreement',
      otherKinds: ['economic-integration-agreement'],
      // Alpha-3 codes, as a corpus gives them: the loader turns them into party ids.
      parties: ['DEU', 'FRA', 'KOR'],
      blocs: ['EU'],
      date: '2010-10-06',
      status: { state: 'in-force', inForce: '2011-07-01' },
      ...TOTA,
      chapters: [{ id: '901', title: { en: 'Preamble' } }, { id: '1812' }, { id: '903', title: { es: 'Comercio electrónico' } }],
      provs: [
        { id: '15225', sectors: ['trade'], chapter: '901' },
        { id: '15226', sectors: ['trade'], chapter: '1812' },
        { id: '15227', sectors: ['digital'], chapter: '1812' },
        { id: '15228', sectors: ['digital'], chapter: '903' },
        { id: '15229', sectors: ['trade'] },
      ],
    }),
    agreement({ id: 'kr-us', kind: 'mou', parties: ['KR', 'US'], date: '2025-10-29', provs: [{ id: '1', sectors: ['digital'] }, { id: '2', sectors: ['trade'] }] }),
    agreement({ id: 'us-jp', kind: 'free-trade-agreement', parties: ['US', 'JP'], date: '2019-10-07', status: { state: 'inactive', inactive: '2023-01-01' }, provs: [{ id: '1', sectors: ['trade'] }] }),
    agreement({ id: 'jp-kr', kind: 'customs-union', parties: ['JP', 'KR'], status: { state: 'signed' }, provs: [{ id: '1', sectors: ['trade'] }] }),
    agreement({ id: 'eu-cl', kind: 'free-trade-agreement', parties: ['DE', 'FR', 'CL'], blocs: ['EU'], date: '2019-03-01', status: { state: 'in-force' }, provs: [{ id: '1', sectors: ['trade'] }] }),
  ],
};

function walk(model: TreeModel, roots: TreeNode[] = model.roots('agreements')): { node: TreeNode; depth: number }[] {
  const out: { node: TreeNode; depth: number }[] = [];
  const visit = (node: TreeNode, depth: number) => {
    out.push({ node, depth });
    for (const child of model.children(node)) visit(child, depth + 1);
  };
  for (const root of roots) visit(root, 0);
  return out;
}

/** Label — description of each node down to `maxDepth`. */
function outline(model: TreeModel, maxDepth = 1): string[] {
  return walk(model)
    .filter(({ depth }) => depth <= maxDepth)
    .map(({ node, depth }) => {
      const item = model.item(node)!;
      return `${'  '.repeat(depth)}${item.label}${item.description ? ` — ${item.description}` : ''}`;
    });
}

const model = (lang: Lang, grouping: AgreementGrouping, filter = NO_FILTER) => new TreeModel(catalogOf(FIXTURE), lang, filter, grouping);

describe('tree grouping', () => {
  it('by party: a group per side, a bloc agreement under the bloc and not under its members, sorted by name, with counts', () => {
    assert.deepEqual(outline(model('en', 'party')), [
      'Chile — 1 agreement',
      '  eu-cl short — 2019-03-01 · EU · Chile',
      'European Union — 2 agreements',
      '  eu-cl short — 2019-03-01 · EU · Chile',
      '  eu-kr short — 2010-10-06 · EU · Korea',
      'Japan — 2 agreements',
      '  us-jp short — 2019-10-07 · US · Japan',
      '  jp-kr short — Japan · Korea',
      'Republic of Korea — 3 agreements',
      '  kr-us short — 2025-10-29 · Korea · US',
      '  eu-kr short — 2010-10-06 · EU · Korea',
      '  jp-kr short — Japan · Korea',
      'United States of America — 2 agreements',
      '  kr-us short — 2025-10-29 · Korea · US',
      '  us-jp short — 2019-10-07 · US · Japan',
    ]);
    const ko = model('ko', 'party');
    assert.deepEqual(
      ko.roots('agreements').map((n) => `${ko.item(n)!.label} — ${ko.item(n)!.description}`),
      ['대한민국 — 협정 3건', '미합중국 — 협정 2건', '유럽연합 — 협정 2건', '일본 — 협정 2건', '칠레 — 협정 1건'],
    );
  });

  it('by party: blocs and countries have their own icons, and the tooltip says where bloc agreements are', () => {
    const m = model('en', 'party');
    const eu = m.item(groupNode({ by: 'party', key: 'EU' }))!;
    const kr = m.item(groupNode({ by: 'party', key: 'KR' }))!;
    assert.equal(eu.icon, BLOC_ICON);
    assert.equal(kr.icon, COUNTRY_ICON);
    assert.equal(eu.contextValue, 'agreementGroup');
    assert.match(renderMarkdown(eu.tooltip), /as a side/);
    assert.match(renderMarkdown(kr.tooltip), /under the bloc/);
    assert.equal(m.item(groupNode({ by: 'party', key: 'DE' })), undefined, 'no group for a member state with no agreement of its own');
  });

  it('by year signed: newest first, "Date not given" last', () => {
    assert.deepEqual(outline(model('en', 'year')), [
      '2025 — 1 agreement',
      '  kr-us short — 2025-10-29 · Korea · US',
      '2019 — 2 agreements',
      '  us-jp short — 2019-10-07 · US · Japan',
      '  eu-cl short — 2019-03-01 · EU · Chile',
      '2010 — 1 agreement',
      '  eu-kr short — 2010-10-06 · EU · Korea',
      'Date not given — 1 agreement',
      '  jp-kr short — Japan · Korea',
    ]);
    const ko = model('ko', 'year');
    assert.deepEqual(ko.roots('agreements').map((n) => ko.item(n)!.label), ['2025년', '2019년', '2010년', '날짜 미상']);
  });

  it('by kind: the combined label as given, by label', () => {
    assert.deepEqual(outline(model('en', 'kind'), 0), [
      'Customs union — 1 agreement',
      'Free trade agreement — 2 agreements',
      'Free trade agreement & Economic integration agreement — 1 agreement',
      'MOU — 1 agreement',
    ]);
    assert.deepEqual(model('en', 'kind').roots('agreements').map((n) => n.nodeId), [
      'group:kind:customs-union',
      'group:kind:free-trade-agreement',
      'group:kind:free-trade-agreement+economic-integration-agreement',
      'group:kind:mou',
    ]);
  });

  it('by status: In force, Signed, Inactive, Status not given', () => {
    assert.deepEqual(outline(model('en', 'status')), [
      'In force — 2 agreements',
      '  eu-cl short — 2019-03-01 · EU · Chile',
      '  eu-kr short — 2010-10-06 · EU · Korea',
      'Signed, not in force — 1 agreement',
      '  jp-kr short — Japan · Korea',
      'Inactive — 1 agreement',
      '  us-jp short — 2019-10-07 · US · Japan',
      'Status not given — 1 agreement',
      '  kr-us short — 2025-10-29 · Korea · US',
    ]);
    const ko = model('ko', 'status');
    assert.deepEqual(ko.roots('agreements').map((n) => ko.item(n)!.description), ['협정 2건', '협정 1건', '협정 1건', '협정 1건']);
  });

  it('none: the flat list, ids as before grouping existed', () => {
    const m = model('en', 'none');
    assert.deepEqual(m.roots('agreements'), ['kr-us', 'us-jp', 'eu-cl', 'eu-kr', 'jp-kr'].map((id) => agreementNode('agreements', id)));
    assert.deepEqual(m.roots('agreements').map((n) => n.nodeId), ['A:kr-us', 'A:us-jp', 'A:eu-cl', 'A:eu-kr', 'A:jp-kr']);
  });

  it('gives every node of every grouping a unique id, the same in both languages and on every rebuild', () => {
    for (const grouping of AGREEMENT_GROUPINGS) {
      const ko = walk(model('ko', grouping)).map(({ node }) => node.nodeId);
      const en = walk(model('en', grouping)).map(({ node }) => node.nodeId);
      assert.equal(new Set(en).size, en.length, `${grouping}: duplicate ids`);
      assert.deepEqual(new Set(ko), new Set(en), grouping);
      assert.deepEqual(walk(model('en', grouping)).map(({ node }) => node.nodeId), en, `${grouping}: stable across rebuilds`);
    }
    assert.deepEqual(model('en', 'party').roots('agreements').map((n) => n.nodeId), ['group:party:CL', 'group:party:EU', 'group:party:JP', 'group:party:KR', 'group:party:US']);
    assert.deepEqual(model('en', 'year').roots('agreements').map((n) => n.nodeId), ['group:year:2025', 'group:year:2019', 'group:year:2010', 'group:year:(none)']);
  });

  it('parent() inverts children() for every node of every grouping (reveal relies on it)', () => {
    for (const grouping of AGREEMENT_GROUPINGS) {
      const m = model('en', grouping);
      for (const root of m.roots('agreements')) assert.equal(m.parent(root), undefined);
      for (const { node } of walk(m)) for (const child of m.children(node)) assert.deepEqual(m.parent(child), node, `${grouping}: ${child.nodeId}`);
    }
  });
});

describe('tree chapters', () => {
  it('shows agreement → chapters → provisions, an unnamed part labelled as such, never with a number of ours', () => {
    const m = model('en', 'none');
    const euKr = agreementNode('agreements', 'eu-kr');
    assert.deepEqual(outline(m, 9).slice(outline(m, 9).indexOf('eu-kr short — 2010-10-06 · EU · Korea')).slice(0, 10), [
      'eu-kr short — 2010-10-06 · EU · Korea',
      '  Preamble — 1 provision',
      '    eu-kr article 15225 — ToTA article 15225',
      '  Unnamed part — 2 provisions',
      '    eu-kr article 15226 — ToTA article 15226',
      '    eu-kr article 15227 — ToTA article 15227',
      '  [ES] Comercio electrónico — 1 provision',
      '    eu-kr article 15228 — ToTA article 15228',
      '  Outside the chapters — 1 provision',
      '    eu-kr article 15229 — ToTA article 15229',
    ]);
    const unnamed = m.children(euKr)[1];
    assert.equal(unnamed.nodeId, 'A:eu-kr>chapter:1812');
    const item = m.item(unnamed)!;
    assert.equal(item.contextValue, 'chapter');
    assert.ok(!`${item.label} ${item.description} ${item.accessibilityLabel}`.includes('1812'), 'the data id is not presented as a chapter number');
    const tooltip = renderMarkdown(item.tooltip);
    assert.match(tooltip, /The source gives this part no title/);
    assert.match(tooltip, /<code>1812<\/code>: the dataset's identifier for this part, not the agreement's own chapter number/);
    assert.match(tooltip, /ToTA article 15226 to ToTA article 15227/);
    const ko = model('ko', 'none');
    assert.deepEqual(ko.children(euKr).map((n) => `${ko.item(n)!.label} — ${ko.item(n)!.description}`), [
      '[EN] Preamble — 조항 1개',
      '제목 없는 부분 — 조항 2개',
      '[ES] Comercio electrónico — 조항 1개',
      '장 밖의 조항 — 조항 1개',
    ]);
  });

  it('an agreement without chapters keeps its sector level', () => {
    const m = model('en', 'none');
    assert.deepEqual(m.children(agreementNode('agreements', 'kr-us')).map((n) => m.item(n)!.label), ['Digital', 'Trade']);
  });

  it('a sector filter hides chapters without a matching provision', () => {
    const m = model('en', 'status', { sectors: ['digital'], parties: [] });
    assert.deepEqual(outline(m, 3), [
      'In force — 1 agreement',
      '  eu-kr short — 2010-10-06 · EU · Korea',
      '    Unnamed part — 1 provision',
      '      eu-kr article 15227 — ToTA article 15227',
      '    [ES] Comercio electrónico — 1 provision',
      '      eu-kr article 15228 — ToTA article 15228',
      'Status not given — 1 agreement',
      '  kr-us short — 2025-10-29 · Korea · US',
      '    Digital — 1 provision',
      '      kr-us article 1 — atlas item 1',
    ]);
    assert.equal(m.locate({ kind: 'provision', id: 'eu-kr/15225' }), undefined, 'a provision the filter hides is not located');
  });

  it('reveal: a provision under a chapter under an agreement under a group, with a parent chain to the root', () => {
    const m = model('en', 'party');
    const node = m.locate({ kind: 'provision', id: 'eu-kr/15227' })!;
    const chain: string[] = [];
    for (let n: TreeNode | undefined = node; n; n = m.parent(n)) chain.push(n.nodeId);
    // The first of its groups in display order: European Union before Republic of Korea.
    assert.deepEqual(chain, [
      'group:party:EU>A:eu-kr>chapter:1812>eu-kr/15227',
      'group:party:EU>A:eu-kr>chapter:1812',
      'group:party:EU>A:eu-kr',
      'group:party:EU',
    ]);
    // Every link is a real child of the next (VS Code's reveal walks getParent, then expands through getChildren).
    for (let n: TreeNode | undefined = node; n && m.parent(n); n = m.parent(n)) {
      assert.ok(m.children(m.parent(n)!).some((c) => c.nodeId === n!.nodeId), n.nodeId);
    }
    assert.ok(m.roots('agreements').some((r) => r.nodeId === 'group:party:EU'));

    // Near a node of the Korea group (the selection), it stays in that group.
    const nearKorea = m.children(groupNode({ by: 'party', key: 'KR' }))[0];
    assert.equal(m.locate({ kind: 'provision', id: 'eu-kr/15227' }, 'agreements', nearKorea)?.nodeId, 'group:party:KR>A:eu-kr>chapter:1812>eu-kr/15227');
    assert.equal(m.locate({ kind: 'agreement', id: 'eu-kr' }, 'agreements', nearKorea)?.nodeId, 'group:party:KR>A:eu-kr');
    // Near a group that does not hold it, the first group again.
    assert.equal(m.locate({ kind: 'agreement', id: 'kr-us' }, 'agreements', groupNode({ by: 'party', key: 'EU' }))?.nodeId, 'group:party:KR>A:kr-us');
    // The Sectors view is never grouped.
    assert.equal(m.locate({ kind: 'provision', id: 'eu-kr/15227' }, 'sectors')?.nodeId, 'S:digital>eu-kr>eu-kr/15227');
  });

  it('reveal in the other groupings and the flat list', () => {
    const expected: Record<AgreementGrouping, string> = {
      none: 'A:eu-kr>chapter:901>eu-kr/15225',
      party: 'group:party:EU>A:eu-kr>chapter:901>eu-kr/15225',
      year: 'group:year:2010>A:eu-kr>chapter:901>eu-kr/15225',
      kind: 'group:kind:free-trade-agreement+economic-integration-agreement>A:eu-kr>chapter:901>eu-kr/15225',
      status: 'group:status:in-force>A:eu-kr>chapter:901>eu-kr/15225',
    };
    for (const grouping of AGREEMENT_GROUPINGS) {
      const m = model('en', grouping);
      assert.equal(m.locate({ kind: 'provision', id: 'eu-kr/15225' })?.nodeId, expected[grouping]);
      assert.equal(m.locate({ kind: 'provision', id: 'eu-kr/15229' })?.nodeId, expected[grouping].replace('chapter:901>eu-kr/15225', 'chapter:(none)>eu-kr/15229'));
      assert.equal(m.locate({ kind: 'provision', id: 'jp-kr/1' })?.kind, 'provision');
    }
  });
});

describe('party filter with blocs', () => {
  const ids = (m: TreeModel) => m.visibleAgreements().map((a) => a.id);

  it('by a bloc keeps the agreements it is a side of', () => {
    assert.deepEqual(ids(model('en', 'none', { sectors: [], parties: ['EU'] })), ['eu-cl', 'eu-kr']);
  });

  it('by a member state also keeps the agreements it is party to as a member', () => {
    assert.deepEqual(ids(model('en', 'none', { sectors: [], parties: ['DE'] })), ['eu-cl', 'eu-kr']);
    assert.deepEqual(ids(model('en', 'none', { sectors: [], parties: ['CL'] })), ['eu-cl']);
    assert.deepEqual(ids(model('en', 'none', { sectors: [], parties: ['KR'] })), ['kr-us', 'eu-kr', 'jp-kr']);
  });

  it('narrows the groups too', () => {
    const m = model('en', 'party', { sectors: [], parties: ['EU'] });
    assert.deepEqual(outline(m, 0), ['Chile — 1 agreement', 'European Union — 2 agreements', 'Republic of Korea — 1 agreement']);
  });

  it('offers only parties some agreement names, blocs first, then by name, with agreement counts', () => {
    const choices = model('en', 'none').partyChoices();
    assert.deepEqual(choices.map((c) => `${c.party.id}${c.bloc ? ' (bloc)' : ''}: ${c.agreements}`), [
      'EU (bloc): 2',
      'CL: 1',
      'FR: 2',
      'DE: 2',
      'JP: 2',
      'KR: 3',
      'US: 2',
    ]);
    assert.deepEqual(model('ko', 'none').partyChoices().map((c) => c.party.id), ['EU', 'KR', 'DE', 'US', 'JP', 'CL', 'FR']);
  });
});

describe('tree cost at corpus size', () => {
  // 450 agreements of 90 provisions, a third with a bloc and chapters: what the ToTA import brings.
  function corpus(): { catalog: Catalog; reads: () => number } {
    const agreements: AgreementData[] = [];
    const countries = PARTIES!.filter((p) => p.kind !== 'bloc' && p.id !== 'EU').map((p) => p.id);
    for (let i = 0; i < 450; i++) {
      const bloc = i % 3 === 0;
      const other = countries[i % countries.length];
      agreements.push(
        agreement({
          id: `t-${i}`,
          kind: i % 2 ? 'free-trade-agreement' : 'customs-union',
          ...(i % 4 ? { otherKinds: ['economic-integration-agreement' as const] } : {}),
          parties: bloc ? ['DE', 'FR', ...(other === 'DE' || other === 'FR' ? [] : [other])] : [other, countries[(i + 1) % countries.length]],
          ...(bloc ? { blocs: ['EU'] } : {}),
          ...(i % 10 ? { date: `${1960 + (i % 60)}-01-01` } : {}),
          ...(i % 5 ? { status: { state: (['in-force', 'signed', 'inactive'] as const)[i % 3] } } : {}),
          ...(bloc ? { chapters: [{ id: 'c1', title: { en: 'One' } }, { id: 'c2' }] } : {}),
          provs: Array.from({ length: 90 }, (_, j) => ({ id: String(j + 1), sectors: [j % 2 ? 'trade' : 'digital'], ...(bloc ? { chapter: j < 45 ? 'c1' : 'c2' } : {}) })),
        }),
      );
    }
    const built = buildCatalog([{ file: 'corpus.json', content: JSON.stringify({ ...FIXTURE, agreements }) }], { trusted: () => true }).catalog;
    // Every read of a provision through an agreement's list is counted (`length` is free).
    let count = 0;
    const counted = (list: readonly Provision[]) =>
      new Proxy(list, {
        get(target, key, receiver) {
          if (typeof key === 'string' && /^\d+$/.test(key)) count++;
          return Reflect.get(target, key, receiver);
        },
      });
    const wrapped = new Map<string, Agreement>([...built.agreements].map(([id, a]) => [id, { ...a, provisions: counted(a.provisions) }]));
    return { catalog: { ...built, agreements: wrapped }, reads: () => count };
  }

  it('builds the roots of every grouping, their items and the agreements under each group without reading a provision', () => {
    const { catalog, reads } = corpus();
    assert.equal(catalog.provisions.size, 450 * 90);
    for (const grouping of AGREEMENT_GROUPINGS) {
      for (const lang of ['ko', 'en'] as const) {
        const m = new TreeModel(catalog, lang, NO_FILTER, grouping);
        const roots = m.roots('agreements');
        for (const root of roots) {
          assert.ok(m.item(root));
          if (root.kind === 'group') for (const child of m.children(root)) assert.ok(m.item(child)!.collapsible);
        }
        if (grouping === 'party') assert.equal(m.item(groupNode({ by: 'party', key: 'EU' }))!.description, lang === 'en' ? '150 agreements' : '협정 150건');
      }
    }
    assert.equal(reads(), 0);
  });

  it('reads only the expanded agreement’s provisions when it is expanded', () => {
    const { catalog, reads } = corpus();
    const m = new TreeModel(catalog, 'en', NO_FILTER, 'party');
    const eu = m.roots('agreements').find((n) => n.nodeId === 'group:party:EU')!;
    const first = m.children(eu)[0];
    const chapters = m.children(first);
    assert.deepEqual(chapters.map((c) => `${m.item(c)!.label} — ${m.item(c)!.description}`), ['One — 45 provisions', 'Unnamed part — 45 provisions']);
    assert.ok(reads() <= 90 * 2, `${reads()} provision reads`);
  });
});
