// The bench's output: one Markdown table (printed and saved) and the same figures as JSON.
import { ratio, type Group, type Row, type Stat } from './measure';
import { formatBytes } from './suite';

export const GROUP_ORDER: readonly Group[] = ['Activation', 'Hover', 'Search', 'Catalog load', 'Compare', 'Corpus', 'Citations', 'Package'];

/** What each naive baseline is, for the legend under the table. */
export const BASELINES: Record<string, string> = {
  'eager-activation':
    'the same activation, but waiting for the shipped dataset to load before `activate()` returns (what an extension that loads its data eagerly would cost)',
  'naive-hover':
    'one regular expression per term (its forms as an alternation, case-insensitive, compiled once) run over the document from the start on every hover, stopping at the first match past the hover position',
  'naive-search':
    'linear scan: every provision’s Korean and English text lowercased once; a provision matches when every query word is a substring of it (no ranking, no prefix or typo tolerance)',
  'naive-load': '`JSON.parse` + the same JSON Schema through Ajv, merged into maps by id: no positions, no cross-reference, duplicate or date checks',
  'full-reload': 'what every change cost before incremental reloads: every catalog file read, parsed and checked again, then merged (the same loader, from scratch)',
  'minisearch-only':
    'MiniSearch holding the postings itself, as search did before its own typed-array postings: the same documents and analysis, every query word required, the last one as a prefix',
  rebuild: 'building the search index from scratch, as every window did before the index was kept',
  'naive-compare':
    'for every sector × agreement cell, a scan of every provision in the catalog for that agreement and sector, rendered as a plain escaped HTML table (no toolbar, badges, notes or citations)',
  'naive-citations':
    'every memo split into lines, the citation pattern (compiled once) run over each line, one object per citation kept per memo and per uid',
  'naive-terms':
    'one regular expression per glossary term (its forms as an alternation, case-insensitive, compiled once) run over the whole memo, one object per occurrence (no Korean endings, no terms split by a line break)',
  'full-rescan': 'the edited memo indexed again from its whole text: its citations (`setText`) and its terms (`scanTerms`), as on opening it',
  'naive-completion':
    'every agreement’s id and titles and every provision’s uid and text lowercased once; what follows `tda:` is looked for as a substring of each (after `tda:<agreement>/`, in that agreement’s provisions), up to 50 ids (no ranking, no typo or 초성 tolerance, no labels or documentation)',
};

export interface BenchResult {
  startedAt: string;
  durationSeconds: number;
  smoke: boolean;
  seed: number;
  environment: { node: string; platform: string; cpus: number; cpuModel: string; vscode?: string; loadAverage?: { start: number; end: number } };
  rows: Row[];
  /** Suites that could not run, with the reason (e.g. a module that has not landed yet). */
  skipped: { suite: string; reason: string }[];
}

export function formatMs(ms: number): string {
  if (ms === 0) return '0 ms';
  if (ms >= 100) return `${Math.round(ms).toLocaleString('en-US')} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  return `${+ms.toPrecision(2)} ms`;
}

function formatValue(row: Row, value: Stat | number): string {
  if (typeof value === 'number') {
    if (row.unit === 'bytes') return formatBytes(value);
    if (row.unit === 'count') return value.toLocaleString('en-US');
    return formatMs(value);
  }
  const approx = value.extrapolated ? '~' : '';
  return `${approx}${formatMs(value.median)} / ${approx}${formatMs(value.p99)}`;
}

function times(x: number): string {
  if (x >= 100) return `${Math.round(x).toLocaleString('en-US')}×`;
  if (x >= 10) return `${x.toFixed(0)}×`;
  return `${x.toFixed(1)}×`;
}

/** "12× faster" / "3.0× slower" (sizes: "smaller" / "larger") than the baseline. */
function formatRatio(row: Row): string {
  const r = ratio(row);
  if (r === undefined || !Number.isFinite(r) || r <= 0) return '—';
  const [better, worse] = row.unit === 'bytes' ? ['smaller', 'larger'] : ['faster', 'slower'];
  return r >= 1 ? `${times(r)} ${better}` : `${times(1 / r)} ${worse}`;
}

export function sortRows(rows: readonly Row[]): Row[] {
  return [...rows].sort((a, b) => GROUP_ORDER.indexOf(a.group) - GROUP_ORDER.indexOf(b.group));
}

export function markdownTable(result: BenchResult): string {
  const lines = [
    '| Area | What | Input size | Ours (median / p99) | Naive baseline (median / p99) | Ratio | Target | Met? |',
    '|---|---|---|---:|---:|---:|---|:---:|',
  ];
  const notes: string[] = [];
  for (const row of sortRows(result.rows)) {
    const marks: string[] = [];
    for (const note of row.notes ?? []) {
      let i = notes.indexOf(note);
      if (i < 0) i = notes.push(note) - 1;
      marks.push(`[${i + 1}]`);
    }
    const targets = row.targets ?? [];
    lines.push(
      [
        row.group,
        row.what + (marks.length ? ` ${marks.join('')}` : ''),
        row.size,
        formatValue(row, row.ours),
        row.baseline ? formatValue(row, row.baseline.value) : '—',
        formatRatio(row),
        targets.map((t) => t.text).join('; ') || '—',
        targets.map((t) => (t.met ? '✅' : '❌')).join(' ') || '—',
      ]
        .map((cell) => cell.replace(/\|/g, '\\|'))
        .join(' | ')
        .replace(/^/, '| ')
        .concat(' |'),
    );
  }
  const targets = result.rows.flatMap((r) => r.targets ?? []);
  const missed = targets.filter((t) => !t.met).length;
  const out = [lines.join('\n')];
  out.push(
    '',
    `Targets: ${targets.length - missed} of ${targets.length} met${missed ? ` — **${missed} missed** (❌ above)` : ''}. ` +
      `Ratio: ours against the baseline, on medians. ~ = extrapolated (see notes). 1 KB = 1,024 bytes.`,
  );
  if (notes.length) out.push('', ...notes.map((n, i) => `[${i + 1}] ${n}`));
  if (result.skipped.length) out.push('', ...result.skipped.map((s) => `Not measured: **${s.suite}** — ${s.reason}`));
  const env = result.environment;
  out.push(
    '',
    `Node ${env.node} on ${env.platform}, ${env.cpus} × ${env.cpuModel}${env.vscode ? `; VS Code ${env.vscode} (code-server)` : ''}; ` +
      `seed ${result.seed}; ${result.startedAt}; ${result.durationSeconds.toFixed(0)} s` +
      (env.loadAverage ? `; 1-minute load average ${env.loadAverage.start.toFixed(1)} at the start, ${env.loadAverage.end.toFixed(1)} at the end (other processes competing for the ${env.cpus} CPUs)` : '') +
      `${result.smoke ? '; SMOKE RUN (figures meaningless)' : ''}.`,
  );
  return out.join('\n');
}

export function legend(rows: readonly Row[]): string {
  const used = [...new Set(rows.flatMap((r) => (r.baseline ? [r.baseline.label] : [])))];
  return used.map((label) => `- **${label}**: ${BASELINES[label] ?? label}`).join('\n');
}
