// Shared Jest preset: SWC for speed (type checking is the `typecheck`/`build` targets' job),
// Nx's resolver for the tsconfig path aliases, and a reporter that records per-run totals for .ci/run.
const path = require('node:path');
const nxPreset = require('@nx/jest/preset').default;

module.exports = {
  ...nxPreset,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  reporters: ['default', path.join(__dirname, 'tools/jest/totals-reporter.cjs')],
};
