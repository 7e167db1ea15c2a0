// Writes each Jest run's pass/fail totals to tmp/test-totals/ so .ci/run can print one
// "N passed, N failed" line summed over every project that Nx ran, with the head of each failure:
// CI keeps only the tail of its log, where a failing project's own Jest output may no longer be.
const fs = require('node:fs');
const path = require('node:path');

class TotalsReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const dir = process.env.CLICKSTREAM_TEST_TOTALS_DIR;
    if (!dir) return;
    fs.mkdirSync(dir, { recursive: true });
    const name = path.relative(path.join(__dirname, '../..'), this.rootDir).replace(/[\\/]/g, '_');
    const totals = {
      project: name,
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
      failures: failureHeads(results),
    };
    fs.writeFileSync(path.join(dir, `${name}.json`), JSON.stringify(totals));
  }
}

// eslint-disable-next-line no-control-regex -- the escape that starts a terminal colour
const ANSI = /\u001b\[[0-9;]*m/g;
const HEAD_LINES = 12;

/** Each failed test (or suite that did not run) with the first lines of its message. */
function failureHeads(results) {
  const heads = [];
  for (const file of results.testResults) {
    const where = path.relative(path.join(__dirname, '../..'), file.testFilePath);
    if (file.testExecError) heads.push({ test: where, message: head(file.testExecError.message || String(file.testExecError)) });
    for (const test of file.testResults) {
      if (test.status === 'failed') heads.push({ test: `${where} › ${test.fullName}`, message: head(test.failureMessages.join('\n')) });
    }
  }
  return heads;
}

function head(text) {
  // Jest's and Node's own stack frames say nothing about the failure.
  const noise = (l) => l.trim() === '' || /^\s*at .*(node_modules|node:internal|<anonymous>)/.test(l);
  return text.replace(ANSI, '').split('\n').filter((l) => !noise(l)).slice(0, HEAD_LINES).join('\n');
}

module.exports = TotalsReporter;
