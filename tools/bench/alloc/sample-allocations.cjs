// Preloaded into an app (`node -r`): V8's sampling heap profiler from start to exit, counting objects the
// collector has already freed too (so it measures allocation, not what is retained), written as JSON
// to $ALLOC_PROFILE_OUT at exit. One sample per 16 KiB allocated on average.
'use strict';
const inspector = require('node:inspector');
const fs = require('node:fs');

const out = process.env.ALLOC_PROFILE_OUT;
if (!out) throw new Error('sample-allocations.cjs: set ALLOC_PROFILE_OUT to the file to write');
const session = new inspector.Session();
session.connect();
session.post('HeapProfiler.startSampling', { samplingInterval: 16384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true }, (error) => {
  if (error) throw error;
});
process.on('exit', () => {
  // Synchronous on the main thread: the callback runs before post returns.
  session.post('HeapProfiler.stopSampling', (error, result) => {
    if (error) throw error;
    fs.writeFileSync(out, JSON.stringify(result.profile));
  });
});
