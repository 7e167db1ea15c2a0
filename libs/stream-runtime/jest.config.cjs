module.exports = {
  displayName: 'stream-runtime',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../coverage/libs/stream-runtime',
};
