// Places imported treaty articles in the atlas's sectors by transparent rules kept in data (data/sector-rules.json),
// and says why: every assignment carries its basis ("by chapter title: Electronic Commerce"; "by keywords:
// telecommunications, interconnection").
//
// Rules, in order:
//  1. Chapter title. A title phrase of a sector found in the article's chapter title places the article there. A
//     title naming several sectors ("Trade in Services, Establishment and Electronic Commerce") places each article
//     in the one of them its keywords favour (the first named, when they favour none). A title naming only a
//     `generalTitleSectors` sector ("General Provisions") gives way to keywords that clearly place the article
//     elsewhere (a score of `minScore + 1`). Titles the corpus uses as catch-alls ("Preamble", "Conclusion" over a
//     whole treaty, as in KORUS) are ignored once their chapter holds `catchAllMinArticles` articles or more.
//  2. Keywords. Each sector scores 1 per distinct keyword found in the text, plus 0.25 per repeat (at most 1 more).
//     The best sector at or above `minScore` is assigned, with runners-up scoring `secondaryRatio` of it, up to
//     `maxSectors`.
//  3. Otherwise the `fallback` sector ("unclassified"): an honest "not placed", never a guess.
// Matching is on whole words, ignoring case and accents (so Spanish "electrónico" matches "electronico"); a trailing
// `*` after a word in a phrase matches any word ending. Phrases in every corpus language apply to every text: treaties quote
// each other's terms, and a mislabelled language costs nothing.
// Cost: one compiled regular expression per sector and rule kind; classifying is linear in the text's length times
// the number of sectors (17): the whole ToTA corpus (41k articles) classifies in a few seconds.
import type { SectorBasis } from '../catalog/model';

export interface SectorRule {
  sector: string;
  /** Phrases per language (BCP 47 tag) looked for in chapter titles. */
  chapterTitles?: Record<string, string[]>;
  /** Phrases per language looked for in article texts. */
  keywords?: Record<string, string[]>;
}

export interface SectorRulesData {
  fallback: string;
  minScore: number;
  secondaryRatio: number;
  maxSectors: number;
  /** Chapter titles that are no evidence when their chapter holds many articles. */
  catchAllTitles?: string[];
  catchAllMinArticles?: number;
  /** Sectors whose chapter titles are general ("General Provisions"): clear keywords for another sector win. */
  generalTitleSectors?: string[];
  sectors: SectorRule[];
}

export interface Classification {
  sectors: string[];
  basis: SectorBasis[];
}

export interface ChapterContext {
  title?: string;
  /** How many articles the chapter holds. */
  articles: number;
}

interface CompiledRule {
  sector: string;
  title?: RegExp;
  keywords?: RegExp;
}

const WORD = '[\\p{L}\\p{N}]';

/** Lower case, accents and typographic apostrophes and dashes folded, runs of space collapsed. */
export function foldForMatching(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/g, "'")
    .replace(/[\u2010-\u2015]/g, '-')
    .replace(/\s+/g, ' ');
}

/** A phrase as a pattern: spaces match any run of space, and `*` after a word any word ending. */
function phrasePattern(phrase: string): string {
  return foldForMatching(phrase)
    .trim()
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+'))
    .join(`${WORD}*`);
}

function compile(phrases: Record<string, string[]> | undefined): RegExp | undefined {
  const all = [...new Set(Object.values(phrases ?? {}).flat())].filter((p) => p.trim());
  if (!all.length) return undefined;
  // Longest first, so an alternation prefers "rules of origin" to "origin" at the same place.
  const patterns = all.map(phrasePattern).sort((a, b) => b.length - a.length);
  return new RegExp(`(?<!${WORD})(?:${patterns.join('|')})(?!${WORD})`, 'gu');
}

export class SectorClassifier {
  private readonly rules: CompiledRule[];
  private readonly catchAll: Set<string>;

  constructor(private readonly data: SectorRulesData) {
    this.rules = data.sectors.map((rule) => ({ sector: rule.sector, title: compile(rule.chapterTitles), keywords: compile(rule.keywords) }));
    this.catchAll = new Set((data.catchAllTitles ?? []).map((t) => foldForMatching(t).trim()));
  }

  /** Every sector id the rules can assign, the fallback included. */
  sectorIds(): string[] {
    return [...new Set([...this.data.sectors.map((s) => s.sector), this.data.fallback])];
  }

  classify(chapter: ChapterContext | undefined, text: string): Classification {
    const folded = foldForMatching(text);
    return this.byChapterTitle(chapter, folded) ?? this.byKeywords(this.scores(folded)) ?? { sectors: [this.data.fallback], basis: [{ sector: this.data.fallback, by: 'default', evidence: [] }] };
  }

  private byChapterTitle(chapter: ChapterContext | undefined, foldedText: string): Classification | undefined {
    const title = chapter?.title?.trim();
    if (!chapter || !title) return undefined;
    const folded = foldForMatching(title);
    if (this.catchAll.has(folded.trim()) && chapter.articles >= (this.data.catchAllMinArticles ?? 5)) return undefined;
    // Sectors the title names, in the order it names them.
    const named: { sector: string; at: number }[] = [];
    for (const rule of this.rules) {
      if (!rule.title) continue;
      const match = [...folded.matchAll(rule.title)][0];
      if (match) named.push({ sector: rule.sector, at: match.index ?? 0 });
    }
    if (!named.length) return undefined;
    named.sort((a, b) => a.at - b.at);
    const basis = (sector: string): Classification => ({ sectors: [sector], basis: [{ sector, by: 'chapter-title', evidence: [title.replace(/\s+/g, ' ')] }] });
    const general = new Set(this.data.generalTitleSectors ?? []);
    // A title naming one specific sector decides alone: the article's keywords are not even counted.
    if (named.length === 1 && !general.has(named[0].sector)) return basis(named[0].sector);
    const scores = this.scores(foldedText);
    if (named.every((n) => general.has(n.sector))) {
      const clear = scores.find((s) => !general.has(s.sector) && s.score >= this.data.minScore + 1);
      if (clear && clear === scores[0]) return this.byKeywords(scores);
      return basis(named[0].sector);
    }
    // A broad chapter ("Trade in Services, Establishment and Electronic Commerce") holds sections its title does not
    // name (telecommunications, financial services): an article whose keywords clearly place it elsewhere goes there.
    const elsewhere = scores[0];
    if (elsewhere && !named.some((n) => n.sector === elsewhere.sector) && elsewhere.score >= this.data.minScore + 1) return this.byKeywords(scores);
    const favoured = scores.find((s) => named.some((n) => n.sector === s.sector));
    return basis(favoured?.sector ?? named[0].sector);
  }

  /** Keyword scores of every sector with a keyword in the text, best first. */
  private scores(folded: string): { sector: string; score: number; found: string[] }[] {
    const scored: { sector: string; score: number; found: string[] }[] = [];
    for (const rule of this.rules) {
      if (!rule.keywords) continue;
      const counts = new Map<string, number>();
      for (const match of folded.matchAll(rule.keywords)) {
        const found = match[0].replace(/\s+/g, ' ');
        counts.set(found, (counts.get(found) ?? 0) + 1);
      }
      if (!counts.size) continue;
      let repeats = 0;
      for (const n of counts.values()) repeats += n - 1;
      const score = counts.size + Math.min(1, repeats * 0.25);
      const found = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k]) => k);
      scored.push({ sector: rule.sector, score, found });
    }
    return scored.sort((a, b) => b.score - a.score);
  }

  private byKeywords(scored: { sector: string; score: number; found: string[] }[]): Classification | undefined {
    const top = scored[0];
    if (!top || top.score < this.data.minScore) return undefined;
    const chosen = scored
      .filter((s) => s.score >= this.data.minScore && s.score >= top.score * this.data.secondaryRatio)
      .slice(0, this.data.maxSectors);
    return {
      sectors: chosen.map((s) => s.sector),
      basis: chosen.map((s) => ({ sector: s.sector, by: 'keywords' as const, evidence: s.found.slice(0, 5) })),
    };
  }
}
