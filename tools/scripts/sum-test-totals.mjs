// Prints "N passed, N failed" summed over the per-project totals the Jest reporter wrote.
import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
let passed = 0;
let failed = 0;
if (dir && fs.existsSync(dir)) {
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const totals = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    passed += totals.passed;
    failed += totals.failed;
  }
}
console.log(`${passed} passed, ${failed} failed`);
