'use strict';
// CPU fixes to kafkajs 2.2.4 (unmaintained since 2023), applied to its sources as the producer is
// bundled (esbuild.config.cjs). Each keeps the results byte for byte (src/bundle/kafkajs-patches.spec.ts)
// and fails the build when the code it replaces is not found, so an upgrade cannot drop one silently.
// Profile and figures: apps/producer/README.md, "Throughput".
const { patchKafkajsFile, kafkajsSourcePlugin } = require('../../../libs/kafka/bundle/kafkajs-source-patches.cjs');
const { REQUEST_QUEUE_PATCHES } = require('../../../libs/kafka/bundle/kafkajs-request-queue-patch.cjs');

const LINEAR_GROUPING = `
  const result = {}
  for (const message of messages) {
    const partition = partitioner({ topic, partitionMetadata, message })
    const current = result[partition]
    if (current) current.push(message)
    else result[partition] = [message]
  }
  return result
}`;

/** file under kafkajs/src -> [code to find, replacement] pairs, each applied to every occurrence. */
const PATCHES = {
  // The idle wake-up loop of every broker connection: shared with the other bundle's patch set.
  ...REQUEST_QUEUE_PATCHES,
  // Quadratic grouping ([...current, message] copies a partition's array for every message):
  // a fifth of the producer's CPU at 5,000-message batches. Same fix as tulios/kafkajs#1576.
  'producer/groupMessagesPerPartition.js': [
    [
      `
  return messages.reduce((result, message) => {
    const partition = partitioner({ topic, partitionMetadata, message })
    const current = result[partition] || []
    return Object.assign(result, { [partition]: [...current, message] })
  }, {})
}`,
      LINEAR_GROUPING,
    ],
  ],
  'protocol/encoder.js': [
    // Each record gets its own Encoder, whose zero-filled Buffer.alloc(512) is a fresh ArrayBuffer
    // per record. allocUnsafe takes small buffers from Node's pool; safe because an Encoder only
    // ever exposes bytes it wrote (buf.slice(0, offset)).
    ['Buffer.alloc(', 'Buffer.allocUnsafe('],
    // Varints went through a temporary Buffer each (several per record): written in place.
    [
      'this.writeBufferInternal(Buffer.from(byteArray))',
      'this.ensureAvailable(byteArray.length)\n    for (const byte of byteArray) this.buf[this.offset++] = byte',
    ],
  ],
};

/** The patched source of a kafkajs file, or undefined when the file has no patch. */
function patchKafkajsSource(filePath, source) {
  return patchKafkajsFile(PATCHES, 'apps/producer/bundle/kafkajs-patches.cjs', filePath, source);
}

/** The esbuild plugin of the producer's bundle (esbuild.config.cjs). */
const kafkajsPatches = kafkajsSourcePlugin('kafkajs-patches', patchKafkajsSource);

module.exports = { patchKafkajsSource, kafkajsPatches, PATCHED_FILES: Object.keys(PATCHES) };
