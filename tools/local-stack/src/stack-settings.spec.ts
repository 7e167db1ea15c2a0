import { readStackSettings } from './stack-settings';
import { SettingsError } from './stack-errors';

describe('readStackSettings', () => {
  it('defaults to the standard ports and <repo>/.stack', () => {
    expect(readStackSettings({}, '/repo')).toEqual({
      repoRoot: '/repo',
      stackDir: '/repo/.stack',
      cacheDir: '/repo/.stack/cache',
      secure: false,
      host: '127.0.0.1',
      kafkaPort: 9092,
      kafkaControllerPort: 9093,
      clickhousePort: 8123,
      redisPort: 6379,
      prometheusPort: 9090,
      supersetPort: 8088,
      clickhouseReaderPassword: 'clickstream_reader',
      supersetAdmin: { user: 'admin', password: 'admin' },
      clicksPartitions: 4,
      clickhouseDatabase: 'rt',
    });
  });

  it('puts the secure stack in <stack>/secure, on ports shifted by CLICKSTREAM_SECURE_PORT_OFFSET, sharing the Kafka download', () => {
    expect(readStackSettings({ CLICKSTREAM_KAFKA_PORT: '25092' }, '/repo', { secure: true })).toMatchObject({
      stackDir: '/repo/.stack/secure',
      cacheDir: '/repo/.stack/cache',
      secure: true,
      kafkaPort: 25192,
      kafkaControllerPort: 9193,
      clickhousePort: 8223,
      redisPort: 6479,
    });
    expect(readStackSettings({ CLICKSTREAM_SECURE_PORT_OFFSET: '7' }, '/repo', { secure: true }).redisPort).toBe(6386);
    expect(() => readStackSettings({ CLICKSTREAM_REDIS_PORT: '65500' }, '/repo', { secure: true })).toThrow(/not a port/);
  });

  it('reads every override', () => {
    const s = readStackSettings(
      {
        CLICKSTREAM_STACK_DIR: 'tmp/stack2',
        CLICKSTREAM_KAFKA_PORT: '19092',
        CLICKSTREAM_KAFKA_CONTROLLER_PORT: '19093',
        CLICKSTREAM_CLICKHOUSE_PORT: '18123',
        CLICKSTREAM_REDIS_PORT: '16379',
        CLICKSTREAM_PROMETHEUS_PORT: '19090',
        CLICKSTREAM_SUPERSET_PORT: '18088',
        CLICKSTREAM_CLICKHOUSE_READER_PASSWORD: 'r34d',
        CLICKSTREAM_SUPERSET_ADMIN_USER: 'boss',
        CLICKSTREAM_SUPERSET_ADMIN_PASSWORD: 's3cret',
        CLICKSTREAM_CLICKS_PARTITIONS: '8',
      },
      '/repo',
    );
    expect(s).toMatchObject({
      stackDir: '/repo/tmp/stack2',
      kafkaPort: 19092,
      kafkaControllerPort: 19093,
      clickhousePort: 18123,
      redisPort: 16379,
      prometheusPort: 19090,
      supersetPort: 18088,
      clickhouseReaderPassword: 'r34d',
      supersetAdmin: { user: 'boss', password: 's3cret' },
      clicksPartitions: 8,
    });
    expect(readStackSettings({ CLICKSTREAM_STACK_DIR: '/abs/stack' }, '/repo').stackDir).toBe('/abs/stack');
  });

  it('names the variable of a bad value', () => {
    expect(() => readStackSettings({ CLICKSTREAM_REDIS_PORT: '70000' }, '/repo')).toThrow(/CLICKSTREAM_REDIS_PORT=70000/);
    expect(() => readStackSettings({ CLICKSTREAM_CLICKS_PARTITIONS: '0' }, '/repo')).toThrow(SettingsError);
  });

  it('rejects two services on one port', () => {
    expect(() => readStackSettings({ CLICKSTREAM_KAFKA_CONTROLLER_PORT: '9092' }, '/repo')).toThrow(
      /CLICKSTREAM_KAFKA_PORT and CLICKSTREAM_KAFKA_CONTROLLER_PORT are both 9092/,
    );
  });
});
