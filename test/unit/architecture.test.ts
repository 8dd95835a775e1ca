// The layering CONTRIBUTING.md describes, checked on the sources so it cannot erode quietly:
//  - src/core never imports `vscode` or a Node built-in (the web extension bundles it for the browser);
//  - a feature never imports another feature (they talk through commands and src/services);
//  - src/services never imports a feature.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const SRC = join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    // generate*.cjs are build-time scripts (run by esbuild.js, never bundled): they may use Node.
    return /\.(ts|js|cjs)$/.test(name) && !name.endsWith('.d.ts') && !/^generate.*\.cjs$/.test(name) ? [path] : [];
  });
}

/** Every module a file imports or requires, as written. */
export function importsOf(source: string): string[] {
  const specs: string[] = [];
  for (const m of source.matchAll(/(?:^|[^\w.])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|[^\w.])import\s*\(?\s*['"]([^'"]+)['"]|\brequire\s*\(\s*['"]([^'"]+)['"]/gm)) {
    specs.push(m[1] ?? m[2] ?? m[3]);
  }
  return specs;
}

/** The top-level folder of src a relative import lands in: `features/tree`, `features/hover`, `core`, `services` … */
function area(file: string): string {
  const parts = relative(SRC, file).split(sep);
  if (parts[0] !== 'features') return parts[0];
  // A feature is one file of src/features or one folder in it.
  return `features/${parts[1].replace(/\.ts$/, '')}`;
}

const NODE_BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

describe('architecture', () => {
  const files = sourceFiles(SRC);

  it('finds the imports of a file, including lazy requires', () => {
    assert.deepEqual(importsOf("import * as vscode from 'vscode';\nimport { a } from './a';\nexport { b } from '../b';\nconst c = require('c');"), ['vscode', './a', '../b', 'c']);
  });

  it('keeps src/core free of vscode and of Node built-ins', () => {
    const core = files.filter((f) => area(f) === 'core');
    assert.ok(core.length > 20, 'core files found');
    for (const file of core) {
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        assert.notEqual(spec, 'vscode', `${relative(ROOT, file)} imports vscode`);
        assert.ok(!NODE_BUILTINS.has(spec), `${relative(ROOT, file)} imports the Node built-in ${spec}`);
        // Besides core itself, core may bundle the shipped rules data (plain JSON, no code).
        const target = resolve(dirname(file), spec);
        const isRulesData = relative(ROOT, target).split('\\').join('/').startsWith('data/rules/') && spec.endsWith('.json');
        if (spec.startsWith('.') && !isRulesData) assert.equal(area(target), 'core', `${relative(ROOT, file)} imports ${spec} outside core`);
      }
    }
  });

  it('lets no feature import another feature, and no service import a feature', () => {
    for (const file of files.filter((f) => area(f).startsWith('features/') || area(f) === 'services')) {
      for (const spec of importsOf(readFileSync(file, 'utf8')).filter((s) => s.startsWith('.'))) {
        const target = area(resolve(dirname(file), spec));
        if (!target.startsWith('features/')) continue;
        assert.equal(target, area(file), `${relative(ROOT, file)} imports ${spec} (${target})`);
      }
    }
  });
});
