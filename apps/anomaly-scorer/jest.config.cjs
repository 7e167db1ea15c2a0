module.exports = {
  displayName: 'anomaly-scorer',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../coverage/apps/anomaly-scorer',
};
