import { createClient } from '@clickhouse/client';
import { STACK_START_TIMEOUT_MS, uniqueName, useSecureLocalStack, type LocalStack } from '@clickstream/integration-testing';
import { Redis } from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { AppProcess } from './harness/app-process';
import { PipelineScenario, seededTraffic } from './harness/pipeline-scenario';
import { settledTables } from './harness/settled-tables';

jest.setTimeout(10 * 60_000);

/** The secure stack (`stack:up -- --secure`): the pipeline is exact through it, and it refuses whoever is not let in. */
describe('secure stack', () => {
  let stack: LocalStack;
  const scenarios: PipelineScenario[] = [];
  const redisPort = () => Number(new URL(stack.redisUrl).port);
  const app = (name: string) => stack.appEnv[name] ?? '';

  beforeAll(async () => {
    stack = await useSecureLocalStack();
  }, STACK_START_TIMEOUT_MS);
  afterAll(async () => {
    for (const s of scenarios) await s.close();
    await stack?.close();
  });

  it('gives exact tables through SASL_SSL Kafka, TLS Redis and the least-privilege ClickHouse user', async () => {
    expect(app('KAFKA_SECURITY_PROTOCOL')).toBe('sasl_ssl');
    expect(app('CLICKHOUSE_USER')).toBe('clickstream_app');
    const scenario = await PipelineScenario.create(stack, 'secure', 2);
    scenarios.push(scenario);
    await scenario.produce(seededTraffic(40_000, 7));
    const reference = await scenario.reference();
    expect(reference.validEventIds).toHaveLength(40_000);
    const aggregator = scenario.start('aggregator');
    const rawSink = scenario.start('raw-sink');
    await settledTables(scenario, reference, () => [aggregator, rawSink]);
    expect(await aggregator.stop()).toBe(0);
    expect(await rawSink.stop()).toBe(0);
  });

  describe('Kafka', () => {
    const probe = (config: Partial<ConstructorParameters<typeof Kafka>[0]>) =>
      new Kafka({ clientId: 'secure-probe', brokers: stack.kafkaBrokers, logLevel: logLevel.NOTHING, connectionTimeout: 3_000, retry: { retries: 0 }, ...config })
        .admin({ retry: { retries: 0 } });
    const connectAndDescribe = async (config: Partial<ConstructorParameters<typeof Kafka>[0]>) => {
      const admin = probe(config);
      try {
        await admin.connect();
        await admin.describeCluster();
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
    };

    it('refuses a plaintext client and an unauthenticated TLS client', async () => {
      await expect(connectAndDescribe({})).rejects.toThrow();
      await expect(connectAndDescribe({ ssl: { ca: readFileSync(app('KAFKA_SSL_CA_FILE')) } })).rejects.toThrow();
    });

    it('refuses a wrong SCRAM password', async () => {
      const ssl = { ca: readFileSync(app('KAFKA_SSL_CA_FILE')) };
      await expect(connectAndDescribe({ ssl, sasl: { mechanism: 'scram-sha-512', username: 'clickstream', password: 'wrong' } })).rejects.toThrow(/SASL SCRAM SHA512 authentication failed/);
    });
  });

  describe('Redis', () => {
    it('has no plaintext port, and refuses TLS clients without AUTH or with a wrong password', async () => {
      const reply = await new Promise<string>((resolve) => {
        const socket = net.connect({ host: '127.0.0.1', port: redisPort() });
        let data = '';
        socket.setTimeout(3_000, () => socket.destroy());
        socket.on('connect', () => socket.write('PING\r\n'));
        socket.on('data', (c) => (data += c.toString('latin1')));
        socket.on('close', () => resolve(data));
        socket.on('error', () => resolve(data));
      });
      expect(reply).not.toContain('+PONG');

      const tls = { ca: readFileSync(app('REDIS_TLS_CA_FILE')) };
      const anonymous = new Redis(stack.redisUrl, { tls, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      await anonymous.connect().catch(() => undefined);
      await expect(anonymous.get('clickstream:x')).rejects.toThrow(/NOAUTH|closed|Connection/);
      anonymous.disconnect();

      const wrong = new Redis(stack.redisUrl, { tls, username: 'clickstream', password: 'wrong', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      const errors: string[] = [];
      wrong.on('error', (err: Error) => errors.push(err.message));
      await expect(wrong.connect()).rejects.toThrow();
      expect(errors.join('\n')).toMatch(/WRONGPASS/);
      wrong.disconnect();
    });

    it("keeps the apps' user to the checkpoint keys", async () => {
      const appUser = new Redis(stack.redisUrl, {
        tls: { ca: readFileSync(app('REDIS_TLS_CA_FILE')) },
        username: app('REDIS_USERNAME'),
        password: readFileSync(app('REDIS_PASSWORD_FILE'), 'utf8').trim(),
        maxRetriesPerRequest: 0,
      });
      try {
        await expect(appUser.get('clickstream:secure-probe')).resolves.toBeNull();
        await expect(appUser.get('other:key')).rejects.toThrow(/NOPERM/);
        await expect(appUser.flushall()).rejects.toThrow(/NOPERM/);
      } finally {
        appUser.disconnect();
      }
    });
  });

  describe('ClickHouse', () => {
    const as = (username: string, password: string) => createClient({ url: stack.clickhouseUrl, username, password, request_timeout: 10_000 });
    const count = (client: ReturnType<typeof as>, table: string) => client.query({ query: `SELECT count() FROM ${table}`, format: 'CSV' }).then((r) => r.text());
    const password = (file: string) => readFileSync(app(file), 'utf8').trim();

    it('refuses unknown users and wrong passwords with AUTHENTICATION_FAILED', async () => {
      for (const client of [as('nobody', 'x'), as('clickstream_app', 'wrong')]) {
        try {
          await expect(client.query({ query: 'SELECT 1' })).rejects.toThrow(/AUTHENTICATION_FAILED|Authentication failed/);
        } finally {
          await client.close();
        }
      }
    });

    it('gives each user only what it needs: the app cannot create, the reader cannot insert, the passwordless default reads no data', async () => {
      const appClient = as('clickstream_app', password('CLICKHOUSE_PASSWORD_FILE'));
      const reader = as('clickstream_reader', password('CLICKSTREAM_CLICKHOUSE_READER_PASSWORD_FILE'));
      const anonymous = createClient({ url: stack.clickhouseUrl, request_timeout: 10_000 });
      try {
        await expect(count(appClient, 'rt.clicks_raw')).resolves.toMatch(/^\d+/);
        await expect(appClient.command({ query: 'CREATE TABLE rt.secure_probe (a Int8) ENGINE = Memory' })).rejects.toThrow(/ACCESS_DENIED|Not enough privileges/);
        await expect(count(reader, 'rt.page_minute')).resolves.toMatch(/^\d+/);
        await expect(reader.command({ query: 'INSERT INTO rt.late_events SELECT * FROM rt.late_events LIMIT 0' })).rejects.toThrow(/ACCESS_DENIED|Not enough privileges/);
        await expect(count(anonymous, 'rt.clicks_raw')).rejects.toThrow(/ACCESS_DENIED|Not enough privileges/);
        await expect(anonymous.query({ query: "SELECT * FROM file('/etc/hostname', 'LineAsString')" }).then((r) => r.text())).rejects.toThrow(/ACCESS_DENIED|Not enough privileges/);
      } finally {
        await Promise.all([appClient.close(), reader.close(), anonymous.close()]);
      }
    });
  });

  describe('an app with a wrong password', () => {
    const run = async (env: Record<string, string>) => {
      const p = new AppProcess('raw-sink', ['--metrics-port', '0', '--group-id', 'secure-wrong-password'], uniqueName(`secure_wrong_${Object.keys(env)[0]}`), { ...stack.appEnv, ...env });
      const code = await p.exited;
      return { code, log: p.log() };
    };

    it.each([
      ['KAFKA_SASL_PASSWORD', /kafka: SASL authentication failed.*check KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD/],
      ['REDIS_PASSWORD', /redis: authentication failed.*check REDIS_USERNAME and REDIS_PASSWORD/],
      ['CLICKHOUSE_PASSWORD', /clickhouse: authentication failed as user 'clickstream_app': check CLICKHOUSE_USER and CLICKHOUSE_PASSWORD/],
    ])('stops with a message naming the service and %s, never the secret', async (setting, expected) => {
      const secret = 'Wr0ng-S3cret-value';
      const { code, log } = await run({ [setting]: secret, [`${setting}_FILE`]: '' });
      expect(code).toBe(1);
      expect(log).toMatch(expected);
      expect(log).not.toContain(secret);
    });
  });
});
