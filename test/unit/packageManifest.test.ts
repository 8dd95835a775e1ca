import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const read = (file: string): unknown => JSON.parse(readFileSync(join(ROOT, file), 'utf8'));

describe('package.json localisation', () => {
  const manifest = readFileSync(join(ROOT, 'package.json'), 'utf8');
  const en = read('package.nls.json') as Record<string, string>;
  const ko = read('package.nls.ko.json') as Record<string, string>;
  const placeholders = [...manifest.matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]);

  it('uses placeholders for every contributed title', () => {
    const contributes = (read('package.json') as { contributes: { commands: { title: string }[] } }).contributes;
    for (const c of contributes.commands) assert.match(c.title, /^%.+%$/, `literal title: ${c.title}`);
  });

  it('defines every placeholder in English and Korean, and nothing else', () => {
    assert.deepEqual([...new Set(placeholders)].sort(), Object.keys(en).sort());
    assert.deepEqual(Object.keys(ko).sort(), Object.keys(en).sort());
  });

  it('translates every text that is not a proper name into Hangul', () => {
    for (const [key, value] of Object.entries(ko)) {
      if (value === 'Tech Deal Atlas') continue;
      assert.match(value, /[\uac00-\ud7a3]/, `${key} is not translated: ${value}`);
    }
  });

  it('keeps command links in translated welcome texts identical to the English ones', () => {
    const links = (s: string) => [...s.matchAll(/\(command:[^)]+\)/g)].map((m) => m[0]);
    for (const key of Object.keys(en)) assert.deepEqual(links(ko[key]), links(en[key]), key);
  });
});

describe('UI strings localisation', () => {
  /** Every literal passed to `vscode.l10n.t` (or to `t`, its local alias) in the sources that use it. */
  function uiStrings(): Map<string, string> {
    const found = new Map<string, string>();
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith('.ts')) {
          const source = readFileSync(path, 'utf8');
          if (!source.includes('vscode.l10n.t')) continue;
          for (const m of source.matchAll(/(?:\bl10n\.t|(?<![\w.])t)\(\s*'((?:\\.|[^'\\])*)'/g)) {
            found.set(m[1].replace(/\\n/g, '\n').replace(/\\(['"\\`])/g, '$1'), path);
          }
        }
      }
    };
    walk(join(ROOT, 'src'));
    return found;
  }

  it('translates every UI string into Korean', () => {
    const ko = read('l10n/bundle.l10n.ko.json') as Record<string, string>;
    const strings = uiStrings();
    assert.ok(strings.size > 80, `${strings.size} strings found`);
    const missing = [...strings].filter(([key]) => !(key in ko)).map(([key, file]) => `${key} (${file})`);
    assert.deepEqual(missing, []);
  });
});

describe('workspace trust and virtual workspaces', () => {
  it('declares that it runs in restricted mode and in virtual workspaces (it only reads catalog files as data)', () => {
    const { capabilities } = read('package.json') as { capabilities?: { untrustedWorkspaces?: { supported: unknown }; virtualWorkspaces?: unknown } };
    assert.deepEqual(capabilities, { untrustedWorkspaces: { supported: true }, virtualWorkspaces: true });
  });
});
