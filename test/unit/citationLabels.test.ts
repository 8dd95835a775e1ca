// Analysts cite what we show. A provision id is the atlas's own running number (the article numbers nothing; the real
// ROK–US MOU is laid out as "I. Purpose / II. Areas of Cooperation" with unnumbered areas), so no surface may present it
// as the agreement's clause: "provision 28", "제28항", "Article 28", "§ 28". Every surface that names a provision says
// whose number it is ("atlas item 28" / "아틀라스 항목 28"), and shows the agreement's own structure only where a
// source gives it, with that source.
import { strict as assert } from 'node:assert';
import { parseFragment } from 'parse5';
import type { DefaultTreeAdapterMap } from 'parse5';
import { formatCitation } from '../../src/core/citation/citation';
import { citationHoverMarkdown } from '../../src/core/citation/citationHover';
import { renderCompareMain, type ComparePageStrings } from '../../src/core/compare/comparePage';
import { DEFAULT_VIEW } from '../../src/core/compare/compareProtocol';
import { buildComparison, toCsv, toMarkdown } from '../../src/core/compare/comparison';
import { LANGS, text, type Catalog, type Lang, type Provision } from '../../src/core/catalog/model';
import { renderAgreementDocument } from '../../src/core/document/agreementDocument';
import type { HoverStrings } from '../../src/core/labels/hoverStrings';
import { formatLocator } from '../../src/core/labels/provenance';
import { provisionNumberLabel, provisionReference } from '../../src/core/labels/provisionLabels';
import { searchItemModel } from '../../src/core/search/searchResults';
import { renderMarkdown } from '../../src/core/text/markdown';
import { TreeModel } from '../../src/core/tree/treeModel';
import { loadShippedCatalog, syntheticCatalog } from './compareFixtures';

type Node = DefaultTreeAdapterMap['node'];

const HOVER_STRINGS: HoverStrings = new Proxy({} as HoverStrings, { get: (_, key) => `«${String(key)}»` });
const PAGE_STRINGS: ComparePageStrings = new Proxy({} as ComparePageStrings, { get: (_, key) => `«${String(key)}»` });

/** The words of a Markdown or HTML surface, as a reader sees them. */
function visible(markupOrText: string, kind: 'markdown' | 'html' | 'text'): string {
  if (kind === 'text') return markupOrText;
  const html = kind === 'markdown' ? renderMarkdown(markupOrText) : markupOrText;
  const out: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeName === '#text') out.push((node as DefaultTreeAdapterMap['textNode']).value);
    if ('attrs' in node) for (const a of node.attrs) if (a.name === 'title' || a.name === 'aria-label') out.push(` ${a.value} `);
    if ('childNodes' in node) for (const child of node.childNodes) walk(child);
  };
  walk(parseFragment(html));
  return out.join(' ').replace(/\s+/g, ' ');
}

/**
 * Places in `shown` where the number `id` is worded as a clause of the agreement. Source locators ("para. 7, sentence
 * 5, item 1") are the source's own places, not the provision's number: they are removed first.
 */
function clauseWordings(shown: string, id: string, locators: readonly string[]): string[] {
  let rest = shown;
  for (const locator of [...locators].sort((a, b) => b.length - a.length)) if (locator) rest = rest.split(locator).join(' ');
  const n = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const patterns = [
    new RegExp(`(?<!atlas )\\b(?:provisions?|prov|clauses?|articles?|art|sections?|sec|paragraphs?|para|items?|no)\\.?\\s*${n}(?![\\w.])`, 'gi'),
    new RegExp(`(?:§|#)\\s*${n}(?![\\w.])`, 'g'),
    new RegExp(`제\\s*${n}\\s*(?:항|조|호)`, 'g'),
    new RegExp(`(?<![\\w.제]\\s*|항목\\s*)${n}\\s*(?:항|조|호)(?!목)`, 'g'),
    new RegExp(`(?:^|\\n)\\s*${n}\\.\\s`, 'g'),
  ];
  return patterns.flatMap((p) => [...rest.matchAll(p)].map((m) => m[0].trim()));
}

/** Every source locator the catalog cites, as written in either language. */
function allLocators(catalog: Catalog): string[] {
  const provenance = [
    ...[...catalog.provisions.values()].flatMap((p) => [...p.provenance, ...(p.officialLocation?.provenance ?? [])]),
    ...catalog.comparisons.flatMap((c) => c.provenance),
  ];
  return [...new Set(LANGS.flatMap((lang) => provenance.map((p) => formatLocator(p.locator, lang))))];
}

/** Every surface that shows the provision, as a reader sees it. `names`: the surface names the provision itself. */
function surfaces(catalog: Catalog, provision: Provision, lang: Lang): { name: string; shown: string; names: boolean; sourced: boolean }[] {
  const tree = new TreeModel(catalog, lang);
  const item = tree.item(tree.locate({ kind: 'provision', id: provision.uid })!)!;
  const doc = renderAgreementDocument(catalog, provision.agreementId, lang)!;
  const lines = doc.markdown.split('\n');
  const start = doc.provisionLines.get(provision.uid)!;
  const next = Math.min(...[...doc.provisionLines.values(), doc.sourcesLine].filter((l) => l > start));
  const comparison = buildComparison(catalog, [provision.agreementId]);
  const page = renderCompareMain({ catalog, comparison, view: { ...DEFAULT_VIEW, agreements: [provision.agreementId] }, lang, uiLanguage: lang, strings: PAGE_STRINGS });
  const button = new RegExp(`<button[^>]*data-uid="${provision.uid}"[^>]*>(.*?)</button>`).exec(page)?.[1] ?? '';
  const search = searchItemModel(catalog, { kind: 'provision', id: provision.uid, terms: [] }, lang)!;
  return [
    { name: 'citation', shown: formatCitation(catalog, provision, lang), names: true, sourced: false },
    { name: 'hover', shown: visible(citationHoverMarkdown(catalog, provision, lang, HOVER_STRINGS).value, 'markdown'), names: true, sourced: true },
    { name: 'tree item', shown: [item.label, item.description, item.accessibilityLabel].join('\n'), names: true, sourced: false },
    { name: 'tooltip', shown: visible(item.tooltip, 'markdown'), names: true, sourced: true },
    { name: 'document', shown: visible(lines.slice(start, next).join('\n'), 'markdown'), names: true, sourced: true },
    { name: 'comparison panel', shown: visible(button, 'html'), names: true, sourced: false },
    { name: 'Markdown export', shown: toMarkdown(comparison, catalog, lang), names: false, sourced: false },
    { name: 'CSV export', shown: toCsv(comparison, lang), names: false, sourced: false },
    { name: 'search item', shown: [search.label, search.description, search.detail].join('\n'), names: true, sourced: false },
  ];
}

describe('citation labels: never our numbering as the agreement’s', () => {
  let catalog: Catalog;
  before(async () => {
    catalog = await loadShippedCatalog();
  });

  it('names the atlas as the one numbering the items, in both languages', () => {
    const provision = catalog.provisions.get('kr-us-tpd/28')!;
    assert.equal(formatCitation(catalog, provision, 'en'), 'ROK–US TPD MOU, II. Areas of Cooperation; atlas item 28 (tda:kr-us-tpd/28)');
    assert.equal(formatCitation(catalog, provision, 'ko'), '한·미 기술 번영 MOU, II. 협력 분야; 아틀라스 항목 28 (tda:kr-us-tpd/28)');
    const noOfficial = catalog.provisions.get('kr-us-tpd/33')!;
    assert.equal(formatCitation(catalog, noOfficial, 'en'), 'ROK–US TPD MOU, atlas item 33 (tda:kr-us-tpd/33)');
    assert.equal(formatCitation(catalog, noOfficial, 'ko'), '한·미 기술 번영 MOU, 아틀라스 항목 33 (tda:kr-us-tpd/33)');
  });

  it('says whose numbering an imported corpus uses, when the agreement declares it', () => {
    const imported = syntheticCatalog(['trade'], [{ id: 'tota-159', provisions: [{ id: '15225', sectors: ['trade'], en: 'Each Party shall…' }] }]);
    const agreement = { ...imported.agreements.get('tota-159')!, provisionNumbering: { ko: 'ToTA 조문', en: 'ToTA article' } };
    const provision = agreement.provisions[0];
    assert.equal(provisionNumberLabel(agreement, provision, 'en'), 'ToTA article 15225');
    assert.equal(provisionNumberLabel(agreement, provision, 'ko'), 'ToTA 조문 15225');
    assert.equal(provisionReference(agreement, { ...provision, officialLocation: { label: { ko: '제15.8조', en: 'Article 15.8' }, provenance: [] } }, 'en'), 'Article 15.8; ToTA article 15225');
  });

  it('finds clause wording when it is there (the check can fail)', () => {
    assert.deepEqual(clauseWordings('ROK–US TPD MOU, provision 28 (tda:kr-us-tpd/28)', '28', []), ['provision 28']);
    assert.deepEqual(clauseWordings('한·미 MOU 제28항', '28', []), ['제28항']);
    assert.deepEqual(clauseWordings('28. Broaden the roles', '28', []), ['28.']);
    assert.deepEqual(clauseWordings('see § 28 and Article 28', '28', []), ['Article 28', '§ 28']);
    assert.deepEqual(clauseWordings('atlas item 28; 아틀라스 항목 28; para. 7, item 28', '28', ['para. 7, item 28']), []);
  });

  for (const lang of LANGS) {
    it(`shows every provision without clause wording, saying whose number it is (${lang})`, () => {
      const locators = allLocators(catalog);
      for (const provision of catalog.provisions.values()) {
        const agreement = catalog.agreements.get(provision.agreementId)!;
        const number = provisionNumberLabel(agreement, provision, lang);
        for (const surface of surfaces(catalog, provision, lang)) {
          const where = `${provision.uid} ${surface.name} (${lang})`;
          assert.deepEqual(clauseWordings(surface.shown, provision.id, locators), [], `${where}: ${surface.shown}`);
          if (surface.names) assert.ok(surface.shown.toLowerCase().includes(number.toLowerCase()), `${where} does not say "${number}": ${surface.shown}`);
        }
      }
    });

    it(`shows the agreement’s own structure with the source that gives it (${lang})`, () => {
      const located = [...catalog.provisions.values()].filter((p) => p.officialLocation);
      assert.ok(located.length > 0);
      for (const provision of located) {
        const label = text(provision.officialLocation!.label, lang);
        const sourceTitles = provision.officialLocation!.provenance.map((p) => text(catalog.sources.get(p.source)!.title, lang));
        for (const surface of surfaces(catalog, provision, lang).filter((s) => s.names)) {
          const where = `${provision.uid} ${surface.name} (${lang})`;
          assert.ok(surface.shown.toLowerCase().includes(label.toLowerCase()), `${where} does not show "${label}"`);
          if (!surface.sourced) continue;
          // The document cites by number into its sources list: the titles are listed at its end.
          const sources = surface.name === 'document' ? visible(renderAgreementDocument(catalog, provision.agreementId, lang)!.markdown, 'markdown') : surface.shown;
          for (const title of sourceTitles) assert.ok(sources.includes(title.slice(0, 60)), `${where} does not cite "${title}"`);
        }
      }
    });
  }
});
