import { enumSetting, secretSetting, stringSetting, type ConfigOf } from '@clickstream/config';
import type { SASLOptions } from 'kafkajs';
import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'node:tls';

/**
 * TLS and SASL for every Kafka client of the project, as settings (apps spread them into their
 * spec). Files are named here and read when the client is built; the SASL password is a secret
 * (env KAFKA_SASL_PASSWORD or a file), never a flag value.
 */
export function kafkaSecuritySettings() {
  return {
    kafkaSecurityProtocol: enumSetting({ env: 'KAFKA_SECURITY_PROTOCOL', flag: 'kafka-security-protocol', default: 'plaintext', choices: ['plaintext', 'ssl', 'sasl_plaintext', 'sasl_ssl'] as const, description: 'Kafka security.protocol: TLS (ssl), SASL, or both (sasl_ssl)' }),
    kafkaSslCaFile: stringSetting({ env: 'KAFKA_SSL_CA_FILE', flag: 'kafka-ssl-ca-file', default: '-', description: "PEM CA bundle the brokers' certificates are checked against ('-' = the system's CAs)" }),
    kafkaSslCertFile: stringSetting({ env: 'KAFKA_SSL_CERT_FILE', flag: 'kafka-ssl-cert-file', default: '-', description: "PEM client certificate for mutual TLS ('-' = none)" }),
    kafkaSslKeyFile: stringSetting({ env: 'KAFKA_SSL_KEY_FILE', flag: 'kafka-ssl-key-file', default: '-', description: "PEM private key of the client certificate ('-' = none)" }),
    kafkaSaslMechanism: enumSetting({ env: 'KAFKA_SASL_MECHANISM', flag: 'kafka-sasl-mechanism', default: 'scram-sha-512', choices: ['plain', 'scram-sha-256', 'scram-sha-512'] as const, description: 'SASL mechanism (with a sasl_* protocol)' }),
    kafkaSaslUsername: stringSetting({ env: 'KAFKA_SASL_USERNAME', flag: 'kafka-sasl-username', default: '-', description: "SASL user ('-' = none)" }),
    kafkaSaslPassword: secretSetting({ env: 'KAFKA_SASL_PASSWORD', flag: 'kafka-sasl-password-file', description: 'SASL password' }),
  };
}

export type KafkaSecurityConfig = ConfigOf<ReturnType<typeof kafkaSecuritySettings>>;

/** What kafkajs' Kafka constructor takes. */
export interface KafkaSecurity {
  readonly ssl?: ConnectionOptions | boolean;
  readonly sasl?: SASLOptions;
}

export const PLAINTEXT: KafkaSecurity = {};

const isSet = (v: string) => v !== '-' && v !== '';

/** Cross-field checks, phrased with the settings to fix (for readConfigOrExit's `check`). */
export function checkKafkaSecurity(c: KafkaSecurityConfig): string[] {
  const problems: string[] = [];
  const sasl = c.kafkaSecurityProtocol.startsWith('sasl_');
  const tls = c.kafkaSecurityProtocol.endsWith('ssl');
  if (sasl && (!isSet(c.kafkaSaslUsername) || c.kafkaSaslPassword === '')) {
    problems.push(`KAFKA_SECURITY_PROTOCOL=${c.kafkaSecurityProtocol} needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD (or KAFKA_SASL_PASSWORD_FILE)`);
  }
  if (!sasl && (isSet(c.kafkaSaslUsername) || c.kafkaSaslPassword !== '')) {
    problems.push(`KAFKA_SASL_USERNAME/KAFKA_SASL_PASSWORD are set but KAFKA_SECURITY_PROTOCOL=${c.kafkaSecurityProtocol} does not use SASL: set it to sasl_ssl`);
  }
  if (!tls && [c.kafkaSslCaFile, c.kafkaSslCertFile, c.kafkaSslKeyFile].some(isSet)) {
    problems.push(`KAFKA_SSL_* files are set but KAFKA_SECURITY_PROTOCOL=${c.kafkaSecurityProtocol} does not use TLS: set it to ssl or sasl_ssl`);
  }
  if (isSet(c.kafkaSslCertFile) !== isSet(c.kafkaSslKeyFile)) problems.push('KAFKA_SSL_CERT_FILE and KAFKA_SSL_KEY_FILE go together');
  for (const [env, file] of [['KAFKA_SSL_CA_FILE', c.kafkaSslCaFile], ['KAFKA_SSL_CERT_FILE', c.kafkaSslCertFile], ['KAFKA_SSL_KEY_FILE', c.kafkaSslKeyFile]] as const) {
    if (!isSet(file)) continue;
    try {
      readFileSync(file);
    } catch (err) {
      problems.push(`${env} names a file that cannot be read: ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
    }
  }
  return problems;
}

/** The kafkajs `ssl` and `sasl` options of a validated config (reads the PEM files). */
export function toKafkaSecurity(c: KafkaSecurityConfig): KafkaSecurity {
  const tls = c.kafkaSecurityProtocol.endsWith('ssl');
  const ssl: ConnectionOptions | undefined = tls
    ? {
        ...(isSet(c.kafkaSslCaFile) ? { ca: readFileSync(c.kafkaSslCaFile) } : {}),
        ...(isSet(c.kafkaSslCertFile) ? { cert: readFileSync(c.kafkaSslCertFile) } : {}),
        ...(isSet(c.kafkaSslKeyFile) ? { key: readFileSync(c.kafkaSslKeyFile) } : {}),
      }
    : undefined;
  const sasl: SASLOptions | undefined = c.kafkaSecurityProtocol.startsWith('sasl_')
    ? ({ mechanism: c.kafkaSaslMechanism, username: c.kafkaSaslUsername, password: c.kafkaSaslPassword } as SASLOptions)
    : undefined;
  return { ...(ssl ? { ssl } : {}), ...(sasl ? { sasl } : {}) };
}
