module.exports = {
  displayName: 'watermark',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../coverage/libs/watermark',
};
