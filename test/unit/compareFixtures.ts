// Synthetic catalogs for the comparison tests, built through the real loader (so they are valid catalog files).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCatalog, loadCatalog } from '../../src/core/catalog/catalogLoader';
import type { Catalog, CatalogFile, ComparisonNoteData } from '../../src/core/catalog/model';
import { SHIPPED_DATA_FILES } from '../../src/core/catalog/shippedData';

const ROOT = join(__dirname, '..', '..');

export async function loadShippedCatalog(): Promise<Catalog> {
  const result = await loadCatalog(SHIPPED_DATA_FILES, async (file) => readFileSync(join(ROOT, file)));
  assert.deepEqual(result.problems, [], 'the shipped dataset loads without problems');
  return result.catalog;
}

export interface ProvisionSpec {
  id: string;
  sectors: string[];
  /** English text; Korean defaults to `ko:` + the English. */
  en: string;
  ko?: string;
  heading?: string;
}

export interface AgreementSpec {
  id: string;
  short?: string;
  official?: string;
  parties?: string[];
  date?: string;
  binding?: boolean | null;
  provisions: ProvisionSpec[];
}

const loc = (en: string, ko = `ko:${en}`) => ({ ko, en });

/**
 * A catalog with the given sectors (in this catalog order) and agreements. Sector names are `Sector <id>` /
 * `분야 <id>`; every provision cites the one source.
 */
export function syntheticCatalog(sectors: string[], agreements: AgreementSpec[], comparisons: ComparisonNoteData[] = [], sectorNames: Record<string, string> = {}): Catalog {
  const file: CatalogFile = {
    parties: [
      { id: 'KR', name: loc('Republic of Korea', '대한민국'), short: loc('Korea', '한국') },
      { id: 'US', name: loc('United States', '미국'), short: loc('US', '미국') },
      { id: 'GB', name: loc('United Kingdom', '영국'), short: loc('UK', '영국') },
    ],
    sectors: sectors.map((id) => ({ id, name: loc(sectorNames[id] ?? `Sector ${id}`, `분야 ${id}`), description: loc(`About ${id}`), icon: 'symbol-misc' })),
    sources: [{ id: 'src', kind: 'news-analysis', title: loc('The article', '기사'), language: 'ko' }],
    agreements: agreements.map((a) => ({
      id: a.id,
      kind: 'mou',
      title: { official: loc(a.official ?? `Official ${a.id}`), short: loc(a.short ?? `Short ${a.id}`) },
      parties: a.parties ?? ['KR', 'US'],
      ...(a.date ? { date: a.date } : {}),
      legalNature: { binding: a.binding ?? null, description: loc('As the source says') },
      summary: loc(`Summary of ${a.id}`),
      sources: ['src'],
      provisions: a.provisions.map((p) => ({
        id: p.id,
        sectors: p.sectors,
        ...(p.heading ? { heading: loc(p.heading) } : {}),
        text: loc(p.en, p.ko),
        provenance: [{ source: 'src', locator: { paragraph: 1 } }],
      })),
    })),
    comparisons,
  };
  const result = buildCatalog([{ file: 'synthetic.json', content: JSON.stringify(file) }]);
  assert.deepEqual(result.problems, [], 'the synthetic catalog is valid');
  return result.catalog;
}
