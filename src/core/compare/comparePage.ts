// HTML of the comparison panel, rendered from a `Comparison` (src/core/comparison.ts). Pure: the adapter supplies the
// localized UI strings, the webview resource URIs, the CSP source and a fresh nonce.
//
// Security: every data-derived string goes through `escapeHtml` (text and attribute values alike); the page has no
// inline script or style, no event-handler attributes and no links built from data; the CSP allows only the nonce'd
// script and the extension's own style sheets and fonts.
import { agreementKindsLabel, bindingLabel, currentStatusLabel, dateLabel, officialTitleLabel, partiesLabel } from '../labels/agreementLabels';
import { disputedMark } from '../labels/disagreementLabels';
import { restsOnSecondaryOnly } from '../labels/provenance';
import { disagreementIndex } from '../disputes/disagreements';
import { currentStatus, type CurrentState } from '../events/status';
import { officialLocationLabel, provisionNumberLabel } from '../labels/provisionLabels';
import { displayText } from '../labels/textLabels';
import { coverageLabel, noteParts, type Comparison, type ComparisonRow, type Coverage } from './comparison';
import type { CompareViewState } from './compareProtocol';
import { escapeHtml } from '../text/markdown';
import { text, type Agreement, type Catalog, type Lang, type Provision } from '../catalog/model';

/** UI strings (VS Code's display language, localized by the adapter with `vscode.l10n.t`). */
export interface ComparePageStrings {
  pageTitle: string;
  chooseAgreements: string;
  copyMarkdown: string;
  insertMarkdown: string;
  saveCsv: string;
  openInNewPanel: string;
  exportGroup: string;
  viewGroup: string;
  differencesOnly: string;
  compact: string;
  order: string;
  orderCoverage: string;
  orderCatalog: string;
  language: string;
  sectors: string;
  allSectors: string;
  loading: string;
  noAgreements: string;
  oneAgreement: string;
  /** `{0}`: the ids. */
  missing: string;
  noDifferences: string;
  noSectorMatch: string;
  noProvisions: string;
  openProvisionHint: string;
  revealInTree: string;
  openAgreement: string;
  revealSector: string;
  keyboardHelp: string;
}

export interface ComparePageInput {
  /** Undefined while the catalog loads. */
  catalog: Catalog | undefined;
  comparison: Comparison | undefined;
  view: CompareViewState;
  /** The catalog language in effect (the view's own or the setting's). */
  lang: Lang;
  /** VS Code's display language, for the document's `lang`. */
  uiLanguage: string;
  strings: ComparePageStrings;
}

export interface ComparePageResources {
  /** `webview.cspSource`. */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUris: readonly string[];
}

/** Labels that are part of the comparison itself, so they follow the catalog language like the data. */
/** Provisions shown per cell before the rest fold into "N more". */
const CELL_SHOWN = 8;
/** Characters of a provision's text shown before "Full text". */
const TEXT_SHOWN = 400;

const LABELS: Record<
  Lang,
  {
    caption: string;
    sector: string;
    coverage: Record<Coverage, string>;
    provisions: (n: number) => string;
    more: (n: number) => string;
    fullText: (n: number) => string;
    uniqueSectors: (n: number) => string;
    summary: (rows: number) => string;
    notes: string;
    none: string;
    secondaryOnly: string;
    secondaryOnlyTitle: string;
    disputedTitle: (topics: string) => string;
    statusTitle: (event: string) => string;
  }
> = {
  ko: {
    caption: '분야별 비교',
    sector: '분야',
    coverage: { all: '모두 공통', some: '일부 공통', one: '한 곳에만' },
    provisions: (n) => `조항 ${n}개`,
    more: (n) => `${n}개 더 보기`,
    fullText: (n) => `전문 보기(${n.toLocaleString('ko')}자)`,
    uniqueSectors: (n) => `단독 분야 ${n}개`,
    summary: (n) => `분야 ${n}개`,
    notes: '출처의 비교 관찰',
    none: '해당 조항 없음',
    secondaryOnly: '2차 자료만',
    secondaryOnlyTitle: '공식 자료 없이 뉴스·요약·해설에만 근거한 조항. 인용하기 전에 공식 원문과 대조하십시오.',
    disputedTitle: (topics) => `출처 간 이견: ${topics}. 협정 문서의 “출처 간 이견”에서 양쪽 주장과 출처를 볼 수 있습니다.`,
    statusTitle: (event) => `사건 기록에서 도출한 상태: ${event}`,
  },
  en: {
    caption: 'Sectors side by side',
    sector: 'Sector',
    coverage: { all: 'Shared by all', some: 'Shared by some', one: 'Unique to one' },
    provisions: (n) => `${n} provision${n === 1 ? '' : 's'}`,
    more: (n) => `${n} more`,
    fullText: (n) => `Full text (${n.toLocaleString('en')} characters)`,
    uniqueSectors: (n) => `${n} sector${n === 1 ? '' : 's'} only here`,
    summary: (n) => `${n} sector${n === 1 ? '' : 's'}`,
    notes: 'Comparisons made by the source',
    none: 'No provision',
    secondaryOnly: 'secondary only',
    secondaryOnlyTitle: 'Rests on news, summaries or commentary only, with no official source. Verify against the official text before citing.',
    disputedTitle: (topics) => `Sources disagree: ${topics}. The agreement document's “Where sources disagree” gives both claims with their sources.`,
    statusTitle: (event) => `Status derived from the timeline: ${event}`,
  },
};

export const COVERAGE_ICONS: Record<Coverage, string> = { all: 'pass-filled', some: 'pie-chart', one: 'star-full' };

/** A fresh nonce for one load of the page (Web Crypto: available in Node ≥ 19 and browsers). */
export function createNonce(): string {
  const bytes = new Uint8Array(18);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

/** The whole document for `webview.html`. */
export function renderComparePage(input: ComparePageInput, resources: ComparePageResources): string {
  const h = escapeHtml;
  const styles = resources.styleUris.map((uri) => `<link rel="stylesheet" href="${h(uri)}">`).join('\n    ');
  return `<!DOCTYPE html>
<html lang="${h(input.uiLanguage)}">
  <head>
    <meta charset="UTF-8">
    <meta http-equiv="Content-Security-Policy" content="${h(contentSecurityPolicy(resources.cspSource, resources.nonce))}">
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    ${styles}
    <title>${h(input.strings.pageTitle)}</title>
  </head>
  <body>
    <main id="compare" data-view="${h(JSON.stringify(input.view))}">${renderCompareMain(input)}</main>
    <div id="status" class="status" role="status" aria-live="polite"></div>
    <script nonce="${h(resources.nonce)}" src="${h(resources.scriptUri)}"></script>
  </body>
</html>`;
}

/** The content of `<main>`: sent again (in a `render` message) whenever the view or the catalog changes. */
export function renderCompareMain(input: ComparePageInput): string {
  const { catalog, comparison, strings: s } = input;
  const toolbar = renderToolbar(input);
  if (!catalog || !comparison) {
    return `${toolbar}<p class="empty-state" role="status"><i class="codicon codicon-loading codicon-modifier-spin" aria-hidden="true"></i> ${escapeHtml(s.loading)}</p>`;
  }
  const parts = [toolbar];
  if (comparison.missing.length) {
    parts.push(notice('warning', s.missing.replace('{0}', comparison.missing.join(', '))));
  }
  if (!comparison.agreements.length) {
    parts.push(
      `<div class="empty-state"><p>${escapeHtml(s.noAgreements)}</p>` +
        `<button type="button" class="button primary" data-action="chooseAgreements" data-key="empty:choose">${icon('checklist')}<span>${escapeHtml(s.chooseAgreements)}</span></button></div>`,
    );
    return parts.join('');
  }
  if (comparison.agreements.length === 1) parts.push(notice('info', s.oneAgreement));
  parts.push(renderSectorFilter(input, comparison));
  parts.push(renderMatrix(input, catalog, comparison));
  parts.push(renderNotes(input, catalog, comparison));
  return parts.join('');
}

function renderToolbar(input: ComparePageInput): string {
  const s = input.strings;
  const { view, lang } = input;
  const h = escapeHtml;
  const action = (name: string, iconId: string, label: string) =>
    `<button type="button" class="action" data-action="${name}" data-key="toolbar:${name}" title="${h(label)}" aria-label="${h(label)}">${icon(iconId)}<span class="label">${h(label)}</span></button>`;
  const exportAction = (format: string, target: string, iconId: string, label: string) =>
    `<button type="button" class="action" data-action="export" data-format="${format}" data-target="${target}" data-key="toolbar:export:${format}:${target}" title="${h(label)}" aria-label="${h(label)}">${icon(iconId)}<span class="label">${h(label)}</span></button>`;
  const langOption = (value: Lang, label: string) =>
    `<label class="segment"><input type="radio" name="lang" value="${value}" data-key="view:lang:${value}"${lang === value ? ' checked' : ''}><span lang="${value}">${h(label)}</span></label>`;
  return `<header class="toolbar">
  <h1 class="title">${h(s.pageTitle)}</h1>
  <div class="actions" role="group" aria-label="${h(s.exportGroup)}">
    ${action('chooseAgreements', 'checklist', s.chooseAgreements)}
    ${exportAction('markdown', 'clipboard', 'copy', s.copyMarkdown)}
    ${exportAction('markdown', 'editor', 'insert', s.insertMarkdown)}
    ${exportAction('csv', 'file', 'save', s.saveCsv)}
    ${action('openInNewPanel', 'multiple-windows', s.openInNewPanel)}
  </div>
  <div class="view-options" role="group" aria-label="${h(s.viewGroup)}">
    <label class="checkbox"><input type="checkbox" name="differencesOnly" data-key="view:differencesOnly"${view.differencesOnly ? ' checked' : ''}><span>${h(s.differencesOnly)}</span></label>
    <label class="checkbox"><input type="checkbox" name="compact" data-key="view:compact"${view.compact ? ' checked' : ''}><span>${h(s.compact)}</span></label>
    <label class="select">${h(s.order)}
      <select name="order" data-key="view:order">
        <option value="coverage"${view.order === 'coverage' ? ' selected' : ''}>${h(s.orderCoverage)}</option>
        <option value="catalog"${view.order === 'catalog' ? ' selected' : ''}>${h(s.orderCatalog)}</option>
      </select>
    </label>
    <fieldset class="segmented"><legend class="visually-hidden">${h(s.language)}</legend>${langOption('ko', '한국어')}${langOption('en', 'English')}</fieldset>
  </div>
</header>`;
}

function renderSectorFilter(input: ComparePageInput, comparison: Comparison): string {
  const { lang, strings: s } = input;
  const h = escapeHtml;
  const active = new Set(comparison.options.sectors);
  const chips = comparison.union.map((row) => {
    const checked = active.has(row.sector.id);
    const label = text(row.sector.name, lang);
    return (
      `<label class="chip coverage-${row.coverage}" title="${h(coverageLabel(row, comparison, lang))}">` +
      `<input type="checkbox" name="sector" value="${h(row.sector.id)}" data-key="sector:${h(row.sector.id)}"${checked ? ' checked' : ''}>` +
      `${icon(sectorIcon(row.sector.icon))}<span lang="${lang}">${h(label)}</span>${icon(COVERAGE_ICONS[row.coverage], 'coverage-icon')}</label>`
    );
  });
  const clear = active.size
    ? `<button type="button" class="action" data-action="clearSectors" data-key="sector:clear">${icon('clear-all')}<span class="label">${h(s.allSectors)}</span></button>`
    : '';
  return `<fieldset class="sector-filter"><legend>${h(s.sectors)}</legend><div class="chips">${chips.join('')}${clear}</div></fieldset>`;
}

function renderMatrix(input: ComparePageInput, catalog: Catalog, comparison: Comparison): string {
  const { lang, strings: s } = input;
  const h = escapeHtml;
  const labels = LABELS[lang];
  const counts = { all: 0, some: 0, one: 0 };
  for (const row of comparison.rows) counts[row.coverage]++;
  const legend = (['all', 'some', 'one'] as const)
    .filter((c) => comparison.agreements.length > 1 || c === 'all')
    .map((c) => `<span class="badge coverage-${c}">${icon(COVERAGE_ICONS[c])}${h(labels.coverage[c])} <span class="count">${counts[c]}</span></span>`)
    .join('');
  const caption = `<caption><span class="caption-title">${h(labels.caption)} · ${h(labels.summary(comparison.rows.length))}</span><span class="legend">${legend}</span></caption>`;

  const uniqueCount = (agreement: Agreement) => comparison.union.filter((r) => r.coverage === 'one' && r.coveredBy[0] === agreement.id).length;
  const head = comparison.agreements
    .map((agreement, index) => renderAgreementHeader(input, catalog, agreement, index + 1, comparison.agreements.length > 1 ? uniqueCount(agreement) : undefined))
    .join('');

  let body: string;
  if (comparison.rows.length) {
    body = comparison.rows.map((row, index) => renderRow(input, comparison, row, index + 1)).join('');
  } else {
    const why = !comparison.union.length ? s.noProvisions : comparison.options.differencesOnly && !comparison.options.sectors.length ? s.noDifferences : s.noSectorMatch;
    body = `<tr><td class="empty-row" colspan="${comparison.agreements.length + 1}">${h(why)}</td></tr>`;
  }

  return `<p class="keyboard-help" id="keyboard-help">${h(s.keyboardHelp)}</p>
<div class="matrix-scroll">
<table class="matrix${input.view.compact ? ' compact' : ''}" role="table" lang="${lang}" aria-describedby="keyboard-help" data-columns="${comparison.agreements.length}">
${caption}
<thead role="rowgroup"><tr role="row"><th scope="col" role="columnheader" class="corner">${h(labels.sector)}</th>${head}</tr></thead>
<tbody role="rowgroup">${body}</tbody>
</table>
</div>`;
}

function renderAgreementHeader(input: ComparePageInput, catalog: Catalog, agreement: Agreement, column: number, unique: number | undefined): string {
  const { lang, strings: s } = input;
  const h = escapeHtml;
  const labels = LABELS[lang];
  const binding = agreement.legalNature.binding;
  const bindingIcon = binding === true ? 'law' : binding === false ? 'circle-slash' : 'question';
  const meta = [dateLabel(agreement.date, lang), partiesLabel(catalog, agreement, lang), agreementKindsLabel(agreement, lang)];
  const stats = [labels.provisions(agreement.provisions.length), ...(unique !== undefined ? [labels.uniqueSectors(unique)] : [])];
  return (
    `<th scope="col" role="columnheader" class="agreement" data-agreement="${h(agreement.id)}">` +
    `<button type="button" class="agreement-title" data-action="openAgreement" data-id="${h(agreement.id)}" data-nav data-row="0" data-col="${column}" ` +
    `data-key="agreement:${h(agreement.id)}" tabindex="-1" title="${h(`${officialTitleLabel(agreement, lang)}\n${s.openAgreement}`)}">${h(text(agreement.title.short, lang))}</button>` +
    `<span class="meta">${meta.map((m) => `<span>${h(m)}</span>`).join('<span class="sep" aria-hidden="true"> · </span>')}</span>` +
    `<span class="meta"><span class="binding binding-${binding === null ? 'unknown' : String(binding)}" title="${h(text(agreement.legalNature.description, lang))}">${icon(bindingIcon)}${h(bindingLabel(binding, lang))}</span>` +
    `<span class="sep" aria-hidden="true"> · </span><span>${h(stats.join(' · '))}</span></span>` +
    renderStatus(catalog, agreement, lang) +
    `</th>`
  );
}

/** The status the agreement's events give ("Implementation paused since 2025-12"), with what happened in its title. */
function renderStatus(catalog: Catalog, agreement: Agreement, lang: Lang): string {
  const status = currentStatus(agreement);
  if (!status?.event) return '';
  const h = escapeHtml;
  const disputed = disagreementIndex(catalog).about({ agreement: agreement.id, field: 'status' }).length ? ` ${h(disputedMark(lang))}` : '';
  return (
    `<span class="meta status status-${h(status.state)}" title="${h(LABELS[lang].statusTitle(text(status.event.text, lang)))}">` +
    `${icon(STATUS_ICONS[status.state] ?? 'history')}${h(currentStatusLabel(status, lang))}${disputed}</span>`
  );
}

const STATUS_ICONS: Partial<Record<CurrentState, string>> = { paused: 'debug-pause', implementing: 'gear', ended: 'circle-slash', concluded: 'edit', released: 'megaphone' };

function renderRow(input: ComparePageInput, comparison: Comparison, row: ComparisonRow, rowIndex: number): string {
  const { lang, strings: s } = input;
  const h = escapeHtml;
  const labels = LABELS[lang];
  const sectorName = text(row.sector.name, lang);
  const sectorHeader =
    `<th scope="row" role="rowheader" class="sector"><div class="sector-head">` +
    `<button type="button" class="sector-name" data-action="revealSector" data-id="${h(row.sector.id)}" data-nav data-row="${rowIndex}" data-col="0" ` +
    `data-key="sector-row:${h(row.sector.id)}" tabindex="-1" title="${h(`${text(row.sector.description, lang)}\n${s.revealSector}`)}">` +
    `${icon(sectorIcon(row.sector.icon))}<span>${h(sectorName)}</span></button>` +
    `<span class="badge coverage-${row.coverage}">${icon(COVERAGE_ICONS[row.coverage])}${h(coverageLabel(row, comparison, lang))}</span>` +
    `</div></th>`;
  const cells = row.cells.map((provisions, index) => {
    const agreement = comparison.agreements[index];
    const columnLabel = `<span class="cell-label" aria-hidden="true">${h(text(agreement.title.short, lang))}</span>`;
    if (!provisions.length) {
      return `<td role="cell" class="cell empty">${columnLabel}<span class="none" title="${h(labels.none)}"><span aria-hidden="true">—</span><span class="visually-hidden">${h(labels.none)}</span></span></td>`;
    }
    const sole = row.coverage === 'one' && comparison.agreements.length > 1 ? ' sole' : '';
    const items = provisions.map((p) => renderProvision(input, agreement, p, row, rowIndex, index + 1));
    // A large treaty puts dozens of articles in one sector: the first few show, the rest open on demand (a closed
    // <details> costs the webview no layout), so two 300-article FTAs side by side open quickly.
    const shown = items.slice(0, CELL_SHOWN).join('');
    const rest = items.length > CELL_SHOWN ? `<details class="more"><summary>${h(labels.more(items.length - CELL_SHOWN))}</summary><ul class="provisions">${items.slice(CELL_SHOWN).join('')}</ul></details>` : '';
    return `<td role="cell" class="cell${sole}">${columnLabel}<ul class="provisions">${shown}</ul>${rest}</td>`;
  });
  return `<tr role="row" class="coverage-${row.coverage}" data-sector="${h(row.sector.id)}">${sectorHeader}${cells.join('')}</tr>`;
}

function renderProvision(input: ComparePageInput, agreement: Agreement, provision: Provision, row: ComparisonRow, rowIndex: number, column: number): string {
  const { lang, strings: s } = input;
  const h = escapeHtml;
  const heading = provision.heading ? `<span class="heading">${h(text(provision.heading, lang))}</span>` : '';
  // Whose number it is ("atlas item 16"), and the agreement's own location only where a source gives it.
  const official = officialLocationLabel(provision, lang);
  const location = official ? `<span class="ploc">${h(official)}</span>` : '';
  const key = `${h(provision.uid)}@${h(row.sector.id)}`;
  const full = displayText(provision.text, lang);
  const clipped = full.length > TEXT_SHOWN ? `${full.slice(0, TEXT_SHOWN).trimEnd()}…` : full;
  const rest = clipped === full ? '' : `<details class="full-text"><summary>${h(LABELS[lang].fullText(full.length))}</summary><p class="ptext-full">${h(full)}</p></details>`;
  const catalog = input.catalog;
  const disputes = catalog ? disagreementIndex(catalog).about({ agreement: agreement.id, provision: provision.id }) : [];
  const marks =
    (catalog && restsOnSecondaryOnly(catalog, provision.provenance) ? `<span class="mark secondary" title="${h(LABELS[lang].secondaryOnlyTitle)}">${h(LABELS[lang].secondaryOnly)}</span>` : '') +
    (disputes.length ? `<span class="mark disputed" title="${h(LABELS[lang].disputedTitle(disputes.map((d) => text(d.topic, lang)).join('; ')))}">${h(disputedMark(lang))}</span>` : '');
  return (
    // VS Code's webview context menu (Copy Citation, Reveal in Tree, …) reads this; see package.json webview/context.
    `<li class="provision-item" data-vscode-context="${h(JSON.stringify({ webviewSection: 'provision', uid: provision.uid, preventDefaultContextMenuItems: true }))}">` +
    `<button type="button" class="provision" data-action="openProvision" data-uid="${h(provision.uid)}" data-nav data-row="${rowIndex}" data-col="${column}" ` +
    `data-key="provision:${key}" tabindex="-1" title="${h(s.openProvisionHint)}">` +
    `<span class="pid">${h(provisionNumberLabel(agreement, provision, lang))}</span>${marks}${location}${heading}<span class="ptext">${h(clipped)}</span></button>` +
    `<button type="button" class="reveal" data-action="revealProvision" data-uid="${h(provision.uid)}" tabindex="-1" title="${h(s.revealInTree)}" aria-label="${h(s.revealInTree)}">${icon('list-tree')}</button>` +
    `${rest}</li>`
  );
}

function renderNotes(input: ComparePageInput, catalog: Catalog, comparison: Comparison): string {
  if (!comparison.notes.length) return '';
  const { lang } = input;
  const h = escapeHtml;
  // Notes comparing the same agreements are grouped under one "A vs B, C" heading.
  const groups = new Map<string, string[]>();
  for (const note of comparison.notes) {
    const { versus, body, sources } = noteParts(note, catalog, lang);
    const sectors = (note.sectors ?? [])
      .map((id) => catalog.sectors.get(id))
      .filter((sector) => sector !== undefined)
      .map((sector) => `<span class="tag">${icon(sectorIcon(sector.icon))}${h(text(sector.name, lang))}</span>`)
      .join('');
    // The locators first (they differ per note); the source title, often long and the same for every note, after.
    const cited = sources
      .map((c) => `<span class="note-source" title="${h(c.title)}">${icon('quote')}<span class="places">${h(c.places.join('; '))}</span><span class="source-title">${h(c.title)}</span></span>`)
      .join('');
    const disputes = disagreementIndex(catalog).about({ comparison: note.id });
    const disputed = disputes.length ? `<span class="mark disputed" title="${h(LABELS[lang].disputedTitle(disputes.map((d) => text(d.topic, lang)).join('; ')))}">${h(disputedMark(lang))}</span>` : '';
    const item = `<li class="note"><p class="note-text">${h(body)}${disputed}</p><p class="note-meta">${sectors}${cited}</p></li>`;
    groups.set(versus, [...(groups.get(versus) ?? []), item]);
  }
  const lists = [...groups].map(([versus, items]) => `<h3 class="note-versus">${h(versus)}</h3><ul>${items.join('')}</ul>`).join('');
  return `<section class="notes" lang="${lang}" aria-labelledby="notes-title"><h2 id="notes-title">${icon('comment-discussion')}${h(LABELS[lang].notes)}</h2>${lists}</section>`;
}

function notice(kind: 'info' | 'warning', message: string): string {
  return `<p class="notice notice-${kind}" role="note">${icon(kind)}<span>${escapeHtml(message)}</span></p>`;
}

/** Codicon ids come from data: anything that is not a plain id falls back to a neutral icon. */
function sectorIcon(id: string): string {
  return /^[a-z0-9-]{1,64}$/.test(id) ? id : 'symbol-misc';
}

function icon(id: string, extraClass = ''): string {
  return `<i class="codicon codicon-${escapeHtml(id)}${extraClass ? ` ${extraClass}` : ''}" aria-hidden="true"></i>`;
}
