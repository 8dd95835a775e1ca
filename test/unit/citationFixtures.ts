// A small catalog of the tests' own for the citation core: one agreement `xa` between Korea and the US, sector `ai`,
// source `press`; each test file gives the provisions (and any further sources or agreement fields) it needs.
import { strict as assert } from 'node:assert';
import { buildCatalog } from '../../src/core/catalog/catalogLoader';
import type { AgreementData, Catalog, CatalogFile, SourceData } from '../../src/core/catalog/model';

export const loc = (en: string, ko = en) => ({ ko, en });

const PRESS: SourceData = { id: 'press', kind: 'news-analysis', title: loc('A report'), language: 'en' };

export function oneAgreementCatalog(agreement: Partial<AgreementData> & Pick<AgreementData, 'provisions'>, sources: SourceData[] = []): Catalog {
  const file: CatalogFile = {
    parties: [
      { id: 'KR', name: loc('Republic of Korea', '대한민국'), short: loc('Korea', '한국') },
      { id: 'US', name: loc('United States', '미국'), short: loc('US', '미국') },
    ],
    sectors: [{ id: 'ai', name: loc('AI'), description: loc('AI'), icon: 'symbol-misc' }],
    // A source given by the test replaces the default one of the same id.
    sources: [...sources, PRESS].filter((s, i, all) => all.findIndex((o) => o.id === s.id) === i),
    agreements: [
      {
        id: 'xa',
        kind: 'mou',
        title: { official: loc('Official X'), short: loc('X MOU') },
        parties: ['KR', 'US'],
        legalNature: { binding: false, description: loc('Not binding') },
        summary: loc('Summary'),
        sources: ['press'],
        ...agreement,
      },
    ],
  };
  const result = buildCatalog([{ file: 'xa.json', content: JSON.stringify(file) }]);
  assert.deepEqual(result.problems.filter((p) => p.severity === 'error'), [], 'the test catalog is valid');
  return result.catalog;
}
