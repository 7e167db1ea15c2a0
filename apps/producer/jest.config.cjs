module.exports = {
  displayName: 'producer',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../coverage/apps/producer',
};
