// The extension is installed, activates, and registers every command its manifest contributes.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { EXTENSION_ID, getExtension } from './util';

interface ContributedCommand {
  command: string;
  title: string;
  category?: string;
}

describe('Extension', () => {
  let ext: vscode.Extension<unknown>;

  before(async () => {
    ext = getExtension();
    await ext.activate();
  });

  it('is the extension under development, found under its id', () => {
    assert.strictEqual(ext.id, EXTENSION_ID);
    assert.strictEqual(ext.packageJSON.name, 'tech-deal-atlas');
    assert.strictEqual(ext.packageJSON.publisher, 'tech-deal-atlas');
    assert.strictEqual(ext.extensionKind, vscode.ExtensionKind.Workspace);
  });

  it('activates', () => {
    assert.strictEqual(ext.isActive, true);
  });

  it('registers every command listed in package.json contributes.commands', async () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ext.extensionPath, 'package.json'), 'utf8'));
    const contributed: ContributedCommand[] = manifest.contributes?.commands ?? [];
    const ids = contributed.map((c) => c.command);
    assert.ok(ids.length >= 2, `expected the manifest to contribute commands, got ${JSON.stringify(ids)}`);
    assert.ok(ids.every((id) => id.startsWith('techDealAtlas.')), `command ids must use the techDealAtlas. prefix: ${ids}`);
    // The host's view of the manifest is the file on disk.
    assert.deepStrictEqual((ext.packageJSON.contributes.commands as ContributedCommand[]).map((c) => c.command), ids);

    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = ids.filter((id) => !registered.has(id));
    assert.deepStrictEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });
});
