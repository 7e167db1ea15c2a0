'use strict';
// Drop-in for kafkajs 2.2.4's src/producer/groupMessagesPerPartition.js, swapped in when the
// producer is bundled (esbuild.config.cjs). Same result, but linear: the original copies each
// partition's array for every message ([...current, message]), which is quadratic in the batch
// and took about a fifth of the producer's CPU at 5,000-message batches. Upstream report and fix,
// never released: https://github.com/tulios/kafkajs/pull/1576
module.exports = ({ topic, partitionMetadata, messages, partitioner }) => {
  const result = {};
  if (partitionMetadata.length === 0) return result;
  for (const message of messages) {
    const partition = partitioner({ topic, partitionMetadata, message });
    const current = result[partition];
    if (current) current.push(message);
    else result[partition] = [message];
  }
  return result;
};
