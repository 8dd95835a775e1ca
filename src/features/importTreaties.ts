// Command "Import Treaties (ToTA XML)…": picks XML files or folders, imports each treaty with the core importer and
// writes it into `.techdeals/imported/` of a workspace folder, under a cancellable progress notification, then says
// what was imported and what was skipped and why. Each treaty is written to a temporary file and renamed, so the
// catalog watcher never reads half a treaty; a re-import replaces the treaty's file.
import * as vscode from 'vscode';
import { ImportBatch, importedFileName, serializeImported, summaryLines, type BatchSummary } from '../core/import/importBatch';
import { SectorClassifier } from '../core/import/sectorRules';
import { SECTOR_RULES } from '../core/import/shippedRules';
import type { CatalogService } from '../services/catalogService';
import { uriBaseName } from '../services/uris';
import { markWalkthroughAction } from '../services/walkthroughProgress';

export const IMPORT_FOLDER = '.techdeals/imported';
/** Folders are searched this deep for XML files: enough for an unpacked corpus, not a whole disk by mistake. */
const MAX_DEPTH = 4;

export interface ImportArgs {
  /** Files or folders to import; asked for when absent. */
  sources?: vscode.Uri[];
  /** Workspace folder to write into; asked for when there are several. */
  folder?: vscode.Uri;
}

export function registerImportTreaties(context: vscode.ExtensionContext, catalog: CatalogService, log: vscode.LogOutputChannel): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('techDealAtlas.importTreaties', (args?: ImportArgs) => importTreaties(catalog, log, args)),
  );
}

async function importTreaties(catalog: CatalogService, log: vscode.LogOutputChannel, args: ImportArgs = {}): Promise<BatchSummary | undefined> {
  const folder = args.folder ?? (await pickWorkspaceFolder());
  if (!folder) return undefined;
  const sources =
    args.sources ??
    (await vscode.window.showOpenDialog({
      canSelectFiles: true,
      canSelectFolders: true,
      canSelectMany: true,
      filters: { [vscode.l10n.t('ToTA treaty XML')]: ['xml'] },
      openLabel: vscode.l10n.t('Import'),
      title: vscode.l10n.t('Import Treaties (ToTA XML)'),
    }));
  if (!sources?.length) return undefined;
  await catalog.whenReady();
  const batch = new ImportBatch({ parties: [...(catalog.catalog?.parties.values() ?? [])], classifier: new SectorClassifier(SECTOR_RULES) });
  const target = vscode.Uri.joinPath(folder, ...IMPORT_FOLDER.split('/'));
  let cancelled = false;
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Importing treaties'), cancellable: true },
    async (progress, token) => {
      const files = await xmlFiles(sources, batch);
      await vscode.workspace.fs.createDirectory(target);
      for (const [i, file] of files.entries()) {
        if (token.isCancellationRequested) {
          cancelled = true;
          break;
        }
        progress.report({ message: vscode.l10n.t('{0} of {1}: {2}', i + 1, files.length, uriBaseName(file)), increment: 100 / files.length });
        await importOne(file, batch, target);
      }
    },
  );
  await catalog.reload();
  if (batch.summary.imported.length) markWalkthroughAction('imported');
  const lines = summaryLines(batch.summary);
  if (cancelled) lines[0] = `${lines[0]} ${vscode.l10n.t('Cancelled: the remaining files were not imported.')}`;
  for (const line of lines) log.info(line);
  const details = vscode.l10n.t('Show Details');
  const show = batch.summary.skipped.length ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  void show(lines[0], details).then((choice) => choice === details && log.show(true));
  return batch.summary;
}

async function importOne(file: vscode.Uri, batch: ImportBatch, target: vscode.Uri): Promise<void> {
  const name = vscode.workspace.asRelativePath(file, false);
  let xml: string;
  try {
    xml = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(file));
  } catch (err) {
    batch.skip(name, vscode.l10n.t('could not be read ({0}).', err instanceof Error ? err.message : String(err)));
    return;
  }
  const treaty = batch.add(name, xml);
  if (!treaty) return;
  const destination = vscode.Uri.joinPath(target, importedFileName(treaty.agreementId));
  // Not *.json: the catalog watcher ignores the temporary file until the rename makes it whole.
  const temporary = vscode.Uri.joinPath(target, `${importedFileName(treaty.agreementId)}.${Date.now().toString(36)}.tmp`);
  try {
    await vscode.workspace.fs.writeFile(temporary, new TextEncoder().encode(serializeImported(treaty.file)));
    await vscode.workspace.fs.rename(temporary, destination, { overwrite: true });
  } catch (err) {
    await Promise.resolve(vscode.workspace.fs.delete(temporary)).catch(() => undefined);
    batch.notWritten(name, treaty.agreementId, vscode.l10n.t('could not be written ({0}).', err instanceof Error ? err.message : String(err)));
  }
}

/** The XML files among the picked files and folders (folders searched `MAX_DEPTH` deep), in name order. */
async function xmlFiles(sources: readonly vscode.Uri[], batch: ImportBatch): Promise<vscode.Uri[]> {
  const found: vscode.Uri[] = [];
  const visit = async (uri: vscode.Uri, depth: number): Promise<void> => {
    let type: vscode.FileType;
    try {
      type = (await vscode.workspace.fs.stat(uri)).type;
    } catch (err) {
      batch.skip(uri.fsPath || uri.toString(), vscode.l10n.t('could not be read ({0}).', err instanceof Error ? err.message : String(err)));
      return;
    }
    if (type & vscode.FileType.Directory) {
      if (depth >= MAX_DEPTH) return;
      const entries = (await vscode.workspace.fs.readDirectory(uri)).sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }));
      for (const [name, kind] of entries) {
        if (kind & vscode.FileType.Directory || name.toLowerCase().endsWith('.xml')) await visit(vscode.Uri.joinPath(uri, name), depth + 1);
      }
    } else {
      found.push(uri);
    }
  };
  for (const source of sources) await visit(source, 0);
  return found;
}

async function pickWorkspaceFolder(): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Open a folder first: imported treaties are written into its .techdeals/imported folder.'));
    return undefined;
  }
  if (folders.length === 1) return folders[0].uri;
  const picked = await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Workspace folder to import the treaties into') });
  return picked?.uri;
}
