// Bundles the extension. One entry list so the webview and browser (web extension) bundles slot in later.
// Usage: node esbuild.js [--production] [--watch]
const esbuild = require('esbuild');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'info',
  legalComments: 'none',
};

/**
 * The catalog schema validator (60 KB) is only needed for users' own catalog files — the shipped dataset is trusted
 * (LoadOptions.trusted) — so it is a file of its own, loaded on first use: VS Code does not compile it at startup.
 */
const validatorOnDemand = {
  name: 'validator-on-demand',
  setup(build) {
    build.onResolve({ filter: /\/generated\/catalogValidator$/ }, () => ({ path: './catalogValidator.js', external: true }));
  },
};

/** @type {import('esbuild').BuildOptions[]} */
const targets = [
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node18',
    // jsonc-parser's UMD entry uses dynamic requires that do not bundle; its ESM entry does.
    mainFields: ['module', 'main'],
    external: ['vscode'],
    plugins: [validatorOnDemand],
  },
  // The schema validator, next to the extension bundle (see validatorOnDemand).
  {
    ...common,
    entryPoints: ['src/core/catalog/generated/catalogValidator.js'],
    outfile: 'dist/catalogValidator.js',
    platform: 'node',
    format: 'cjs',
    target: 'node18',
  },
  // Comparison panel webview script (runs in the webview's browser context).
  {
    ...common,
    entryPoints: ['media/compare/main.ts'],
    outfile: 'dist/webview/compare.js',
    platform: 'browser',
    format: 'iife',
    target: 'chrome114',
  },
  // The web extension (package.json "browser"): the same entry for VS Code for the Web's worker extension host.
  // platform "browser" makes any Node built-in a build error, which is the check that nothing on this path needs one.
  // The schema validator is bundled in: a worker cannot require a file beside it.
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/web/extension.js',
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    mainFields: ['browser', 'module', 'main'],
    external: ['vscode'],
  },
];

/** Webviews cannot load from node_modules once packaged (.vscodeignore ships dist/webview/**): copy the codicon font. */
function copyWebviewAssets() {
  const fs = require('fs');
  const path = require('path');
  const from = path.join(__dirname, 'node_modules', '@vscode', 'codicons', 'dist');
  const to = path.join(__dirname, 'dist', 'webview');
  fs.mkdirSync(to, { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf']) fs.copyFileSync(path.join(from, file), path.join(to, file));
}

async function main() {
  // The schema validator is generated source: regenerate it so a schema edit can never ship a stale validator.
  require('./src/core/catalog/generated/generateValidator.cjs').writeValidator();
  copyWebviewAssets();
  const contexts = await Promise.all(targets.map((t) => esbuild.context(t)));
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
