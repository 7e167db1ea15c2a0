import { ConfigError } from './config-error';
import { HelpRequested, loadConfig } from './load-config';
import { hostPortListSetting } from './host-port-setting';
import { booleanSetting, enumSetting, integerSetting, listSetting, numberSetting, stringSetting, urlSetting } from './setting';

const spec = {
  rate: integerSetting({ env: 'PRODUCER_RATE', flag: 'rate', description: 'events per second', default: 100, min: 1 }),
  ratio: numberSetting({ env: 'LATE_RATIO', flag: 'late-ratio', description: 'share of late events', default: 0, min: 0, max: 1 }),
  format: enumSetting({ env: 'FORMAT', flag: 'format', description: 'wire format', default: 'json', choices: ['avro', 'json'] as const }),
  brokers: listSetting({ env: 'KAFKA_BROKERS', flag: 'brokers', description: 'bootstrap brokers', default: ['127.0.0.1:9092'] }),
  verbose: booleanSetting({ env: 'VERBOSE', flag: 'verbose', description: 'chatty logs', default: false }),
  url: urlSetting({ env: 'CLICKHOUSE_URL', flag: 'clickhouse-url', description: 'ClickHouse HTTP endpoint', default: 'http://127.0.0.1:8123' }),
  group: stringSetting({ env: 'GROUP', flag: 'group', description: 'consumer group' }),
};

const load = (argv: string[], env: Record<string, string> = {}) =>
  loadConfig(spec, { app: 'test-app', argv, env: { GROUP: 'g', ...env } });

describe('loadConfig', () => {
  it('uses defaults when nothing is set', () => {
    const c = load([]);
    expect(c).toEqual({
      rate: 100,
      ratio: 0,
      format: 'json',
      brokers: ['127.0.0.1:9092'],
      verbose: false,
      url: 'http://127.0.0.1:8123',
      group: 'g',
    });
  });

  it('lets env override defaults and flags override env', () => {
    expect(load([], { PRODUCER_RATE: '500' }).rate).toBe(500);
    expect(load(['--rate', '700'], { PRODUCER_RATE: '500' }).rate).toBe(700);
    expect(load(['--rate=800']).rate).toBe(800);
    expect(load(['--verbose']).verbose).toBe(true);
    expect(load([], { VERBOSE: 'yes' }).verbose).toBe(true);
    expect(load([], { KAFKA_BROKERS: 'a:1, b:2' }).brokers).toEqual(['a:1', 'b:2']);
  });

  it('reports every invalid value with the flag or env var to fix', () => {
    let error: unknown;
    try {
      load(['--rate', 'fast', '--format', 'xml'], { LATE_RATIO: '2' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain("--rate must be an integer > 0");
    expect(message).toContain("got 'fast'");
    expect(message).toContain('--format must be one of avro, json');
    expect(message).toContain('env LATE_RATIO must be a number from 0 to 1');
    expect((error as ConfigError).problems).toHaveLength(3);
  });

  it('rejects unknown flags and missing required settings', () => {
    expect(() => loadConfig(spec, { app: 'a', argv: ['--rat', '1'], env: {} })).toThrow(/unknown option '--rat' \(did you mean --rate\?\)[\s\S]*--group \(env GROUP\) is required/);
  });

  it('rejects zero and fractional integers and non-URLs', () => {
    expect(() => load(['--rate', '0'])).toThrow(ConfigError);
    expect(() => load(['--rate', '1.5'])).toThrow(ConfigError);
    expect(() => load(['--clickhouse-url', 'localhost:8123'])).toThrow(/--clickhouse-url must be/);
  });

  it('answers --help with the settings table', () => {
    try {
      load(['--help']);
      throw new Error('expected HelpRequested');
    } catch (e) {
      expect(e).toBeInstanceOf(HelpRequested);
      expect((e as HelpRequested).text).toMatch(/--rate\s+PRODUCER_RATE\s+default 100/);
      expect((e as HelpRequested).text).toContain('--group');
    }
  });

  it('answers -h like --help, even among bad flags', () => {
    expect(() => load(['--nope', '-h'])).toThrow(HelpRequested);
  });

  it('takes a negative number as a value and refuses it with the range, not as a parse error', () => {
    expect(() => load(['--rate', '-5'])).toThrow(/--rate must be an integer > 0, got '-5'/);
    expect(() => load(['--late-ratio', '-0.5'])).toThrow(/--late-ratio must be a number from 0 to 1, got '-0.5'/);
    const signed = { offset: integerSetting({ env: 'OFFSET', flag: 'offset', description: 'signed', default: 0 }) };
    expect(loadConfig(signed, { app: 'a', argv: ['--offset', '-5'], env: {} }).offset).toBe(-5);
  });

  it('reports an unknown flag together with every other problem, and keeps reading the flags after it', () => {
    let error: ConfigError | undefined;
    try {
      load(['--bogus', 'x', '--rate', '0', '--format', 'xml', 'stray', '--group']);
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error?.problems.map((p) => p.message)).toEqual([
      "unknown option '--bogus'",
      "unexpected argument 'stray' (settings are --flag value or --flag=value)",
      '--group needs a value',
      "--rate must be an integer > 0, got '0'",
      "--format must be one of avro, json, got 'xml'",
    ]);
  });

  it('refuses brokers that are not host:port at validation', () => {
    const brokers = { brokers: hostPortListSetting({ env: 'KAFKA_BROKERS', flag: 'brokers', description: 'b', default: ['127.0.0.1:9092'] }) };
    const loadBrokers = (raw: string) => loadConfig(brokers, { app: 'a', argv: ['--brokers', raw], env: {} }).brokers;
    expect(loadBrokers('a:1, [::1]:9092,kafka-0.kafka.svc:9094')).toEqual(['a:1', '[::1]:9092', 'kafka-0.kafka.svc:9094']);
    for (const bad of ['foo', 'a:1,foo', 'a:0', 'a:65536', 'a:b', ':9092', 'http://a:9092']) {
      expect(() => loadBrokers(bad)).toThrow(/--brokers must be a comma-separated list of host:port/);
    }
  });
});
