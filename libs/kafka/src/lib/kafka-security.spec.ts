import { loadConfig } from '@clickstream/config';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { explainKafkaConnectFailure } from './kafka-connect-failure';
import { checkKafkaSecurity, kafkaSecuritySettings, toKafkaSecurity } from './kafka-security';

const dir = mkdtempSync(path.join(tmpdir(), 'kafka-security-'));
const ca = path.join(dir, 'ca.pem');
writeFileSync(ca, 'CA PEM');
const load = (env: Record<string, string>) => loadConfig(kafkaSecuritySettings(), { app: 't', argv: [], env });

describe('Kafka security settings', () => {
  it('are plaintext by default', () => {
    const c = load({});
    expect(checkKafkaSecurity(c)).toEqual([]);
    expect(toKafkaSecurity(c)).toEqual({});
  });

  it('build kafkajs ssl + sasl options for sasl_ssl', () => {
    const c = load({ KAFKA_SECURITY_PROTOCOL: 'sasl_ssl', KAFKA_SSL_CA_FILE: ca, KAFKA_SASL_USERNAME: 'app', KAFKA_SASL_PASSWORD: 'pw', KAFKA_SASL_MECHANISM: 'scram-sha-256' });
    expect(checkKafkaSecurity(c)).toEqual([]);
    const security = toKafkaSecurity(c);
    expect(security.sasl).toEqual({ mechanism: 'scram-sha-256', username: 'app', password: 'pw' });
    expect((security.ssl as { ca: Buffer }).ca.toString()).toBe('CA PEM');
  });

  it('name what to fix when the combination cannot work', () => {
    expect(checkKafkaSecurity(load({ KAFKA_SECURITY_PROTOCOL: 'sasl_ssl' }))).toEqual([expect.stringMatching(/needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD/)]);
    expect(checkKafkaSecurity(load({ KAFKA_SASL_PASSWORD: 'pw' }))).toEqual([expect.stringMatching(/does not use SASL/)]);
    expect(checkKafkaSecurity(load({ KAFKA_SECURITY_PROTOCOL: 'ssl', KAFKA_SSL_CA_FILE: path.join(dir, 'nope.pem') }))).toEqual([expect.stringMatching(/KAFKA_SSL_CA_FILE names a file that cannot be read: .*nope\.pem \(ENOENT\)/)]);
    expect(checkKafkaSecurity(load({ KAFKA_SECURITY_PROTOCOL: 'ssl', KAFKA_SSL_CERT_FILE: ca }))).toContain('KAFKA_SSL_CERT_FILE and KAFKA_SSL_KEY_FILE go together');
  });

  it('explain a refused login with the settings to check', () => {
    const err = Object.assign(new Error('SASL SCRAM SHA512 authentication failed: Authentication failed during authentication due to invalid credentials with SASL mechanism SCRAM-SHA-512'), { name: 'KafkaJSSASLAuthenticationError' });
    expect(explainKafkaConnectFailure(err)).toMatch(/^kafka: SASL authentication failed .*check KAFKA_SASL_USERNAME, KAFKA_SASL_PASSWORD/);
    expect(explainKafkaConnectFailure(new Error('Connection timeout'))).toBeUndefined();
  });
});
