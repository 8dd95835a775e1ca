// How a text in several possible languages is shown (`Texts`): in the reader's language when it has it; otherwise in
// its original with a small language badge, so a Spanish-only treaty article is never passed off as a translation.
import { textIn, type Lang, type Texts } from '../catalog/model';
import { languageName } from '../text/language';
import { escapeMarkdown } from '../text/markdown';

/** Plain text: `[ES] Las Partes…` when the text is not in `lang`, else the text alone. */
export function displayText(value: Texts, lang: Lang): string {
  const shown = textIn(value, lang);
  return shown.lang === lang ? shown.text : `[${shown.lang.toUpperCase()}] ${shown.text}`;
}

/** The badge alone, for a description or a heading: `ES`; undefined when the text is in `lang`. */
export function languageBadge(value: Texts, lang: Lang): string | undefined {
  const shown = textIn(value, lang).lang;
  return shown === lang ? undefined : shown.toUpperCase();
}

/** Markdown: `` `ES` `` *Spanish original* then the escaped text, or the escaped text alone. */
export function displayTextMarkdown(value: Texts, lang: Lang): string {
  const shown = textIn(value, lang);
  const body = escapeMarkdown(shown.text);
  if (shown.lang === lang) return body;
  const original = lang === 'ko' ? `${languageName(shown.lang, lang)} 원문` : `${languageName(shown.lang, lang)} original`;
  return `\`${shown.lang.toUpperCase()}\` *${escapeMarkdown(original)}*  \n${body}`;
}
