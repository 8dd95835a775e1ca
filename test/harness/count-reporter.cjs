// Mocha reporter for `npm test`: mocha's usual spec output, plus the counts and every failure written as JSON to the
// file given by `--reporter-option out=FILE`, so test/run-all.mjs can sum passed/failed over all suites and end with
// what failed (title, suite, error, and the failure screenshot a suite attached to the test as `test.screenshot`).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const Mocha = require('mocha/lib/mocha.cjs');

class CountReporter extends Mocha.reporters.Spec {
  constructor(runner, options = {}) {
    super(runner, options);
    const reporterOptions = options.reporterOption ?? options.reporterOptions ?? {};
    const out = reporterOptions.out ?? process.env.TDA_RESULTS_FILE;
    const failed = [];
    runner.on('fail', (test, err) => failed.push({ test, err }));
    runner.once('end', () => {
      if (!out) return;
      const s = this.stats;
      // Read at the end: afterEach hooks (which take the screenshot) run after the 'fail' event.
      const failures = failed.map(({ test, err }) => ({
        title: test.title,
        suite: test.parent?.fullTitle() ?? '',
        error: String(err?.message ?? err).split('\n')[0].slice(0, 300),
        screenshot: test.screenshot ?? test.ctx?.currentTest?.screenshot,
      }));
      fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
      fs.writeFileSync(out, JSON.stringify({ passed: s.passes, failed: s.failures, pending: s.pending, tests: s.tests, failures }, null, 2));
    });
  }
}

module.exports = CountReporter;
