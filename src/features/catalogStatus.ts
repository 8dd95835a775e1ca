// The atlas's state where users look for it: a status bar item while the workspace has catalog files of its own
// (agreements · terms · problems), and Show Problems, which lists the atlas's problems only. VS Code has no API to
// pre-filter its Problems panel, so the list is a quick pick of exactly those problems, each opening its file at the
// problem, with the Problems panel one item away.
import * as vscode from 'vscode';
import type { CatalogProblem } from '../core/catalog/model';
import type { CatalogService } from '../services/catalogService';

const SHOW_PROBLEMS = 'techDealAtlas.showProblems';

export interface CatalogStatusHandle {
  /** Test hook: the status bar item (undefined text while hidden). */
  readonly item: vscode.StatusBarItem;
  readonly visible: boolean;
}

export function registerCatalogStatus(context: vscode.ExtensionContext, catalogService: CatalogService): CatalogStatusHandle {
  const item = vscode.window.createStatusBarItem('techDealAtlas.catalog', vscode.StatusBarAlignment.Left, 10);
  item.name = vscode.l10n.t('Tech Deal Atlas catalog');
  item.command = SHOW_PROBLEMS;
  let visible = false;

  const update = () => {
    const catalog = catalogService.catalog;
    visible = !!catalog && catalogService.workspaceFileCount > 0;
    if (!catalog || !visible) {
      item.hide();
      return;
    }
    const problems = catalogService.problems;
    const errors = problems.filter((p) => p.severity === 'error').length;
    const warnings = problems.length - errors;
    const icon = errors ? '$(error)' : warnings ? '$(warning)' : '$(globe)';
    const parts = [
      vscode.l10n.t('{0} agreements', catalog.agreements.size),
      vscode.l10n.t('{0} terms', catalog.terms.size),
      problems.length === 1 ? vscode.l10n.t('1 problem') : vscode.l10n.t('{0} problems', problems.length),
    ];
    item.text = `${icon} ${parts.join(' · ')}`;
    item.tooltip = new vscode.MarkdownString(
      [
        `**${vscode.l10n.t('Tech Deal Atlas')}**`,
        vscode.l10n.t('{0} catalog files of this workspace, merged with the shipped data.', catalogService.workspaceFileCount),
        vscode.l10n.t('{0} errors, {1} warnings. Click to list them.', errors, warnings),
      ].join('\n\n'),
    );
    item.backgroundColor = errors ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    item.accessibilityInformation = { label: `${vscode.l10n.t('Tech Deal Atlas')}: ${parts.join(', ')}` };
    item.show();
  };

  context.subscriptions.push(
    item,
    catalogService.onDidChange(update),
    vscode.commands.registerCommand(SHOW_PROBLEMS, () => showProblems(catalogService)),
  );
  update();
  return {
    item,
    get visible() {
      return visible;
    },
  };
}

interface ProblemItem extends vscode.QuickPickItem {
  problem?: CatalogProblem;
  panel?: true;
}

async function showProblems(catalogService: CatalogService): Promise<void> {
  const problems = [...catalogService.problems].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
  const items: ProblemItem[] = [
    { label: `$(list-flat) ${vscode.l10n.t('Open the Problems panel')}`, panel: true, alwaysShow: true },
    ...(problems.length ? [{ label: vscode.l10n.t('Catalog files'), kind: vscode.QuickPickItemKind.Separator } as ProblemItem] : []),
    ...problems.map((problem) => ({
      label: `${problem.severity === 'error' ? '$(error)' : '$(warning)'} ${problem.message}`,
      // The file's name and line where the eye looks; its folder and the problem's code below, where there is room.
      description: `${problem.file.slice(problem.file.lastIndexOf('/') + 1)}:${problem.line}:${problem.column}`,
      detail: `${problem.file} · ${problem.code}`,
      problem,
    })),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Tech Deal Atlas: Problems'),
    placeHolder:
      problems.length === 0
        ? vscode.l10n.t('No problems in catalog files')
        : problems.length === 1
          ? vscode.l10n.t('1 problem in catalog files')
          : vscode.l10n.t('{0} problems in catalog files', problems.length),
    matchOnDescription: true,
  });
  if (!picked) return;
  if (picked.panel) {
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    return;
  }
  const problem = picked.problem!;
  const uri = catalogService.uriOf(problem.file);
  if (!uri) return;
  const range = new vscode.Range(problem.line - 1, problem.column - 1, problem.endLine - 1, problem.endColumn - 1);
  await vscode.window.showTextDocument(uri, { selection: range, preview: true });
}
