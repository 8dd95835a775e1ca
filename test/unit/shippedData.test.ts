import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { officialTitleLabel } from '../../src/core/labels/agreementLabels';
import { loadCatalog, type LoadOptions, type LoadResult } from '../../src/core/catalog/catalogLoader';
import { LANGS, type LocalizedText } from '../../src/core/catalog/model';
import { SHIPPED_DATA_FILES, isShippedDataFile } from '../../src/core/catalog/shippedData';

const ROOT = join(__dirname, '..', '..');
const SEED = join(ROOT, '..', 'shared', 'seeds', '000_0fa01c33c17e67eb.txt');

/** The shipped dataset through every check (not trusted): what makes trusting it at run time safe. */
export function loadShipped(options: LoadOptions = {}): Promise<LoadResult> {
  return loadCatalog(SHIPPED_DATA_FILES, async (file) => readFileSync(join(ROOT, file)), options);
}

function listJson(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'schemas' ? [] : listJson(path);
    return entry.name.endsWith('.json') ? [relative(ROOT, path).split('\\').join('/')] : [];
  });
}

/** Every LocalizedText anywhere in a value, with its JSON path. */
function localizedTexts(value: unknown, path = ''): { path: string; text: LocalizedText }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => localizedTexts(v, `${path}/${i}`));
  if (value && typeof value === 'object') {
    const keys = Object.keys(value);
    if (keys.length === 2 && keys.includes('ko') && keys.includes('en') && typeof (value as LocalizedText).ko === 'string') {
      return [{ path, text: value as LocalizedText }];
    }
    return Object.entries(value).flatMap(([k, v]) => localizedTexts(v, `${path}/${k}`));
  }
  return [];
}

describe('shipped dataset', () => {
  let result: LoadResult;
  before(async () => {
    result = await loadShipped();
  });

  it('lists exactly the data files that exist', () => {
    assert.deepEqual([...SHIPPED_DATA_FILES].sort(), listJson(join(ROOT, 'data')).sort());
  });

  it('loads the same when trusted, as the extension loads it (JSON.parse, no checks at run time)', async () => {
    const trusted = await loadShipped({ trusted: isShippedDataFile });
    assert.deepEqual(trusted.problems, []);
    assert.deepEqual(trusted.catalog, result.catalog);
    assert.ok(SHIPPED_DATA_FILES.every(isShippedDataFile) && !isShippedDataFile('.techdeals/data/parties.json'));
  });

  it('loads with zero problems', () => {
    assert.deepEqual(result.problems, []);
  });

  it('has the four documents the article covers, with their dates and parties', () => {
    const { agreements } = result.catalog;
    assert.deepEqual([...agreements.keys()].sort(), ['kr-us-jfs', 'kr-us-tpd', 'us-jp-tpd', 'us-uk-tpd']);
    const facts = [...agreements.values()].map((a) => ({ id: a.id, kind: a.kind, date: a.date, parties: [...a.parties].sort() }));
    assert.deepEqual(facts.sort((a, b) => a.id.localeCompare(b.id)), [
      // The article gives no date for the Joint Fact Sheet ("recently announced"): left empty, not guessed.
      { id: 'kr-us-jfs', kind: 'joint-fact-sheet', date: undefined, parties: ['KR', 'US'] },
      { id: 'kr-us-tpd', kind: 'mou', date: '2025-10-29', parties: ['KR', 'US'] },
      { id: 'us-jp-tpd', kind: 'mou', date: '2025-10-28', parties: ['JP', 'US'] },
      { id: 'us-uk-tpd', kind: 'mou', date: '2025-09-18', parties: ['GB', 'US'] },
    ]);
  });

  it('marks every title the article does not give as descriptive, and only those', () => {
    const { agreements } = result.catalog;
    // Only the ROK–US MOU's official title is in the article (paragraph 2, in Korean and English).
    const article = readFileSync(SEED, 'utf8');
    for (const a of agreements.values()) {
      const inArticle = article.includes(a.title.official.en);
      assert.equal(!!a.title.descriptive, !inArticle, `${a.id}: "${a.title.official.en}"`);
    }
    assert.deepEqual([...agreements.values()].filter((a) => !a.title.descriptive).map((a) => a.id), ['kr-us-tpd']);
    assert.match(officialTitleLabel(agreements.get('us-uk-tpd')!, 'en'), /\(descriptive title: the sources give no official one\)$/);
    assert.match(officialTitleLabel(agreements.get('us-uk-tpd')!, 'ko'), /\(설명용 제목: 출처에 공식 명칭이 없음\)$/);
    assert.equal(officialTitleLabel(agreements.get('kr-us-tpd')!, 'en'), agreements.get('kr-us-tpd')!.title.official.en);
  });

  it('cites where the source names each agreement', () => {
    for (const a of result.catalog.agreements.values()) assert.ok(a.provenance?.length, `${a.id} has no provenance`);
  });

  it('records that the ROK–US MOU is not legally binding', () => {
    assert.equal(result.catalog.agreements.get('kr-us-tpd')?.legalNature.binding, false);
  });

  it('says every source kind, and that today the data rests on one secondary article', () => {
    const sources = [...result.catalog.sources.values()];
    assert.equal(sources.length, 1);
    assert.equal(sources[0].kind, 'news-analysis');
    assert.ok(sources[0].note, 'the source carries a caveat note');
  });

  it('gives every provision provenance with a locator and at least one sector', () => {
    for (const p of result.catalog.provisions.values()) {
      assert.ok(p.provenance.length > 0, `${p.uid} has no provenance`);
      assert.ok(p.sectors.length > 0, `${p.uid} has no sector`);
      for (const prov of p.provenance) assert.ok(Object.keys(prov.locator).length > 0, `${p.uid} has an empty locator`);
    }
  });

  it('points every locator at a paragraph and sentence that exist in the source article', () => {
    const paragraphs = readFileSync(SEED, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
    const glossaryStart = paragraphs.findIndex((l) => l.trim() === '용어설명');
    assert.ok(glossaryStart > 0);
    const sentences = (p: string) => p.split(/(?<=다\.)\s+/).filter((s) => s.trim());
    const all = [
      ...[...result.catalog.provisions.values()].flatMap((p) => p.provenance.map((v) => ({ id: p.uid, ...v.locator }))),
      ...[...result.catalog.terms.values()].flatMap((t) => t.provenance.map((v) => ({ id: t.id, ...v.locator }))),
      ...result.catalog.comparisons.flatMap((c) => c.provenance.map((v) => ({ id: c.id, ...v.locator }))),
    ];
    for (const loc of all) {
      if (loc.footnote !== undefined) {
        assert.ok(loc.footnote >= 1 && loc.footnote <= 3, `${loc.id}: footnote ${loc.footnote}`);
        continue;
      }
      assert.ok(loc.paragraph !== undefined && loc.paragraph <= glossaryStart, `${loc.id}: paragraph ${loc.paragraph}`);
      if (loc.sentence !== undefined) {
        const count = sentences(paragraphs[loc.paragraph - 1]).length;
        assert.ok(loc.sentence <= count, `${loc.id}: sentence ${loc.sentence} of ${count} in paragraph ${loc.paragraph}`);
      }
    }
  });

  it('uses every sector', () => {
    const used = new Set([...result.catalog.provisions.values()].flatMap((p) => p.sectors));
    assert.deepEqual([...result.catalog.sectors.keys()].filter((s) => !used.has(s)), []);
  });

  it('fills every bilingual field in both languages', () => {
    for (const file of SHIPPED_DATA_FILES) {
      const data: unknown = JSON.parse(readFileSync(join(ROOT, file), 'utf8'));
      for (const { path, text } of localizedTexts(data)) {
        for (const lang of LANGS) assert.ok(text[lang].trim().length > 0, `${file}${path}.${lang} is empty`);
        assert.match(text.ko, /[\uac00-\ud7a3]|^[\x20-\x7e]+$/, `${file}${path}.ko has no Hangul`);
      }
    }
  });

  it('has a glossary of at least 30 terms, including the article’s three notes', () => {
    const { terms } = result.catalog;
    assert.ok(terms.size >= 30, `only ${terms.size} terms`);
    const fromNotes = [...terms.values()].filter((t) => t.provenance.some((p) => p.locator.footnote !== undefined)).map((t) => t.term.en);
    assert.equal(fromNotes.length, 3, `terms citing the glossary notes: ${fromNotes.join(', ')}`);
    for (const abbreviation of ['KPS', 'NSF', 'NRF', 'IITP', 'NASA']) {
      assert.ok([...terms.values()].some((t) => t.abbreviations?.includes(abbreviation)), `no term abbreviated ${abbreviation}`);
    }
  });

  it('keeps the article’s comparisons of the ROK–US MOU with the UK and Japan deals', () => {
    const notes = result.catalog.comparisons.filter((c) => c.subject === 'kr-us-tpd');
    assert.ok(notes.length >= 2);
    assert.ok(notes.some((c) => c.against.includes('us-uk-tpd') && c.against.includes('us-jp-tpd')));
  });
});
