// `npm run test:fuzz`: the property tests of test/unit/fuzz.test.ts at full strength — 10,000 cases per property
// (TDA_FUZZ_RUNS overrides) with a fresh random seed each run. A failure prints the seed and the shrunk
// counterexample; replay it with TDA_FUZZ_SEED=<seed>. `npm test` runs the same properties with a few hundred cases.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const env = { ...process.env, TDA_FUZZ_RUNS: process.env.TDA_FUZZ_RUNS ?? '10000' };
const mocha = path.join(ROOT, 'node_modules', 'mocha', 'bin', 'mocha.js');
const args = [mocha, '--no-config', '--require', 'tsx/cjs', '--timeout', '0', '--reporter', 'spec', 'test/unit/fuzz.test.ts', ...process.argv.slice(2)];
const { status } = spawnSync(process.execPath, args, { cwd: ROOT, env, stdio: 'inherit' });
process.exit(status ?? 1);
