// Korean word analysis for search and matching, on top of es-hangul (Toss's maintained Hangul library):
//  - particles and a few endings are stripped from a word's end (아르테미스에 → 아르테미스), checked against the
//    particle form the stem actually takes (josa.pick), so 국가 is not read as 국 + 가;
//  - syllable bigrams index the parts of compounds written without spaces (위성항법체계 ⊃ 항법);
//  - 초성 (initial consonants) support queries like ㅇㄹㅌㅁㅅ;
//  - keyboard habits: a syllable still being composed in the IME (아르템 on the way to 아르테미스) and Korean typed
//    with the English layout active (dkfmxpaltm → 아르테미스), or the reverse.
// Pure functions, no `vscode`.
import type * as HangulLib from './hangulLib';

type JosaOption = Parameters<typeof HangulLib.josa.pick>[1];

let hangulLib: typeof HangulLib | undefined;
/** es-hangul, required on first use: evaluating it builds jamo tables (~2 ms) that activation should not pay. */
function hangul(): typeof HangulLib {
  return (hangulLib ??= require('./hangulLib') as typeof HangulLib);
}

/** The syllable (or the last syllable of `word`) has a final consonant (받침). */
export function hasFinalConsonant(word: string): boolean {
  return hangul().hasBatchim(word);
}

const SYLLABLES = /^[\uAC00-\uD7A3]+$/;
const INITIALS = /^[\u3131-\u314E]+$/; // compatibility consonants ㄱ … ㅎ
const HAS_JAMO = /[\u3131-\u318E]/;

export function isHangulSyllables(value: string): boolean {
  return SYLLABLES.test(value);
}

/** A query made only of initial consonants (ㅇㄹㅌㅁㅅ). */
export function isInitialConsonants(value: string): boolean {
  return INITIALS.test(value);
}

/** Contains a bare jamo (a consonant or vowel not combined into a syllable). */
export function hasBareJamo(value: string): boolean {
  return HAS_JAMO.test(value);
}

/** 초성 of every syllable; bare consonants are kept as they are, anything else is dropped (아르ㅌ → ㅇㄹㅌ). */
export function initialConsonants(value: string): string {
  return hangul().getChoseong(value).replace(/\s+/g, '');
}

// ---------------------------------------------------------------------------------------------
// Particles (josa): one inventory for the glossary matcher (which endings may follow a term) and search (which
// endings to strip from a query word).

/** Particles whose form depends on the preceding syllable (`이/가`: 이 after a final consonant); es-hangul picks. */
export const ALTERNATING_PARTICLES: readonly JosaOption[] = [
  '이/가', '을/를', '은/는', '으로/로', '와/과', '이나/나', '이란/란', '이랑/랑', '으로서/로서', '으로써/로써', '으로부터/로부터',
  '이라/라', '이에요/예요',
];
/** Of those, the ones another particle may follow (으로는, 와의, 이랑도). */
export const STACKABLE_ALTERNATING: ReadonlySet<JosaOption> = new Set<JosaOption>([
  '으로/로', '와/과', '이랑/랑', '으로서/로서', '으로써/로써', '으로부터/로부터',
]);
/** Particles with one form; `true` when another particle may follow (에서는, 까지도). */
export const FIXED_PARTICLES: ReadonlyArray<readonly [string, boolean]> = [
  ['의', false], ['에', true], ['에서', true], ['에게', true], ['에게서', true], ['께', true], ['께서', true],
  ['한테', true], ['한테서', true], ['도', false], ['만', true], ['만을', false], ['만이', false], ['까지', true], ['부터', true],
  ['조차', false], ['마저', false], ['처럼', true], ['보다', true], ['같이', false], ['마다', true], ['만큼', true],
  ['뿐', false], ['대로', true], ['하고', true], ['에서부터', true], ['밖에', true], ['입니다', false],
];
/** Particles that may follow a stackable one. */
export const SECOND_PARTICLES: readonly string[] = ['은/는', '도', '의', '만'];

/** Copula endings: after a consonant they need 이 ("계획이다"), after a vowel 이 is optional ("시트다", "시트이다"). */
export const COPULA_ENDINGS: readonly string[] = ['다', '며', '고', '라고', '라는', '라도', '라서', '지만', '면', '므로', '든', '든지', '었다'];

/** The form of `particle` (an alternation like `을/를`, or a fixed particle) that follows `word`. */
export function particleAfter(word: string, particle: string): string {
  return particle.includes('/') ? hangul().josa.pick(word, particle as JosaOption) : particle;
}

interface Suffix {
  suffix: string;
  /** The alternation the (first) particle belongs to, and its form in this suffix. */
  option?: JosaOption;
  head?: string;
  /** A copula ending without 이: only after a syllable without a final consonant (시트다, not 계획다). */
  afterVowel?: boolean;
}

let suffixes: readonly Suffix[] | undefined;
/**
 * Every particle, stacked pair and copula ending as a suffix, longest first. A suffix is only stripped when the
 * stem takes that form (협력으로 → 협력, but 우주으로 is not 우주 + 으로). Built on first use: a few hundred
 * es-hangul calls (~2 ms) that activation should not pay.
 */
function particleSuffixes(): readonly Suffix[] {
  if (suffixes) return suffixes;
  const out = new Map<string, Suffix>();
  const put = (entry: Suffix) => out.has(entry.suffix) || out.set(entry.suffix, entry);
  const add = (head: string, stackable: boolean, option?: JosaOption) => {
    for (const suffix of [head, ...(stackable ? SECOND_PARTICLES.map((second) => head + particleAfter(head, second)) : [])]) {
      put(option ? { suffix, option, head } : { suffix });
    }
  };
  for (const option of ALTERNATING_PARTICLES) {
    for (const form of option.split('/')) add(form, STACKABLE_ALTERNATING.has(option), option);
  }
  for (const [particle, stackable] of FIXED_PARTICLES) add(particle, stackable);
  for (const ending of COPULA_ENDINGS) {
    put({ suffix: `이${ending}` });
    put({ suffix: ending === '었다' ? '였다' : ending, afterVowel: true });
  }
  return (suffixes = [...out.values()].sort((a, b) => b.suffix.length - a.suffix.length));
}

/** Verb, adjective and 的 endings that turn a noun into a predicate or modifier (협력한다, 전략적인). */
const ENDINGS: readonly string[] = [
  '하도록', '한다', '하는', '하고', '하여', '하며', '하기', '했다', '해야', '된다', '되는', '되어', '적으로', '적인',
  '한', '할', '함', '된', '적',
].sort((a, b) => b.length - a.length);

/** Shortest stem (in syllables) left after stripping; shorter stems are too ambiguous (회의 is not 회 + 의). */
const MIN_STEM = 2;

function stripParticle(word: string): string | undefined {
  for (const { suffix, option, head, afterVowel } of particleSuffixes()) {
    if (word.length - suffix.length < MIN_STEM || !word.endsWith(suffix)) continue;
    const stem = word.slice(0, -suffix.length);
    if (option && hangul().josa.pick(stem, option) !== head) continue;
    if (afterVowel && hasFinalConsonant(stem)) continue;
    return stem;
  }
  return undefined;
}

function stripEnding(word: string): string | undefined {
  for (const ending of ENDINGS) {
    if (word.length - ending.length >= MIN_STEM && word.endsWith(ending)) return word.slice(0, -ending.length);
  }
  return undefined;
}

/**
 * Stems of a Hangul word without its trailing particle, plural 들 or predicate ending, most likely first; empty when
 * nothing can be stripped. 연구자들의 → [연구자들, 연구자]; 협력한다 → [협력]; 국가 → [].
 */
export function koreanStems(word: string): string[] {
  if (!isHangulSyllables(word)) return [];
  const stems: string[] = [];
  const add = (stem: string | undefined) => {
    if (stem && stem !== word && !stems.includes(stem)) stems.push(stem);
    return stem;
  };
  const base = add(stripParticle(word)) ?? word;
  if (base.endsWith('들') && base.length - 1 >= MIN_STEM) add(base.slice(0, -1));
  add(stripEnding(base));
  return stems;
}

/** Whether a whole word is only a particle (the 를 of `AI를`, written against a Latin word). */
export function isParticle(word: string): boolean {
  return particleSuffixes().some((p) => p.suffix === word && !p.afterVowel);
}

/** Overlapping two-syllable units: 위성항법 → 위성, 성항, 항법. A one-syllable string has none. */
export function syllableBigrams(value: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 2 <= value.length; i++) out.push(value.slice(i, i + 2));
  return out;
}

/**
 * While a Korean word is being typed, the IME holds the next syllable's first consonant as the current syllable's
 * final one (아르템 on the way to 아르테미스). Returns the word without that pending final consonant, or undefined
 * when the last syllable has none.
 */
export function withoutPendingFinal(word: string): string | undefined {
  if (!isHangulSyllables(word) || !hasFinalConsonant(word)) return undefined;
  const trimmed = hangul().removeLastCharacter(word);
  return trimmed && isHangulSyllables(trimmed) ? trimmed : undefined;
}

/** Latin letters read as Korean 2-beolsik keystrokes (dkfmxpaltm → 아르테미스), when they spell whole syllables. */
export function qwertyToHangul(value: string): string | undefined {
  if (!/^[a-z]+$/i.test(value)) return undefined;
  try {
    const syllables = hangul().convertQwertyToHangul(value);
    return isHangulSyllables(syllables) ? syllables : undefined;
  } catch {
    return undefined; // es-hangul throws on some impossible jamo sequences (`data` → ㅇㅁㅅㅁ is fine, `hosting` is not)
  }
}

/** Bare jamo read back as the Latin keys that typed them (ㅏㅔㄴ → kps), for English typed with the Korean layout. */
export function hangulToQwerty(value: string): string | undefined {
  if (!/^[\u3131-\u318E\uAC00-\uD7A3]+$/.test(value)) return undefined;
  try {
    const latin = hangul().convertHangulToQwerty(value);
    return /^[a-z]+$/i.test(latin) ? latin.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}
