// The ToTA importer on fixture treaties the project wrote itself (test/fixtures/tota/xml): every meta field, named
// and unnamed chapters, a Spanish text, an empty <date_inactive/>, parties only under <parties_original>, a
// 100,000-character article, malformed XML and a duplicate treaty; then the result through the normal loader.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCatalog } from '../../src/core/catalog/catalogLoader';
import { otherText, text, textIn, type AgreementData, type CatalogFile, type PartyData } from '../../src/core/catalog/model';
import { SHIPPED_DATA_FILES, isShippedDataFile } from '../../src/core/catalog/shippedData';
import { ImportBatch, importedFileName, serializeImported, summaryLines } from '../../src/core/import/importBatch';
import { SectorClassifier } from '../../src/core/import/sectorRules';
import { SECTOR_RULES } from '../../src/core/import/shippedRules';
import { importTotaXml, normaliseText, TOTA_ATTRIBUTION, type ImportedTreaty } from '../../src/core/import/tota';

const ROOT = join(__dirname, '..', '..');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'tota', 'xml');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const shipped = SHIPPED_DATA_FILES.map((file) => ({ file, content: readFileSync(join(ROOT, file), 'utf8') }));
const parties = (JSON.parse(readFileSync(join(ROOT, 'data', 'parties.json'), 'utf8')) as CatalogFile).parties as PartyData[];
const context = { parties, classifier: new SectorClassifier(SECTOR_RULES) };

function imported(xml: string): ImportedTreaty {
  const result = importTotaXml(xml, context);
  if (!result.ok) assert.fail(`not imported: ${result.reason}`);
  return result.treaty;
}
const agreementOf = (t: ImportedTreaty): AgreementData => t.file.agreements![0];

/** The imported files as the extension would load them: after the shipped data, written and read back as text. */
function loadWith(...treaties: ImportedTreaty[]) {
  const files = treaties.map((t) => ({ file: `.techdeals/imported/${importedFileName(t.agreementId)}`, content: serializeImported(t.file) }));
  return buildCatalog([...shipped, ...files], { trusted: isShippedDataFile });
}

describe('ToTA import', () => {
  const efta = imported(fixture('invented-efta-korea.xml'));
  const chileMexico = imported(fixture('invented-chile-mexico-es.xml'));

  it('keeps every meta field the model can hold', () => {
    const a = agreementOf(efta);
    assert.equal(a.id, 'tota-9001');
    assert.equal(a.kind, 'free-trade-agreement');
    assert.deepEqual(a.otherKinds, ['economic-integration-agreement']);
    assert.deepEqual(a.title.official, { en: 'EFTA - Korea, Republic of' });
    assert.equal(a.date, '2005-12-15');
    assert.deepEqual(a.status, { state: 'in-force', inForce: '2006-09-01', notified: '2006-08-23', implementationEnds: '2016-12-31', provenance: [{ source: 'tota-9001-full-text-en' }] });
    assert.deepEqual(a.rta, { wtoId: 9101, notification: ['GATT Art. XXIV', 'GATS Art. V'], composition: 'Bilateral; One Party is an RTA', regions: ['Europe', 'East Asia'], crossRegional: true, allPartiesWto: true });
    assert.equal(a.language, 'en');
    assert.deepEqual(a.parties, ['ISL', 'LIE', 'NOR', 'CHE', 'KOR']);
    assert.equal(a.originalParties, undefined, 'same as parties: not repeated');
    assert.deepEqual(a.blocs, ['EFTA'], 'the EFTA side is recognised by its alias and its members among the parties');
    assert.deepEqual(a.provisionNumbering, { en: 'ToTA article', ko: 'ToTA 조문' });
  });

  it('makes each <source> a source record naming ToTA, the original http(s) URL, the licence and the OCR caveat', () => {
    const sources = efta.file.sources!;
    assert.deepEqual(sources.map((s) => [s.id, s.kind, s.language, s.url]), [
      ['tota-9001-full-text-en', 'corpus-copy', 'en', 'http://example.org/treaties/efta-korea/full-text'],
      ['tota-9001-annex-en', 'corpus-copy', 'en', 'https://example.org/treaties/efta-korea/annexes'],
    ]);
    for (const s of sources) {
      assert.match(text(s.title, 'en'), /ToTA copy/);
      assert.equal(s.licence?.name, 'CC BY-NC 4.0');
      assert.deepEqual(s.licence?.attribution, TOTA_ATTRIBUTION);
      assert.match(text(s.note!, 'en'), /OCR errors/);
    }
    assert.deepEqual(agreementOf(efta).sources, ['tota-9001-full-text-en', 'tota-9001-annex-en']);
  });

  it('makes every article a provision with its exact text, whitespace normalised only, and its chapter', () => {
    const a = agreementOf(efta);
    assert.deepEqual(a.provisions.map((p) => p.id), ['90001', '90002', '90003', '90004', '90005']);
    assert.equal(a.provisions[0].text.en, 'The Parties to this test instrument,\n\nseeking closer economic ties,\n\nagree as follows:');
    assert.deepEqual(a.provisions.map((p) => p.chapter), ['901', '902', '902', '903', '904']);
    assert.deepEqual(a.chapters, [
      { id: '901', title: { en: 'Preamble' } },
      { id: '902', number: 'CHAPTER TWO', title: { en: 'Electronic Commerce' } },
      { id: '903' },
      { id: '904', title: { en: 'Final Provisions' } },
    ]);
    assert.deepEqual(a.provisions[1].provenance, [{ source: 'tota-9001-full-text-en', locator: { section: 'CHAPTER TWO Electronic Commerce' } }]);
    assert.deepEqual(a.provisions[3].provenance, [{ source: 'tota-9001-full-text-en' }], 'an unnamed chapter gives no section');
  });

  it('keeps an article\'s own number as its official location, credited to the text, and its name as its heading', () => {
    const [preamble, duties] = agreementOf(efta).provisions;
    assert.deepEqual(duties.officialLocation, { label: { en: 'ARTICLE 2.1' }, provenance: duties.provenance });
    assert.deepEqual(duties.heading, { en: 'Customs Duties' });
    assert.equal(preamble.officialLocation, undefined, 'no number in the text: none invented');
    assert.equal(preamble.heading, undefined);
  });

  it('places articles in sectors and stores the basis: by chapter title, or by keywords under an unnamed chapter', () => {
    const [, ecommerce, , telecom, final] = agreementOf(efta).provisions;
    assert.deepEqual(ecommerce.sectors, ['data-digital']);
    assert.deepEqual(ecommerce.sectorBasis, [{ sector: 'data-digital', by: 'chapter-title', evidence: ['Electronic Commerce'] }]);
    assert.deepEqual(telecom.sectors, ['telecom-6g']);
    assert.equal(telecom.sectorBasis![0].by, 'keywords');
    assert.ok(telecom.sectorBasis![0].evidence.includes('interconnection'), JSON.stringify(telecom.sectorBasis));
    assert.deepEqual(final.sectors, ['institutional']);
  });

  it('imports a Spanish text as Spanish only, and shows it as the original where the reader asks for English', () => {
    const a = agreementOf(chileMexico);
    assert.equal(a.language, 'es');
    const [ecommerce] = a.provisions;
    assert.deepEqual(Object.keys(ecommerce.text), ['es']);
    assert.deepEqual(ecommerce.sectors, ['data-digital'], 'Spanish chapter title with an accent: "Comercio Electrónico"');
    assert.deepEqual(a.chapters![0].title, { es: 'Comercio Electrónico' });
    assert.deepEqual(textIn(ecommerce.text, 'en'), { text: ecommerce.text.es, lang: 'es' });
    assert.equal(otherText(ecommerce.text, 'en'), undefined, 'no second language to show beside it');
    assert.equal(chileMexico.file.sources![0].language, 'es');
  });

  it('takes the parties of an inactive treaty from <parties_original> when <parties> is empty, with its dates', () => {
    const a = agreementOf(chileMexico);
    assert.deepEqual(a.parties, ['CHL', 'MEX']);
    assert.equal(a.originalParties, undefined);
    assert.deepEqual(a.status, { state: 'inactive', inForce: '1992-01-01', inactive: '1999-07-31', provenance: [{ source: 'tota-9002-full-text-es' }] });
    assert.equal(a.blocs, undefined);
  });

  it('imports an article of 100,000 characters whole, and the loader accepts it', () => {
    const long = Array.from({ length: 12_500 }, (_, i) => `clause${i % 10} `).join('').slice(0, 100_000);
    const xml = fixture('invented-efta-korea.xml').replace('The Parties shall exchange views on paperless trading.', long);
    const t = imported(xml);
    assert.equal(agreementOf(t).provisions[2].text.en.length, long.trim().length);
    const { problems, catalog } = loadWith(t);
    assert.deepEqual(problems, []);
    assert.equal(catalog.provisions.get('tota-9001/90003')!.text.en.length, long.trim().length);
  });

  it('refuses malformed XML with the place of the error, and a file that is not a ToTA treaty', () => {
    const malformed = importTotaXml(fixture('invented-malformed.xml'), context);
    assert.equal(malformed.ok, false);
    assert.match(!malformed.ok ? malformed.reason : '', /^is not well-formed XML: line \d+, column \d+/);
    const other = importTotaXml('<?xml version="1.0"?><html><body/></html>', context);
    assert.deepEqual(other, { ok: false, reason: 'has no <treaty><meta> element: not a ToTA treaty file' });
    const noArticles = importTotaXml(fixture('invented-chile-mexico-es.xml').replace(/<body>[\s\S]*<\/body>/, '<body/>'), context);
    assert.deepEqual(noArticles, { ok: false, reason: 'has no articles with text: nothing to import' });
    const binary = importTotaXml('<treaty>\u0000</treaty>', context);
    assert.deepEqual(binary, { ok: false, reason: 'is binary, not XML text' });
  });

  it('skips a duplicate treaty in one run and names the file it duplicates; the summary lists what was skipped and why', () => {
    const batch = new ImportBatch(context);
    assert.ok(batch.add('invented-efta-korea.xml', fixture('invented-efta-korea.xml')));
    assert.equal(batch.add('invented-resubmitted-efta-korea.xml', fixture('invented-resubmitted-efta-korea.xml')), undefined);
    assert.equal(batch.add('invented-malformed.xml', fixture('invented-malformed.xml')), undefined);
    assert.ok(batch.add('invented-chile-mexico-es.xml', fixture('invented-chile-mexico-es.xml')));
    const lines = summaryLines(batch.summary);
    assert.equal(lines[0], 'Imported 2 treaties (7 articles); skipped 2 files.');
    assert.equal(lines[1], '  skipped invented-resubmitted-efta-korea.xml: same treaty (ToTA 9001) as invented-efta-korea.xml, already imported in this run.');
    assert.match(lines[2], /^ {2}skipped invented-malformed\.xml: is not well-formed XML: line \d+/);
  });

  it('counts a treaty that could not be written as skipped, and takes a later copy of it', () => {
    const batch = new ImportBatch(context);
    const first = batch.add('invented-efta-korea.xml', fixture('invented-efta-korea.xml'))!;
    batch.notWritten('invented-efta-korea.xml', first.agreementId, 'could not be written (disk full).');
    assert.deepEqual(batch.summary.imported, []);
    assert.deepEqual(batch.summary.skipped, [{ file: 'invented-efta-korea.xml', reason: 'could not be written (disk full).' }]);
    assert.ok(batch.add('invented-resubmitted-efta-korea.xml', fixture('invented-resubmitted-efta-korea.xml')));
    assert.equal(summaryLines(batch.summary)[0], 'Imported 1 treaty (5 articles); skipped 1 file.');
  });

  it('writes the same file for the same treaty, so a re-import replaces it', () => {
    assert.equal(importedFileName('tota-9001'), 'tota-9001.json');
    assert.equal(serializeImported(imported(fixture('invented-efta-korea.xml')).file), serializeImported(efta.file));
  });

  it('loads through the normal loader with zero problems: ToTA\'s KOR is the shipped Korea, EFTA a bloc', () => {
    const { problems, catalog } = loadWith(efta, chileMexico);
    assert.deepEqual(problems, []);
    const a = catalog.agreements.get('tota-9001')!;
    assert.deepEqual(a.parties, ['IS', 'LI', 'NO', 'CH', 'KR'], 'alpha-3 codes resolved to the catalog\'s party ids');
    assert.equal(catalog.parties.get('KR')!.alpha3, 'KOR');
    assert.deepEqual(a.blocs, ['EFTA']);
    assert.equal(catalog.parties.get('EFTA')!.kind, 'bloc');
    assert.equal(catalog.provisions.get('tota-9002/90006')!.text.es, 'Las Partes no aplicarán aranceles aduaneros a las transmisiones electrónicas entre ellas.');
    assert.equal(catalog.sources.get('tota-9001-full-text-en')!.url, 'http://example.org/treaties/efta-korea/full-text');
  });

  it('normalises whitespace only', () => {
    assert.equal(normaliseText('  a\r\n\r\n\r\n\tb  c \u00a0d\n'), 'a\n\nb c d');
    assert.equal(normaliseText('Art. 1.2 — “quoted”'), 'Art. 1.2 — “quoted”');
  });
});

describe('sector rules', () => {
  const classifier = new SectorClassifier(SECTOR_RULES);

  it('prefers the chapter title, and says so', () => {
    assert.deepEqual(classifier.classify({ title: 'Chapter 15 Electronic Commerce', articles: 9 }, 'The Parties recognise the importance of cooperation.'), {
      sectors: ['data-digital'],
      basis: [{ sector: 'data-digital', by: 'chapter-title', evidence: ['Chapter 15 Electronic Commerce'] }],
    });
  });

  it('reads the text when the chapter is a catch-all "Preamble" over many articles (KORUS, EU–Korea)', () => {
    const result = classifier.classify({ title: 'Preamble', articles: 140 }, 'A major supplier shall provide interconnection to suppliers of public telecommunications services.');
    assert.deepEqual(result.sectors, ['telecom-6g']);
    assert.equal(result.basis[0].by, 'keywords');
    assert.deepEqual(classifier.classify({ title: 'Preamble', articles: 1 }, 'Desiring to strengthen their ties').sectors, ['institutional']);
  });

  it('splits a title that names several sectors by the article\'s keywords', () => {
    const title = { title: 'Trade in Services, Establishment and Electronic Commerce', articles: 80 };
    assert.deepEqual(classifier.classify(title, 'Each Party shall accord to service suppliers of the other Party treatment no less favourable.').sectors, ['services']);
    assert.deepEqual(classifier.classify(title, 'Personal data and electronic signatures in electronic commerce.').sectors, ['data-digital']);
  });

  it('matches Spanish and French keywords without regard to accents or case', () => {
    assert.deepEqual(classifier.classify(undefined, 'Las PARTES protegerán la propiedad intelectual y las indicaciones geográficas.').sectors, ['intellectual-property']);
    assert.deepEqual(classifier.classify(undefined, 'Les marchés publics et les entités adjudicatrices.').sectors, ['government-procurement']);
  });

  it('leaves an article it cannot place unclassified rather than guessing', () => {
    assert.deepEqual(classifier.classify({ title: '', articles: 1 }, 'Lorem ipsum dolor sit amet.'), { sectors: ['unclassified'], basis: [{ sector: 'unclassified', by: 'default', evidence: [] }] });
  });
});
