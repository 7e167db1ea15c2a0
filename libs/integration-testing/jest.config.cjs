module.exports = {
  displayName: 'integration-testing',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../coverage/libs/integration-testing',
};
