// Bytes allocated per function (and its caller) in a sampling heap profile from sample-allocations.cjs.
// usage: node tools/bench/alloc/allocation-summary.cjs PROFILE.json [ROWS]
'use strict';
const fs = require('node:fs');

const [file, rows = '25'] = process.argv.slice(2);
if (!file) throw new Error('usage: node tools/bench/alloc/allocation-summary.cjs PROFILE.json [ROWS]');
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
const bytesOfNode = new Map();
for (const s of profile.samples) bytesOfNode.set(s.nodeId, (bytesOfNode.get(s.nodeId) ?? 0) + s.size);
const name = (frame) => `${frame.functionName || '(anonymous)'}:${frame.lineNumber + 1}${frame.url ? ` ${frame.url.split('/').pop()}` : ''}`;
const bySite = new Map();
let total = 0;
const stack = [{ node: profile.head, caller: '' }];
while (stack.length > 0) {
  const { node, caller } = stack.pop();
  const bytes = bytesOfNode.get(node.id) ?? 0;
  total += bytes;
  if (bytes > 0) {
    const site = `${name(node.callFrame)} < ${caller}`;
    bySite.set(site, (bySite.get(site) ?? 0) + bytes);
  }
  for (const child of node.children) stack.push({ node: child, caller: name(node.callFrame) });
}
console.log(`${(total / 1e6).toFixed(0)} MB allocated in all`);
console.log('| MB | function < caller |\n| ---: | --- |');
for (const [site, bytes] of [...bySite].sort((a, b) => b[1] - a[1]).slice(0, Number(rows))) console.log(`| ${(bytes / 1e6).toFixed(1)} | ${site} |`);
