import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { officialTitleLabel } from '../../src/core/labels/agreementLabels';
import { loadCatalog, type LoadOptions, type LoadResult } from '../../src/core/catalog/catalogLoader';
import { LANGS, sourceTier, type LocalizedText, type Locator } from '../../src/core/catalog/model';
import { SectorClassifier } from '../../src/core/import/sectorRules';
import { SECTOR_RULES } from '../../src/core/import/shippedRules';
import { SHIPPED_DATA_FILES, isShippedDataFile } from '../../src/core/catalog/shippedData';

const ROOT = join(__dirname, '..', '..');
const SEED = join(ROOT, '..', 'shared', 'seeds', '000_0fa01c33c17e67eb.txt');
const SEED_SOURCE = 'seed-commentary';

/** The article split as its locators count: paragraphs (non-empty lines) and sentences ending in "다.". */
function splitSentences(paragraph: string): string[] {
  return paragraph.split(/(?<=다\.)\s+/).filter((s) => s.trim());
}

/** Every sentence of the article by `paragraph:sentence` (1-based), and every paragraph by `paragraph:`. */
function articleSentences(): Map<string, string> {
  const paragraphs = readFileSync(SEED, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
  const map = new Map<string, string>();
  paragraphs.forEach((p, i) => {
    map.set(`${i + 1}:`, p);
    splitSentences(p).forEach((s, j) => map.set(`${i + 1}:${j + 1}`, s));
  });
  return map;
}

function key(locator: Locator | undefined): string {
  return `${locator?.paragraph}:${locator?.sentence ?? ''}`;
}

/** The shipped dataset through every check (not trusted): what makes trusting it at run time safe. */
export function loadShipped(options: LoadOptions = {}): Promise<LoadResult> {
  return loadCatalog(SHIPPED_DATA_FILES, async (file) => readFileSync(join(ROOT, file)), options);
}

function listJson(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    // schemas/ and rules/ hold what describes or classifies catalog data, not catalog data.
    if (entry.isDirectory()) return entry.name === 'schemas' || entry.name === 'rules' ? [] : listJson(path);
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

  it('has the four documents the article covers, with their kinds, dates and parties', () => {
    const { agreements } = result.catalog;
    assert.deepEqual([...agreements.keys()].sort(), ['kr-us-jfs', 'kr-us-tpd', 'us-jp-tpd', 'us-uk-tpd']);
    const facts = [...agreements.values()].map((a) => ({ id: a.id, kind: a.kind, date: a.date, parties: [...a.parties].sort() }));
    assert.deepEqual(facts.sort((a, b) => a.id.localeCompare(b.id)), [
      // The article gives no date for the Joint Fact Sheet; the White House posted it on 13 Nov 2025 (US time).
      { id: 'kr-us-jfs', kind: 'joint-fact-sheet', date: '2025-11-13', parties: ['KR', 'US'] },
      { id: 'kr-us-tpd', kind: 'mou', date: '2025-10-29', parties: ['KR', 'US'] },
      // The Japan document is a memorandum of cooperation, not an MOU (its own title says so).
      { id: 'us-jp-tpd', kind: 'moc', date: '2025-10-28', parties: ['JP', 'US'] },
      { id: 'us-uk-tpd', kind: 'mou', date: '2025-09-18', parties: ['GB', 'US'] },
    ]);
  });

  it('gives every official title an official source, and marks a title descriptive only when none has one', () => {
    const { agreements, sources } = result.catalog;
    for (const a of agreements.values()) {
      const cited = a.fieldProvenance?.title ?? a.provenance ?? [];
      const official = cited.some((p) => sourceTier(sources.get(p.source)!) === 'official');
      assert.equal(!!a.title.descriptive, !official, `${a.id}: "${a.title.official.en}"`);
    }
    assert.deepEqual([...agreements.values()].filter((a) => a.title.descriptive).map((a) => a.id), []);
    assert.equal(officialTitleLabel(agreements.get('us-uk-tpd')!, 'en'), agreements.get('us-uk-tpd')!.title.official.en);
    // The Korean side's own copy names Korea first: kept as an alternate form, with the article that cites it.
    const korean = agreements.get('kr-us-tpd')!.title.alternates ?? [];
    assert.ok(korean.some((t) => /Republic of Korea and the Government of the United States/.test(t.text.en ?? '')), 'the Korean-side ordering');
    assert.ok(agreements.get('us-jp-tpd')!.title.official.ja, 'the Japanese official title');
  });

  it('cites where the source names each agreement', () => {
    for (const a of result.catalog.agreements.values()) assert.ok(a.provenance?.length, `${a.id} has no provenance`);
  });

  it('records that the ROK–US MOU is not legally binding', () => {
    assert.equal(result.catalog.agreements.get('kr-us-tpd')?.legalNature.binding, false);
  });

  it('gives every source a tier and an address, except the article, which is labelled commentary', () => {
    const sources = [...result.catalog.sources.values()];
    const seed = result.catalog.sources.get(SEED_SOURCE)!;
    assert.equal(seed.tier, 'commentary');
    assert.ok(seed.note, 'the article carries a caveat note');
    for (const source of sources) assert.ok(source.tier, `${source.id} has no tier`);
    for (const source of sources.filter((s) => s.id !== SEED_SOURCE)) assert.match(source.url ?? '', /^https?:\/\//, `${source.id} has no address`);
  });

  it('cites the article with a paragraph wherever a provision rests on it', () => {
    for (const p of result.catalog.provisions.values()) {
      for (const v of p.provenance.filter((v) => v.source === SEED_SOURCE)) assert.ok(v.locator?.paragraph !== undefined, `${p.uid}`);
    }
  });

  it('places a provision in the agreement’s own structure only on an official source', () => {
    const located = [...result.catalog.provisions.values()].filter((p) => p.officialLocation);
    assert.ok(located.length >= 20, `${located.length} provisions placed`);
    for (const p of located) {
      const kinds = p.officialLocation!.provenance.map((v) => result.catalog.sources.get(v.source)!.kind);
      assert.ok(kinds.some((k) => k === 'official-text' || k === 'official-summary'), `${p.uid}: ${kinds.join(', ')}`);
      assert.ok(!p.officialLocation!.provenance.some((v) => v.source === SEED_SOURCE), `${p.uid}: the article numbers nothing`);
    }
    // The ROK–US MOU's sections as its official text numbers them (the article gives none).
    const kr = result.catalog.agreements.get('kr-us-tpd')!;
    assert.equal(kr.provisions.find((p) => p.id === '12')!.officialLocation!.label.en, 'II. Areas of Cooperation');
  });

  it('rests every date on a source that gives it in full', () => {
    const sentences = articleSentences();
    for (const a of result.catalog.agreements.values()) {
      if (!a.date) continue;
      const [year, month, day] = a.date.split('-').map(Number);
      const cited = a.fieldProvenance?.date ?? a.provenance ?? [];
      const elsewhere = cited.some((v) => v.source !== SEED_SOURCE);
      const inArticle = cited.some((v) => v.source === SEED_SOURCE && (sentences.get(key(v.locator)) ?? '').includes(`${year}년 ${month}월 ${day}일`));
      assert.ok(elsewhere || inArticle, `${a.id}: ${a.date} is given in full by no cited source`);
    }
  });

  it('credits a full date to the article only where its cited sentence gives it in full', () => {
    // "18 September 2025" in a definition that cites only the article, which says "9월 18일", puts a year in its mouth.
    const sentences = articleSentences();
    const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
    const fullDate = new RegExp(`(\\d{1,2}) (${MONTHS.join('|')}) (\\d{4})`, 'g');
    const texts = [
      ...[...result.catalog.terms.values()].map((t) => ({ id: t.id, en: t.definition.en, provenance: t.provenance })),
      ...result.catalog.comparisons.map((c) => ({ id: c.id, en: c.text.en, provenance: c.provenance })),
      ...[...result.catalog.provisions.values()].map((p) => ({ id: p.uid, en: p.text.en, provenance: p.provenance })),
    ];
    for (const { id, en, provenance } of texts) {
      // Another cited source may give the date; the check is that the article is never made to say it.
      if (provenance.some((v) => v.source !== SEED_SOURCE)) continue;
      for (const [, day, month, year] of en.matchAll(fullDate)) {
        const korean = `${year}년 ${MONTHS.indexOf(month) + 1}월 ${Number(day)}일`;
        const cited = provenance.filter((v) => v.source === SEED_SOURCE).map((v) => sentences.get(key(v.locator)) ?? '');
        assert.ok(cited.some((s) => s.includes(korean)), `${id}: "${day} ${month} ${year}" is not in a cited sentence`);
      }
    }
  });

  it('cites, for every comparison note of the article, the sentences that name each agreement it is about', () => {
    const sentences = articleSentences();
    // How the article refers to each document (Korean, as written in it).
    const names: Record<string, RegExp> = {
      'kr-us-tpd': /테크\s?딜|한·미 기술 번영 양해각서|한국과 양해각서|한국과 협력|한·미 양해각서/,
      'us-uk-tpd': /영국/,
      'us-jp-tpd': /일본/,
      'kr-us-jfs': /공동 팩트시트/,
    };
    for (const note of result.catalog.comparisons.filter((c) => c.provenance.some((v) => v.source === SEED_SOURCE))) {
      const cited = note.provenance.map((v) => sentences.get(key(v.locator)) ?? '').join(' ');
      for (const id of [note.subject, ...note.against]) assert.match(cited, names[id], `${note.id}: no cited sentence names ${id}`);
    }
  });

  it('gives every provision provenance with a locator and at least one sector', () => {
    for (const p of result.catalog.provisions.values()) {
      assert.ok(p.provenance.length > 0, `${p.uid} has no provenance`);
      assert.ok(p.sectors.length > 0, `${p.uid} has no sector`);
      for (const prov of p.provenance) assert.ok(Object.keys(prov.locator ?? {}).length > 0, `${p.uid} has no locator`);
    }
  });

  it('points every locator at a paragraph and sentence that exist in the source article', () => {
    const paragraphs = readFileSync(SEED, 'utf8').split(/\r?\n/).filter((l) => l.trim() !== '');
    const glossaryStart = paragraphs.findIndex((l) => l.trim() === '용어설명');
    assert.ok(glossaryStart > 0);
    const sentences = splitSentences;
    const all = [
      ...[...result.catalog.provisions.values()].flatMap((p) => p.provenance.map((v) => ({ id: p.uid, source: v.source, ...v.locator }))),
      ...[...result.catalog.terms.values()].flatMap((t) => t.provenance.map((v) => ({ id: t.id, source: v.source, ...v.locator }))),
      ...result.catalog.comparisons.flatMap((c) => c.provenance.map((v) => ({ id: c.id, source: v.source, ...v.locator }))),
      ...result.catalog.disagreements.flatMap((d) => d.claims.flatMap((c) => c.provenance.map((v) => ({ id: d.id, source: v.source, ...v.locator })))),
      ...[...result.catalog.agreements.values()].flatMap((a) => (a.events ?? []).flatMap((e) => e.provenance.map((v) => ({ id: `${a.id}:${e.id}`, source: v.source, ...v.locator })))),
    ].filter((loc) => loc.source === SEED_SOURCE);
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

  it('uses every sector: in a shipped provision, or in the rules that classify imported treaty articles', () => {
    const used = new Set([...result.catalog.provisions.values()].flatMap((p) => p.sectors));
    for (const sector of new SectorClassifier(SECTOR_RULES).sectorIds()) used.add(sector);
    assert.deepEqual([...result.catalog.sectors.keys()].filter((s) => !used.has(s)), []);
  });

  it('has every sector the classification rules assign', () => {
    const unknown = new SectorClassifier(SECTOR_RULES).sectorIds().filter((s) => !result.catalog.sectors.has(s));
    assert.deepEqual(unknown, []);
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
    const fromNotes = [...terms.values()].filter((t) => t.provenance.some((p) => p.locator?.footnote !== undefined)).map((t) => t.term.en);
    // The article's three glossary notes, and the Accords it folds into its note on Artemis (kept apart here).
    const notes = [...terms.values()].flatMap((t) => t.provenance.map((p) => p.locator?.footnote)).filter((n) => n !== undefined);
    assert.deepEqual([...new Set(notes)].sort(), [1, 2, 3], `terms citing the glossary notes: ${fromNotes.join(', ')}`);
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
