// Comparison of agreements side by side by sector: the pure model behind the comparison panel and its exports.
//
// A comparison is a sector × agreement matrix. Rows are the union of the sectors the chosen agreements' provisions are
// tagged with; each cell lists the provisions of one agreement in one sector (a provision tagged with several sectors
// appears in each of their rows). Each row is classified by how many of the chosen agreements cover the sector:
// shared by all, shared by some, or unique to one. The Markdown table and the CSV are serialisations of the same
// `ComparisonTable`, so what is exported is exactly what the panel shows.
import { citationToken } from '../citation/citation';
import { escapeMarkdownTableCell } from '../text/markdown';
import { text, type Agreement, type Catalog, type ComparisonNoteData, type Lang, type Provision, type SectorData } from '../catalog/model';
import { citedSources } from '../labels/provenance';

/** `all`: every chosen agreement covers the sector; `some`: more than one but not all; `one`: exactly one. */
export type Coverage = 'all' | 'some' | 'one';
export const COVERAGES: readonly Coverage[] = ['all', 'some', 'one'];

/** `coverage`: shared by all first, then by most agreements, then unique ones by column; ties in catalog order. */
export type RowOrder = 'coverage' | 'catalog';

export interface ComparisonOptions {
  /** Only rows for these sector ids; empty or absent = every sector. */
  sectors?: readonly string[];
  /** Leave out the sectors every chosen agreement covers. */
  differencesOnly?: boolean;
  order?: RowOrder;
}

export interface ComparisonRow {
  readonly sector: SectorData;
  /** One list per column (in `Comparison.agreements` order): the provisions of that agreement tagged with the sector. */
  readonly cells: readonly (readonly Provision[])[];
  readonly coverage: Coverage;
  /** Ids of the agreements with at least one provision in this sector, in column order. */
  readonly coveredBy: readonly string[];
}

export interface Comparison {
  /** The columns: the requested agreements that exist, in the requested order, without repeats. */
  readonly agreements: readonly Agreement[];
  /** Requested ids that are not in the catalog. */
  readonly missing: readonly string[];
  /** Every row of the union in catalog order, before filters (what a sector filter offers). */
  readonly union: readonly ComparisonRow[];
  /** The rows to show: `union` after the sector filter and "differences only", in the requested order. */
  readonly rows: readonly ComparisonRow[];
  /** The catalog's own observations comparing a chosen agreement with another chosen one (sector filter applied). */
  readonly notes: readonly ComparisonNoteData[];
  /** The options as applied (sector ids not in the union are dropped). */
  readonly options: Required<ComparisonOptions>;
}

/** Builds the comparison of `agreementIds` (columns in that order). Never throws on unknown ids: see `missing`. */
export function buildComparison(catalog: Catalog, agreementIds: readonly string[], options: ComparisonOptions = {}): Comparison {
  const agreements: Agreement[] = [];
  const missing: string[] = [];
  for (const id of new Set(agreementIds)) {
    const agreement = catalog.agreements.get(id);
    if (agreement) agreements.push(agreement);
    else missing.push(id);
  }

  // Sector id → per-column provisions. Sectors keep catalog order; ids the catalog does not define (only possible in
  // a partially broken catalog) follow, by id.
  const catalogOrder = new Map([...catalog.sectors.keys()].map((id, index) => [id, index]));
  const cellsBySector = new Map<string, Provision[][]>();
  agreements.forEach((agreement, column) => {
    for (const provision of agreement.provisions) {
      for (const sectorId of new Set(provision.sectors)) {
        let cells = cellsBySector.get(sectorId);
        if (!cells) cellsBySector.set(sectorId, (cells = agreements.map(() => [])));
        cells[column].push(provision);
      }
    }
  });

  const union: ComparisonRow[] = [...cellsBySector.entries()]
    .sort(([a], [b]) => compareSectorIds(a, b, catalogOrder))
    .map(([sectorId, cells]) => {
      const coveredBy = agreements.filter((_, column) => cells[column].length > 0).map((a) => a.id);
      return { sector: catalog.sectors.get(sectorId) ?? placeholderSector(sectorId), cells, coverage: classify(coveredBy.length, agreements.length), coveredBy };
    });

  const unionIds = new Set(union.map((row) => row.sector.id));
  const applied: Required<ComparisonOptions> = {
    sectors: [...new Set(options.sectors ?? [])].filter((id) => unionIds.has(id)),
    differencesOnly: options.differencesOnly ?? false,
    order: options.order ?? 'coverage',
  };
  const sectorFilter = applied.sectors.length ? new Set(applied.sectors) : undefined;
  let rows = union.filter((row) => (!sectorFilter || sectorFilter.has(row.sector.id)) && !(applied.differencesOnly && row.coverage === 'all'));
  if (applied.order === 'coverage') {
    const column = new Map(agreements.map((a, index) => [a.id, index]));
    // Array.prototype.sort is stable: ties keep the catalog order of `union`.
    rows = [...rows].sort(
      (a, b) =>
        COVERAGES.indexOf(a.coverage) - COVERAGES.indexOf(b.coverage) ||
        b.coveredBy.length - a.coveredBy.length ||
        (a.coverage === 'one' ? column.get(a.coveredBy[0])! - column.get(b.coveredBy[0])! : 0),
    );
  }

  const chosen = new Set(agreements.map((a) => a.id));
  const notes = catalog.comparisons.filter(
    (note) =>
      chosen.has(note.subject) &&
      // A note of context (no `against`) goes with its subject; a comparison needs one of its other agreements too.
      (note.against.length === 0 || note.against.some((id) => chosen.has(id))) &&
      (!sectorFilter || !note.sectors?.length || note.sectors.some((id) => sectorFilter.has(id))),
  );

  return { agreements, missing, union, rows, notes, options: applied };
}

function classify(covered: number, total: number): Coverage {
  if (covered === total) return 'all';
  return covered === 1 ? 'one' : 'some';
}

function compareSectorIds(a: string, b: string, order: ReadonlyMap<string, number>): number {
  const ia = order.get(a) ?? Number.MAX_SAFE_INTEGER;
  const ib = order.get(b) ?? Number.MAX_SAFE_INTEGER;
  return ia - ib || (a < b ? -1 : a > b ? 1 : 0);
}

function placeholderSector(id: string): SectorData {
  return { id, name: { ko: id, en: id }, description: { ko: '', en: '' }, icon: 'symbol-misc' };
}

// ---------------------------------------------------------------------------------------------
// Labels in the data language (they are part of the table, so they follow the catalog language, not the UI's).

export function coverageLabel(row: Pick<ComparisonRow, 'coverage' | 'coveredBy'>, comparison: Pick<Comparison, 'agreements'>, lang: Lang): string {
  const total = comparison.agreements.length;
  switch (row.coverage) {
    case 'all':
      if (total === 1) return lang === 'ko' ? '다룸' : 'Covered';
      return lang === 'ko' ? `${total}개 모두 공통` : `Shared by all ${total}`;
    case 'some':
      return lang === 'ko' ? `${total}개 중 ${row.coveredBy.length}개 공통` : `Shared by ${row.coveredBy.length} of ${total}`;
    case 'one': {
      const agreement = comparison.agreements.find((a) => a.id === row.coveredBy[0]);
      const name = agreement ? text(agreement.title.short, lang) : row.coveredBy[0];
      return lang === 'ko' ? `${name}에만 있음` : `Only in ${name}`;
    }
  }
}

export const TABLE_LABELS: Record<Lang, { sector: string; coverage: string; empty: string; notes: string; source: string }> = {
  ko: { sector: '분야', coverage: '공통 여부', empty: '—', notes: '출처의 비교 관찰', source: '출처' },
  en: { sector: 'Sector', coverage: 'Coverage', empty: '—', notes: 'Comparisons made by the source', source: 'Source' },
};

// ---------------------------------------------------------------------------------------------
// Table, Markdown and CSV

/** One provision in a table cell: its text and its citation token (`tda:kr-us-tpd/3`). */
export interface TableEntry {
  readonly text: string;
  readonly citation: string;
}

/** A table entry as plain text: `text (tda:…)`. */
export function entryText(entry: TableEntry): string {
  return `${entry.text} (${entry.citation})`;
}

/** The shown rows as plain strings: header, then per row the sector, its coverage, and one list of entries per column. */
export interface ComparisonTable {
  readonly header: readonly string[];
  readonly rows: readonly { readonly sector: string; readonly coverage: string; readonly cells: readonly (readonly TableEntry[])[] }[];
}

export function comparisonTable(comparison: Comparison, lang: Lang): ComparisonTable {
  const labels = TABLE_LABELS[lang];
  return {
    header: [labels.sector, labels.coverage, ...comparison.agreements.map((a) => text(a.title.short, lang))],
    rows: comparison.rows.map((row) => ({
      sector: text(row.sector.name, lang),
      coverage: coverageLabel(row, comparison, lang),
      cells: row.cells.map((provisions) => provisions.map((p) => ({ text: text(p.text, lang), citation: citationToken(p) }))),
    })),
  };
}

/** Citation tokens stay unescaped (memos find citations by them) when they have the token's shape. */
const CITATION_TOKEN = /^tda:[a-z0-9][a-z0-9-]*\/[0-9a-z.-]+$/;
function markdownEntry(entry: TableEntry): string {
  const citation = CITATION_TOKEN.test(entry.citation) ? entry.citation : escapeMarkdownTableCell(entry.citation);
  return `${escapeMarkdownTableCell(entry.text)} (${citation})`;
}

/**
 * GFM table of the shown rows. Entries in one cell are separated by `<br>`; an empty cell is `—`. Followed by the
 * source's comparison notes as a list, when there are any.
 */
export function toMarkdown(comparison: Comparison, catalog: Catalog, lang: Lang): string {
  const table = comparisonTable(comparison, lang);
  const labels = TABLE_LABELS[lang];
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const lines = [line(table.header.map(escapeMarkdownTableCell)), line(table.header.map(() => '---'))];
  for (const row of table.rows) {
    const cells = row.cells.map((entries) => (entries.length ? entries.map(markdownEntry).join('<br>') : labels.empty));
    lines.push(line([escapeMarkdownTableCell(row.sector), escapeMarkdownTableCell(row.coverage), ...cells]));
  }
  const blocks = [lines.join('\n')];
  if (comparison.notes.length) {
    const items = comparison.notes.map((note) => {
      const { versus, body, sourcesText } = noteParts(note, catalog, lang);
      const cite = sourcesText ? ` (${escapeMarkdownTableCell(sourcesText)})` : '';
      return `- **${escapeMarkdownTableCell(versus)}:** ${escapeMarkdownTableCell(body)}${cite}`;
    });
    blocks.push(`**${escapeMarkdownTableCell(labels.notes)}**`, items.join('\n'));
  }
  return blocks.join('\n\n') + '\n';
}

/** A comparison note's parts in the data language: `ROK–US TPD MOU vs US–UK TPD MOU`, its text, its sources. */
export function noteParts(
  note: ComparisonNoteData,
  catalog: Catalog,
  lang: Lang,
): { versus: string; body: string; sources: readonly { title: string; places: readonly string[] }[]; sourcesText: string } {
  const name = (id: string) => {
    const agreement = catalog.agreements.get(id);
    return agreement ? text(agreement.title.short, lang) : id;
  };
  const sources = citedSources(catalog, note.provenance, lang).map((c) => ({ title: text(c.source.title, lang), places: c.places }));
  return {
    versus: note.against.length
      ? `${name(note.subject)} ${lang === 'ko' ? '대' : 'vs'} ${note.against.map(name).join(', ')}`
      : `${name(note.subject)}: ${lang === 'ko' ? '맥락' : 'context'}`,
    body: text(note.text, lang),
    sources,
    sourcesText: sources.map((c) => [c.title, c.places.join('; ')].filter(Boolean).join(', ')).join(' · '),
  };
}

/**
 * RFC 4180 CSV of the same table (CRLF rows, every field quoted when needed, entries of one cell on separate lines).
 * Fields that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) get a leading `'`.
 */
export function toCsv(comparison: Comparison, lang: Lang): string {
  const table = comparisonTable(comparison, lang);
  const records = [table.header, ...table.rows.map((row) => [row.sector, row.coverage, ...row.cells.map((entries) => entries.map(entryText).join('\n'))])];
  return records.map((record) => record.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Byte-order mark to put before CSV text written to a file, so spreadsheet apps read Korean as UTF-8. */
export const CSV_BOM = '\uFEFF';

export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Default file name for an export: `comparison-kr-us-tpd-us-uk-tpd.csv`. */
export function exportFileName(comparison: Pick<Comparison, 'agreements'>, extension: string): string {
  const ids = comparison.agreements.map((a) => a.id).join('-') || 'agreements';
  return `comparison-${ids}.${extension}`;
}

export interface InsertionContext {
  /** Text of the cursor's line before and after the cursor. */
  before: string;
  after: string;
  /** The line above the cursor's line (undefined on the first line). */
  previousLine?: string;
  eol?: string;
}

/**
 * Text to insert at a cursor so that a Markdown block (a table) stands on its own lines: a blank line separates it
 * from text before and after it, and nothing is added where the document already has one.
 */
export function blockInsertion(block: string, at: InsertionContext): string {
  const eol = at.eol ?? '\n';
  const body = block.replace(/\r?\n/g, eol).replace(/(\r?\n)+$/, '');
  let lead = '';
  if (at.before.trim()) lead = eol + eol; // after text on the same line: end that paragraph
  else if (at.before.length) lead = eol; // after indentation only: start on the next line
  else if (at.previousLine?.trim()) lead = eol; // at the start of a line right below text: the block consumes this line
  const trail = at.after.trim() ? eol + eol : eol;
  return lead + body + trail;
}
