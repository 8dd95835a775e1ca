/**
 * Words of hovers and tooltips that follow VS Code's display language, not the catalog language (VS Code's
 * convention for UI text around data). The core builds the Markdown; the adapter fills these with `vscode.l10n.t`.
 */
export interface HoverStrings {
  /** "Source:" in front of each cited source. */
  readonly source: string;
  readonly showInSidebar: string;
  readonly openProvision: string;
  readonly compareRelated: string;
  readonly search: string;
  readonly searchTooltip: string;
  /** Shown under a term whose definition is the editors' gloss (the source only names the term). */
  readonly editorsGloss: string;
  readonly relatedAgreements: string;
  /** In front of where a provision sits in the agreement's own structure (as a source gives it). */
  readonly inTheAgreement: string;
}
