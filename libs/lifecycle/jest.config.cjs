module.exports = {
  displayName: 'lifecycle',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../coverage/libs/lifecycle',
};
