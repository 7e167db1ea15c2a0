module.exports = {
  displayName: 'operations',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../coverage/libs/operations',
};
