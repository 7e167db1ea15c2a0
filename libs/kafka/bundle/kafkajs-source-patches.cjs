'use strict';
// How the bundles patch kafkajs' sources (the producer's, apps/producer/bundle/kafkajs-patches.cjs, and
// the consumer apps', libs/stream-runtime/bundle/kafkajs-consumer-patches.cjs): each patch is an exact
// [from, to] replacement in one file under kafkajs/src/, and a `from` that is not found fails the
// build, so a kafkajs upgrade cannot drop a patch silently.
const { readFileSync } = require('node:fs');

/**
 * The patched source of a kafkajs file, or undefined when `patches` (keyed by the path under
 * kafkajs/src/) has nothing for it. `owner` names the patch file in the build error.
 */
function patchKafkajsFile(patches, owner, filePath, source) {
  const normalized = filePath.split('\\').join('/');
  const marker = 'kafkajs/src/';
  const at = normalized.lastIndexOf(marker);
  const filePatches = at < 0 ? undefined : patches[normalized.slice(at + marker.length)];
  if (!filePatches) return undefined;
  let patched = source;
  for (const [from, to] of filePatches) {
    if (!patched.includes(from)) {
      throw new Error(`kafkajs patch: code to replace not found in ${filePath} (kafkajs changed? see ${owner}):\n${from}`);
    }
    patched = patched.split(from).join(to);
  }
  return patched;
}

/** An esbuild plugin that runs `patch(filePath, source)` on kafkajs' sources as they are bundled. */
function kafkajsSourcePlugin(name, patch) {
  return {
    name,
    setup(build) {
      build.onLoad({ filter: /kafkajs[\\/]src[\\/].*\.js$/ }, (args) => {
        const contents = patch(args.path, readFileSync(args.path, 'utf8'));
        return contents === undefined ? undefined : { contents, loader: 'js' };
      });
    },
  };
}

module.exports = { patchKafkajsFile, kafkajsSourcePlugin };
