// New Agreement… in the real extension host: from an argument and step by step through the real input boxes and
// quick picks (driven as a user would: a value typed, the workbench's accept command), the skeleton is written to
// .techdeals/<id>.json, opened with the first provision's text selected, and loaded into the catalog and the tree by
// the catalog's file watcher. An existing file is never overwritten; Escape writes nothing.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { agreementSkeleton, localIsoDate } from '../../src/core/catalog/newAgreement';
import type { NewAgreementResult } from '../../src/features/newAgreement';
import { getApi, treeChildren, waitFor, type TechDealAtlasApi } from './util';

const COMMAND = 'techDealAtlas.newAgreement';
const PLACEHOLDER = 'TODO: the text of the provision, exactly as the source gives it.';

type Widget = vscode.InputBox | vscode.QuickPick<vscode.QuickPickItem & { id?: string }>;
interface Shown<W extends Widget = Widget> {
  readonly widget: W;
  hidden: boolean;
}

/** Records every input box and quick pick the extension creates (the same `vscode.window` object as the test's). */
class Widgets implements vscode.Disposable {
  readonly created: Shown[] = [];
  private readonly window = vscode.window as { -readonly [K in keyof typeof vscode.window]: (typeof vscode.window)[K] };
  private readonly createInputBox = this.window.createInputBox;
  private readonly createQuickPick = this.window.createQuickPick;

  constructor() {
    const record = <W extends Widget>(widget: W): W => {
      const entry: Shown = { widget, hidden: false };
      widget.onDidHide(() => (entry.hidden = true));
      this.created.push(entry);
      return widget;
    };
    this.window.createInputBox = () => record(this.createInputBox.call(vscode.window));
    this.window.createQuickPick = (() => record(this.createQuickPick.call(vscode.window) as Widget)) as typeof vscode.window.createQuickPick;
  }

  /** The `n`-th widget (0-based) the command created. */
  async nth<W extends Widget>(n: number): Promise<Shown<W>> {
    return (await waitFor(`input step ${n + 1}`, () => this.created[n])) as Shown<W>;
  }

  dispose(): void {
    this.window.createInputBox = this.createInputBox;
    this.window.createQuickPick = this.createQuickPick;
  }
}

/**
 * Presses Enter in the visible quick input. A widget's changes made just before (value, ticks) reach the workbench in
 * a batch sent on the next turn of the extension host's event loop: wait for it, or Enter would come first.
 */
async function accept(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 100));
  await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
}

/**
 * Types `value` into an input box and presses Enter; then waits for the extension's verdict: the box closes (the
 * value is taken) when `expected` is undefined, else its message matches `expected`. (A check of an earlier value
 * may still be answering for a moment: waiting for the expected verdict, not for any message, keeps that out.)
 */
async function typeInto(shown: Shown<vscode.InputBox>, value: string, expected: string | RegExp | undefined): Promise<void> {
  const box = shown.widget;
  const message = () => {
    const m = box.validationMessage;
    return typeof m === 'string' ? m : m?.message;
  };
  box.value = value;
  await accept();
  const matches = () => (expected === undefined ? shown.hidden : !box.busy && (typeof expected === 'string' ? message() === expected : expected.test(message() ?? '')));
  await waitFor(`the verdict on "${value}"`, matches, 10_000).catch(() => {
    assert.fail(`"${value}": expected ${expected === undefined ? 'the value to be taken' : String(expected)}, got ${shown.hidden ? 'the box closed' : JSON.stringify(message())}`);
  });
}

describe('New Agreement', function () {
  this.timeout(90_000);
  let api: TechDealAtlasApi;
  let folder: vscode.Uri;
  let techdeals: string;
  let hadTechdeals: boolean;
  const written: string[] = [];
  const run = `${process.pid}-${Date.now().toString(36)}`;

  const fileOf = (id: string) => path.join(techdeals, `${id}.json`);
  const listing = () => (fs.existsSync(techdeals) ? fs.readdirSync(techdeals).sort() : []);

  /** Replaces `showXxxMessage` while `body` runs, recording the messages (and answering none). */
  async function capturingMessages<T>(kind: 'showWarningMessage' | 'showErrorMessage' | 'showInformationMessage', body: () => Promise<T>): Promise<{ result: T; messages: string[] }> {
    const window = vscode.window as { -readonly [K in keyof typeof vscode.window]: (typeof vscode.window)[K] };
    const original = window[kind];
    const messages: string[] = [];
    window[kind] = ((message: string) => {
      messages.push(message);
      return Promise.resolve(undefined);
    }) as typeof original;
    try {
      return { result: await body(), messages };
    } finally {
      window[kind] = original;
    }
  }

  async function agreementInTree(id: string): Promise<boolean> {
    const tree = api.trees.agreements;
    for (const node of await treeChildren(tree)) {
      if (node.kind === 'agreement' && node.agreementId === id) return true;
      if (node.kind === 'group' && (await treeChildren(tree, node)).some((n) => n.kind === 'agreement' && n.agreementId === id)) return true;
    }
    return false;
  }

  before(async () => {
    api = await getApi();
    await api.whenReady();
    folder = vscode.workspace.workspaceFolders![0].uri;
    techdeals = path.join(folder.fsPath, '.techdeals');
    hadTechdeals = fs.existsSync(techdeals);
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const file of written) fs.rmSync(file, { force: true });
    if (!hadTechdeals) fs.rmSync(techdeals, { recursive: true, force: true });
    await vscode.commands.executeCommand('techDealAtlas.reloadCatalog');
    await waitFor('the new agreements gone', () => ![...(api.getCatalog()?.agreements.keys() ?? [])].some((id) => id.includes(run)), 30_000);
  });

  it('writes the skeleton given by an argument, opens it on the provision text, and the watcher loads it into the tree', async () => {
    const id = `tda-new-${run}`;
    written.push(fileOf(id));
    const answers = { id, title: 'Integration "Test" </script> \\ MOU', kind: 'joint-statement' as const, parties: ['KR', 'FR', 'ZZ'], date: '2025-06-30' };
    const expected = agreementSkeleton(answers, api.getCatalog()!);
    const started = Date.now();
    const result = await vscode.commands.executeCommand<NewAgreementResult>(COMMAND, { folder, ...answers, parties: ['kor', 'FR', 'zz'] });
    const returned = Date.now();
    assert.strictEqual(result?.id, id);
    assert.strictEqual(fs.readFileSync(fileOf(id), 'utf8'), expected, 'the file on disk is the skeleton (alpha-3 and lower-case codes resolved)');

    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'an editor is open');
    assert.strictEqual(editor.document.uri.toString(), vscode.Uri.file(fileOf(id)).toString());
    assert.strictEqual(editor.document.getText(editor.selection), PLACEHOLDER, 'the first provision\'s text is selected');
    assert.strictEqual(editor.document.isDirty, false);

    // No reload asked for: the catalog's file watcher sees the new file.
    const agreement = await waitFor('the new agreement in the catalog', () => api.getCatalog()?.agreements.get(id), 30_000);
    console.log(`[new agreement] command ${returned - started} ms; in the catalog ${Date.now() - returned} ms later (file watcher)`);
    assert.strictEqual(agreement.title.official.en, answers.title);
    assert.deepStrictEqual([agreement.kind, agreement.parties, agreement.date], ['joint-statement', ['KR', 'FR', 'ZZ'], '2025-06-30']);
    assert.strictEqual(api.getCatalog()!.parties.get('ZZ')?.name.en, 'TODO: full name of ZZ');
    assert.deepStrictEqual(api.getProblems().filter((p) => p.file.includes(id)), [], 'the skeleton has no problems');
    await waitFor('the new agreement in the Agreements view', () => agreementInTree(id), 10_000);
  });

  it('never overwrites an existing file: it is left as it was and the user is told', async () => {
    const id = `tda-existing-${run}`;
    written.push(fileOf(id));
    fs.mkdirSync(techdeals, { recursive: true });
    const original = '{ "terms": [] }\n';
    fs.writeFileSync(fileOf(id), original);
    const { result, messages } = await capturingMessages('showWarningMessage', async () =>
      vscode.commands.executeCommand(COMMAND, { folder, id, title: 'Must not replace', kind: 'mou', parties: ['KR'], date: null }),
    );
    assert.strictEqual(result, undefined);
    assert.strictEqual(fs.readFileSync(fileOf(id), 'utf8'), original);
    assert.deepStrictEqual(messages, [`New Agreement: .techdeals/${id}.json already exists, so nothing was written.`]);
  });

  it('the create operation it writes with refuses to replace a file (the guarantee the command rests on)', async () => {
    const id = `tda-race-${run}`;
    written.push(fileOf(id));
    fs.mkdirSync(techdeals, { recursive: true });
    fs.writeFileSync(fileOf(id), 'appeared meanwhile\n');
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(vscode.Uri.file(fileOf(id)), { overwrite: false, ignoreIfExists: false, contents: new TextEncoder().encode('{}\n') });
    const applied = await Promise.resolve(vscode.workspace.applyEdit(edit)).catch(() => false);
    assert.strictEqual(applied, false);
    assert.strictEqual(fs.readFileSync(fileOf(id), 'utf8'), 'appeared meanwhile\n');
  });

  it('refuses an argument id the atlas already has, and bad answers, writing nothing', async () => {
    const before = listing();
    const { messages } = await capturingMessages('showErrorMessage', async () => {
      await vscode.commands.executeCommand(COMMAND, { folder, id: 'kr-us-tpd', title: 'Duplicate', kind: 'mou', parties: ['KR'], date: null });
      await vscode.commands.executeCommand(COMMAND, { folder, id: `tda-bad-${run}`, title: 'Bad date', kind: 'mou', parties: ['KR'], date: '2025-02-29' });
      await vscode.commands.executeCommand(COMMAND, { folder, id: `tda-bad-${run}`, title: 'Bad party', kind: 'mou', parties: ['K'], date: null });
    });
    assert.deepStrictEqual(messages, [
      'New Agreement: The atlas already has an agreement "kr-us-tpd".',
      'New Agreement: 2025-02-29 is not a date in the calendar.',
      'New Agreement: "K" is not a party code: use ISO 3166 codes such as FR or VNM, or a bloc\'s abbreviation (letters, digits, hyphens; 2 to 16 characters).',
    ]);
    assert.deepStrictEqual(listing(), before);
  });

  it('asks step by step, checks each answer as it is typed, suggests the id, and writes what was answered', async () => {
    const id = `tda-prompted-${run}`;
    const taken = `tda-taken-${run}`;
    written.push(fileOf(id), fileOf(taken));
    fs.mkdirSync(techdeals, { recursive: true });
    fs.writeFileSync(fileOf(taken), '{}\n');
    const widgets = new Widgets();
    try {
      const running = vscode.commands.executeCommand<NewAgreementResult>(COMMAND);

      const title = await widgets.nth<vscode.InputBox>(0);
      assert.deepStrictEqual([title.widget.step, title.widget.totalSteps, title.widget.value], [1, 5, '']);
      await typeInto(title, '   ', 'Enter the title of the agreement.');
      await typeInto(title, '  Prompted   Integration\tMemorandum of Understanding  ', undefined);

      const kind = (await widgets.nth<vscode.QuickPick<vscode.QuickPickItem>>(1)).widget;
      assert.strictEqual(kind.step, 2);
      await waitFor('the default kind highlighted', () => kind.activeItems[0]?.description === 'mou');
      await accept();

      const parties = (await widgets.nth<vscode.QuickPick<vscode.QuickPickItem & { id?: string }>>(2)).widget;
      assert.ok(parties.canSelectMany);
      parties.selectedItems = parties.items.filter((i) => i.id === 'KR' || i.id === 'US');
      await accept();

      const date = await widgets.nth<vscode.InputBox>(3);
      assert.strictEqual(date.widget.value, localIsoDate(new Date()), 'today is offered');
      await typeInto(date, '2025-02-29', '2025-02-29 is not a date in the calendar.');
      await typeInto(date, '2025/03/01', /^Write the date as YYYY-MM-DD/);
      await typeInto(date, '2025-03-01', undefined);

      const idBox = await widgets.nth<vscode.InputBox>(4);
      assert.strictEqual(idBox.widget.value, 'prompted-integration-mou', 'suggested from the title');
      await typeInto(idBox, 'KR-US-AI', 'Use lower-case letters: kr-us-ai');
      await typeInto(idBox, 'kr-us-tpd', 'The atlas already has an agreement "kr-us-tpd".');
      await typeInto(idBox, taken, `.techdeals/${taken}.json already exists: choose another id.`);
      await typeInto(idBox, id, undefined);

      const result = await running;
      assert.strictEqual(result?.id, id);
      const written = JSON.parse(fs.readFileSync(fileOf(id), 'utf8'));
      assert.deepStrictEqual(written.agreements[0].title, { official: { en: 'Prompted Integration Memorandum of Understanding' }, short: { en: 'Prompted Integration Memorandum of Understanding' } });
      assert.deepStrictEqual([written.agreements[0].kind, written.agreements[0].parties, written.agreements[0].date], ['mou', ['KR', 'US'], '2025-03-01']);
      assert.strictEqual(fs.readFileSync(fileOf(taken), 'utf8'), '{}\n', 'the other file is untouched');
      const editor = vscode.window.activeTextEditor!;
      assert.strictEqual(editor.document.getText(editor.selection), PLACEHOLDER);
      assert.ok(widgets.created.every((w) => w.hidden), 'every step is closed');
    } finally {
      widgets.dispose();
    }
  });

  it('Back keeps the answers; parties not in the list are typed as codes; an empty date is no date', async () => {
    const id = `tda-back-${run}`;
    written.push(fileOf(id));
    type PartyItem = vscode.QuickPickItem & { id?: string; other?: true };
    const widgets = new Widgets();
    try {
      const running = vscode.commands.executeCommand<NewAgreementResult>(COMMAND);
      await typeInto(await widgets.nth<vscode.InputBox>(0), 'Back and Forth Agreement', undefined);
      await widgets.nth(1);
      await accept();

      const parties = (await widgets.nth<vscode.QuickPick<PartyItem>>(2)).widget;
      parties.selectedItems = parties.items.filter((i) => i.other);
      await accept();
      const codes = await widgets.nth<vscode.InputBox>(3);
      assert.strictEqual(codes.widget.step, 3, 'the codes belong to the parties step');
      await typeInto(codes, 'FRA K', /^"K" is not a party code/);
      await typeInto(codes, 'fra zz-1', undefined);

      const date = await widgets.nth<vscode.InputBox>(4);
      assert.strictEqual(date.widget.step, 4);
      await vscode.commands.executeCommand('workbench.action.quickInputBack');

      // Back on the parties: what was chosen is ticked again (France through its alpha-3 code, and the codes entry).
      const again = (await widgets.nth<vscode.QuickPick<PartyItem>>(5)).widget;
      assert.deepStrictEqual(again.selectedItems.map((i) => i.id ?? 'other').sort(), ['FR', 'other']);
      assert.strictEqual(again.items.find((i) => i.other)?.detail, 'fra zz-1');
      again.selectedItems = [...again.selectedItems, ...again.items.filter((i) => i.id === 'KR')];
      await accept();
      const codesAgain = await widgets.nth<vscode.InputBox>(6);
      assert.strictEqual(codesAgain.widget.value, 'fra zz-1', 'the codes typed before');
      await typeInto(codesAgain, 'fra zz-1', undefined);

      await typeInto(await widgets.nth<vscode.InputBox>(7), '', undefined);
      const idBox = await widgets.nth<vscode.InputBox>(8);
      assert.strictEqual(idBox.widget.value, 'back-forth-agreement');
      await typeInto(idBox, id, undefined);

      assert.strictEqual((await running)?.id, id);
      const file = JSON.parse(fs.readFileSync(fileOf(id), 'utf8'));
      assert.deepStrictEqual(new Set(file.agreements[0].parties), new Set(['FR', 'KR', 'ZZ-1']));
      assert.ok(!('date' in file.agreements[0]), 'no date');
      assert.deepStrictEqual(file.parties.map((p: { id: string }) => p.id), ['ZZ-1']);
    } finally {
      widgets.dispose();
    }
  });

  it('Escape at any step cancels and writes nothing', async () => {
    const before = listing();
    const widgets = new Widgets();
    try {
      const running = vscode.commands.executeCommand<NewAgreementResult>(COMMAND);
      const title = await widgets.nth<vscode.InputBox>(0);
      await typeInto(title, 'Cancelled Agreement', undefined);
      await widgets.nth(1);
      await accept();
      await widgets.nth(2);
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      assert.strictEqual(await running, undefined);
      assert.strictEqual(widgets.created.length, 3, 'no further step');
      assert.deepStrictEqual(listing(), before);
    } finally {
      widgets.dispose();
    }
  });
});
