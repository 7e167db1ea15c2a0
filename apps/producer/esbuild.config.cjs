// esbuild options of the producer bundle (project.json: build.options.esbuildConfig).
const { kafkajsPatches } = require('./bundle/kafkajs-patches.cjs');

module.exports = {
  outExtension: { '.js': '.js' },
  logLevel: 'warning',
  plugins: [kafkajsPatches],
};
