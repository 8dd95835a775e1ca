// How imported treaties look wherever the atlas shows them: a Spanish-only article in the English UI (badge, not a
// translation), chapters in the agreement document, the status with its dates, the sector basis, the ToTA licence
// beside the text, and the comparison panel folding long cells and clipping long texts.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCatalog } from '../../src/core/catalog/catalogLoader';
import type { Catalog, CatalogFile, PartyData } from '../../src/core/catalog/model';
import { SHIPPED_DATA_FILES, isShippedDataFile } from '../../src/core/catalog/shippedData';
import { citationHoverMarkdown } from '../../src/core/citation/citationHover';
import { buildComparison } from '../../src/core/compare/comparison';
import { renderComparePage, type ComparePageStrings } from '../../src/core/compare/comparePage';
import { DEFAULT_VIEW } from '../../src/core/compare/compareProtocol';
import { renderAgreementDocument } from '../../src/core/document/agreementDocument';
import { importedFileName, serializeImported } from '../../src/core/import/importBatch';
import { SectorClassifier } from '../../src/core/import/sectorRules';
import { SECTOR_RULES } from '../../src/core/import/shippedRules';
import { importTotaXml } from '../../src/core/import/tota';
import { partiesLabel, statusLabel, statusWithDatesLabel } from '../../src/core/labels/agreementLabels';
import type { HoverStrings } from '../../src/core/labels/hoverStrings';
import { chapterLabel, provisionTextLabel, sectorsWithBasis } from '../../src/core/labels/provisionLabels';
import { displayText, displayTextMarkdown, languageBadge } from '../../src/core/labels/textLabels';

const HOVER_STRINGS = new Proxy({} as HoverStrings, { get: (_, key) => `«${String(key)}»` });
const PAGE_STRINGS = new Proxy({} as ComparePageStrings, { get: (_, key) => `«${String(key)}»` });
const RESOURCES = { cspSource: 'https://x', nonce: 'n0nce0123456789abcdef0123456789abcdef', scriptUri: 'https://x/compare.js', styleUris: [] };

const ROOT = join(__dirname, '..', '..');
const parties = (JSON.parse(readFileSync(join(ROOT, 'data', 'parties.json'), 'utf8')) as CatalogFile).parties as PartyData[];
const context = { parties, classifier: new SectorClassifier(SECTOR_RULES) };

function catalogWith(...xml: string[]): Catalog {
  const files = xml.map((x) => {
    const result = importTotaXml(x, context);
    assert.ok(result.ok, !result.ok ? result.reason : '');
    return { file: `.techdeals/imported/${importedFileName(result.treaty.agreementId)}`, content: serializeImported(result.treaty.file) };
  });
  const shipped = SHIPPED_DATA_FILES.map((file) => ({ file, content: readFileSync(join(ROOT, file), 'utf8') }));
  const { catalog, problems } = buildCatalog([...shipped, ...files], { trusted: isShippedDataFile });
  assert.deepEqual(problems, []);
  return catalog;
}

const fixture = (name: string) => readFileSync(join(ROOT, 'test', 'fixtures', 'tota', 'xml', name), 'utf8');

describe('imported treaties in the views', () => {
  const catalog = catalogWith(fixture('invented-efta-korea.xml'), fixture('invented-chile-mexico-es.xml'));
  const spanish = catalog.provisions.get('tota-9002/90006')!;

  it('shows a Spanish-only article in the English UI as the original with a badge, and Korean-English texts as before', () => {
    assert.equal(languageBadge(spanish.text, 'en'), 'ES');
    assert.equal(displayText(spanish.text, 'en'), '[ES] Las Partes no aplicarán aranceles aduaneros a las transmisiones electrónicas entre ellas.');
    assert.equal(provisionTextLabel(spanish, 'ko').slice(0, 10), '[ES] Las P');
    assert.match(displayTextMarkdown(spanish.text, 'en'), /^`ES` \*Spanish original\* {2}\nLas Partes/);
    assert.match(displayTextMarkdown(spanish.text, 'ko'), /^`ES` \*스페인어 원문\*/);
    const shipped = catalog.provisions.get('kr-us-tpd/3')!;
    assert.equal(languageBadge(shipped.text, 'en'), undefined);
    assert.equal(displayText(shipped.text, 'ko'), shipped.text.ko);
  });

  it('hovers an imported article with its text, chapter, sector basis, source link and the ToTA licence', () => {
    const hover = citationHoverMarkdown(catalog, spanish, 'en', HOVER_STRINGS).value;
    assert.match(hover, /\*\*Chile \\- Mexico, ToTA article 90006\*\* · \\\[ES\\\] Comercio Electrónico/, 'the chapter title, also Spanish, badged too');
    assert.match(hover, /`ES` \*Spanish original\*/);
    assert.match(hover, /Data and digital \\\(by chapter title\\: Comercio Electrónico\\\)/);
    assert.match(hover, /\(http:\/\/example\.org\/tratados\/chile-mexico\)/);
    assert.match(hover, /CC BY\\-NC 4\\\.0/);
  });

  it('names chapters as the text does, and an unnamed one honestly, never with a corpus number', () => {
    const efta = catalog.agreements.get('tota-9001')!;
    assert.equal(chapterLabel(efta, '902', 'en'), 'CHAPTER TWO · Electronic Commerce', 'the number as the text writes it');
    assert.equal(chapterLabel(efta, '903', 'en'), 'Unnamed part');
    assert.equal(chapterLabel(efta, '903', 'ko'), '제목 없는 부분');
    assert.equal(chapterLabel(catalog.agreements.get('kr-us-tpd'), undefined, 'en'), undefined);
  });

  it('names a bloc side by the bloc, not by its members one by one', () => {
    assert.equal(partiesLabel(catalog, catalog.agreements.get('tota-9001')!, 'en'), 'EFTA · Korea');
    assert.equal(partiesLabel(catalog, catalog.agreements.get('tota-9002')!, 'en'), 'Chile · Mexico');
    assert.equal(partiesLabel(catalog, catalog.agreements.get('kr-us-tpd')!, 'ko'), '한국·미국');
  });

  it('says where an agreement stands, with its dates', () => {
    assert.equal(statusLabel(catalog.agreements.get('tota-9001')!.status!, 'en'), 'In force since 2006-09-01');
    assert.equal(statusWithDatesLabel(catalog.agreements.get('tota-9001')!.status!, 'en'), 'In force since 2006-09-01 (notified to the WTO 2006-08-23; phase-in ends 2016-12-31)');
    assert.equal(statusWithDatesLabel(catalog.agreements.get('tota-9002')!.status!, 'en'), 'Inactive since 1999-07-31 (in force from 1992-01-01)');
    assert.equal(statusLabel({ state: 'signed' }, 'ko'), '서명(미발효)');
  });

  it('gives each sector the basis of its assignment', () => {
    const telecom = catalog.provisions.get('tota-9001/90004')!;
    assert.match(sectorsWithBasis(catalog, telecom, 'en'), /^Telecommunications and 6G \(by keywords: .*interconnection/);
    assert.equal(sectorsWithBasis(catalog, catalog.provisions.get('kr-us-tpd/3')!, 'en').includes('(by'), false, 'hand-placed sectors have no basis');
  });

  it('renders the agreement document with chapters, status, blocs, WTO facts and the licence beside the text', () => {
    const doc = renderAgreementDocument(catalog, 'tota-9001', 'en')!.markdown;
    assert.match(doc, /- \*\*Kind:\*\* Free trade agreement \\& Economic integration agreement/);
    assert.match(doc, /- \*\*Status:\*\* In force since 2006\\-09\\-01/);
    assert.match(doc, /- \*\*Blocs:\*\* European Free Trade Association/);
    assert.match(doc, /- \*\*WTO RTA database:\*\* RTA id 9101 · GATT Art\\\. XXIV \\& GATS Art\\\. V/);
    assert.match(doc, /## Provisions \(5\)\n\n> Text from ToTA/);
    const headings = doc.split('\n').filter((l) => l.startsWith('### '));
    assert.deepEqual(headings, ['### Preamble', '### CHAPTER TWO · Electronic Commerce', '### Unnamed part', '### Final Provisions']);
    assert.match(doc, /\*\*In the agreement:\*\* ARTICLE 2\\\.1 — \[1\] § CHAPTER TWO Electronic Commerce/);
    assert.match(doc, /#### ToTA article 90004/);
    assert.doesNotMatch(doc, /secondary sources/, 'a corpus copy of the text is not news or analysis');
    assert.match(doc, /\[Link\]\(<http:\/\/example\.org\/treaties\/efta-korea\/full-text>\)/);
  });

  it('folds a long comparison cell and clips a long text until expanded', () => {
    const many = fixture('invented-efta-korea.xml').replace(
      /<chapter [^>]*name="Electronic Commerce"[\s\S]*?<\/chapter>/,
      `<chapter name="Electronic Commerce" chapter_identifier="902">${Array.from({ length: 12 }, (_, i) => `<article article_identifier="9100${i}">Electronic commerce clause ${i}. ${'Paperless trading. '.repeat(i === 0 ? 60 : 1)}</article>`).join('')}</chapter>`,
    );
    const big = catalogWith(many, fixture('invented-chile-mexico-es.xml'));
    const ids = ['tota-9001', 'tota-9002'];
    const html = renderComparePage({ catalog: big, comparison: buildComparison(big, ids), view: { ...DEFAULT_VIEW, agreements: ids }, lang: 'en', uiLanguage: 'en', strings: PAGE_STRINGS }, RESOURCES);
    const cell = /<td role="cell" class="cell">.*?<\/td>/s.exec(html.slice(html.indexOf('data-sector="data-digital"')))![0];
    assert.equal((cell.match(/class="provision-item"/g) ?? []).length, 12);
    assert.match(cell, /<ul class="provisions">(?:(?!<\/ul>).)*<\/ul><details class="more"><summary>4 more<\/summary>/s);
    assert.match(cell, /Paperless trading\. Paperless trading\.[^<]*…<\/span>/, 'the long text clipped in the button');
    assert.match(cell, /<details class="full-text"><summary>Full text \(1,\d{3} characters\)<\/summary>/);
    assert.match(html, /\[ES\] Las Partes no aplicarán/);
  });
});
