import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { buildCatalog } from '../../src/core/catalog/catalogLoader';
import { formatCitation } from '../../src/core/citation/citation';
import { renderMarkdown } from '../../src/core/text/markdown';
import { truncate } from '../../src/core/text/truncate';
import { text, type Catalog, type CatalogFile, type Lang } from '../../src/core/catalog/model';
import {
  agreementIdsFromArgs,
  agreementNode,
  describeFilter,
  hasChapters,
  NO_FILTER,
  NO_SECTOR,
  provisionUidsFromArgs,
  sectorIdFromArgs,
  TreeModel,
  type TreeNode,
  type TreeViewKind,
} from '../../src/core/tree/treeModel';
import { loadShipped } from './shippedData.test';

const L = (ko: string, en: string) => ({ ko, en });

/** A catalog built through the real loader (so the fixtures are valid data), failing on any problem. */
export function catalogOf(file: CatalogFile): Catalog {
  const { catalog, problems } = buildCatalog([{ file: 'fixture.json', content: JSON.stringify(file) }]);
  assert.deepEqual(problems, [], 'fixture catalog has problems');
  return catalog;
}

const PARTIES = [
  { id: 'KR', name: L('대한민국', 'Republic of Korea'), short: L('한국', 'ROK') },
  { id: 'US', name: L('미국', 'United States'), short: L('미국', 'US') },
  { id: 'JP', name: L('일본', 'Japan'), short: L('일본', 'Japan') },
];
// Korean and English orders differ: ko 가(space) < 나(quantum) < 다(ai); en AI < Quantum < Space.
const SECTORS = [
  { id: 'ai', name: L('다 인공지능', 'AI'), description: L('AI 설명', 'AI description'), icon: 'hubot' },
  { id: 'quantum', name: L('나 양자', 'Quantum'), description: L('양자 설명', 'Quantum description'), icon: 'pulse' },
  { id: 'space', name: L('가 우주', 'Space'), description: L('우주 설명', 'Space description'), icon: 'rocket' },
];
const SOURCES = [{ id: 'src', kind: 'news-analysis' as const, title: L('기사', 'Article'), language: 'ko' as const }];
const prov = (paragraph: number) => [{ source: 'src', locator: { paragraph } }];

function agreement(id: string, parties: string[], date: string | undefined, provisions: { id: string; sectors: string[] }[]) {
  return {
    id,
    kind: 'mou' as const,
    title: { official: L(`${id} 공식`, `${id} official`), short: L(`${id} 약칭`, `${id} short`) },
    parties,
    ...(date ? { date } : {}),
    legalNature: { binding: false, description: L('구속력 없음', 'Not binding') },
    summary: L('요약', 'Summary'),
    sources: ['src'],
    provisions: provisions.map((p, i) => ({ ...p, text: L(`${id} 조항 ${p.id}`, `${id} provision ${p.id}`), provenance: prov(i + 1) })),
  };
}

const FIXTURE: CatalogFile = {
  parties: PARTIES,
  sectors: SECTORS,
  sources: SOURCES,
  agreements: [
    agreement('kr-us', ['KR', 'US'], '2025-10-29', [
      { id: '1', sectors: ['ai'] },
      { id: '2', sectors: ['ai', 'quantum'] },
      { id: '10', sectors: ['space'] },
    ]),
    agreement('us-jp', ['US', 'JP'], '2025-10-28', [{ id: '1', sectors: ['quantum'] }]),
    agreement('kr-us-jfs', ['KR', 'US'], undefined, [{ id: '1', sectors: ['ai'] }]),
  ],
};

/** Every node of a view, depth first, with its depth. */
function walk(model: TreeModel, view: TreeViewKind): { node: TreeNode; depth: number }[] {
  const out: { node: TreeNode; depth: number }[] = [];
  const visit = (node: TreeNode, depth: number) => {
    out.push({ node, depth });
    for (const child of model.children(node)) visit(child, depth + 1);
  };
  for (const root of model.roots(view)) visit(root, 0);
  return out;
}

/** The tree as nested labels, for exact structure assertions. */
function outline(model: TreeModel, view: TreeViewKind): string[] {
  return walk(model, view).map(({ node, depth }) => {
    const item = model.item(node)!;
    return `${'  '.repeat(depth)}${item.label}${item.description ? ` — ${item.description}` : ''}`;
  });
}

describe('tree model', () => {
  const catalog = catalogOf(FIXTURE);

  it('Agreements view: newest first (undated last), sectors by localized name with counts, provisions in document order', () => {
    assert.deepEqual(outline(new TreeModel(catalog, 'en'), 'agreements'), [
      'kr-us short — 2025-10-29 · ROK · US',
      '  AI — 2 provisions',
      '    kr-us provision 1 — atlas item 1',
      '    kr-us provision 2 — atlas item 2',
      '  Quantum — 1 provision',
      '    kr-us provision 2 — atlas item 2',
      '  Space — 1 provision',
      '    kr-us provision 10 — atlas item 10',
      'us-jp short — 2025-10-28 · US · Japan',
      '  Quantum — 1 provision',
      '    us-jp provision 1 — atlas item 1',
      'kr-us-jfs short — ROK · US',
      '  AI — 1 provision',
      '    kr-us-jfs provision 1 — atlas item 1',
    ]);
  });

  it('Sectors view pivots: sector → agreements → provisions, in Korean collation order', () => {
    assert.deepEqual(outline(new TreeModel(catalog, 'ko'), 'sectors'), [
      '가 우주 — 협정 1건 · 조항 1개',
      '  kr-us 약칭 — 조항 1개',
      '    kr-us 조항 10 — 아틀라스 항목 10',
      '나 양자 — 협정 2건 · 조항 2개',
      '  kr-us 약칭 — 조항 1개',
      '    kr-us 조항 2 — 아틀라스 항목 2',
      '  us-jp 약칭 — 조항 1개',
      '    us-jp 조항 1 — 아틀라스 항목 1',
      '다 인공지능 — 협정 2건 · 조항 3개',
      '  kr-us 약칭 — 조항 2개',
      '    kr-us 조항 1 — 아틀라스 항목 1',
      '    kr-us 조항 2 — 아틀라스 항목 2',
      '  kr-us-jfs 약칭 — 조항 1개',
      '    kr-us-jfs 조항 1 — 아틀라스 항목 1',
    ]);
  });

  it('sector filter keeps only the chosen sectors in both views', () => {
    const model = new TreeModel(catalog, 'en', { sectors: ['quantum'], parties: [] });
    assert.deepEqual(outline(model, 'agreements'), [
      'kr-us short — 2025-10-29 · ROK · US',
      '  Quantum — 1 provision',
      '    kr-us provision 2 — atlas item 2',
      'us-jp short — 2025-10-28 · US · Japan',
      '  Quantum — 1 provision',
      '    us-jp provision 1 — atlas item 1',
    ]);
    assert.deepEqual(model.roots('sectors').map((n) => model.item(n)!.label), ['Quantum']);
  });

  it('party filter keeps agreements involving any selected party', () => {
    const japan = new TreeModel(catalog, 'en', { sectors: [], parties: ['JP'] });
    assert.deepEqual(japan.roots('agreements').map((n) => (n as { agreementId: string }).agreementId), ['us-jp']);
    assert.deepEqual(japan.roots('sectors').map((n) => japan.item(n)!.label), ['Quantum'], 'sectors without a matching agreement hide');
    const either = new TreeModel(catalog, 'en', { sectors: [], parties: ['JP', 'KR'] });
    assert.deepEqual(either.roots('agreements').map((n) => (n as { agreementId: string }).agreementId), ['kr-us', 'us-jp', 'kr-us-jfs']);
  });

  it('combines sector and party filters, and an empty result is an empty tree', () => {
    const model = new TreeModel(catalog, 'en', { sectors: ['space'], parties: ['JP'] });
    assert.deepEqual(model.roots('agreements'), []);
    assert.deepEqual(model.roots('sectors'), []);
    assert.equal(model.filtered, true);
  });

  it('drops filter ids the catalog does not have, and describes the filter in the data language', () => {
    const model = new TreeModel(catalog, 'ko', { sectors: ['ai', 'gone'], parties: ['XX', 'JP'] });
    assert.deepEqual(model.filter, { sectors: ['ai'], parties: ['JP'] });
    assert.equal(describeFilter(catalog, model.filter, 'ko'), '다 인공지능 · 일본');
    assert.equal(describeFilter(catalog, { sectors: ['ai', 'space'], parties: [] }, 'en'), 'AI, Space');
    assert.equal(describeFilter(catalog, NO_FILTER, 'en'), '');
    assert.equal(new TreeModel(catalog, 'en', { sectors: ['gone'], parties: [] }).filtered, false);
  });

  it('gives every node a unique id that does not depend on the language', () => {
    for (const view of ['agreements', 'sectors'] as const) {
      const ko = walk(new TreeModel(catalog, 'ko'), view).map(({ node }) => node.nodeId);
      const en = walk(new TreeModel(catalog, 'en'), view).map(({ node }) => node.nodeId);
      assert.equal(new Set(ko).size, ko.length, `${view}: duplicate ids`);
      assert.deepEqual(new Set(ko), new Set(en));
    }
  });

  it('parent() inverts children() for every node (reveal relies on it)', () => {
    const model = new TreeModel(catalog, 'en');
    for (const view of ['agreements', 'sectors'] as const) {
      for (const root of model.roots(view)) assert.equal(model.parent(root), undefined);
      for (const { node } of walk(model, view)) {
        for (const child of model.children(node)) assert.deepEqual(model.parent(child), node);
      }
    }
  });

  it('locates reveal targets in the view that suits them, and not when the filter hides them', () => {
    const model = new TreeModel(catalog, 'en');
    assert.deepEqual(model.locate({ kind: 'agreement', id: 'us-jp' }), agreementNode('agreements', 'us-jp'));
    assert.equal(model.locate({ kind: 'sector', id: 'space' })?.nodeId, 'S:space');
    const provision = model.locate({ kind: 'provision', id: 'kr-us/2' });
    assert.equal(provision?.kind, 'provision');
    // Under the first sector group of the agreement that lists it (groups sort by name: AI before Quantum).
    assert.deepEqual(provision && model.parent(provision), { kind: 'sector', view: 'agreements', nodeId: 'A:kr-us>ai', sectorId: 'ai', agreementId: 'kr-us' });
    const inSectors = model.locate({ kind: 'provision', id: 'kr-us/2' }, 'sectors');
    assert.equal(inSectors?.nodeId, 'S:ai>kr-us>kr-us/2');
    assert.equal(model.locate({ kind: 'provision', id: 'nope/1' }), undefined);

    const quantumOnly = new TreeModel(catalog, 'en', { sectors: ['quantum'], parties: [] });
    assert.equal(quantumOnly.locate({ kind: 'provision', id: 'kr-us/2' })?.nodeId, 'A:kr-us>quantum>kr-us/2');
    assert.equal(quantumOnly.locate({ kind: 'provision', id: 'kr-us/1' }), undefined);
    assert.equal(quantumOnly.locate({ kind: 'agreement', id: 'kr-us-jfs' }), undefined);
    assert.equal(quantumOnly.has({ kind: 'agreement', id: 'kr-us-jfs' }), true);
  });

  it('lists provisions whose sector references all dangle under a "No sector" group', () => {
    const { catalog: partial } = buildCatalog([
      { file: 'a.json', content: JSON.stringify({ ...FIXTURE, agreements: [agreement('odd', ['KR', 'US'], '2025-01-01', [{ id: '1', sectors: ['missing'] }, { id: '2', sectors: ['ai'] }])] }) },
    ]);
    assert.equal(partial.provisions.get('odd/1')?.sectors.length, 0, 'the loader drops the dangling reference');
    const model = new TreeModel(partial, 'en');
    assert.deepEqual(outline(model, 'agreements'), [
      'odd short — 2025-01-01 · ROK · US',
      '  AI — 1 provision',
      '    odd provision 2 — atlas item 2',
      '  No sector — 1 provision',
      '    odd provision 1 — atlas item 1',
    ]);
    const last = model.roots('sectors').at(-1)!;
    assert.equal(last.kind === 'sector' && last.sectorId, NO_SECTOR);
    assert.equal(model.item(last)!.contextValue, 'unclassified', 'no sector actions (search) on the pseudo sector');
  });

  it('shows every sector in the Sectors view when no filter is on, even one without provisions', () => {
    const withUnused = catalogOf({ ...FIXTURE, sectors: [...SECTORS, { id: 'bio', name: L('바이오', 'Bio'), description: L('b', 'b'), icon: 'beaker' }] });
    const model = new TreeModel(withUnused, 'en');
    const bio = model.roots('sectors').find((n) => n.kind === 'sector' && n.sectorId === 'bio')!;
    assert.deepEqual({ description: model.item(bio)!.description, collapsible: model.item(bio)!.collapsible }, { description: 'no provisions', collapsible: false });
  });

  it('presents provisions with citation, both languages, sources and an accessible label', () => {
    const model = new TreeModel(catalog, 'en');
    const node = model.locate({ kind: 'provision', id: 'kr-us/2' })!;
    const item = model.item(node)!;
    assert.equal(item.icon, 'list-ordered');
    assert.equal(item.contextValue, 'provision');
    assert.equal(item.accessibilityLabel, 'Atlas item 2 of kr-us short: kr-us provision 2');
    const html = renderMarkdown(item.tooltip);
    assert.match(html, /kr-us provision 2/);
    assert.match(html, /kr-us 조항 2/, 'the other language is in the tooltip too');
    assert.match(html, /AI, Quantum/);
    assert.match(html, /Article — para\. 2 <code>News<\/code>/);
    assert.ok(html.includes(`<code>${formatCitation(catalog, catalog.provisions.get('kr-us/2')!, 'en')}</code>`));
  });

  it('gives agreements kind icons and accessible labels with kind, date, parties and legal nature', () => {
    const model = new TreeModel(catalog, 'ko');
    const item = model.item(agreementNode('agreements', 'kr-us-jfs'))!;
    assert.equal(item.icon, 'file-text');
    assert.equal(item.accessibilityLabel, 'kr-us-jfs 약칭, 양해각서, 날짜 미상, 당사국 대한민국·미국, 법적 구속력 없음');
  });

  it('escapes data in tooltips: links, HTML and command URIs stay literal text', () => {
    const evil = '[click](command:workbench.action.quit) <img src=x onerror=alert(1)> **bold**';
    const hostile = catalogOf({
      ...FIXTURE,
      agreements: [{ ...agreement('x', ['KR', 'US'], '2025-01-01', [{ id: '1', sectors: ['ai'] }]), summary: L(evil, evil) }],
    });
    const model = new TreeModel(hostile, 'en');
    const html = renderMarkdown(model.item(agreementNode('agreements', 'x'))!.tooltip);
    assert.doesNotMatch(html, /<a |<img|<strong>bold/);
    assert.ok(html.includes('[click](command:workbench.action.quit)'));
  });

  it('truncates long labels at a word boundary with an ellipsis', () => {
    assert.equal(truncate('short text', 20), 'short text');
    assert.equal(truncate('alpha beta gamma delta epsilon', 18), 'alpha beta gamma…');
    assert.equal(truncate('가나다라마바사아자차카타파하', 6), '가나다라마…');
    assert.ok(truncate('x'.repeat(500), 120).length <= 120);
  });

  it('reads command arguments: ids, id lists, tree nodes and the (clicked, selection) pair', () => {
    const model = new TreeModel(catalog, 'en');
    const [a, b] = model.roots('agreements');
    const provision = model.locate({ kind: 'provision', id: 'kr-us/10' })!;
    const sector = model.roots('sectors')[0];
    assert.deepEqual(agreementIdsFromArgs(['kr-us']), ['kr-us']);
    assert.deepEqual(agreementIdsFromArgs([['kr-us', 'us-jp']]), ['kr-us', 'us-jp']);
    assert.deepEqual(agreementIdsFromArgs([a]), ['kr-us']);
    assert.deepEqual(agreementIdsFromArgs([b, [a, b]]), ['kr-us', 'us-jp'], 'the selection wins and includes the clicked node');
    assert.deepEqual(agreementIdsFromArgs([a, [a, provision]]), ['kr-us'], 'other node kinds are ignored');
    assert.deepEqual(agreementIdsFromArgs([]), []);
    assert.deepEqual(provisionUidsFromArgs([provision]), ['kr-us/10']);
    assert.deepEqual(provisionUidsFromArgs(['kr-us/1']), ['kr-us/1']);
    assert.equal(sectorIdFromArgs([sector]), 'ai');
    assert.equal(sectorIdFromArgs(['ai']), 'ai');
    assert.equal(sectorIdFromArgs([a]), undefined);
  });

  it('pivot property: every provision appears under each of its sectors in both views, and nowhere else', () => {
    const sectorIds = SECTORS.map((s) => s.id);
    const arbitraryAgreement = fc.record({
      parties: fc.subarray(['KR', 'US', 'JP'], { minLength: 2 }),
      date: fc.option(fc.constantFrom('2025-01-01', '2025-06-30', '2024-12-31'), { nil: undefined }),
      provisions: fc.array(fc.subarray(sectorIds, { minLength: 1 }), { maxLength: 6 }),
    });
    fc.assert(
      fc.property(fc.array(arbitraryAgreement, { minLength: 1, maxLength: 5 }), fc.constantFrom<Lang>('ko', 'en'), (specs, lang) => {
        const random = catalogOf({
          ...FIXTURE,
          agreements: specs.map((s, i) => agreement(`a${i}`, s.parties, s.date, s.provisions.map((sectors, j) => ({ id: String(j + 1), sectors })))),
        });
        const model = new TreeModel(random, lang);
        const expected = [...random.provisions.values()].flatMap((p) => p.sectors.map((s) => `${p.uid}@${s}`)).sort();
        for (const view of ['agreements', 'sectors'] as const) {
          const placed = walk(model, view)
            .map(({ node }) => node)
            .filter((n) => n.kind === 'provision')
            .map((n) => `${n.uid}@${n.sectorId}`)
            .sort();
          assert.deepEqual(placed, expected, view);
        }
        assert.equal(model.roots('agreements').length, random.agreements.size);
      }),
      { numRuns: 150 },
    );
  });
});

describe('tree model on the shipped dataset', () => {
  let catalog: Catalog;
  before(async () => {
    catalog = (await loadShipped()).catalog;
  });

  for (const lang of ['ko', 'en'] as const) {
    it(`Agreements view (${lang}) lists every agreement with its chapters, or exactly the sectors its provisions cover, with counts`, () => {
      const model = new TreeModel(catalog, lang);
      const roots = model.roots('agreements');
      assert.equal(roots.length, catalog.agreements.size);
      for (const root of roots) {
        const agreement = catalog.agreements.get((root as { agreementId: string }).agreementId)!;
        assert.equal(model.item(root)!.label, text(agreement.title.short, lang));
        const groups = model.children(root);
        if (hasChapters(agreement)) {
          // Every provision under exactly one chapter, in document order within it.
          const order = agreement.provisions.map((p) => p.uid);
          const placed: string[] = [];
          for (const group of groups) {
            assert.equal(group.kind, 'chapter');
            const uids = model.children(group).map((n) => (n as { uid: string }).uid);
            assert.deepEqual(uids, order.filter((uid) => uids.includes(uid)));
            assert.match(model.item(group)!.description!, new RegExp(`\\b${uids.length}`));
            placed.push(...uids);
          }
          assert.deepEqual([...placed].sort(), [...order].sort());
          continue;
        }
        const expected = new Set(agreement.provisions.flatMap((p) => p.sectors));
        assert.deepEqual(new Set(groups.map((g) => (g as { sectorId: string }).sectorId)), expected);
        for (const group of groups) {
          const sectorId = (group as { sectorId: string }).sectorId;
          const provisions = agreement.provisions.filter((p) => p.sectors.includes(sectorId));
          assert.equal(model.item(group)!.label, text(catalog.sectors.get(sectorId)!.name, lang));
          assert.deepEqual(model.children(group).map((n) => (n as { uid: string }).uid), provisions.map((p) => p.uid));
          assert.match(model.item(group)!.description!, new RegExp(`\\b${provisions.length}`));
        }
      }
    });

    it(`Sectors view (${lang}) lists every sector and places every provision under each of its sectors`, () => {
      const model = new TreeModel(catalog, lang);
      const roots = model.roots('sectors');
      assert.deepEqual(new Set(roots.map((n) => (n as { sectorId: string }).sectorId)), new Set(catalog.sectors.keys()));
      let placements = 0;
      for (const root of roots) {
        const sectorId = (root as { sectorId: string }).sectorId;
        for (const agreementNode of model.children(root)) {
          for (const provision of model.children(agreementNode)) {
            assert.ok(catalog.provisions.get((provision as { uid: string }).uid)!.sectors.includes(sectorId));
            placements++;
          }
        }
      }
      assert.equal(placements, [...catalog.provisions.values()].reduce((n, p) => n + p.sectors.length, 0));
    });
  }

  it('labels sectors in Korean collation order in Korean', () => {
    const names = new TreeModel(catalog, 'ko').roots('sectors').map((n) => text(catalog.sectors.get((n as { sectorId: string }).sectorId)!.name, 'ko'));
    assert.deepEqual(names, [...names].sort(new Intl.Collator('ko').compare));
  });
});
