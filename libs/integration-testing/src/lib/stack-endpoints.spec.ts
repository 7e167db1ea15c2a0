import { readStackEndpoints } from './stack-endpoints';
import { findWorkspaceRoot } from './workspace-root';
import { existsSync } from 'node:fs';
import path from 'node:path';

describe('readStackEndpoints', () => {
  it('defaults to the stack ports on loopback', () => {
    expect(readStackEndpoints({})).toEqual({
      kafkaBrokers: ['127.0.0.1:9092'],
      clickhouseUrl: 'http://127.0.0.1:8123',
      redisUrl: 'redis://127.0.0.1:6379',
    });
  });

  it('follows the same variables as tools/local-stack', () => {
    const endpoints = readStackEndpoints({
      CLICKSTREAM_KAFKA_PORT: '19092',
      CLICKSTREAM_CLICKHOUSE_PORT: '18123',
      CLICKSTREAM_REDIS_PORT: '16379',
    });
    expect(endpoints.kafkaBrokers).toEqual(['127.0.0.1:19092']);
    expect(endpoints.clickhouseUrl).toBe('http://127.0.0.1:18123');
    expect(endpoints.redisUrl).toBe('redis://127.0.0.1:16379');
  });

  it('rejects a port that is not one', () => {
    expect(() => readStackEndpoints({ CLICKSTREAM_REDIS_PORT: 'abc' })).toThrow(/CLICKSTREAM_REDIS_PORT=abc/);
  });
});

describe('findWorkspaceRoot', () => {
  it('finds the folder with tools/scripts/stack.sh', () => {
    expect(existsSync(path.join(findWorkspaceRoot(__dirname), 'tools', 'scripts', 'stack.sh'))).toBe(true);
  });
});
