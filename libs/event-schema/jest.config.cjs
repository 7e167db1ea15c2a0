module.exports = {
  displayName: 'event-schema',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../coverage/libs/event-schema',
};
