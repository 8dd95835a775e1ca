// Korean word analysis for search and matching, on top of es-hangul (Toss's maintained Hangul library):
//  - particles and a few endings are stripped from a word's end (아르테미스에 → 아르테미스), checked against the
//    particle form the stem actually takes (josa.pick), so 국가 is not read as 국 + 가;
//  - syllable bigrams index the parts of compounds written without spaces (위성항법체계 ⊃ 항법);
//  - 초성 (initial consonants) support queries like ㅇㄹㅌㅁㅅ;
//  - keyboard habits: a syllable still being composed in the IME (아르템 on the way to 아르테미스) and Korean typed
//    with the English layout active (dkfmxpaltm → 아르테미스), or the reverse.
// Pure functions, no `vscode`.
import { convertHangulToQwerty, convertQwertyToHangul, getChoseong, hasBatchim, josa, removeLastCharacter } from 'es-hangul';

type JosaOption = Parameters<typeof josa.pick>[1];

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
  return getChoseong(value).replace(/\s+/g, '');
}

/**
 * Particles, longest first. `option` names the es-hangul alternation the particle belongs to; the particle is only
 * stripped when the stem takes that form (협력으로 → 협력, but 우주으로 is not 우주 + 으로). Particles without an
 * alternation (에, 의, 에서 …) have no option.
 */
const PARTICLES: readonly { suffix: string; option?: JosaOption; head?: string }[] = [
  ...alternating('으로부터', '로부터', '으로부터/로부터'),
  ...alternating('으로서', '로서', '으로서/로서'),
  ...alternating('으로써', '로써', '으로써/로써'),
  ...alternating('으로는', '로는', '으로/로'),
  ...alternating('으로도', '로도', '으로/로'),
  ...alternating('으로의', '로의', '으로/로'),
  ...alternating('이라는', '라는', '이라/라'),
  ...alternating('과는', '와는', '와/과'),
  ...alternating('과의', '와의', '와/과'),
  ...alternating('과도', '와도', '와/과'),
  ...alternating('으로', '로', '으로/로'),
  ...alternating('이나', '나', '이나/나'),
  ...alternating('이랑', '랑', '이랑/랑'),
  ...alternating('이란', '란', '이란/란'),
  ...alternating('과', '와', '와/과'),
  ...alternating('은', '는', '은/는'),
  ...alternating('이', '가', '이/가'),
  ...alternating('을', '를', '을/를'),
  ...[
    '에서부터', '에게서', '한테서', '에서는', '에서도', '에서의', '에서만', '까지는', '까지도', '부터는', '에게는',
    '에서', '에게', '한테', '까지', '부터', '마저', '조차', '처럼', '보다', '마다', '께서', '에는', '에도', '에의', '에만',
    '의', '에', '도', '만',
  ].map((suffix) => ({ suffix })),
].sort((a, b) => b.suffix.length - a.suffix.length);

function alternating(withBatchim: string, withoutBatchim: string, option: JosaOption) {
  const [first, second] = option.split('/');
  return [
    { suffix: withBatchim, option, head: withBatchim.startsWith(first) ? first : second },
    { suffix: withoutBatchim, option, head: withoutBatchim.startsWith(second) ? second : first },
  ];
}

/** Verb, adjective and 的 endings that turn a noun into a predicate or modifier (협력한다, 전략적인). */
const ENDINGS: readonly string[] = [
  '하도록', '한다', '하는', '하고', '하여', '하며', '하기', '했다', '해야', '된다', '되는', '되어', '적으로', '적인',
  '한', '할', '함', '된', '적',
].sort((a, b) => b.length - a.length);

/** Shortest stem (in syllables) left after stripping; shorter stems are too ambiguous (회의 is not 회 + 의). */
const MIN_STEM = 2;

function stripParticle(word: string): string | undefined {
  for (const { suffix, option, head } of PARTICLES) {
    if (word.length - suffix.length < MIN_STEM || !word.endsWith(suffix)) continue;
    const stem = word.slice(0, -suffix.length);
    if (option && josa.pick(stem, option) !== head) continue;
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
  return PARTICLES.some((p) => p.suffix === word);
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
  if (!isHangulSyllables(word) || !hasBatchim(word)) return undefined;
  const trimmed = removeLastCharacter(word);
  return trimmed && isHangulSyllables(trimmed) ? trimmed : undefined;
}

/** Latin letters read as Korean 2-beolsik keystrokes (dkfmxpaltm → 아르테미스), when they spell whole syllables. */
export function qwertyToHangul(value: string): string | undefined {
  if (!/^[a-z]+$/i.test(value)) return undefined;
  try {
    const hangul = convertQwertyToHangul(value);
    return isHangulSyllables(hangul) ? hangul : undefined;
  } catch {
    return undefined; // es-hangul throws on some impossible jamo sequences (`data` → ㅇㅁㅅㅁ is fine, `hosting` is not)
  }
}

/** Bare jamo read back as the Latin keys that typed them (ㅏㅔㄴ → kps), for English typed with the Korean layout. */
export function hangulToQwerty(value: string): string | undefined {
  if (!/^[\u3131-\u318E\uAC00-\uD7A3]+$/.test(value)) return undefined;
  try {
    const latin = convertHangulToQwerty(value);
    return /^[a-z]+$/i.test(latin) ? latin.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}
