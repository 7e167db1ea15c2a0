import nx from '@nx/eslint-plugin';

// Who may import whom. Pure engine code (scope:core) must not reach I/O (scope:io), so e.g. the
// window engine cannot import a sink; only apps wire everything together.
const depConstraints = [
  { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:lib'] },
  { sourceTag: 'type:tool', onlyDependOnLibsWithTags: ['type:lib'] },
  { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:lib'] },
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:lib', 'type:testing'] },
  { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'] },
  { sourceTag: 'scope:core', onlyDependOnLibsWithTags: ['scope:core'] },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:io', onlyDependOnLibsWithTags: ['scope:core', 'scope:shared', 'scope:io'] },
];

// Tests may additionally use the integration-testing helpers and fixture entries.
const testDepConstraints = depConstraints.map((c) => ({
  ...c,
  onlyDependOnLibsWithTags: [...c.onlyDependOnLibsWithTags, 'type:testing'],
}));

const boundaries = (constraints) => [
  'error',
  {
    enforceBuildableLibDependency: false,
    allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?js$'],
    depConstraints: constraints,
  },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/node_modules', '**/tmp', '**/.stack', '**/coverage', '**/.nx'],
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries(depConstraints),
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['**/*.spec.ts', '**/src/testing.ts', '**/src/testing/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries(testDepConstraints),
    },
  },
  {
    // CLIs and tools talk to a terminal on purpose.
    files: ['tools/**/*.ts', 'tools/**/*.mjs', '**/src/cli/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.cjs', 'jest.preset.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
];
