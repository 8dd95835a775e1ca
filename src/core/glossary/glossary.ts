// Glossary order and labels shared by the glossary view, the Define Term picker and hovers.
import { otherLanguage } from '../text/language';
import { text, type Catalog, type Lang, type TermData } from '../catalog/model';

const collators = new Map<Lang, Intl.Collator>();
function collator(lang: Lang): Intl.Collator {
  let c = collators.get(lang);
  if (!c) collators.set(lang, (c = new Intl.Collator(lang, { sensitivity: 'base', numeric: true })));
  return c;
}

/** Terms sorted by their name in `lang` (Korean in 가나다 order), ties broken by the other language, then id. */
export function sortedTerms(catalog: Catalog, lang: Lang): TermData[] {
  const other = otherLanguage(lang);
  const c = collator(lang);
  return [...catalog.terms.values()].sort(
    (a, b) =>
      c.compare(text(a.term, lang), text(b.term, lang)) ||
      collator(other).compare(text(a.term, other), text(b.term, other)) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** The term in the other language plus its abbreviations, e.g. `Korean Positioning System · KPS`; '' if none differ. */
export function termSecondaryLabel(term: TermData, lang: Lang): string {
  const primary = text(term.term, lang);
  const parts = [text(term.term, otherLanguage(lang)), ...(term.abbreviations ?? [])].filter((p) => p && p !== primary);
  return [...new Set(parts)].join(' · ');
}
