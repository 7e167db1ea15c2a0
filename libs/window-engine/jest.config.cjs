module.exports = {
  displayName: 'window-engine',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../coverage/libs/window-engine',
};
