import type { Lang } from '../catalog/model';

export type LanguageSetting = 'auto' | Lang;

/** `auto` follows the editor's display language: Korean UI → Korean data, anything else → English. */
export function resolveLanguage(setting: string | undefined, displayLanguage: string): Lang {
  if (setting === 'ko' || setting === 'en') return setting;
  return displayLanguage.toLowerCase().startsWith('ko') ? 'ko' : 'en';
}

export function otherLanguage(lang: Lang): Lang {
  return lang === 'ko' ? 'en' : 'ko';
}

const displayNames = new Map<Lang, Intl.DisplayNames | undefined>();

/** The name of a language tag in `lang` (`ja` → "Japanese" / "일본어"); the tag itself when it is not a known one. */
export function languageName(tag: string, lang: Lang): string {
  if (!displayNames.has(lang)) {
    let names: Intl.DisplayNames | undefined;
    try {
      names = new Intl.DisplayNames([lang], { type: 'language', fallback: 'none' });
    } catch {
      names = undefined; // a runtime without Intl.DisplayNames: tags stay as they are
    }
    displayNames.set(lang, names);
  }
  try {
    return displayNames.get(lang)?.of(tag) ?? tag;
  } catch {
    return tag; // not a well-formed tag
  }
}
