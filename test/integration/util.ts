import * as assert from 'assert';
import * as vscode from 'vscode';
import type { TechDealAtlasApi } from '../../src/api';
import type { CatalogProblem } from '../../src/core/catalog/model';
import type { TreeNode } from '../../src/core/tree/treeModel';
import type { AtlasTreeHandle } from '../../src/features/tree';

export type { TechDealAtlasApi };
export const EXTENSION_ID = 'tech-deal-atlas.tech-deal-atlas';

export function getExtension(): vscode.Extension<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this host`);
  return ext;
}

export async function getApi(): Promise<TechDealAtlasApi> {
  const exported = (await getExtension().activate()) as Partial<TechDealAtlasApi> | undefined;
  assert.ok(exported && typeof exported === 'object', `activate() returned ${String(exported)} instead of the API object`);
  for (const name of ['whenReady', 'getCatalog', 'getProblems'] as const) {
    assert.strictEqual(typeof exported[name], 'function', `API is missing ${name}()`);
  }
  return exported as TechDealAtlasApi;
}

export function formatProblem(p: CatalogProblem): string {
  return `${p.file}:${p.line}:${p.column} ${p.severity} ${p.code} ${p.path} ${p.message}`;
}

/** Polls `probe` every 50 ms until it returns something other than undefined/false; fails after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The agreements the shipped dataset holds (a workspace's own files may add more, never remove these). */
export const SHIPPED_AGREEMENT_IDS = ['kr-us-jfs', 'kr-us-tpd', 'us-jp-tpd', 'us-uk-tpd'] as const;

/** A catalog file of an analyst's own with one valid term; `extra` is appended to its English definition. */
export function termCatalogFile(id: string, en: string, extra = ''): string {
  const term = {
    id,
    term: { ko: `${en} 용어`, en },
    definition: { ko: '분석가가 정의한 용어.', en: `${en}, defined by the analyst.${extra}` },
    definitionBasis: 'editorial',
    provenance: [{ source: 'seed-commentary', locator: { paragraph: 1 } }],
  };
  return JSON.stringify({ terms: [term] }, null, 2);
}

/** The Markdown of a hover, all its parts joined. */
export function hoverText(hover: vscode.Hover): string {
  return hover.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
}

/** A tree node's children, as VS Code would ask for them. */
export async function treeChildren(tree: AtlasTreeHandle, node?: TreeNode): Promise<TreeNode[]> {
  return (await tree.provider.getChildren(node)) ?? [];
}

/** A tree node's label, as VS Code would show it. */
export function treeLabel(tree: AtlasTreeHandle, node: TreeNode): string {
  const l = tree.provider.getTreeItem(node).label;
  return typeof l === 'string' ? l : (l?.label ?? '');
}

/** Hovers this extension contributed (they always carry a link to one of its commands). */
export async function ourHovers(uri: vscode.Uri, position: vscode.Position): Promise<vscode.Hover[]> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  return hovers.filter((h) => hoverText(h).includes('command:techDealAtlas.'));
}

/** The one hover this extension gives at `position` (fails when it gives none or several). */
export async function theHover(uri: vscode.Uri, position: vscode.Position): Promise<vscode.Hover> {
  const hovers = await ourHovers(uri, position);
  assert.strictEqual(hovers.length, 1, `expected one hover from the extension at ${position.line}:${position.character}, got ${hovers.length}`);
  return hovers[0];
}
