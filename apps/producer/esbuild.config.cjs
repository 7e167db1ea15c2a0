// esbuild options of the producer bundle (project.json: build.options.esbuildConfig).
const { readFileSync } = require('node:fs');
const path = require('node:path');

const linearGrouping = path.join(__dirname, 'bundle', 'group-messages-per-partition.cjs');

/** Swaps kafkajs' quadratic per-partition grouping for the linear one (see that file). */
const kafkajsLinearGrouping = {
  name: 'kafkajs-linear-grouping',
  setup(build) {
    build.onLoad({ filter: /kafkajs[\\/]src[\\/]producer[\\/]groupMessagesPerPartition\.js$/ }, () => ({
      contents: readFileSync(linearGrouping, 'utf8'),
      loader: 'js',
    }));
  },
};

module.exports = {
  outExtension: { '.js': '.js' },
  logLevel: 'warning',
  plugins: [kafkajsLinearGrouping],
};
