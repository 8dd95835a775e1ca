// Which documents the glossary and citation features act in, from the techDealAtlas.documents.* settings.

/**
 * True when `languageId` is listed in `include` (or `include` has `*`) and not listed in `exclude`.
 * Exclusion wins; an empty `include` means no language.
 */
export function languageInScope(languageId: string, include: readonly string[], exclude: readonly string[]): boolean {
  if (exclude.includes(languageId)) return false;
  return include.includes('*') || include.includes(languageId);
}
