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
