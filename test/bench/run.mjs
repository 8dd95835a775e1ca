// `npm run bench`: bundles the bench (test/bench/main.ts, with the harness's bundler settings) and runs it under
// `node --expose-gc`. Arguments pass through: --smoke, --only <parts>, --sessions <n>, --strict (see main.ts).
// Writes .test-output/bench/results.{json,md} (a smoke run: .test-output/bench/smoke/).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { OUT_DIR, buildTestBundle } from '../harness/vscode-host.mjs';

const entry = await buildTestBundle('test/bench/main.ts', path.join(OUT_DIR, 'bench', 'main.js'));
const r = spawnSync(process.execPath, ['--expose-gc', entry, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
