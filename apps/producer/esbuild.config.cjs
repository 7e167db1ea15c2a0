// esbuild options of the producer bundle (project.json: build.options.esbuildConfig).
const { readFileSync } = require('node:fs');
const { patchKafkajsSource } = require('./bundle/kafkajs-patches.cjs');

/** Applies bundle/kafkajs-patches.cjs to the kafkajs sources it names. */
const kafkajsPatches = {
  name: 'kafkajs-patches',
  setup(build) {
    build.onLoad({ filter: /kafkajs[\\/]src[\\/].*\.js$/ }, (args) => {
      const contents = patchKafkajsSource(args.path, readFileSync(args.path, 'utf8'));
      return contents === undefined ? undefined : { contents, loader: 'js' };
    });
  },
};

module.exports = {
  outExtension: { '.js': '.js' },
  logLevel: 'warning',
  plugins: [kafkajsPatches],
};
