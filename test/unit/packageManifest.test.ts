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

describe('Get Started walkthrough', () => {
  interface Step { id: string; title: string; description: string; media: { svg?: string; altText?: string }; completionEvents: string[] }
  const manifest = read('package.json') as { contributes: { walkthroughs: { id: string; steps: Step[] }[]; commands: { command: string }[]; views: Record<string, { id: string }[]> } };
  const [walkthrough] = manifest.contributes.walkthroughs;
  const en = read('package.nls.json') as Record<string, string>;
  const commands = new Set(manifest.contributes.commands.map((c) => c.command));
  const views = new Set(Object.values(manifest.contributes.views).flat().map((v) => v.id));
  const sources = (dir: string): string => readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? sources(join(dir, e.name)) : readFileSync(join(dir, e.name), 'utf8'))).join('\n');
  const allSources = sources(join(ROOT, 'src'));

  it('has the seven steps the issue asks for, in order', () => {
    assert.deepEqual(walkthrough.steps.map((s) => s.id), ['openAtlas', 'hoverTerm', 'compare', 'search', 'cite', 'newAgreement', 'importTreaties']);
  });

  it('completes every step on an event something really fires: a contributed view or command, or a context key the code sets', () => {
    for (const step of walkthrough.steps) {
      assert.ok(step.completionEvents.length > 0, step.id);
      for (const event of step.completionEvents) {
        const [kind, what] = event.split(/:(.*)/s);
        if (kind === 'onView') assert.ok(views.has(what), `${step.id}: no view ${what}`);
        else if (kind === 'onCommand') assert.ok(commands.has(what), `${step.id}: no command ${what}`);
        else if (kind === 'onContext') {
          const action = /^techDealAtlas\.walkthrough\.(\w+)$/.exec(what)?.[1];
          assert.ok(action && allSources.includes(`markWalkthroughAction('${action}')`), `${step.id}: nothing sets ${what}`);
        } else assert.fail(`${step.id}: unexpected event ${event}`);
      }
    }
  });

  it('links only to commands that exist, and shows an SVG that exists and takes its colours from the theme', () => {
    for (const step of walkthrough.steps) {
      const description = en[step.description.slice(1, -1)];
      for (const [, command] of description.matchAll(/\(command:([\w.]+)\)/g)) {
        assert.ok(commands.has(command) || command.startsWith('workbench.'), `${step.id}: ${command}`);
      }
      const svg = readFileSync(join(ROOT, step.media.svg!), 'utf8');
      assert.match(svg, /var\(--vscode-editor-background/, `${step.id}: background from the theme`);
      // VS Code drops <style> from walkthrough SVGs: colours must be presentation attributes.
      assert.doesNotMatch(svg, /<style|class="/, `${step.id}: uses CSS classes`);
      assert.ok(en[step.media.altText!.slice(1, -1)], `${step.id}: alt text`);
    }
  });
});

describe('marketplace manifest', () => {
  const manifest = read('package.json') as Record<string, unknown> & { keywords: string[]; categories: string[]; galleryBanner: { color: string; theme: string } };

  it('names its repository, bugs and homepage, and a gallery banner', () => {
    for (const field of ['repository', 'bugs', 'homepage']) assert.ok(manifest[field], field);
    assert.match(manifest.galleryBanner.color, /^#[0-9a-f]{6}$/i);
    assert.ok(['dark', 'light'].includes(manifest.galleryBanner.theme));
  });

  it('has keywords in both languages and at most 30 (the Marketplace limit)', () => {
    assert.ok(manifest.keywords.some((k) => /[\uac00-\ud7a3]/.test(k)) && manifest.keywords.some((k) => /^[a-z ]+$/i.test(k)));
    assert.ok(manifest.keywords.length <= 30);
    assert.ok(manifest.categories.length > 0);
  });

  it('runs on the web too: a browser entry beside the Node one', () => {
    assert.equal(manifest.browser, './dist/web/extension.js');
    assert.equal(manifest.main, './dist/extension.js');
  });
});
