// Phrase recall: does a phrase copied out of an article find that article? Shared by `npm run bench` (the corpus
// rows) and the corpus unit test, so that both measure the same sample the same way.
//
// The sample: `count` articles drawn with a seeded generator; from each, a `words`-word phrase (as written, split
// at white space) starting at a seeded position. A phrase that occurs more than `maxShared` times in the catalog —
// boilerplate such as "by that Party in its Schedule", copied across dozens of treaties — cannot single out one
// article, so the draw moves on to the next position (up to 8 tries) and the article is counted as boilerplate when
// every try is. Occurrences are counted on the text reduced to lower-case words, so punctuation and line breaks do
// not hide a copy.
import type { Catalog } from '../../src/core/catalog/model';
import type { SearchIndex } from '../../src/core/search/searchIndex';

export interface PhraseProbe {
  uid: string;
  phrase: string;
}

export interface PhraseSample {
  probes: PhraseProbe[];
  /** Articles drawn whose every tried phrase was shared by more than `maxShared` places. */
  boilerplate: number;
}

export interface PhraseSampleOptions {
  count?: number;
  seed?: number;
  words?: number;
  maxShared?: number;
}

const reduce = (text: string) => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean).join(' ');

export function phraseSample(catalog: Catalog, options: PhraseSampleOptions = {}): PhraseSample {
  const { count = 200, seed = 20261127, words = 6, maxShared = 5 } = options;
  const provisions = [...catalog.provisions.values()];
  // Every article's text in one string, so that counting a phrase is one indexOf loop over it.
  const all = ` ${provisions.map((p) => reduce(Object.values(p.text).join(' '))).join(' | ')} `;
  const occurrences = (phrase: string) => {
    const needle = ` ${reduce(phrase)} `;
    let found = 0;
    for (let at = all.indexOf(needle); at >= 0 && found <= maxShared; at = all.indexOf(needle, at + 1)) found++;
    return found;
  };
  let state = seed % 2147483647 || 1;
  const random = () => (state = (state * 16807) % 2147483647) / 2147483647;
  const probes: PhraseProbe[] = [];
  let boilerplate = 0;
  const drawn = new Set<string>();
  while (probes.length + boilerplate < count && drawn.size < provisions.length) {
    const provision = provisions[Math.floor(random() * provisions.length)];
    if (drawn.has(provision.uid)) continue;
    drawn.add(provision.uid);
    const tokens = (Object.values(provision.text)[0] ?? '').split(/\s+/).filter(Boolean);
    if (tokens.length < words) continue; // too short to hold a phrase: drawn again
    let chosen: string | undefined;
    for (let attempt = 0; attempt < 8 && !chosen; attempt++) {
      const start = Math.floor(random() * (tokens.length - words + 1));
      const phrase = tokens.slice(start, start + words).join(' ');
      if (reduce(phrase).split(' ').length === words && occurrences(phrase) <= maxShared) chosen = phrase;
    }
    if (chosen) probes.push({ uid: provision.uid, phrase: chosen });
    else boilerplate++;
  }
  return { probes, boilerplate };
}

export interface PhraseRecall {
  found: number;
  total: number;
  /** The probes whose article was not in the top `top`. */
  missed: PhraseProbe[];
}

/** How many probes find their article among the first `top` hits, typed as is or in quotes. */
export function phraseRecall(index: SearchIndex, probes: readonly PhraseProbe[], quoted = false, top = 5): PhraseRecall {
  const missed = probes.filter(({ uid, phrase }) => !index.search(quoted ? `"${phrase}"` : phrase, { limit: top }).some((h) => h.id === uid));
  return { found: probes.length - missed.length, total: probes.length, missed };
}
