import { kafkaJvmOptions, newKafkaClusterId, renderKafkaServerProperties } from './kafka-config';
import { readPinnedKafkaVersion } from './kafka';
import { renderRedisConf } from './redis-config';
import { REPO_ROOT } from '../stack-paths';

function properties(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}

describe('Kafka configuration', () => {
  const props = properties(
    renderKafkaServerProperties({ host: '127.0.0.1', port: 19092, controllerPort: 19093, logDir: '/data/kafka' }),
  );

  it('is a single-node KRaft broker+controller on loopback', () => {
    expect(props['process.roles']).toBe('broker,controller');
    expect(props['controller.quorum.voters']).toBe('1@127.0.0.1:19093');
    expect(props['listeners']).toBe('PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093');
    expect(props['advertised.listeners']).toBe('PLAINTEXT://127.0.0.1:19092');
    expect(props['log.dirs']).toBe('/data/kafka');
  });

  it('creates topics only on purpose and sizes internal topics for one broker', () => {
    expect(props).toMatchObject({
      'auto.create.topics.enable': 'false',
      'offsets.topic.replication.factor': '1',
      'transaction.state.log.replication.factor': '1',
      'transaction.state.log.min.isr': '1',
      'group.initial.rebalance.delay.ms': '0',
    });
  });

  it('generates cluster ids in Kafka’s format (22 base64url characters)', () => {
    const id = newKafkaClusterId();
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(newKafkaClusterId()).not.toBe(id);
  });

  it('never generates a cluster id starting with "-" (StorageTool would read it as an option)', () => {
    // One id in 64 would start with '-' if drawn naively: 2,000 draws miss that with odds 1e-14.
    const ids = Array.from({ length: 2_000 }, () => newKafkaClusterId());
    expect(ids.filter((id) => id.startsWith('-'))).toEqual([]);
  });

  it('caps the heap and points log4j at the generated file', () => {
    const opts = kafkaJvmOptions('/cfg/log4j.properties', '/logs');
    expect(opts).toContain('-Xmx1g');
    expect(opts).toContain('-Dlog4j.configuration=file:/cfg/log4j.properties');
  });

  it('reads a 3.9.x version from the pom (kafkajs 2.2.4 needs protocol versions Kafka 4 removed)', () => {
    expect(readPinnedKafkaVersion(REPO_ROOT)).toMatch(/^3\.9\.\d+$/);
  });
});

describe('Redis configuration', () => {
  const conf = renderRedisConf({ host: '127.0.0.1', port: 16379, dataDir: '/data/redis' });

  it('fsyncs every write to the AOF and keeps RDB snapshots', () => {
    expect(conf).toMatch(/^appendonly yes$/m);
    expect(conf).toMatch(/^appendfsync always$/m);
    expect(conf).toMatch(/^save 900 1 300 100 60 10000$/m);
    expect(conf).toMatch(/^maxmemory-policy noeviction$/m);
  });

  it('listens on loopback only, in the foreground, with data in the stack folder', () => {
    expect(conf).toMatch(/^bind 127\.0\.0\.1$/m);
    expect(conf).toMatch(/^port 16379$/m);
    expect(conf).toMatch(/^daemonize no$/m);
    expect(conf).toMatch(/^dir \/data\/redis$/m);
  });
});
