module.exports = {
  displayName: 'anomaly',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../coverage/libs/anomaly',
};
