module.exports = {
  displayName: 'pipeline-e2e',
  preset: '../../jest.preset.js',
  rootDir: __dirname,
  coverageDirectory: '../../coverage/apps/pipeline-e2e',
  // The scenarios share one machine's Kafka and ClickHouse; running them one at a time keeps
  // each one's timing realistic and the machine responsive.
  maxWorkers: 1,
};
