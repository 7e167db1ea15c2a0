module.exports = {
  displayName: 'checkpoint',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../coverage/libs/checkpoint',
};
