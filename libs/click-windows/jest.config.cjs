module.exports = {
  displayName: 'click-windows',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../coverage/libs/click-windows',
};
