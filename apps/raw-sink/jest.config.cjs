module.exports = {
  displayName: 'raw-sink',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../coverage/apps/raw-sink',
};
