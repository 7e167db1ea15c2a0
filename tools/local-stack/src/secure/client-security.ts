import { readFileSync } from 'node:fs';
import type { KafkaConfig } from 'kafkajs';
import type { RedisProbeSecurity } from '../health';
import type { StackSecrets } from './stack-secrets';

/** The user names of the secure stack (passwords in stack-secrets.ts). */
export const KAFKA_ADMIN_USER = 'admin';
export const KAFKA_APP_USER = 'clickstream';
export const REDIS_ADMIN_USER = 'admin';
export const REDIS_APP_USER = 'clickstream';

/** kafkajs options of the stack's own admin client (health probe, topic bootstrap). */
export function kafkaAdminSecurity(secrets: StackSecrets | undefined): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  if (!secrets) return {};
  return {
    ssl: { ca: readFileSync(secrets.certs.caCert) },
    sasl: { mechanism: 'scram-sha-512', username: KAFKA_ADMIN_USER, password: secrets.passwords.kafkaAdmin },
  };
}

export function redisAdminSecurity(secrets: StackSecrets | undefined): RedisProbeSecurity | undefined {
  if (!secrets) return undefined;
  return { ca: readFileSync(secrets.certs.caCert), username: REDIS_ADMIN_USER, password: secrets.passwords.redisAdmin };
}
