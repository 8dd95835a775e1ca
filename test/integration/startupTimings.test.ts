// The startup timings the extension records about its own activation (read by `npm run bench`), as VS Code
// actually activated it in this host.
import * as assert from 'assert';
import { getApi, waitFor } from './util';

describe('Startup timings', () => {
  it('are recorded in order: bundle start, bundle end, activate() in and out, then the first catalog load', async () => {
    const api = await getApi();
    await api.whenReady();
    const t = await waitFor('the catalog-ready timestamp', () => {
      const timings = api.getStartupTimings();
      return timings.catalogReady !== undefined && timings;
    });
    const order = [t.moduleStart, t.moduleEnd, t.activateStart, t.activateEnd, t.catalogReady];
    for (const [i, value] of order.entries()) assert.ok(typeof value === 'number' && Number.isFinite(value) && value > 0, `timestamp ${i} is ${value}`);
    for (let i = 1; i < order.length; i++) {
      assert.ok(order[i]! >= order[i - 1]!, `timestamps out of order: ${JSON.stringify(t)}`);
    }
    // On the host's performance.now() clock: the bundle was evaluated after the host started, not before.
    assert.ok(t.activateEnd! <= performance.now());
  });

  it('hands out a copy, so callers cannot change what the next caller reads', async () => {
    const api = await getApi();
    const first = api.getStartupTimings();
    first.activateEnd = -1;
    assert.notStrictEqual(api.getStartupTimings().activateEnd, -1);
  });
});
