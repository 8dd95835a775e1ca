// "New Agreement…" in core: the answers' validators, the id suggestion, and the skeleton file, which must load through
// the real loader (every check: syntax, schema, cross-references) with zero problems and give back exactly what was
// answered — hostile titles included, and over random answers (fast-check).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { checkFile, mergeFiles, type FileResult, type LoadResult } from '../../src/core/catalog/catalogLoader';
import type { CatalogFile } from '../../src/core/catalog/model';
import {
  AGREEMENT_KINDS,
  DATE_PATTERN,
  FIRST_PROVISION_ID,
  ID_PATTERN,
  PARTY_ID_PATTERN,
  PLACEHOLDER_SECTOR,
  TITLE_MAX_LENGTH,
  agreementSkeleton,
  localIsoDate,
  normalizeTitle,
  provisionTextSelection,
  resolveParty,
  resolvePartyCodes,
  skeletonSourceId,
  suggestAgreementId,
  titleLanguage,
  validateAgreementId,
  validateDate,
  validateTitle,
  type NewAgreementInput,
} from '../../src/core/catalog/newAgreement';
import { SHIPPED_DATA_FILES, isShippedDataFile } from '../../src/core/catalog/shippedData';

const ROOT = join(__dirname, '..', '..');
const RUNS = Number(process.env.TDA_FUZZ_RUNS ?? 200);
const SEED = process.env.TDA_FUZZ_SEED === undefined ? undefined : Number(process.env.TDA_FUZZ_SEED);

const schema = JSON.parse(readFileSync(join(ROOT, 'data', 'schemas', 'catalog.schema.json'), 'utf8')) as {
  definitions: Record<string, { pattern?: string; enum?: string[]; maxLength?: number; required?: string[] }>;
};

/** The shipped dataset, checked once; each test merges a skeleton on top of it, as the extension does. */
const shippedResults: FileResult[] = SHIPPED_DATA_FILES.map((file) => checkFile({ file, content: readFileSync(join(ROOT, file)) }, { trusted: isShippedDataFile }));
const shipped = mergeFiles(shippedResults).catalog;
const empty = mergeFiles([]).catalog;

/** Loads a skeleton as the extension would read the file written (UTF-8 bytes) on top of `base`. */
function load(json: string, base: readonly FileResult[] = shippedResults): LoadResult {
  return mergeFiles([...base, checkFile({ file: '.techdeals/new.json', content: new TextEncoder().encode(json) })]);
}

function problemsOf(result: LoadResult): string[] {
  return result.problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.code} ${p.path} ${p.message}`);
}

const input = (overrides: Partial<NewAgreementInput> = {}): NewAgreementInput => ({
  id: 'kr-fr-ai-mou',
  title: 'Memorandum of Understanding on Artificial Intelligence',
  kind: 'mou',
  parties: ['KR', 'FR'],
  date: '2025-06-30',
  ...overrides,
});

describe('New Agreement: the schema it follows', () => {
  it('uses the schema\'s own patterns, kinds and limits', () => {
    const d = schema.definitions;
    assert.equal(ID_PATTERN.source, d.id.pattern);
    assert.equal(PARTY_ID_PATTERN.source, d.partyId.pattern);
    assert.equal(DATE_PATTERN.source, d.date.pattern);
    assert.deepEqual([...AGREEMENT_KINDS], d.agreementKind.enum);
    assert.equal(TITLE_MAX_LENGTH, d.nonEmpty.maxLength);
  });

  it('relies on the shipped sector for unplaced provisions', () => {
    assert.ok(shipped.sectors.has(PLACEHOLDER_SECTOR));
  });
});

describe('New Agreement: validators', () => {
  it('titles: whitespace runs (a pasted PDF line break) become one space; empty and over-long ones are refused', () => {
    assert.equal(normalizeTitle('  Memorandum of\r\nUnderstanding \t on AI  '), 'Memorandum of Understanding on AI');
    assert.equal(normalizeTitle('한미 \n 기술 번영 양해각서'), '한미 기술 번영 양해각서');
    assert.deepEqual(validateTitle(normalizeTitle(' \n\t ')), { code: 'empty' });
    assert.equal(validateTitle('한미 기술 번영 양해각서'), undefined);
    assert.equal(validateTitle('He said "</script>" \\ ok'), undefined);
    assert.equal(validateTitle('x'.repeat(TITLE_MAX_LENGTH)), undefined);
    assert.deepEqual(validateTitle('x'.repeat(TITLE_MAX_LENGTH + 1)), { code: 'too-long', max: TITLE_MAX_LENGTH, length: TITLE_MAX_LENGTH + 1 });
  });

  it('ids: the schema\'s pattern, with the most useful reason first', () => {
    for (const ok of ['kr-us-tpd', '2025-ai', 'a', 'a-', `a${'b'.repeat(63)}`]) assert.equal(validateAgreementId(ok), undefined, ok);
    assert.deepEqual(validateAgreementId(''), { code: 'empty' });
    assert.deepEqual(validateAgreementId('KR-US-AI'), { code: 'id-uppercase', suggestion: 'kr-us-ai' });
    assert.deepEqual(validateAgreementId('-kr'), { code: 'id-start' });
    assert.deepEqual(validateAgreementId('한미-mou'), { code: 'id-start' });
    assert.deepEqual(validateAgreementId('kr_us'), { code: 'id-character', character: '_' });
    assert.deepEqual(validateAgreementId('kr us'), { code: 'id-character', character: ' ' });
    assert.deepEqual(validateAgreementId('kr-"us"'), { code: 'id-character', character: '"' });
    assert.deepEqual(validateAgreementId('kr/../us'), { code: 'id-character', character: '/' });
    assert.deepEqual(validateAgreementId('ai-🤖'), { code: 'id-character', character: '🤖' });
    assert.deepEqual(validateAgreementId('Kr_us'), { code: 'id-character', character: '_' });
    assert.deepEqual(validateAgreementId('-KR'), { code: 'id-start' });
    assert.deepEqual(validateAgreementId('a'.repeat(65)), { code: 'too-long', max: 64, length: 65 });
    assert.deepEqual(validateAgreementId('kr-us-tpd', (id) => shipped.agreements.has(id)), { code: 'id-taken' });
  });

  it('dates: empty (not given) or a real calendar date in the schema\'s format', () => {
    for (const ok of ['', '2025-11-13', '2024-02-29', '0001-01-01']) assert.equal(validateDate(ok), undefined, ok);
    for (const bad of ['2025-2-1', '2025/02/01', '20250201', '2025-13-01', '2025-00-10', ' 2025-01-01', '２０２５-01-01', '2025-01-01T00:00', 'today']) {
      assert.deepEqual(validateDate(bad), { code: 'date-format' }, bad);
    }
    for (const unreal of ['2025-02-29', '2025-04-31', '1900-02-29']) assert.deepEqual(validateDate(unreal), { code: 'date-not-real' }, unreal);
  });

  it('today is the local calendar date, zero-padded', () => {
    assert.equal(localIsoDate(new Date(2025, 0, 5, 23, 59)), '2025-01-05');
    assert.equal(localIsoDate(new Date(2025, 11, 31, 0, 0)), '2025-12-31');
    assert.equal(validateDate(localIsoDate(new Date())), undefined);
  });

  it('party codes: upper-cased, alpha-3 codes of catalog parties resolved, duplicates dropped, bad codes named', () => {
    assert.deepEqual(resolvePartyCodes('fr, de; VNM  kor KR', shipped.parties), { ids: ['FR', 'DE', 'VN', 'KR'] });
    assert.deepEqual(resolvePartyCodes('zz · XK-1', shipped.parties), { ids: ['ZZ', 'XK-1'] });
    assert.deepEqual(resolvePartyCodes('  ', shipped.parties), { ids: [] });
    assert.deepEqual(resolvePartyCodes('FR X', shipped.parties), { problem: { code: 'party-code', token: 'X' } });
    assert.deepEqual(resolvePartyCodes('한국', shipped.parties), { problem: { code: 'party-code', token: '한국' } });
    assert.deepEqual(resolvePartyCodes('"FR"', shipped.parties), { problem: { code: 'party-code', token: '"FR"' } });
    assert.deepEqual(resolvePartyCodes('1FR', shipped.parties), { problem: { code: 'party-code', token: '1FR' } });
    assert.equal(resolveParty('EU', shipped.parties), 'EU');
  });

  it('the language of a title: Korean when it has Hangul', () => {
    assert.equal(titleLanguage('한미 기술 번영 양해각서'), 'ko');
    assert.equal(titleLanguage('ROK–US 기술 MOU'), 'ko');
    assert.equal(titleLanguage('Accord de coopération'), 'en');
  });
});

describe('New Agreement: id suggestion', () => {
  it('takes the title\'s words, with the usual abbreviations, short enough to type', () => {
    assert.equal(
      suggestAgreementId({ title: 'Memorandum of Understanding between the Government of the Republic of Korea and the Government of the United States of America on Technology Prosperity' }),
      'mou-korea-us-technology-prosperity',
    );
    assert.equal(suggestAgreementId({ title: 'Accord de coopération scientifique' }), 'accord-de-cooperation-scientifique');
    assert.equal(suggestAgreementId({ title: 'US–UK Free Trade Agreement' }), 'us-uk-fta');
  });

  it('for a title without Latin words, the parties, kind and year', () => {
    assert.equal(suggestAgreementId({ title: '한미 인공지능 협력 양해각서', parties: ['KR', 'US'], kind: 'mou', date: '2025-03-01' }), 'kr-us-mou-2025');
    assert.equal(suggestAgreementId({ title: '한미 공동성명', parties: ['KR', 'US'], kind: 'joint-statement' }), 'kr-us-joint-statement');
  });

  it('is never taken and always valid', () => {
    const taken = new Set(['us-uk-fta', 'us-uk-fta-2']);
    assert.equal(suggestAgreementId({ title: 'US–UK Free Trade Agreement' }, (id) => taken.has(id)), 'us-uk-fta-3');
    const long = suggestAgreementId({ title: 'Supercalifragilisticexpialidocious'.repeat(4) });
    assert.ok(long.length <= 40 && validateAgreementId(long) === undefined, long);
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.array(fc.stringMatching(PARTY_ID_PATTERN), { maxLength: 4 }), (title, parties) => {
        const id = suggestAgreementId({ title, parties, kind: 'mou' }, (candidate) => candidate.length < 6);
        assert.equal(validateAgreementId(id), undefined, id);
        assert.ok(id.length >= 6, id);
      }),
      { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) },
    );
  });
});

describe('New Agreement: the skeleton file', () => {
  it('loads with zero problems on top of the shipped data, and gives back every answer', () => {
    const json = agreementSkeleton(input(), shipped);
    const result = load(json);
    assert.deepEqual(problemsOf(result), []);
    const agreement = result.catalog.agreements.get('kr-fr-ai-mou')!;
    assert.deepEqual(agreement.title, { official: { en: input().title }, short: { en: input().title } });
    assert.equal(agreement.kind, 'mou');
    assert.deepEqual(agreement.parties, ['KR', 'FR']);
    assert.equal(agreement.date, '2025-06-30');
    assert.equal(agreement.legalNature.binding, null);
    assert.deepEqual(agreement.sources, ['kr-fr-ai-mou-source']);
    assert.deepEqual(agreement.provisions.map((p) => [p.uid, p.sectors]), [['kr-fr-ai-mou/1', ['unclassified']]]);
    assert.equal(result.catalog.sources.get('kr-fr-ai-mou-source')?.kind, 'official-text');
    assert.equal(result.catalog.origins.get('agreements:kr-fr-ai-mou'), '.techdeals/new.json');
  });

  it('loads on its own too (an empty catalog): it brings the sector and parties it refers to', () => {
    const json = agreementSkeleton(input({ parties: ['KR', 'US'] }), empty);
    const result = load(json, []);
    assert.deepEqual(problemsOf(result), []);
    assert.deepEqual([...result.catalog.parties.keys()], ['KR', 'US']);
    assert.deepEqual([...result.catalog.sectors.keys()], ['unclassified']);
  });

  it('writes only what it needs: no $schema, no party or sector the catalog has, two-space JSON ending in a newline', () => {
    const json = agreementSkeleton(input(), shipped);
    const file = JSON.parse(json) as CatalogFile;
    assert.deepEqual(Object.keys(file), ['agreements', 'sources']);
    assert.ok(json.endsWith('}\n') && json.startsWith('{\n  "agreements": [\n'));
    assert.deepEqual(Object.keys(file.agreements![0]), ['id', 'kind', 'title', 'parties', 'date', 'legalNature', 'summary', 'sources', 'provenance', 'provisions']);
    for (const required of schema.definitions.agreement.required!) assert.ok(required in file.agreements![0], required);
  });

  it('leaves out the date when the sources give none', () => {
    const json = agreementSkeleton(input({ date: undefined }), shipped);
    assert.ok(!('date' in (JSON.parse(json) as CatalogFile).agreements![0]));
    const result = load(json);
    assert.deepEqual(problemsOf(result), []);
    assert.equal(result.catalog.agreements.get('kr-fr-ai-mou')!.date, undefined);
  });

  it('marks every placeholder with "TODO:", in the language of the title', () => {
    for (const [title, lang] of [['AI MOU', 'en'], ['한미 인공지능 양해각서', 'ko']] as const) {
      const file = JSON.parse(agreementSkeleton(input({ title, parties: ['KR', 'ZZ'] }), shipped)) as CatalogFile;
      const a = file.agreements![0];
      const placeholders = [a.summary, a.legalNature.description, a.provisions[0].text, file.sources![0].title];
      for (const texts of placeholders) {
        assert.deepEqual(Object.keys(texts), [lang]);
        assert.match(texts[lang], /^TODO: /);
      }
      assert.deepEqual(a.title.official, { [lang]: title }, 'the title only in its own language');
      assert.equal(file.sources![0].language, lang);
      // A party the catalog lacks: both languages, as the schema wants for names; its code as its short name.
      assert.deepEqual(file.parties, [{ id: 'ZZ', name: { ko: 'TODO: ZZ의 정식 명칭', en: 'TODO: full name of ZZ' }, short: { ko: 'ZZ', en: 'ZZ' } }]);
    }
  });

  it('writes hostile titles exactly: quotes, backslashes, line breaks, </script>, separators, control characters', () => {
    const titles = [
      'He said "</script><script>alert(1)</script>"',
      'C:\\path\\to\\"file".json \\u0041 \\',
      'line one\nline two\r\n\ttabbed',
      'separators \u2028 and \u2029 here',
      'nul \u0000 bell \u0007 escape \u001b del \u007f',
      '한미 "기술 번영" 양해각서 \\ 🤖',
      '{"agreements": []}',
      '// not a comment /* nor this */',
      ' ',
      '\ud800 lone surrogate',
    ];
    for (const [i, title] of titles.entries()) {
      const json = agreementSkeleton(input({ id: `hostile-${i}`, title }), shipped);
      assert.ok(!/[\u2028\u2029]/.test(json), 'separators are escaped, or VS Code offers to remove them');
      const result = load(json);
      assert.deepEqual(problemsOf(result), [], JSON.stringify(title));
      const lang = titleLanguage(title);
      assert.equal(result.catalog.agreements.get(`hostile-${i}`)!.title.official[lang], title);
      assert.equal(result.catalog.agreements.get(`hostile-${i}`)!.title.short[lang], title);
    }
  });

  it('puts blocs in blocs and countries in parties; blocs alone are the parties', () => {
    const mixed = load(agreementSkeleton(input({ parties: ['EU', 'KR'] }), shipped)).catalog.agreements.get('kr-fr-ai-mou')!;
    assert.deepEqual([mixed.parties, mixed.blocs], [['KR'], ['EU']]);
    const blocsOnly = load(agreementSkeleton(input({ parties: ['EU', 'EFTA'] }), shipped));
    assert.deepEqual(problemsOf(blocsOnly), []);
    const agreement = blocsOnly.catalog.agreements.get('kr-fr-ai-mou')!;
    assert.deepEqual([agreement.parties, agreement.blocs], [['EU', 'EFTA'], undefined]);
  });

  it('writes catalog ids for alpha-3 codes and adds a placeholder party only for unknown codes', () => {
    const json = agreementSkeleton(input({ parties: ['KOR', 'KR', 'XK-1'] }), shipped);
    const file = JSON.parse(json) as CatalogFile;
    assert.deepEqual(file.agreements![0].parties, ['KR', 'XK-1']);
    assert.deepEqual(file.parties!.map((p) => p.id), ['XK-1']);
    assert.deepEqual(problemsOf(load(json)), []);
  });

  it('gives its source an id of its own, within the 64 characters', () => {
    assert.equal(skeletonSourceId('s67', shipped), 's67-source');
    const base = mergeFiles([checkFile({ file: 'x.json', content: JSON.stringify({ sources: [{ id: 'deal-source', kind: 'official-text', title: { en: 'x' }, language: 'en' }] }) })]).catalog;
    assert.equal(skeletonSourceId('deal', base), 'deal-source-2');
    const longId = `a${'b'.repeat(63)}`;
    const json = agreementSkeleton(input({ id: longId }), shipped);
    assert.deepEqual(problemsOf(load(json)), []);
    assert.equal((JSON.parse(json) as CatalogFile).sources![0].id.length, 64);
  });

  it('selects the first provision\'s text placeholder, inside its quotes', () => {
    for (const title of ['AI MOU', '한미 "AI" 양해각서\n\\', '"text": {"en": "decoy"}']) {
      const json = agreementSkeleton(input({ title }), shipped);
      const at = provisionTextSelection(json)!;
      const provision = (JSON.parse(json) as CatalogFile).agreements![0].provisions[0];
      assert.equal(provision.id, FIRST_PROVISION_ID);
      assert.equal(json.slice(at.offset, at.offset + at.length), Object.values(provision.text)[0]);
      assert.equal(json[at.offset - 1], '"');
      assert.equal(json[at.offset + at.length], '"');
    }
    assert.equal(provisionTextSelection('{"agreements": []}'), undefined);
    assert.equal(provisionTextSelection('not json'), undefined);
  });

  it('property: any valid answers give a file that loads with zero problems and returns them exactly', function () {
    this.timeout(120_000); // a merge with the shipped data per case
    const knownParties = [...shipped.parties.keys()];
    const answers = fc.record({
      id: fc.stringMatching(ID_PATTERN).filter((id) => !shipped.agreements.has(id)),
      title: fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 80 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 80 })),
      kind: fc.constantFrom(...AGREEMENT_KINDS),
      parties: fc.uniqueArray(fc.oneof(fc.constantFrom(...knownParties), fc.stringMatching(PARTY_ID_PATTERN)), { minLength: 1, maxLength: 5 }),
      date: fc.option(fc.date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), { nil: undefined }),
    });
    fc.assert(
      fc.property(answers, (a) => {
        const json = agreementSkeleton(a, shipped);
        const result = load(json);
        assert.deepEqual(problemsOf(result), []);
        const agreement = result.catalog.agreements.get(a.id);
        assert.ok(agreement, 'the agreement is in the catalog');
        const lang = titleLanguage(a.title);
        assert.equal(agreement.title.official[lang], a.title);
        assert.equal(agreement.title.short[lang], a.title);
        assert.equal(agreement.kind, a.kind);
        assert.equal(agreement.date, a.date);
        const sides = new Set([...agreement.parties, ...(agreement.blocs ?? [])]);
        assert.deepEqual(sides, new Set(a.parties.map((p) => resolveParty(p, shipped.parties))));
        const at = provisionTextSelection(json)!;
        assert.match(json.slice(at.offset, at.offset + at.length), /^TODO: /);
      }),
      { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }) },
    );
  });
});
