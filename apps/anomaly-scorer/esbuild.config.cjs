// esbuild options of the anomaly-scorer bundle (project.json: build.options.esbuildConfig).
const { kafkajsRequestQueuePatch } = require('../../libs/kafka/bundle/kafkajs-request-queue-patch.cjs');

module.exports = {
  outExtension: { '.js': '.js' },
  logLevel: 'warning',
  // kafkajs' idle wake-up loop, fixed and tested against the original (libs/kafka/src/bundle).
  plugins: [kafkajsRequestQueuePatch],
};
