import { loadShippedCatalog } from './compareFixtures';
import { matcherForCatalog } from '../../src/core/glossary/glossaryMatcher';
import * as fs from 'node:fs';
it('throughput', async () => {
  const catalog = await loadShippedCatalog();
  const m = matcherForCatalog(catalog);
  const seed = fs.readFileSync('../shared/seeds/000_0fa01c33c17e67eb.txt', 'utf8') + fs.readFileSync('test/fixtures/memo-workspace/rok-us-tpd-briefing.md', 'utf8');
  let text = ''; while (text.length < 100_000) text += seed + '\n tda:kr-us-tpd/12 and more\n';
  m.findAll(text);
  let t = performance.now(); let n = 0;
  for (let i = 0; i < 20; i++) n += m.findAll(text).length;
  console.log('findAll 100KB ms', (performance.now() - t) / 20, n / 20);
  t = performance.now();
  for (let i = 0; i < 20; i++) { let c = 0; let k = -1; while ((k = text.indexOf('tda:', k + 1)) >= 0) c++; }
  console.log('indexOf 100KB ms', (performance.now() - t) / 20);
});
