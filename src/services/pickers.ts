// Quick picks for commands run without an argument (from the palette or a keybinding) and for the tree filters.
// Labels and order come from the core tree model, so a pick reads exactly like the sidebar.
import * as vscode from 'vscode';
import { agreementKindLabel, dateLabel, officialTitleLabel, partiesLabel } from '../core/labels/agreementLabels';
import { text, type Catalog, type Lang } from '../core/catalog/model';
import { agreementKindIcon, PROVISION_ICON } from '../core/labels/icons';
import { provisionNumberLabel, provisionTextLabel } from '../core/labels/provisionLabels';
import { NO_SECTOR, TreeModel, type TreeTarget } from '../core/tree/treeModel';

interface Item<T> extends vscode.QuickPickItem {
  value?: T;
}

function separator<T>(label: string): Item<T> {
  return { label, kind: vscode.QuickPickItemKind.Separator };
}

function agreementItems(model: TreeModel): Item<TreeTarget>[] {
  return model.visibleAgreements().map((a) => ({
    label: text(a.title.short, model.lang),
    description: [dateLabel(a.date, model.lang), partiesLabel(model.catalog, a, model.lang)].join(' · '),
    detail: `${agreementKindLabel(a.kind, model.lang)} — ${officialTitleLabel(a, model.lang)}`,
    iconPath: new vscode.ThemeIcon(agreementKindIcon(a.kind)),
    value: { kind: 'agreement', id: a.id },
  }));
}

function provisionItems(model: TreeModel): Item<TreeTarget>[] {
  return model.visibleAgreements().flatMap((a) => [
    separator<TreeTarget>(text(a.title.short, model.lang)),
    ...a.provisions.map((p) => ({
      label: provisionTextLabel(p, model.lang),
      description: `${text(a.title.short, model.lang)} · ${provisionNumberLabel(a, p, model.lang)}`,
      detail: p.sectors.map((id) => model.sectorName(id)).join(', '),
      iconPath: new vscode.ThemeIcon(PROVISION_ICON),
      value: { kind: 'provision', id: p.uid } as const,
    })),
  ]);
}

function sectorItems(model: TreeModel, picked: readonly string[] = []): Item<TreeTarget>[] {
  return model.visibleSectorIds().filter((id) => id !== NO_SECTOR).map((id) => {
    const sector = model.catalog.sectors.get(id)!;
    const agreements = model.agreementsIn(id).map((a) => text(a.title.short, model.lang));
    return {
      label: model.sectorName(id),
      description: agreements.join(', '),
      detail: text(sector.description, model.lang),
      iconPath: new vscode.ThemeIcon(sector.icon || 'tag'),
      picked: picked.includes(id),
      value: { kind: 'sector', id },
    };
  });
}

async function pickOne<T>(items: Item<T>[], placeHolder: string): Promise<T | undefined> {
  const picked = await vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true, matchOnDetail: true });
  return picked?.value;
}

function noCatalog(): undefined {
  void vscode.window.showWarningMessage(vscode.l10n.t('The agreement catalog is not loaded yet.'));
  return undefined;
}

export async function pickAgreement(catalog: Catalog | undefined, lang: Lang): Promise<string | undefined> {
  if (!catalog) return noCatalog();
  return (await pickOne(agreementItems(new TreeModel(catalog, lang)), vscode.l10n.t('Select an agreement')))?.id;
}

export async function pickProvision(catalog: Catalog | undefined, lang: Lang): Promise<string | undefined> {
  if (!catalog) return noCatalog();
  return (await pickOne(provisionItems(new TreeModel(catalog, lang)), vscode.l10n.t('Select a provision (type to filter by text, agreement or sector)')))?.id;
}

/** Any agreement, sector or provision (for "Reveal in Sidebar" from the palette). */
export async function pickTarget(catalog: Catalog | undefined, lang: Lang): Promise<TreeTarget | undefined> {
  if (!catalog) return noCatalog();
  const model = new TreeModel(catalog, lang);
  return pickOne(
    [
      separator(vscode.l10n.t('Agreements')),
      ...agreementItems(model),
      separator(vscode.l10n.t('Sectors')),
      ...sectorItems(model),
      ...provisionItems(model),
    ],
    vscode.l10n.t('Select an agreement, sector or provision to reveal'),
  );
}

/** Multi-select of sectors; undefined when cancelled, [] when the user unticks everything. */
export async function pickSectors(catalog: Catalog, lang: Lang, current: readonly string[]): Promise<string[] | undefined> {
  const picked = await vscode.window.showQuickPick(sectorItems(new TreeModel(catalog, lang), current), {
    canPickMany: true,
    matchOnDescription: true,
    placeHolder: vscode.l10n.t('Show only provisions in the selected sectors (none selected = all sectors)'),
  });
  return picked?.map((item) => item.value!.id);
}

/** Multi-select of parties; undefined when cancelled, [] when the user unticks everything. */
export async function pickParties(catalog: Catalog, lang: Lang, current: readonly string[]): Promise<string[] | undefined> {
  const model = new TreeModel(catalog, lang);
  const collator = new Intl.Collator(lang, { sensitivity: 'base' });
  const items = [...catalog.parties.values()]
    .sort((a, b) => collator.compare(text(a.name, lang), text(b.name, lang)))
    .map((party) => {
      const agreements = model.visibleAgreements().filter((a) => a.parties.includes(party.id));
      return {
        label: text(party.name, lang),
        description: `${party.id} · ${text(party.short, lang)}`,
        detail: agreements.length ? agreements.map((a) => text(a.title.short, lang)).join(', ') : vscode.l10n.t('No agreements'),
        iconPath: new vscode.ThemeIcon('organization'),
        picked: current.includes(party.id),
        id: party.id,
      };
    });
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    matchOnDescription: true,
    placeHolder: vscode.l10n.t('Show only agreements involving any of the selected parties (none selected = all)'),
  });
  return picked?.map((item) => item.id);
}
