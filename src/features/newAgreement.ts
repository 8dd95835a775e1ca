// Command "New Agreement…": asks for the title, kind, parties, date and id of an agreement the atlas does not ship,
// writes a skeleton catalog file `.techdeals/<id>.json` into a workspace folder, and opens it with the first
// provision's text selected. The file's content and the answers' checks are core/catalog/newAgreement.ts.
//
// Rules:
//  - One multi-step input (Back goes to the previous step, every answer kept; Escape anywhere writes nothing). The
//    title comes first, so the id — asked last — can be suggested from everything answered; it is checked as it is
//    typed against the schema's pattern, the catalog's agreements and the files in `.techdeals/`.
//  - An argument `{ folder, title, kind, parties, date, id }` answers the steps it names (walkthroughs, automation,
//    tests); the Explorer passes the folder it was invoked on.
//  - Never overwrites: the file is looked for right before writing, and then created through a WorkspaceEdit with
//    `overwrite: false` — the workbench refuses to create a file that exists, checking in the same process just
//    before it writes (`workspace.fs.writeFile` has no such option: a file that appeared in between would be
//    replaced). Only `workspace.fs` and Uris: it runs in VS Code for the Web.
//  - The catalog reloads for the new file (as its file watcher would have it); if the setting techDealAtlas.catalog.include does not
//    cover it, the user is told so.
import * as vscode from 'vscode';
import { agreementKindLabel } from '../core/labels/agreementLabels';
import { agreementKindIcon } from '../core/labels/icons';
import { BLOC_ICON, COUNTRY_ICON } from '../core/tree/treeModel';
import { text, type AgreementKind, type Catalog, type Lang } from '../core/catalog/model';
import {
  AGREEMENT_KINDS,
  DEFAULT_KIND,
  agreementSkeleton,
  localIsoDate,
  normalizeTitle,
  provisionTextSelection,
  resolvePartyCodes,
  suggestAgreementId,
  validateAgreementId,
  validateDate,
  validateTitle,
  type InputProblem,
  type NewAgreementInput,
} from '../core/catalog/newAgreement';
import type { CatalogService } from '../services/catalogService';
import { dataLanguage } from '../services/languageSetting';
import { markWalkthroughAction } from '../services/walkthroughProgress';

export const NEW_AGREEMENT_COMMAND = 'techDealAtlas.newAgreement';
/** Where new agreements are written, relative to the workspace folder (covered by the default catalog.include). */
const FOLDER = '.techdeals';

/** The command's optional argument: each answer given here is not asked for. */
export interface NewAgreementArgs {
  /** A workspace folder, or a file or folder inside one. */
  folder?: vscode.Uri;
  title?: string;
  kind?: AgreementKind;
  /** Party ids or codes (`KR`, `KOR`, `EU`, codes the catalog lacks). */
  parties?: string[];
  /** `YYYY-MM-DD`; `null` or `''` for an agreement whose sources give no date. */
  date?: string | null;
  id?: string;
}

export interface NewAgreementResult {
  id: string;
  uri: vscode.Uri;
}

export function registerNewAgreement(context: vscode.ExtensionContext, catalog: CatalogService): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(NEW_AGREEMENT_COMMAND, (arg?: NewAgreementArgs | vscode.Uri) =>
      newAgreement(catalog, arg instanceof vscode.Uri ? { folder: arg } : (arg ?? {})),
    ),
  );
}

async function newAgreement(service: CatalogService, args: NewAgreementArgs): Promise<NewAgreementResult | undefined> {
  const folder = await workspaceFolder(args.folder);
  if (!folder) return undefined;
  if (vscode.workspace.fs.isWritableFileSystem(folder.scheme) === false) {
    void vscode.window.showErrorMessage(vscode.l10n.t('New Agreement: {0} is read-only. Open a folder you can write to.', folderName(folder)));
    return undefined;
  }
  await service.whenReady();
  const catalog = service.catalog;
  if (!catalog) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The agreement catalog is not loaded yet.'));
    return undefined;
  }
  const directory = vscode.Uri.joinPath(folder, FOLDER);
  const fileOf = (id: string) => vscode.Uri.joinPath(directory, `${id}.json`);

  const given = checkArgs(args, catalog);
  if (typeof given === 'string') {
    void vscode.window.showErrorMessage(vscode.l10n.t('New Agreement: {0}', given));
    return undefined;
  }
  if (given.id !== undefined && (await exists(fileOf(given.id)))) return alreadyExists(fileOf(given.id));
  const input = await ask(given, catalog, dataLanguage(), fileOf, await fileNames(directory));
  if (!input) return undefined;

  // The catalog may have changed while the user answered: the skeleton's ids are checked against the latest.
  const latest = service.catalog ?? catalog;
  if (latest.agreements.has(input.id)) {
    void vscode.window.showErrorMessage(vscode.l10n.t('New Agreement: {0}', problemMessage({ code: 'id-taken' }, 'id', input.id)));
    return undefined;
  }
  const file = fileOf(input.id);
  if (await exists(file)) return alreadyExists(file);
  const content = agreementSkeleton(input, latest);
  try {
    await vscode.workspace.fs.createDirectory(directory);
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(file, { overwrite: false, ignoreIfExists: false, contents: new TextEncoder().encode(content) }, { label: vscode.l10n.t('New Agreement'), needsConfirmation: false });
    if (!(await vscode.workspace.applyEdit(edit))) {
      if (await exists(file)) return alreadyExists(file);
      throw new Error(vscode.l10n.t('the workbench refused to create the file'));
    }
  } catch (err) {
    if (await exists(file)) return alreadyExists(file);
    void vscode.window.showErrorMessage(vscode.l10n.t('New Agreement: could not write {0} ({1}).', relativePath(file), err instanceof Error ? err.message : String(err)));
    return undefined;
  }
  markWalkthroughAction('agreementAdded');
  // What the file watcher does for a new file, asked for here too (debounced, so the two make one reload): a watcher
  // can miss a file written into a folder created a moment before.
  service.scheduleReload('all');

  const document = await vscode.workspace.openTextDocument(file);
  const at = provisionTextSelection(document.getText());
  const selection = at && new vscode.Selection(document.positionAt(at.offset), document.positionAt(at.offset + at.length));
  await vscode.window.showTextDocument(document, { preview: false, selection });
  vscode.window.setStatusBarMessage(vscode.l10n.t('Agreement {0} added: fill in the places marked TODO.', input.id), 10_000);
  warnIfNotIncluded(folder, document);
  return { id: input.id, uri: file };
}

// ---------------------------------------------------------------------------------------------
// Where

async function workspaceFolder(hint: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
  if (hint) return vscode.workspace.getWorkspaceFolder(hint)?.uri ?? hint;
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 1) return folders[0].uri;
  if (folders.length > 1) {
    const picked = await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Workspace folder to add the agreement to'), ignoreFocusOut: true });
    return picked?.uri;
  }
  const open = vscode.l10n.t('Open Folder…');
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t('New Agreement: open a folder first. The agreement is written into its .techdeals folder, where the atlas reads your own catalog files.'),
    open,
  );
  if (choice === open) await vscode.commands.executeCommand('vscode.openFolder');
  return undefined;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** Names in `.techdeals/` (none when it does not exist yet), for suggesting an id no file has. */
async function fileNames(directory: vscode.Uri): Promise<Set<string>> {
  try {
    return new Set((await vscode.workspace.fs.readDirectory(directory)).map(([name]) => name.toLowerCase()));
  } catch {
    return new Set();
  }
}

function alreadyExists(file: vscode.Uri): undefined {
  const open = vscode.l10n.t('Open File');
  void vscode.window.showWarningMessage(vscode.l10n.t('New Agreement: {0} already exists, so nothing was written.', relativePath(file)), open).then((choice) => {
    if (choice === open) void vscode.window.showTextDocument(file);
  });
  return undefined;
}

function warnIfNotIncluded(folder: vscode.Uri, document: vscode.TextDocument): void {
  const globs = vscode.workspace.getConfiguration('techDealAtlas').get<string[]>('catalog.include', [`${FOLDER}/**/*.json`]);
  if (globs.some((glob) => vscode.languages.match({ pattern: new vscode.RelativePattern(folder, glob) }, document) > 0)) return;
  const settings = vscode.l10n.t('Open Settings');
  void vscode.window
    .showWarningMessage(vscode.l10n.t('The atlas does not read {0}: the setting techDealAtlas.catalog.include leaves it out. Add .techdeals/**/*.json to it.', relativePath(document.uri)), settings)
    .then((choice) => choice === settings && vscode.commands.executeCommand('workbench.action.openSettings', 'techDealAtlas.catalog.include'));
}

function relativePath(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
}

function folderName(uri: vscode.Uri): string {
  return vscode.workspace.getWorkspaceFolder(uri)?.name ?? uri.toString(true);
}

// ---------------------------------------------------------------------------------------------
// What

/** Answers known before asking: from the argument, checked like typed ones. */
interface Answers {
  title?: string;
  kind?: AgreementKind;
  parties?: string[];
  /** '' = no date. */
  date?: string;
  id?: string;
}

/** The argument's answers, or what is wrong with them. */
function checkArgs(args: NewAgreementArgs, catalog: Catalog): Answers | string {
  const answers: Answers = {};
  if (args.title !== undefined) {
    answers.title = normalizeTitle(String(args.title));
    const problem = validateTitle(answers.title);
    if (problem) return problemMessage(problem, 'title');
  }
  if (args.kind !== undefined) {
    if (!AGREEMENT_KINDS.includes(args.kind)) return vscode.l10n.t('unknown kind "{0}" (one of {1}).', String(args.kind), AGREEMENT_KINDS.join(', '));
    answers.kind = args.kind;
  }
  if (args.parties !== undefined) {
    const resolved = resolvePartyCodes(Array.isArray(args.parties) ? args.parties.join(' ') : '', catalog.parties);
    if ('problem' in resolved) return problemMessage(resolved.problem, 'parties');
    if (!resolved.ids.length) return problemMessage({ code: 'empty' }, 'parties');
    answers.parties = resolved.ids;
  }
  if (args.date !== undefined) {
    answers.date = args.date === null ? '' : String(args.date).trim();
    const problem = validateDate(answers.date);
    if (problem) return problemMessage(problem, 'date', answers.date);
  }
  if (args.id !== undefined) {
    answers.id = String(args.id).trim();
    const problem = validateAgreementId(answers.id, (id) => catalog.agreements.has(id));
    if (problem) return problemMessage(problem, 'id', answers.id);
  }
  return answers;
}

type Field = 'title' | 'id' | 'parties' | 'date';

function problemMessage(problem: InputProblem, field: Field, value = ''): string {
  switch (problem.code) {
    case 'empty':
      return field === 'title'
        ? vscode.l10n.t('Enter the title of the agreement.')
        : field === 'parties'
          ? vscode.l10n.t('Name at least one party.')
          : vscode.l10n.t('Enter an id.');
    case 'too-long':
      return vscode.l10n.t('At most {0} characters ({1} now).', problem.max, problem.length);
    case 'id-uppercase':
      return vscode.l10n.t('Use lower-case letters: {0}', problem.suggestion);
    case 'id-start':
      return vscode.l10n.t('Start with a lower-case letter or a digit.');
    case 'id-character':
      return vscode.l10n.t('"{0}" is not allowed: use lower-case letters a-z, digits and hyphens.', problem.character);
    case 'id-taken':
      return vscode.l10n.t('The atlas already has an agreement "{0}".', value);
    case 'date-format':
      return vscode.l10n.t('Write the date as YYYY-MM-DD, e.g. {0}, or leave it empty if the sources give none.', localIsoDate(new Date()));
    case 'date-not-real':
      return vscode.l10n.t('{0} is not a date in the calendar.', value);
    case 'party-code':
      return vscode.l10n.t('"{0}" is not a party code: use ISO 3166 codes such as FR or VNM, or a bloc\'s abbreviation (letters, digits, hyphens; 2 to 16 characters).', problem.token);
  }
}

// ---------------------------------------------------------------------------------------------
// Asking

const BACK = Symbol('back');
type Answer<T> = T | typeof BACK | undefined;

interface PartyItem extends vscode.QuickPickItem {
  id?: string;
  other?: true;
}

/**
 * Asks for what `given` lacks, one step after another; undefined when the user cancels at any step. `fileOf` and
 * `names` say which ids a file already has (`names`: the folder as it was, for suggestions; `fileOf`: checked live).
 */
async function ask(given: Answers, catalog: Catalog, lang: Lang, fileOf: (id: string) => vscode.Uri, names: ReadonlySet<string>): Promise<NewAgreementInput | undefined> {
  const state: Answers & { otherCodes?: string; suggested?: string } = { ...given };
  const heading = vscode.l10n.t('New Agreement');
  type Step = (step: number, total: number) => Promise<Answer<true>>;

  const titleStep: Step = async (step, total) => {
    const value = await askText({
      title: heading,
      step,
      total,
      prompt: vscode.l10n.t('Title of the agreement as its source gives it, in English or Korean (the official and the short title: edit either in the file).'),
      placeholder: vscode.l10n.t('e.g. Memorandum of Understanding on Technology Prosperity'),
      value: state.title ?? '',
      validate: (v) => messageOf(validateTitle(normalizeTitle(v)), 'title'),
    });
    if (typeof value !== 'string') return value;
    state.title = normalizeTitle(value);
    return true;
  };

  const kindStep: Step = async (step, total) => {
    const items = AGREEMENT_KINDS.map((kind) => ({
      label: agreementKindLabel(kind, lang),
      description: kind,
      iconPath: new vscode.ThemeIcon(agreementKindIcon(kind)),
      value: kind,
    }));
    const picked = await askPick({
      title: heading,
      step,
      total,
      placeholder: vscode.l10n.t('Kind of agreement'),
      items,
      active: items.find((i) => i.value === (state.kind ?? DEFAULT_KIND)),
    });
    if (!picked || picked === BACK) return picked;
    state.kind = picked.items[0].value;
    return true;
  };

  const partiesStep: Step = async (step, total) => {
    for (;;) {
      const items = partyItems(catalog, lang, state.parties ?? [], state.otherCodes);
      const picked = await askPick({
        title: heading,
        step,
        total,
        placeholder: vscode.l10n.t('Parties: tick each one (Space) and press Enter. Type to filter by name or code.'),
        items,
        many: true,
      });
      if (!picked || picked === BACK) return picked;
      const ids = picked.items.flatMap((i) => (i.id ? [i.id] : []));
      if (!picked.items.some((i) => i.other)) {
        state.parties = ids;
        state.otherCodes = undefined;
        return true;
      }
      // Codes the catalog lacks, typed. Enter on this item alone, after typing a code the list does not have, brings
      // that code along.
      const codes = await askText({
        title: heading,
        step,
        total,
        prompt: vscode.l10n.t('Codes of the parties not in the list, separated by spaces or commas: ISO 3166 alpha-2 (FR) or alpha-3 (VNM), or a bloc\'s abbreviation.'),
        placeholder: vscode.l10n.t('e.g. FR VNM'),
        value: state.otherCodes ?? (ids.length ? '' : picked.filter),
        validate: (v) => {
          const resolved = resolvePartyCodes(v, catalog.parties);
          if ('problem' in resolved) return problemMessage(resolved.problem, 'parties');
          return ids.length || resolved.ids.length ? undefined : problemMessage({ code: 'empty' }, 'parties');
        },
      });
      if (codes === undefined) return undefined;
      if (codes === BACK) continue;
      const resolved = resolvePartyCodes(codes, catalog.parties);
      state.otherCodes = codes.trim();
      state.parties = [...new Set([...ids, ...('ids' in resolved ? resolved.ids : [])])];
      return true;
    }
  };

  const dateStep: Step = async (step, total) => {
    const value = await askText({
      title: heading,
      step,
      total,
      prompt: vscode.l10n.t('Date signed or issued, YYYY-MM-DD. Leave it empty if the sources do not give one.'),
      value: state.date ?? localIsoDate(new Date()),
      validate: (v) => messageOf(validateDate(v.trim()), 'date', v.trim()),
    });
    if (typeof value !== 'string') return value;
    state.date = value.trim();
    return true;
  };

  const takenInCatalog = (id: string) => catalog.agreements.has(id);
  const idStep: Step = async (step, total) => {
    const suggestion = suggestAgreementId(
      { title: state.title ?? '', parties: state.parties, kind: state.kind, date: state.date },
      (id) => takenInCatalog(id) || names.has(`${id}.json`),
    );
    // A suggestion follows the answers it came from (after Back); an id the user typed stays.
    if (state.id === undefined || state.id === state.suggested) state.id = suggestion;
    state.suggested = suggestion;
    const value = await askText({
      title: heading,
      step,
      total,
      prompt: vscode.l10n.t('Id of the agreement: lower-case letters, digits and hyphens. It names the file (.techdeals/<id>.json) and is part of every citation (tda:<id>/1).'),
      value: state.id,
      validate: async (v) => {
        const id = v.trim();
        const problem = validateAgreementId(id, takenInCatalog);
        if (problem) return problemMessage(problem, 'id', id);
        return (await exists(fileOf(id))) ? vscode.l10n.t('{0} already exists: choose another id.', relativePath(fileOf(id))) : undefined;
      },
    });
    if (typeof value !== 'string') return value;
    state.id = value.trim();
    return true;
  };

  const steps: Step[] = [
    ...(given.title === undefined ? [titleStep] : []),
    ...(given.kind === undefined ? [kindStep] : []),
    ...(given.parties === undefined ? [partiesStep] : []),
    ...(given.date === undefined ? [dateStep] : []),
    ...(given.id === undefined ? [idStep] : []),
  ];
  for (let i = 0; i < steps.length; ) {
    const answer = await steps[i](i + 1, steps.length);
    if (answer === undefined) return undefined;
    i = answer === BACK ? Math.max(0, i - 1) : i + 1;
  }
  if (state.title === undefined || state.parties === undefined || state.id === undefined) return undefined;
  return { id: state.id, title: state.title, kind: state.kind ?? DEFAULT_KIND, parties: state.parties, ...(state.date ? { date: state.date } : {}) };
}

function messageOf(problem: InputProblem | undefined, field: Field, value = ''): string | undefined {
  return problem && problemMessage(problem, field, value);
}

/** Every party of the catalog by name in the data language, blocs first; an entry for codes not in the list on top. */
function partyItems(catalog: Catalog, lang: Lang, picked: readonly string[], otherCodes: string | undefined): PartyItem[] {
  const collator = new Intl.Collator(lang);
  const parties = [...catalog.parties.values()].sort((a, b) => collator.compare(text(a.name, lang), text(b.name, lang)) || a.id.localeCompare(b.id));
  const item = (party: (typeof parties)[number]): PartyItem => ({
    label: text(party.name, lang),
    // Short name and codes, for typing `KR`, `KOR` or `EU`.
    description: [...new Set([text(party.short, lang), party.id, ...(party.alpha3 ? [party.alpha3] : [])])].join(' · '),
    iconPath: new vscode.ThemeIcon(party.kind === 'bloc' ? BLOC_ICON : COUNTRY_ICON),
    picked: picked.includes(party.id),
    id: party.id,
  });
  const blocs = parties.filter((p) => p.kind === 'bloc').map(item);
  const countries = parties.filter((p) => p.kind !== 'bloc').map(item);
  const separator = (label: string): PartyItem => ({ label, kind: vscode.QuickPickItemKind.Separator });
  return [
    {
      label: vscode.l10n.t('Parties not in the list…'),
      description: vscode.l10n.t('type their codes'),
      detail: otherCodes || undefined,
      iconPath: new vscode.ThemeIcon('edit'),
      alwaysShow: true,
      picked: otherCodes !== undefined && otherCodes !== '',
      other: true,
    },
    ...(blocs.length ? [separator(vscode.l10n.t('Blocs')), ...blocs] : []),
    ...(countries.length ? [separator(vscode.l10n.t('Countries and territories')), ...countries] : []),
  ];
}

interface StepOptions {
  title: string;
  step: number;
  total: number;
}

/** One input box of the flow: checked as the user types, accepted only when the check passes. */
function askText(options: StepOptions & { prompt: string; placeholder?: string; value: string; validate: (value: string) => string | undefined | Promise<string | undefined> }): Promise<Answer<string>> {
  const box = vscode.window.createInputBox();
  box.title = options.title;
  box.step = options.step;
  box.totalSteps = options.total;
  box.prompt = options.prompt;
  box.placeholder = options.placeholder;
  box.value = options.value;
  box.valueSelection = [0, options.value.length];
  box.ignoreFocusOut = true;
  box.buttons = options.step > 1 ? [vscode.QuickInputButtons.Back] : [];
  return new Promise((resolve) => {
    let settled = false;
    let checks = 0;
    const finish = (answer: Answer<string>) => {
      if (settled) return;
      settled = true;
      resolve(answer);
      box.dispose();
    };
    // Checks may be asynchronous (a file lookup): only the latest one's verdict is shown.
    const check = async (value: string): Promise<string | undefined> => {
      const mine = ++checks;
      const verdict = options.validate(value);
      let message: string | undefined;
      if (typeof verdict === 'object') {
        box.busy = true;
        try {
          message = await verdict;
        } finally {
          if (mine === checks) box.busy = false;
        }
      } else {
        message = verdict;
      }
      if (mine === checks && !settled && value === box.value) box.validationMessage = message;
      return message;
    };
    box.onDidChangeValue((value) => void check(value));
    box.onDidAccept(async () => {
      const value = box.value;
      if ((await check(value)) === undefined && box.value === value) finish(value);
    });
    box.onDidTriggerButton((button) => button === vscode.QuickInputButtons.Back && finish(BACK));
    box.onDidHide(() => finish(undefined));
    box.show();
    if (options.value) void check(options.value);
  });
}

/**
 * One quick pick of the flow. Single choice: the highlighted item. Several: the ticked ones, or, when none is ticked,
 * the highlighted one (Enter on a filtered list takes what it shows). Also says what was typed in the filter.
 */
function askPick<T extends vscode.QuickPickItem>(
  options: StepOptions & { placeholder: string; items: T[]; active?: T; many?: boolean },
): Promise<Answer<{ items: readonly T[]; filter: string }>> {
  const pick = vscode.window.createQuickPick<T>();
  pick.title = options.title;
  pick.step = options.step;
  pick.totalSteps = options.total;
  pick.placeholder = options.placeholder;
  pick.matchOnDescription = true;
  pick.ignoreFocusOut = true;
  pick.canSelectMany = options.many ?? false;
  pick.items = options.items;
  if (options.many) pick.selectedItems = options.items.filter((i) => i.picked);
  if (options.active) pick.activeItems = [options.active];
  pick.buttons = options.step > 1 ? [vscode.QuickInputButtons.Back] : [];
  return new Promise((resolve) => {
    let settled = false;
    const finish = (answer: Answer<{ items: readonly T[]; filter: string }>) => {
      if (settled) return;
      settled = true;
      resolve(answer);
      pick.dispose();
    };
    pick.onDidAccept(() => {
      const chosen = options.many && pick.selectedItems.length ? pick.selectedItems : pick.activeItems.slice(0, 1);
      if (chosen.length) finish({ items: [...chosen], filter: pick.value.trim() });
    });
    pick.onDidTriggerButton((button) => button === vscode.QuickInputButtons.Back && finish(BACK));
    pick.onDidHide(() => finish(undefined));
    pick.show();
  });
}
