// Closes the run with the suites that did not run and why (titled "SKIPPED <name>: <reason>" by
// test/support/integration-server.ts), then jest's totals as one plain line that CI reads last:
// "tests: N passed, N failed, N skipped". With RAPPORT_TEST_SUMMARY_FILE set, the same lines go there too.
// Under `npm test` the test servers' global teardown prints them, after jest's own summary.
const { relative } = require('node:path');
const { writeFileSync } = require('node:fs');

const MARK = 'SKIPPED ';

class SummaryReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
    // With -t, every test not matching is reported as skipped: only the marked suites are worth naming then.
    this.isFiltered = Boolean(globalConfig.testNamePattern);
  }

  onRunComplete(_contexts, results) {
    const lines = [...this.notRun(results)];
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    lines.push(`tests: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped`);
    const text = `${lines.join('\n')}\n`;
    if (globalThis.rapportTestServers) globalThis.rapportClosingLines = text;
    else process.stdout.write(`\n${text}`);
    if (process.env.RAPPORT_TEST_SUMMARY_FILE) writeFileSync(process.env.RAPPORT_TEST_SUMMARY_FILE, text);
  }

  notRun(results) {
    const lines = new Set();
    for (const file of results.testResults) {
      const path = relative(this.rootDir, file.testFilePath);
      for (const test of file.testResults) {
        if (test.status !== 'pending' && test.status !== 'todo') continue;
        const suite = test.ancestorTitles.find((title) => title.startsWith(MARK));
        if (suite) lines.add(`  ${path}: ${suite.slice(MARK.length)}`);
        else if (!this.isFiltered) lines.add(`  ${path}: "${test.fullName}" is marked skip or todo`);
      }
    }
    return lines.size === 0 ? [] : ['suites that did not run:', ...lines];
  }
}
module.exports = SummaryReporter;
