module.exports = {
  displayName: 'dashboards-e2e',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../coverage/apps/dashboards-e2e',
  // One Superset, one browser: the specs run one at a time.
  maxWorkers: 1,
};
