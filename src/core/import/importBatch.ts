// One import run over many treaty files, shared by the CLI and the import command: each file imported on its own,
// duplicates of a treaty already imported in the run skipped, and a summary a person can act on (imported, skipped
// and why). Writing is the caller's: one file per treaty, named by its stable id, so re-importing replaces it.
import type { CatalogFile } from '../catalog/model';
import { importTotaXml, type ImportedTreaty, type TotaImportContext } from './tota';

export interface SkippedFile {
  file: string;
  reason: string;
}

export interface BatchSummary {
  imported: { file: string; agreementId: string; articles: number; warnings: string[] }[];
  skipped: SkippedFile[];
}

/** File name of an imported treaty inside the output folder: by id, so a re-import replaces it. */
export function importedFileName(agreementId: string): string {
  return `${agreementId}.json`;
}

/**
 * The written form of an imported treaty: JSON with one-space indentation (readable, diffable, and about a third
 * smaller than two spaces over 40,000 articles), ending in a newline.
 */
export function serializeImported(file: CatalogFile): string {
  return `${JSON.stringify(file, null, 1)}\n`;
}

export class ImportBatch {
  private readonly seen = new Map<string, string>();
  readonly summary: BatchSummary = { imported: [], skipped: [] };

  constructor(private readonly context: TotaImportContext) {}

  /** Imports one file's text; returns the treaty to write, or undefined when the file is skipped (see `summary`). */
  add(file: string, xml: string): ImportedTreaty | undefined {
    const result = importTotaXml(xml, this.context);
    if (!result.ok) {
      this.skip(file, `${result.reason}.`);
      return undefined;
    }
    const { treaty } = result;
    const earlier = this.seen.get(treaty.agreementId);
    if (earlier) {
      this.skip(file, `same treaty (ToTA ${treaty.treatyIdentifier}) as ${earlier}, already imported in this run.`);
      return undefined;
    }
    this.seen.set(treaty.agreementId, file);
    this.summary.imported.push({ file, agreementId: treaty.agreementId, articles: treaty.articles, warnings: treaty.warnings });
    return treaty;
  }

  skip(file: string, reason: string): void {
    this.summary.skipped.push({ file, reason });
  }

  /** A treaty `add` returned could not be written: it counts as skipped, and a later copy of it may still be imported. */
  notWritten(file: string, agreementId: string, reason: string): void {
    this.summary.imported = this.summary.imported.filter((t) => t.agreementId !== agreementId);
    this.seen.delete(agreementId);
    this.skip(file, reason);
  }
}

/** The summary as lines of text: totals, then every skipped file and every warning. */
export function summaryLines(summary: BatchSummary): string[] {
  const articles = summary.imported.reduce((n, t) => n + t.articles, 0);
  const lines = [`Imported ${summary.imported.length} treat${summary.imported.length === 1 ? 'y' : 'ies'} (${articles.toLocaleString('en')} articles); skipped ${summary.skipped.length} file${summary.skipped.length === 1 ? '' : 's'}.`];
  for (const s of summary.skipped) lines.push(`  skipped ${s.file}: ${s.reason}`);
  for (const t of summary.imported) for (const w of t.warnings) lines.push(`  ${t.file} (${t.agreementId}): ${w}`);
  return lines;
}
