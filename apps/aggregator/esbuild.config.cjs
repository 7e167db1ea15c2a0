// esbuild options of the aggregator bundle (project.json: build.options.esbuildConfig).
const { kafkajsConsumerPatches } = require('../../libs/stream-runtime/bundle/kafkajs-consumer-patches.cjs');

module.exports = {
  outExtension: { '.js': '.js' },
  logLevel: 'warning',
  // kafkajs consumer hot-path fixes, each tested against the original (libs/stream-runtime/src/bundle).
  plugins: [kafkajsConsumerPatches],
};
