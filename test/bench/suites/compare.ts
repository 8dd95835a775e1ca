// Compare: build the sector × agreement comparison and render the panel's HTML for 2, 5 and 20 agreements.
// The agreements come from a catalog scaled from the shipped one (enough copies for 20 agreements).
import { buildCatalog } from '../../../src/core/catalog/catalogLoader';
import { renderComparePage, type ComparePageStrings } from '../../../src/core/compare/comparePage';
import { DEFAULT_VIEW } from '../../../src/core/compare/compareProtocol';
import { buildComparison } from '../../../src/core/compare/comparison';
import { escapeHtml } from '../../../src/core/text/markdown';
import { text, type Catalog } from '../../../src/core/catalog/model';
import { collectGarbage, sample, summarize, type Row } from '../measure';
import { formatCount, type Suite, type SuiteContext } from '../suite';
import { scaleCatalogFiles, toFileInputs } from '../synthetic';

/**
 * The naive comparison: for every sector × agreement cell, scan every provision of the catalog for that agreement
 * and sector, and render a plain HTML table (escaped) of what it finds.
 */
export function naiveCompareHtml(catalog: Catalog, agreementIds: readonly string[], lang: 'ko' | 'en'): string {
  const provisions = [...catalog.provisions.values()];
  const agreements = agreementIds.map((id) => catalog.agreements.get(id)!);
  const rows: string[] = [];
  for (const sector of catalog.sectors.values()) {
    const cells = agreements.map((a) => provisions.filter((p) => p.agreementId === a.id && p.sectors.includes(sector.id)));
    if (cells.every((c) => c.length === 0)) continue;
    rows.push(
      `<tr><th>${escapeHtml(text(sector.name, lang))}</th>${cells
        .map((c) => `<td>${c.map((p) => `<p>${escapeHtml(p.uid)} ${escapeHtml(text(p.text, lang))}</p>`).join('')}</td>`)
        .join('')}</tr>`,
    );
  }
  const head = agreements.map((a) => `<th>${escapeHtml(text(a.title.short, lang))}</th>`).join('');
  return `<table><thead><tr><th></th>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** UI strings as the adapter would pass them (English-like placeholders; their length is what matters here). */
function strings(): ComparePageStrings {
  return new Proxy({} as ComparePageStrings, { get: (_, key) => `${String(key)} label {0}` });
}

export function compareSuite(): Suite {
  return {
    name: 'compare',
    async run(ctx: SuiteContext): Promise<Row[]> {
      const counts = [2, 5, 20];
      const perCopy = ctx.base.reduce((n, e) => n + (e.data.agreements?.length ?? 0), 0);
      const factor = Math.max(1, Math.ceil(Math.max(...counts) / Math.max(1, perCopy)));
      const { catalog, problems } = buildCatalog(toFileInputs(scaleCatalogFiles(ctx.base, factor, ctx.seed)));
      const ids = [...catalog.agreements.keys()];
      const rows: Row[] = [];
      const resources = { cspSource: 'https://bench.vscode-resource.example', nonce: 'bench-nonce', scriptUri: 'compare.js', styleUris: ['codicon.css', 'compare.css'] };
      const s = strings();
      for (const count of counts) {
        const chosen = ids.slice(0, count);
        if (chosen.length < count) throw new Error(`the scaled catalog has ${chosen.length} agreements, not ${count}`);
        const provisions = chosen.reduce((n, id) => n + catalog.agreements.get(id)!.provisions.length, 0);
        const reps = ctx.smoke ? 5 : 400;
        ctx.log(`compare: ${count} agreements × ${reps}`);
        let html = '';
        collectGarbage();
        const ours = summarize(
          sample(
            () => {
              const comparison = buildComparison(catalog, chosen);
              const view = { ...DEFAULT_VIEW, agreements: chosen, sectors: [] };
              html = renderComparePage({ catalog, comparison, view, lang: 'en', uiLanguage: 'en', strings: s }, resources);
              return html;
            },
            { warmup: ctx.smoke ? 1 : 40, reps, budgetMs: ctx.smoke ? 200 : 2_500 },
          ),
        );
        collectGarbage();
        const naive = summarize(sample(() => naiveCompareHtml(catalog, chosen, 'en'), { warmup: ctx.smoke ? 1 : 40, reps, budgetMs: ctx.smoke ? 200 : 2_500 }));
        const notes = [
          `from a ${factor}× scaled catalog (${formatCount(catalog.agreements.size)} agreements, ${formatCount(catalog.provisions.size)} provisions${problems.length ? `, ${problems.length} problems` : ''})`,
          'HTML string only: the webview’s own layout and paint are not measured',
        ];
        rows.push({
          group: 'Compare',
          what: 'Build comparison + render panel HTML',
          size: `${count} agreements (${formatCount(provisions)} provisions; ${formatCount(Math.round(html.length / 1024))} KB HTML)`,
          unit: 'ms',
          ours,
          baseline: { label: 'naive-compare', value: naive },
          notes,
        });
      }
      return rows;
    },
  };
}
