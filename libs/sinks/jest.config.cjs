module.exports = {
  displayName: 'sinks',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../coverage/libs/sinks',
};
