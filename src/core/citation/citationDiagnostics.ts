// Codes of the diagnostics on citations: the diagnostics set them, the quick fixes read them. One place, two readers.
export const CITATION_DIAGNOSTIC = {
  /** No provision has this id (or a former id like it). */
  broken: 'dangling-citation',
  /** The id is a former id of a renumbered provision. */
  renumbered: 'renumbered-citation',
  /** The provision's text changed since the memo cited it. */
  changed: 'changed-provision-text',
} as const;
