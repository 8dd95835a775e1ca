import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import {
  hangulToQwerty,
  initialConsonants,
  isInitialConsonants,
  isParticle,
  koreanStems,
  qwertyToHangul,
  syllableBigrams,
  withoutPendingFinal,
} from '../../src/core/text/koreanText';
import { createMatcher, koreanEndings } from '../../src/core/glossary/glossaryMatcher';

describe('koreanText', () => {
  describe('koreanStems', () => {
    const cases: [string, string[]][] = [
      ['아르테미스에', ['아르테미스']],
      ['안보를', ['안보']],
      ['운용성과', ['운용성']],
      ['협력으로', ['협력']], // 으로 after a final consonant
      ['우주로', ['우주']], // 로 after a vowel
      ['아르테미스이', []], // 이 needs a final consonant: 아르테미스 takes 가, so this is not a particle
      ['협력로', []], // 로 after a final consonant (other than ㄹ) is not the particle
      ['연구자들의', ['연구자들', '연구자']],
      ['협력한다', ['협력']],
      ['전략적인', ['전략']],
      ['국가', []], // 가 would leave a one-syllable stem
      ['회의', []],
      ['원잠은', ['원잠']],
    ];
    for (const [word, expected] of cases) {
      it(`${word} → [${expected.join(', ')}]`, () => {
        assert.deepEqual(koreanStems(word), expected);
      });
    }

    it('ignores anything that is not all Hangul syllables', () => {
      assert.deepEqual(koreanStems('AI를'), []);
      assert.deepEqual(koreanStems('ㅇㄹ'), []);
      assert.deepEqual(koreanStems(''), []);
    });

    it('only ever returns proper prefixes of at least two syllables (property)', () => {
      const syllable = fc.integer({ min: 0xac00, max: 0xd7a3 }).map((c) => String.fromCharCode(c));
      fc.assert(
        fc.property(fc.array(syllable, { minLength: 1, maxLength: 8 }).map((a) => a.join('')), (word) => {
          for (const stem of koreanStems(word)) {
            assert.ok(word.startsWith(stem) && stem.length < word.length && stem.length >= 2, `${word} → ${stem}`);
          }
        }),
      );
    });
  });

  it('search and the glossary matcher read the same particles and copula endings after a noun', () => {
    // One inventory (koreanText.ts) serves both: a noun followed by any ending the matcher accepts is a glossary hit,
    // and search strips that ending back to the noun — for nouns ending in a vowel, in ㄹ and in another consonant.
    for (const noun of ['팩트시트', '우주정거장', '연구재단', '아르테미스 계획', '자율주행']) {
      const last = noun.charCodeAt(noun.length - 1);
      const word = noun.split(' ').pop()!;
      const matcher = createMatcher([{ id: 't', term: { ko: noun, en: 'x' } }]);
      for (const ending of koreanEndings(last)) {
        if (!ending || ending.startsWith('들')) continue; // the plural is part of the noun, not an ending
        const text = `${noun}${ending} 다음`;
        const hits = matcher.findAll(text);
        assert.ok(hits.some((h) => h.termId === 't' && h.end === noun.length), `matcher: ${text}`);
        assert.ok(koreanStems(word + ending).includes(word), `search: ${word + ending} → ${koreanStems(word + ending).join(', ')}`);
      }
    }
  });

  it('tells a particle written against a Latin word', () => {
    assert.equal(isParticle('를'), true);
    assert.equal(isParticle('에서'), true);
    assert.equal(isParticle('반도체'), false);
  });

  it('makes overlapping syllable bigrams', () => {
    assert.deepEqual(syllableBigrams('위성항법'), ['위성', '성항', '항법']);
    assert.deepEqual(syllableBigrams('달'), []);
  });

  it('extracts 초성, keeping consonants still being typed', () => {
    assert.equal(initialConsonants('아르테미스'), 'ㅇㄹㅌㅁㅅ');
    assert.equal(initialConsonants('아르ㅌ'), 'ㅇㄹㅌ');
    assert.equal(initialConsonants('한국형 위성'), 'ㅎㄱㅎㅇㅅ');
    assert.equal(isInitialConsonants('ㅇㄹㅌㅁㅅ'), true);
    assert.equal(isInitialConsonants('ㅇㅏ'), false);
    assert.equal(isInitialConsonants('아'), false);
  });

  it('drops the final consonant the IME holds for the next syllable', () => {
    assert.equal(withoutPendingFinal('아르템'), '아르테');
    assert.equal(withoutPendingFinal('위성항'), '위성하');
    assert.equal(withoutPendingFinal('아르테'), undefined);
    assert.equal(withoutPendingFinal('KPS'), undefined);
  });

  it('reads keys typed with the wrong keyboard layout', () => {
    assert.equal(qwertyToHangul('dkfmxpaltm'), '아르테미스');
    assert.equal(qwertyToHangul('dnltjdgkdqjq'), '위성항법');
    assert.equal(qwertyToHangul('kps'), undefined); // would not spell whole syllables
    assert.equal(qwertyToHangul('hosting'), undefined); // es-hangul rejects the sequence; no exception escapes
    assert.equal(hangulToQwerty('ㅏㅔㄴ'), 'kps');
    assert.equal(hangulToQwerty('ㅏ ㅔ'), undefined);
  });
});
