import path from 'node:path';
import { createClient } from '@clickhouse/client';
import { CLICKS_TOPIC, CLICKS_TOPIC_CONFIG, DEAD_LETTER_TOPIC } from '@clickstream/kafka';
import { applyMigrations, ensureTopics, MIGRATIONS_RELATIVE_DIR } from '@clickstream/schema-bootstrap';
import { Kafka, logLevel } from 'kafkajs';
import { CLICKHOUSE_ADMIN_USER } from './secure/clickhouse-users';
import { kafkaAdminSecurity } from './secure/client-security';
import type { StackSecrets } from './secure/stack-secrets';
import type { StackSettings } from './stack-settings';

/**
 * What `up` creates once the services answer: the ClickHouse schema in `rt` and the two topics.
 * Both steps are idempotent, so an `up` of a running stack only verifies them.
 */
export async function bootstrapSchema(settings: StackSettings, log: (message: string) => void, secrets?: StackSecrets): Promise<void> {
  const clickhouse = createClient({
    url: `http://${settings.host}:${settings.clickhousePort}`,
    request_timeout: 60_000,
    ...(secrets ? { username: CLICKHOUSE_ADMIN_USER, password: secrets.passwords.clickhouseAdmin } : {}),
  });
  try {
    await applyMigrations({
      client: clickhouse,
      database: settings.clickhouseDatabase,
      migrationsDir: path.join(settings.repoRoot, MIGRATIONS_RELATIVE_DIR),
      log: (m) => log(`clickhouse: ${m}`),
    });
  } finally {
    await clickhouse.close();
  }

  const kafka = new Kafka({
    ...kafkaAdminSecurity(secrets),
    clientId: 'clickstream-stack',
    brokers: [`${settings.host}:${settings.kafkaPort}`],
    logLevel: logLevel.ERROR,
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const result = await ensureTopics(
      admin,
      [
        { topic: CLICKS_TOPIC, numPartitions: settings.clicksPartitions, configEntries: { ...CLICKS_TOPIC_CONFIG } },
        { topic: DEAD_LETTER_TOPIC, numPartitions: 1 },
      ],
      { log: (m) => log(`kafka: ${m}`) },
    );
    if (result.created.length === 0) log(`kafka: topics present (${result.unchanged.join(', ')})`);
  } finally {
    await admin.disconnect();
  }
}
