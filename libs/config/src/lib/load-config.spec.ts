import { ConfigError } from './config-error';
import { HelpRequested, loadConfig } from './load-config';
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
    expect(message).toContain("--rate must be an integer from 1 to");
    expect(message).toContain("got 'fast'");
    expect(message).toContain('--format must be one of avro, json');
    expect(message).toContain('env LATE_RATIO must be a number from 0 to 1');
    expect((error as ConfigError).problems).toHaveLength(3);
  });

  it('rejects unknown flags and missing required settings', () => {
    expect(() => loadConfig(spec, { app: 'a', argv: ['--rat', '1'], env: {} })).toThrow(/Unknown option '--rat'[\s\S]*--group \(env GROUP\) is required/);
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
});
