import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fc from 'fast-check';
import { josa } from 'es-hangul';
import { loadCatalog } from '../../src/core/catalog/catalogLoader';
import { createMatcher, koreanEndings, MAX_GAP, matcherForCatalog, type GlossaryMatch, type GlossaryMatcher, type MatchableTerm } from '../../src/core/glossary/glossaryMatcher';
import type { Catalog } from '../../src/core/catalog/model';
import { SHIPPED_DATA_FILES } from '../../src/core/catalog/shippedData';

const ROOT = join(__dirname, '..', '..');

function term(id: string, en: string, ko: string, extra: Partial<MatchableTerm> = {}): MatchableTerm {
  return { id, term: { en, ko }, ...extra };
}

/** A glossary with the overlaps, abbreviations and Korean forms the rules are about. */
const TERMS: MatchableTerm[] = [
  term('jfs', 'Joint Fact Sheet', '공동 팩트시트', { aliases: { en: ['ROK–US Joint Fact Sheet'], ko: ['한미 공동 팩트시트'] } }),
  term('fact-sheet', 'Fact Sheet', '팩트시트'),
  term('artemis-program', 'Artemis Program', '아르테미스 계획', { aliases: { en: ['Artemis'], ko: ['아르테미스 프로그램'] } }),
  term('artemis-accords', 'Artemis Accords', '아르테미스 약정'),
  term('nrf', 'National Research Foundation of Korea', '한국연구재단', { abbreviations: ['NRF'] }),
  term('mou', 'memorandum of understanding', '양해각서', { aliases: { en: ['memoranda of understanding'] }, abbreviations: ['MOU', 'MoU'] }),
  term('ai', 'artificial intelligence', '인공지능', { abbreviations: ['AI'] }),
  term('ai-dataset', 'AI dataset', 'AI 데이터 세트', { aliases: { ko: ['AI 데이터셋'] } }),
  term('r-and-d', 'research and development', '연구개발', { abbreviations: ['R&D'] }),
  term('six-g', '6G', '6G'),
  term('emerging-technology', 'emerging technology', '신흥 기술'),
  term('box', 'sandbox', '샌드박스'),
  term('research-security', 'research security', '연구 안보'),
  term('seoul', 'Seoul', '서울'),
  term('plan', 'plan', '계획'),
  // Equal-length overlaps ("alpha beta gamma") and a Korean term followed by a Latin word.
  term('alpha-beta', 'alpha beta', '가나 다라'),
  term('beta-gamma', 'beta gamma', '다라 마바'),
  term('quantum-ai', 'quantum AI', '양자 AI'),
  term('apec-leaders', "APEC Leaders' Meeting", 'APEC 정상회의'),
];

/** Matched text, term and form of every match, for readable assertions. */
function found(matcher: GlossaryMatcher, text: string): string[] {
  return matcher.findAll(text).map((m) => `${text.slice(m.start, m.end)}=${m.termId}`);
}

describe('glossary matcher', () => {
  const matcher = createMatcher(TERMS);

  describe('Latin script', () => {
    it('matches case-insensitively, as whole words only', () => {
      assert.deepEqual(found(matcher, 'the JOINT fact SHEET was'), ['JOINT fact SHEET=jfs']);
      assert.deepEqual(found(matcher, 'Artemisia and Artemisian and preArtemis and Artemis2'), []);
      assert.deepEqual(found(matcher, 'the plant planned a plan_b airplane'), []);
      assert.deepEqual(found(matcher, '(Artemis)'), ['Artemis=artemis-program']);
    });

    it('includes plurals in the match and stops before possessives', () => {
      assert.deepEqual(found(matcher, 'Two Joint Fact Sheets, three MOUs, emerging technologies, sandboxes.'), [
        'Joint Fact Sheets=jfs',
        'MOUs=mou',
        'emerging technologies=emerging-technology',
        'sandboxes=box',
      ]);
      assert.deepEqual(found(matcher, "Artemis' schedule and NASA’s Artemis's crew"), ['Artemis=artemis-program', 'Artemis=artemis-program']);
      assert.deepEqual(found(matcher, 'the Joint Fact Sheetss'), []);
    });

    it('matches abbreviations case-sensitively', () => {
      assert.deepEqual(found(matcher, 'MOU, MoU, mou, Mou; NRF nrf; AI ai Ai'), ['MOU=mou', 'MoU=mou', 'NRF=nrf', 'AI=ai']);
      assert.deepEqual(found(matcher, 'R&D and r&d and R&Ds'), ['R&D=r-and-d', 'R&Ds=r-and-d']);
    });

    it('treats dash and apostrophe variants as the same character', () => {
      for (const dash of ['-', '‐', '‑', '–', '—', '−']) {
        assert.deepEqual(found(matcher, `the ROK${dash}US Joint Fact Sheet`), [`ROK${dash}US Joint Fact Sheet=jfs`], dash);
      }
      for (const apostrophe of ["'", '’', 'ʼ']) {
        assert.deepEqual(found(matcher, `APEC Leaders${apostrophe} Meeting`), [`APEC Leaders${apostrophe} Meeting=apec-leaders`], apostrophe);
      }
    });

    it('lets a few spaces stand for one, but not a tab, a long gap or a line break', () => {
      assert.deepEqual(found(matcher, 'Joint  Fact   Sheet'), ['Joint  Fact   Sheet=jfs']);
      assert.deepEqual(found(matcher, `Joint${' '.repeat(MAX_GAP + 1)}Fact Sheet`), ['Fact Sheet=fact-sheet']);
      assert.deepEqual(found(matcher, 'Joint\tFact Sheet'), ['Fact Sheet=fact-sheet']);
      assert.deepEqual(found(matcher, 'Joint Fact\nSheet'), []);
      assert.deepEqual(found(matcher, 'Joint\u00a0Fact\u3000Sheet'), ['Joint\u00a0Fact\u3000Sheet=jfs']);
    });
  });

  describe('Korean', () => {
    it('matches with or without the spaces inside a term', () => {
      assert.deepEqual(found(matcher, '공동 팩트시트 공동팩트시트 공동  팩트 시트'), ['공동 팩트시트=jfs', '공동팩트시트=jfs', '공동  팩트 시트=jfs']);
      assert.deepEqual(found(matcher, '한국 연구재단, 연구안보'), ['한국 연구재단=nrf', '연구안보=research-security']);
    });

    it('matches before particles that agree with the last syllable, with the particle outside the range', () => {
      assert.deepEqual(found(matcher, '아르테미스 계획에 공동 팩트시트를 한국연구재단과'), ['아르테미스 계획=artemis-program', '공동 팩트시트=jfs', '한국연구재단=nrf']);
      for (const ending of ['이', '은', '을', '과', '으로', '의', '에서는', '까지도', '들', '들에게', '이다', '이며', '만을', '처럼']) {
        assert.deepEqual(found(matcher, `계획${ending} `), ['계획=plan'], `계획${ending}`);
      }
      for (const ending of ['가', '는', '를', '와', '로', '다', '며', '이다', '였다', '들의']) {
        assert.deepEqual(found(matcher, `팩트시트${ending}.`), ['팩트시트=fact-sheet'], `팩트시트${ending}`);
      }
      // ㄹ takes 로, not 으로.
      assert.deepEqual(found(matcher, '서울로 서울으로'), ['서울=seoul']);
    });

    it('never matches inside an unrelated word', () => {
      for (const text of ['계획가', '계획서', '계획도시', '대계획', '팩트시트이', '팩트시트을', '공동 팩트시트장', '서울역', '계획이전', '연구개발비']) {
        assert.deepEqual(found(matcher, text), [], text);
      }
      assert.deepEqual(found(matcher, '계획가 계획'), ['계획=plan']);
      // Only particles that take another particle do ("계획으로는", not "계획이는").
      for (const text of ['계획이는', '계획을도', '팩트시트가의', '계획의도', '계획다', '팩트시트이']) {
        assert.deepEqual(found(matcher, text), [], text);
      }
    });

    it('lets Latin terms run into Korean particles and Korean into Latin', () => {
      assert.deepEqual(found(matcher, 'NRF와 MOU를 AI가 6G는 한국연구재단NRF'), ['NRF=nrf', 'MOU=mou', 'AI=ai', '6G=six-g', '한국연구재단=nrf', 'NRF=nrf']);
      assert.deepEqual(found(matcher, 'AI 데이터셋과 AI데이터 세트'), ['AI 데이터셋=ai-dataset', 'AI데이터 세트=ai-dataset']);
    });
  });

  describe('overlaps', () => {
    it('lets the longest match win', () => {
      assert.deepEqual(found(matcher, 'the Joint Fact Sheet and a Fact Sheet'), ['Joint Fact Sheet=jfs', 'Fact Sheet=fact-sheet']);
      assert.deepEqual(found(matcher, 'ROK–US Joint Fact Sheet'), ['ROK–US Joint Fact Sheet=jfs']);
      assert.deepEqual(found(matcher, '한미 공동 팩트시트와 팩트시트'), ['한미 공동 팩트시트=jfs', '팩트시트=fact-sheet']);
      assert.deepEqual(found(matcher, 'an AI dataset, AI'), ['AI dataset=ai-dataset', 'AI=ai']);
      // Equal length: the one that starts first.
      assert.deepEqual(found(matcher, 'alpha beta gamma'), ['alpha beta=alpha-beta']);
      assert.deepEqual(found(matcher, '가나 다라 마바'), ['가나 다라=alpha-beta']);
    });

    it('keeps terms that share a prefix distinct', () => {
      assert.deepEqual(found(matcher, 'Artemis Accords, Artemis Program, Artemis'), [
        'Artemis Accords=artemis-accords',
        'Artemis Program=artemis-program',
        'Artemis=artemis-program',
      ]);
    });

    it('reports which catalog form matched', () => {
      const [m] = matcher.findAll('the ROK-US joint fact sheets');
      assert.equal(m.form, 'ROK–US Joint Fact Sheet');
      assert.equal(m.kind, 'alias');
      assert.equal(matcher.findAll('MoU')[0].kind, 'abbreviation');
      assert.equal(matcher.findAll('양해각서')[0].kind, 'term');
    });
  });

  describe('findAt', () => {
    const line = 'See the Joint Fact Sheet, and 아르테미스 계획에 대해.';
    const jfs = line.indexOf('Joint');
    const artemis = line.indexOf('아르테미스');

    it('returns the match under the character with its exact range', () => {
      for (let ch = jfs; ch < jfs + 'Joint Fact Sheet'.length; ch++) {
        assert.deepEqual(pick(matcher.findAt(line, ch)), { start: jfs, end: jfs + 16, termId: 'jfs' }, `ch ${ch}`);
      }
      assert.deepEqual(pick(matcher.findAt(line, artemis + 6)), { start: artemis, end: artemis + 8, termId: 'artemis-program' });
    });

    it('returns nothing on surrounding whitespace, punctuation or particles', () => {
      assert.equal(matcher.findAt(line, jfs - 1), undefined);
      assert.equal(matcher.findAt(line, jfs + 16), undefined); // the comma
      assert.equal(matcher.findAt(line, artemis + 8), undefined); // 에
      assert.equal(matcher.findAt(line, -1), undefined);
      assert.equal(matcher.findAt(line, line.length), undefined);
    });

    it('handles CRLF line ends: the range stops before \\r', () => {
      const text = 'Joint Fact Sheet\r\nNRF\r\n';
      assert.deepEqual(found(matcher, text), ['Joint Fact Sheet=jfs', 'NRF=nrf']);
      assert.equal(matcher.findAt(text, 16), undefined);
      assert.deepEqual(pick(matcher.findAt('NRF\r', 2)), { start: 0, end: 3, termId: 'nrf' });
    });

    it('counts UTF-16 offsets across surrogate pairs and emoji', () => {
      const text = '😀NRF👍🏽 𝐀NRF NRF𝐀 𠀀한국연구재단😀';
      assert.deepEqual(
        matcher.findAll(text).map((m) => [m.start, m.end, text.slice(m.start, m.end)]),
        [
          [2, 5, 'NRF'],
          [text.indexOf('한국'), text.indexOf('한국') + 6, '한국연구재단'],
        ],
      );
      assert.equal(matcher.findAt(text, 0), undefined);
      assert.equal(matcher.findAt(text, 1), undefined);
      assert.equal(matcher.findAt(text, 3)?.termId, 'nrf');
    });
  });

  describe('cost', () => {
    it('answers on a 5 MB single line in bounded time, whatever the position', () => {
      const unit = 'Lorem ipsum dolor sit amet, 공동 연구를 위한 협력 방안을 논의했다. ';
      const filler = unit.repeat(Math.ceil((5 * 1024 * 1024) / unit.length));
      const middle = filler.length >> 1;
      const line = `${filler.slice(0, middle)} Joint Fact Sheet ${filler.slice(middle)}한국연구재단과`;
      assert.ok(line.length > 5 * 1024 * 1024);
      const at = line.indexOf('Joint Fact Sheet');
      const started = process.hrtime.bigint();
      for (let i = 0; i < 1000; i++) {
        assert.equal(matcher.findAt(line, at + (i % 16))?.termId, 'jfs');
        assert.equal(matcher.findAt(line, (i * 5003) % middle), undefined);
        assert.equal(matcher.findAt(line, line.length - 4)?.termId, 'nrf');
      }
      const perQueryMs = Number(process.hrtime.bigint() - started) / 1e6 / 3000;
      // A full scan of this line takes tens of milliseconds; a windowed query a few microseconds.
      assert.ok(perQueryMs < 1, `findAt took ${perQueryMs.toFixed(3)} ms per query`);
      assert.deepEqual(
        matcher.findAll(line, at - 1000, at + 1000).map((m) => m.termId),
        ['jfs'],
      );
    });

    it('stays correct with 10,000 terms', () => {
      const many = Array.from({ length: 10_000 }, (_, i) => term(`t${i}`, `Term ${i} Policy`, `용어${i} 정책`));
      const big = createMatcher([...TERMS, ...many]);
      assert.equal(big.termCount, TERMS.length + 10_000);
      assert.deepEqual(found(big, 'The Term 9999 Policy and 용어1234 정책을 and the Joint Fact Sheet'), [
        'Term 9999 Policy=t9999',
        '용어1234 정책=t1234',
        'Joint Fact Sheet=jfs',
      ]);
    });

    it('an empty glossary matches nothing; blank forms are ignored', () => {
      assert.deepEqual(createMatcher([]).findAll('Joint Fact Sheet'), []);
      assert.equal(createMatcher([]).findAt('Joint Fact Sheet', 3), undefined);
      const blank = createMatcher([term('x', '   ', ''), term('y', 'Y-term', '')]);
      assert.equal(blank.formCount, 1);
      assert.deepEqual(found(blank, 'a Y-term'), ['Y-term=y']);
    });
  });

  describe('agrees with a naive reference implementation', () => {
    const reference = naiveMatcher(TERMS);
    const tokens = [
      'Joint', 'Fact', 'Sheet', 'sheets', 'Artemisia', 'Accords', 's', 'es', "'s", '’', "'", 'ies',
      '공동', '팩트', '시트', '계획', '한국', '연구', '재단', '아르테미스', 'alpha', 'beta', 'gamma', '가나', '다라', '마바', '양자',
      '을', '를', '이', '가', '에', '에서는', '과', '와', '들', '로', '으로', '이다', '가다', '체', '서', '장',
      ' ', ' ', ' ', '  ', '    ', '\t', '\r\n', '\n', '\u00a0', '.', ',', '-', '–', '(', ')', '·', '_',
      '😀', '👍🏽', '𝐀', '𠀀', '7', 'x', 'Q', 'é',
    ];
    // Forms re-spaced: as written, without spaces, with wider gaps, or with a space between every character.
    const respace: Record<string, (form: string) => string> = {
      keep: (f) => f,
      none: (f) => f.replace(/\s+/g, ''),
      wide: (f) => f.replace(/\s+/g, '  '),
      tooWide: (f) => f.replace(/\s+/g, ' '.repeat(MAX_GAP + 1)),
      spread: (f) => [...f].join(' '),
    };
    const cases: Record<string, (t: string) => string> = { keep: (t) => t, upper: (t) => t.toUpperCase(), lower: (t) => t.toLowerCase() };
    const separators = ['', '', ' ', ' ', '  ', ' '.repeat(MAX_GAP + 1), '\t', '\r\n', '\u00a0', '.', ','];
    const forms = TERMS.flatMap((t) => [t.term.en, t.term.ko, ...(t.aliases?.en ?? []), ...(t.aliases?.ko ?? []), ...(t.abbreviations ?? [])]);
    const piece = fc.tuple(fc.oneof({ arbitrary: fc.constantFrom(...forms), weight: 2 }, { arbitrary: fc.constantFrom(...tokens), weight: 3 }), fc.constantFrom(...Object.keys(respace)), fc.constantFrom(...Object.keys(cases)), fc.constantFrom(...separators));
    const text = fc
      .array(piece, { maxLength: 30 })
      .map((parts) => parts.map(([t, spacing, c, sep]) => cases[c](respace[spacing](t)) + sep).join(''));

    it('findAll returns exactly what the reference finds', () => {
      fc.assert(
        fc.property(text, (t) => {
          assert.deepEqual(matcher.findAll(t), reference(t));
        }),
        { numRuns: 3000 },
      );
    });

    it('findAt returns the findAll match under each character; ranged findAll returns the overlapping ones', () => {
      fc.assert(
        fc.property(text, fc.nat(), fc.nat(), (t, a, b) => {
          const all = reference(t);
          for (let ch = 0; ch < t.length; ch++) {
            assert.deepEqual(matcher.findAt(t, ch), all.find((m) => m.start <= ch && ch < m.end), `ch ${ch}`);
          }
          const from = t.length ? a % t.length : 0;
          const to = from + (t.length ? b % (t.length - from + 1) : 0);
          assert.deepEqual(matcher.findAll(t, from, to), from < to ? all.filter((m) => m.end > from && m.start < to) : []);
        }),
        { numRuns: 1000 },
      );
    });
  });

  describe('on the shipped glossary', () => {
    let catalog: Catalog;
    before(async () => {
      const result = await loadCatalog(SHIPPED_DATA_FILES, async (file) => readFileSync(join(ROOT, file)));
      catalog = result.catalog;
      assert.ok(catalog.terms.size > 0);
    });

    it('builds one automaton per catalog', () => {
      assert.equal(matcherForCatalog(catalog), matcherForCatalog(catalog));
      assert.equal(matcherForCatalog(catalog).termCount, catalog.terms.size);
    });

    it('finds every form of every term in a sentence, Korean forms also before a particle', () => {
      const m = matcherForCatalog(catalog);
      // The term a form belongs to (the first one, when the loader reported an ambiguous form).
      const owner = new Map<string, string>();
      for (const t of catalog.terms.values()) {
        for (const form of [t.term.en, t.term.ko, ...(t.aliases?.en ?? []), ...(t.aliases?.ko ?? []), ...(t.abbreviations ?? [])]) {
          if (!owner.has(form)) owner.set(form, t.id);
        }
      }
      for (const [form, id] of owner) {
        const korean = /[가-힣]$/.test(form);
        const sentence = korean ? `메모: ${form}${josa.pick(form, '을/를')} 검토했다.` : `Memo: the ${form}, reviewed.`;
        const at = sentence.indexOf(form);
        const hit = m.findAt(sentence, at);
        assert.ok(hit, `no match for "${form}" in "${sentence}"`);
        assert.deepEqual([hit.start, hit.end, hit.termId], [at, at + form.length, id], form);
      }
    });

    it('finds the glossary terms of the sample memos', () => {
      const m = matcherForCatalog(catalog);
      const memo = readFileSync(join(ROOT, 'test', 'fixtures', 'memo-workspace', '한미-기술번영-MOU-메모.md'), 'utf8');
      const ids = new Set(m.findAll(memo).map((x) => x.termId));
      for (const id of ['nrf', 'kps', 'artemis-program', 'joint-fact-sheet', 'research-security-policy', 'iitp']) {
        assert.ok(!catalog.terms.has(id) || ids.has(id), `${id} not found in the Korean memo (found: ${[...ids].join(', ')})`);
      }
    });
  });

  it('knows the Korean endings of each final-consonant class', () => {
    const has = (syllable: string, ending: string) => koreanEndings(syllable.charCodeAt(0)).has(ending);
    assert.ok(has('획', '이') && !has('획', '가') && has('트', '가') && !has('트', '이'));
    assert.ok(has('울', '로') && !has('울', '으로') && has('획', '으로') && !has('획', '로'));
    assert.ok(has('트', '다') && has('트', '이다') && !has('획', '다') && has('획', '이다'));
    assert.ok(has('획', '') && has('획', '들') && has('획', '들이') && !has('획', '들가'));
  });
});

function pick(m: GlossaryMatch | undefined): Pick<GlossaryMatch, 'start' | 'end' | 'termId'> | undefined {
  return m && { start: m.start, end: m.end, termId: m.termId };
}

// ---------------------------------------------------------------------------------------------
// Naive reference: one regular expression per form and plural, tried at every position, boundaries checked on code
// points with Unicode property escapes, then the overlap rule applied pairwise. Slow and obviously right.

function naiveMatcher(terms: readonly MatchableTerm[]): (text: string) => GlossaryMatch[] {
  const isHangul = (c: string | undefined) => !!c && /\p{Script=Hangul}/u.test(c) && /\p{L}/u.test(c);
  const isWord = (c: string | undefined) =>
    !!c && !isHangul(c) && !/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u.test(c) && /[\p{L}\p{N}\p{M}_]/u.test(c);
  const cls = (c: string | undefined) => (isHangul(c) ? 'hangul' : isWord(c) ? 'word' : 'other');
  const escapeChar = (c: string) => {
    if (/[-‐‑‒–—―−﹘﹣－]/.test(c)) return '[-‐‑‒–—―−﹘﹣－]';
    if (/['‘’ʼ＇]/.test(c)) return "['‘’ʼ＇]";
    return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  };
  const pattern = (form: string) => {
    const chars = [...form.normalize('NFC').trim()];
    let out = '';
    for (let i = 0; i < chars.length; i++) {
      if (/\s/.test(chars[i])) {
        let j = i;
        while (/\s/.test(chars[j + 1])) j++;
        out += isHangul(chars[i - 1]) || isHangul(chars[j + 1]) ? `\\p{Zs}{0,${MAX_GAP}}` : `\\p{Zs}{1,${MAX_GAP}}`;
        i = j;
      } else {
        if (i > 0 && !/\s/.test(chars[i - 1]) && (isHangul(chars[i - 1]) || isHangul(chars[i]))) out += `\\p{Zs}{0,${MAX_GAP}}`;
        out += escapeChar(chars[i]);
      }
    }
    return out;
  };
  const plural = (form: string, caseSensitive: boolean): string[] => {
    if (!/[A-Za-z]$/.test(form)) return [];
    if (caseSensitive) return [`${form}s`];
    if (/(s|x|z|ch|sh)$/i.test(form)) return [`${form}es`];
    if (/[^aeiou]y$/i.test(form)) return [`${form.slice(0, -1)}ies`];
    return [`${form}s`];
  };

  interface Candidate {
    re: RegExp;
    termId: string;
    form: string;
    kind: GlossaryMatch['kind'];
  }
  const real: Candidate[] = [];
  const variants: Candidate[] = [];
  for (const t of terms) {
    const forms: Array<[string, GlossaryMatch['kind'], boolean]> = [
      [t.term.en, 'term', false],
      [t.term.ko, 'term', false],
      ...(t.aliases?.en ?? []).map((f): [string, GlossaryMatch['kind'], boolean] => [f, 'alias', false]),
      ...(t.aliases?.ko ?? []).map((f): [string, GlossaryMatch['kind'], boolean] => [f, 'alias', false]),
      ...(t.abbreviations ?? []).map((f): [string, GlossaryMatch['kind'], boolean] => [f, 'abbreviation', true]),
    ];
    for (const [raw, kind, caseSensitive] of forms) {
      const form = raw.normalize('NFC').trim();
      if (!form) continue;
      const flags = caseSensitive ? 'uy' : 'iuy';
      real.push({ re: new RegExp(pattern(form), flags), termId: t.id, form, kind });
      for (const p of plural(form, caseSensitive)) variants.push({ re: new RegExp(pattern(p), flags), termId: t.id, form, kind });
    }
  }
  const all = [...real, ...variants];

  return (text: string) => {
    const isPairAt = (i: number) => /[\ud800-\udbff]/.test(text[i] ?? '') && /[\udc00-\udfff]/.test(text[i + 1] ?? '');
    const codePointBefore = (i: number) => (i <= 0 ? undefined : i >= 2 && isPairAt(i - 2) ? text.slice(i - 2, i) : text[i - 1]);
    const codePointAt = (i: number) => (i < text.length ? String.fromCodePoint(text.codePointAt(i)!) : undefined);
    const validStart = (s: number) => {
      const first = codePointAt(s)!;
      if (/\p{Zs}/u.test(first)) return false;
      if (s > 0 && isPairAt(s - 1)) return false;
      return cls(first) === 'other' || cls(codePointBefore(s)) !== cls(first);
    };
    const validEnd = (e: number) => {
      const last = codePointBefore(e);
      if (cls(last) === 'word') return cls(codePointAt(e)) !== 'word';
      if (cls(last) !== 'hangul') return true;
      let j = e;
      while (isHangul(text[j])) j++;
      const run = text.slice(e, j);
      return run === '' || koreanEndings(text.charCodeAt(e - 1)).has(run);
    };
    const candidates: GlossaryMatch[] = [];
    for (let s = 0; s < text.length; s++) {
      if (!validStart(s)) continue;
      let best: GlossaryMatch | undefined;
      for (const c of all) {
        c.re.lastIndex = s;
        const m = c.re.exec(text);
        if (!m || m[0].length === 0 || !validEnd(s + m[0].length)) continue;
        const end = s + m[0].length;
        if (!best || end > best.end) best = { start: s, end, termId: c.termId, form: c.form, kind: c.kind };
      }
      if (best) candidates.push(best);
    }
    const len = (m: GlossaryMatch) => m.end - m.start;
    return candidates.filter(
      (m) => !candidates.some((o) => o !== m && o.start < m.end && m.start < o.end && (len(o) > len(m) || (len(o) === len(m) && o.start < m.start))),
    );
  };
}
