'use strict';
// kafkajs 2.2.4's RequestQueue re-arms its pending-request check with a negative delay (so 1 ms)
// every time the check runs, also when nothing is pending and nothing is throttled: every broker
// connection of every client wakes the process about a thousand times a second for nothing
// (tulios/kafkajs#1556 and #1704, unfixed upstream; the fix proposed in #1667 and #1768's review).
// Nothing is lost by not arming it then: push() arms a check when it enqueues a request, and a
// fulfilled or timed-out request checks the queue itself. Both bundles' patch sets include this
// one (apps/producer/bundle/kafkajs-patches.cjs, libs/stream-runtime/bundle/kafkajs-consumer-patches.cjs),
// and the anomaly scorer, whose admin client is all its kafkajs, takes it alone; the spec (src/bundle/kafkajs-request-queue-patch.spec.ts) runs original and patched side by side.
const { patchKafkajsFile, kafkajsSourcePlugin } = require('./kafkajs-source-patches.cjs');

const REQUEST_QUEUE_PATCHES = {
  'network/requestQueue/index.js': [
    [
      `      if (this.pending.length > 0) {
        scheduleAt = scheduleAt > 0 ? scheduleAt : CHECK_PENDING_REQUESTS_INTERVAL
      }`,
      `      if (this.pending.length > 0) {
        scheduleAt = scheduleAt > 0 ? scheduleAt : CHECK_PENDING_REQUESTS_INTERVAL
      } else if (scheduleAt <= 0) {
        return
      }`,
    ],
  ],
};

/** The esbuild plugin of a bundle that needs this patch only (apps/anomaly-scorer/esbuild.config.cjs). */
const kafkajsRequestQueuePatch = kafkajsSourcePlugin('kafkajs-request-queue-patch', (filePath, source) =>
  patchKafkajsFile(REQUEST_QUEUE_PATCHES, 'libs/kafka/bundle/kafkajs-request-queue-patch.cjs', filePath, source),
);

module.exports = { REQUEST_QUEUE_PATCHES, kafkajsRequestQueuePatch };
