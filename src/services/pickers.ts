// Quick picks for commands run without an argument (from the palette or a keybinding) and for the tree filters.
// Labels and order come from the core tree model, so a pick reads exactly like the sidebar.
import * as vscode from 'vscode';
import { agreementKindsLabel, dateLabel, officialTitleLabel } from '../core/labels/agreementLabels';
import { text, type Catalog, type Lang } from '../core/catalog/model';
import { agreementKindIcon, PROVISION_ICON } from '../core/labels/icons';
import { provisionNumberLabel, provisionTextLabel } from '../core/labels/provisionLabels';
import { AGREEMENT_GROUPINGS, BLOC_ICON, COUNTRY_ICON, NO_SECTOR, TreeModel, type AgreementGrouping, type TreeTarget } from '../core/tree/treeModel';

interface Item<T> extends vscode.QuickPickItem {
  value?: T;
}

function separator<T>(label: string): Item<T> {
  return { label, kind: vscode.QuickPickItemKind.Separator };
}

function agreementItems(model: TreeModel): Item<TreeTarget>[] {
  return model.visibleAgreements().map((a) => ({
    label: text(a.title.short, model.lang),
    description: [dateLabel(a.date, model.lang), model.sidesLabel(a)].join(' · '),
    detail: `${agreementKindsLabel(a, model.lang)} — ${officialTitleLabel(a, model.lang)}`,
    iconPath: new vscode.ThemeIcon(agreementKindIcon(a.kind)),
    value: { kind: 'agreement', id: a.id },
  }));
}

/** Provisions of the visible agreements (or of `only` among them), under a separator per agreement. */
function provisionItems(model: TreeModel, only?: readonly string[]): Item<TreeTarget>[] {
  const agreements = model.visibleAgreements().filter((a) => !only || only.includes(a.id));
  return agreements.flatMap((a) => [
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

/**
 * Above this many provisions, a provision is picked in two steps (agreement, then provision): one list of 41,000
 * imported articles is neither quick to build nor to read.
 */
const ONE_STEP_MAX_PROVISIONS = 3000;

export async function pickProvision(catalog: Catalog | undefined, lang: Lang): Promise<string | undefined> {
  if (!catalog) return noCatalog();
  const model = new TreeModel(catalog, lang);
  let agreements: readonly string[] | undefined;
  if (catalog.provisions.size > ONE_STEP_MAX_PROVISIONS) {
    const agreement = await pickAgreement(catalog, lang);
    if (!agreement) return undefined;
    agreements = [agreement];
  }
  return (await pickOne(provisionItems(model, agreements), vscode.l10n.t('Select a provision (type to filter by text, agreement or sector)')))?.id;
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
      // With imported treaties, provisions are too many for one list: reveal one through its agreement.
      ...(catalog.provisions.size > ONE_STEP_MAX_PROVISIONS ? [] : provisionItems(model)),
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

/**
 * Multi-select of the parties some agreement names (blocs first, then countries and territories, by full name);
 * undefined when cancelled, [] when the user unticks everything. Parties already in the filter stay listed so they
 * can be unticked.
 */
export async function pickParties(catalog: Catalog, lang: Lang, current: readonly string[]): Promise<string[] | undefined> {
  const choices = new TreeModel(catalog, lang).partyChoices();
  const listed = new Set(choices.map((c) => c.party.id));
  const stale = current.flatMap((id) => {
    const party = catalog.parties.get(id);
    return party && !listed.has(id) ? [{ party, bloc: party.kind === 'bloc', agreements: 0 }] : [];
  });
  const item = ({ party, bloc, agreements }: (typeof choices)[number]): Item<string> => {
    const short = text(party.short, lang);
    const count = agreements === 1 ? vscode.l10n.t('1 agreement') : vscode.l10n.t('{0} agreements', agreements);
    return {
      label: text(party.name, lang),
      // Short name and code for typing (`KR`, `EU`), then what the filter would keep.
      description: [...new Set([short, party.id]), count].join(' · '),
      iconPath: new vscode.ThemeIcon(bloc ? BLOC_ICON : COUNTRY_ICON),
      picked: current.includes(party.id),
      value: party.id,
    };
  };
  const all = [...choices, ...stale];
  const blocs = all.filter((c) => c.bloc).map(item);
  const countries = all.filter((c) => !c.bloc).map(item);
  const picked = await vscode.window.showQuickPick(
    [
      ...(blocs.length ? [separator<string>(vscode.l10n.t('Blocs')), ...blocs] : []),
      ...(blocs.length && countries.length ? [separator<string>(vscode.l10n.t('Countries and territories'))] : []),
      ...countries,
    ],
    {
      canPickMany: true,
      matchOnDescription: true,
      placeHolder: vscode.l10n.t('Show only agreements involving any of the selected parties (none selected = all)'),
    },
  );
  return picked?.flatMap((item) => (item.value === undefined ? [] : [item.value]));
}

/** Each grouping of the Agreements view in the UI language: its name (the view's description uses it too) and what it does. */
function groupingWords(grouping: AgreementGrouping): { name: string; detail: string } {
  switch (grouping) {
    case 'none':
      return { name: vscode.l10n.t('No grouping'), detail: vscode.l10n.t('One list, newest first') };
    case 'party':
      return {
        name: vscode.l10n.t('By party'),
        detail: vscode.l10n.t('A group per party; an agreement with a bloc as a side is under the bloc, not under each member'),
      };
    case 'year':
      return { name: vscode.l10n.t('By year signed'), detail: vscode.l10n.t('Newest first; agreements without a date last') };
    case 'kind':
      return { name: vscode.l10n.t('By kind'), detail: vscode.l10n.t('Free trade agreement, customs union, memorandum of understanding…') };
    case 'status':
      return { name: vscode.l10n.t('By status'), detail: vscode.l10n.t('In force, signed, inactive') };
  }
}

export function groupingName(grouping: AgreementGrouping): string {
  return groupingWords(grouping).name;
}

/** How to group the Agreements view; undefined when cancelled. */
export async function pickAgreementGrouping(current: AgreementGrouping): Promise<AgreementGrouping | undefined> {
  const picked = await vscode.window.showQuickPick(
    AGREEMENT_GROUPINGS.map((grouping) => ({
      label: groupingName(grouping),
      description: grouping === current ? vscode.l10n.t('(current)') : undefined,
      detail: groupingWords(grouping).detail,
      iconPath: grouping === current ? new vscode.ThemeIcon('check') : undefined,
      grouping,
    })),
    { placeHolder: vscode.l10n.t('Group the Agreements view by') },
  );
  return picked?.grouping;
}
