module.exports = {
  displayName: 'local-stack',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../coverage/tools/local-stack',
};
