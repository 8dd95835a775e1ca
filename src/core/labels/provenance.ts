// How sources and provenance (source + locator) are written for people: source kinds, `Title, para. 8, sentence 3` /
// `제목, 8문단 3문장`. Shared by tooltips, hovers, the agreement document and the comparison panel.
import { SOURCE_TIERS, sourceTier, text, type Catalog, type Lang, type Locator, type Provenance, type SourceData, type SourceKind, type SourceTier } from '../catalog/model';
import { safeWebUrl } from '../text/commandLink';
import { escapeMarkdown, markdownCodeSpan } from '../text/markdown';
import { truncate } from '../text/truncate';

const KIND_LABELS: Record<SourceKind, Record<Lang, string>> = {
  'official-text': { ko: '공식 원문', en: 'Official text' },
  'official-summary': { ko: '공식 요약(팩트시트·보도자료)', en: 'Official summary (fact sheet, press release)' },
  'news-analysis': { ko: '뉴스·분석(2차 자료)', en: 'News/analysis (secondary source)' },
  'corpus-copy': { ko: '연구 코퍼스 사본(기계 판독, OCR 오류 가능)', en: 'Research corpus copy (machine-readable; may contain OCR errors)' },
};

const TIER_LABELS: Record<SourceTier, Record<Lang, string>> = {
  official: { ko: '공식', en: 'Official' },
  'official-via-press': { ko: '공식(보도 인용)', en: 'Official, via press' },
  news: { ko: '뉴스', en: 'News' },
  'third-party-summary': { ko: '제3자 요약', en: 'Third-party summary' },
  commentary: { ko: '해설(분석)', en: 'Commentary (analysis)' },
};

export function tierLabel(tier: SourceTier, lang: Lang): string {
  return TIER_LABELS[tier]?.[lang] ?? tier;
}

/**
 * The badge a citation of the source carries: its tier, and for a corpus copy that it is one (OCR caveat). Shown on
 * every cited source, official ones included, so an analyst sees at a glance what a fact rests on.
 */
export function sourceBadge(source: SourceData, lang: Lang): string {
  const tier = tierLabel(sourceTier(source), lang);
  return source.kind === 'corpus-copy' ? `${tier} · ${sourceKindLabel(source.kind, lang)}` : tier;
}

/** 0 for the best tier: sorts citations best first. */
export function tierRank(source: SourceData): number {
  return SOURCE_TIERS.indexOf(sourceTier(source));
}

/** The best tier among the cited sources (unknown ids skipped); undefined when none is known. */
export function bestTier(catalog: Catalog, provenance: readonly Provenance[]): SourceTier | undefined {
  let best: number | undefined;
  for (const p of provenance) {
    const source = catalog.sources.get(p.source);
    if (source) best = Math.min(best ?? Infinity, tierRank(source));
  }
  return best === undefined ? undefined : SOURCE_TIERS[best];
}

/** Whether a tier speaks for a government: its text or own material, or that material quoted by the press. */
export function isOfficialTier(tier: SourceTier): boolean {
  return tier === 'official' || tier === 'official-via-press';
}

/** Whether no cited source is official (see `isOfficialTier`). */
export function restsOnSecondaryOnly(catalog: Catalog, provenance: readonly Provenance[]): boolean {
  const best = bestTier(catalog, provenance);
  return best !== undefined && !isOfficialTier(best);
}

export function sourceKindLabel(kind: SourceKind, lang: Lang): string {
  return KIND_LABELS[kind]?.[lang] ?? kind;
}

export function formatLocator(locator: Locator | undefined, lang: Lang): string {
  const parts: string[] = [];
  if (!locator) return '';
  if (lang === 'ko') {
    if (locator.paragraph !== undefined) parts.push(`${locator.paragraph}문단`);
    if (locator.sentence !== undefined) parts.push(`${locator.sentence}문장`);
    if (locator.item !== undefined) parts.push(`${locator.item}번째 항목`);
    if (locator.footnote !== undefined) parts.push(`용어설명 ${locator.footnote}`);
    if (locator.section !== undefined) parts.push(`§ ${locator.section}`);
    return parts.join(' ');
  }
  if (locator.paragraph !== undefined) parts.push(`para. ${locator.paragraph}`);
  if (locator.sentence !== undefined) parts.push(`sentence ${locator.sentence}`);
  if (locator.item !== undefined) parts.push(`item ${locator.item}`);
  if (locator.footnote !== undefined) parts.push(`note ${locator.footnote}`);
  if (locator.section !== undefined) parts.push(`§ ${locator.section}`);
  return parts.join(', ');
}

/** `Source title, para. 8, sentence 3`; an unknown source id stays as the id. */
export function formatProvenance(catalog: Catalog, provenance: Provenance, lang: Lang): string {
  const source = catalog.sources.get(provenance.source);
  const title = source ? text(source.title, lang) : provenance.source;
  const where = formatLocator(provenance.locator, lang);
  return where ? `${title}, ${where}` : title;
}

/** Title with publisher and date when known, as plain text: `Title (Publisher, 2025-11-14)`. */
export function formatSourceLine(source: SourceData, lang: Lang): string {
  const details = [source.publisher && text(source.publisher, lang), source.date].filter((s): s is string => !!s);
  return details.length ? `${text(source.title, lang)} (${details.join(', ')})` : text(source.title, lang);
}

export interface SourceCitation {
  readonly source: SourceData;
  /** Plain-text locators in `lang`, in cited order, without repeats; empty when the whole source is cited. */
  readonly places: readonly string[];
}

/** Provenance grouped by source, best tier first, then in cited order (entries pointing at unknown sources are skipped). */
export function citedSources(catalog: Catalog, provenance: readonly Provenance[], lang: Lang): SourceCitation[] {
  const bySource = new Map<string, { source: SourceData; places: string[] }>();
  for (const p of provenance) {
    const source = catalog.sources.get(p.source);
    if (!source) continue;
    const entry = bySource.get(source.id) ?? { source, places: [] };
    const where = formatLocator(p.locator, lang);
    if (where && !entry.places.includes(where)) entry.places.push(where);
    bySource.set(source.id, entry);
  }
  return [...bySource.values()].sort((a, b) => tierRank(a.source) - tierRank(b.source));
}

/**
 * The licence and attribution lines of the cited sources that carry one (a corpus's CC BY-NC notice), without
 * repeats: shown wherever their text is.
 */
export function attributionLines(catalog: Catalog, provenance: readonly Provenance[], lang: Lang): string[] {
  const lines: string[] = [];
  for (const p of provenance) {
    const licence = catalog.sources.get(p.source)?.licence;
    const line = licence && text(licence.attribution, lang);
    if (line && !lines.includes(line)) lines.push(line);
  }
  return lines;
}

/** Long source titles are cut in hovers (the agreement document and the tree show them in full). */
const SOURCE_TITLE_MAX = 100;

/**
 * `Source: Title (Publisher, date) — para. 1, sentence 2 · `News``, one Markdown line per source, best tier first
 * (`sourceWord` is the UI's "Source:"), with the source's caveat note below it unless `notes` is false.
 */
export function sourcesMarkdown(catalog: Catalog, provenance: readonly Provenance[], lang: Lang, sourceWord: string, options: { notes?: boolean; max?: number } = {}): string {
  const cited = citedSources(catalog, provenance, lang);
  const shown = options.max !== undefined && cited.length > options.max ? cited.slice(0, options.max) : cited;
  const more = cited.length - shown.length;
  const lines = shown
    .map(({ source, places }) => {
      const url = safeWebUrl(source.url);
      const title = escapeMarkdown(truncate(formatSourceLine(source, lang), SOURCE_TITLE_MAX));
      const where = places.length ? ` — ${escapeMarkdown(places.join('; '))}` : '';
      const kind = ` · ${markdownCodeSpan(sourceBadge(source, lang))}`;
      const note = source.note && options.notes !== false ? `  \n*${escapeMarkdown(text(source.note, lang))}*` : '';
      const licence = source.licence ? `  \n$(law) *${escapeMarkdown(text(source.licence.attribution, lang))}*` : '';
      return `$(book) ${escapeMarkdown(sourceWord)} ${url ? `[${title}](${url})` : title}${where}${kind}${note}${licence}`;
    });
  if (more > 0) lines.push(`$(book) *${lang === 'ko' ? `출처 ${more}건 더` : `${more} more source${more === 1 ? '' : 's'}`}*`);
  return lines.join('  \n');
}
