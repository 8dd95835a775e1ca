// Mocha reporter for `npm test`: mocha's usual spec output, plus the counts written as JSON to the file given by
// `--reporter-option out=FILE`, so test/run-all.mjs can sum passed/failed over all suites.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const Mocha = require('mocha/lib/mocha.cjs');

class CountReporter extends Mocha.reporters.Spec {
  constructor(runner, options = {}) {
    super(runner, options);
    const reporterOptions = options.reporterOption ?? options.reporterOptions ?? {};
    const out = reporterOptions.out ?? process.env.TDA_RESULTS_FILE;
    runner.once('end', () => {
      if (!out) return;
      const s = this.stats;
      fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
      fs.writeFileSync(out, JSON.stringify({ passed: s.passes, failed: s.failures, pending: s.pending, tests: s.tests }, null, 2));
    });
  }
}

module.exports = CountReporter;
