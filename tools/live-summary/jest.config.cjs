module.exports = {
  displayName: 'live-summary',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  testMatch: ['<rootDir>/*.spec.ts'],
  coverageDirectory: '../../coverage/tools/live-summary',
};
