// Prints the head of every failure, then "N passed, N failed" summed over the per-project totals
// the Jest reporter wrote (that line last: .ci/run reads it).
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
let passed = 0;
let failed = 0;
const failures = [];
if (dir && fs.existsSync(dir)) {
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const totals = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    passed += totals.passed;
    failed += totals.failed;
    for (const f of totals.failures ?? []) failures.push(f);
  }
}
for (const f of failures) console.log(`FAILED ${f.test}\n${f.message.replace(/^/gm, '  ')}\n`);
console.log(`${passed} passed, ${failed} failed`);
