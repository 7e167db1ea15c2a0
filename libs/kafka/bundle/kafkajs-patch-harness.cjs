'use strict';
// For the specs of the kafkajs source patches (the producer's and the consumer apps'): a kafkajs
// source file evaluated as it is and as patched, side by side, so a spec can compare their results.
// CommonJS, like the patches themselves (the apps' esbuild configs load those).
const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const path = require('node:path');

const kafkajsSrc = path.join(path.dirname(require.resolve('kafkajs/package.json')), 'src');

/** Evaluates a kafkajs source file as a module (its own requires resolve as usual). */
function moduleOf(file, source) {
  const module = { exports: {} };
  new Function('module', 'exports', 'require', source)(module, module.exports, createRequire(file));
  return module.exports;
}

/**
 * [original, patched] module of the kafkajs file at `relative` (under kafkajs/src); throws when the
 * patch function leaves the file alone, so a spec cannot compare a file with itself.
 */
function originalAndPatched(patchSource, relative) {
  const file = path.join(kafkajsSrc, relative);
  const source = readFileSync(file, 'utf8');
  const patched = patchSource(file, source);
  if (patched === undefined || patched === source) throw new Error(`no patch applies to kafkajs/src/${relative}`);
  return [moduleOf(file, source), moduleOf(file, patched)];
}

/**
 * The whole kafkajs package with `patchSource` applied to its files, loaded apart from the installed
 * one (module instances of its own), for tests that run the patched kafkajs against a real broker:
 * `kafkajs` is its main export, `requireSrc(relative)` one of its modules under kafkajs/src.
 */
function patchedKafkajs(patchSource) {
  const root = path.dirname(kafkajsSrc) + path.sep;
  const cache = new Map();
  const load = (file) => {
    const cached = cache.get(file);
    if (cached) return cached.exports;
    const module = { exports: {} };
    cache.set(file, module); // before evaluating, as Node does: kafkajs has require cycles
    const source = readFileSync(file, 'utf8');
    const own = createRequire(file);
    const requireInPackage = (id) => {
      const resolved = own.resolve(id);
      return resolved.startsWith(root) && resolved.endsWith('.js') ? load(resolved) : own(id);
    };
    new Function('module', 'exports', 'require', '__filename', '__dirname', patchSource(file, source) ?? source)(
      module,
      module.exports,
      requireInPackage,
      file,
      path.dirname(file),
    );
    return module.exports;
  };
  return { kafkajs: load(require.resolve('kafkajs')), requireSrc: (relative) => load(path.join(kafkajsSrc, relative)) };
}

module.exports = { kafkajsSrc, originalAndPatched, patchedKafkajs };
