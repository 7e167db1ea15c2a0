module.exports = {
  displayName: 'schema-bootstrap',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../coverage/libs/schema-bootstrap',
};
