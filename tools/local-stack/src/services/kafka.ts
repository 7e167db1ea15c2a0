import { execFile } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { probeKafka } from '../health';
import { STACK_ENV, type StackSettings } from '../stack-settings';
import { StackError } from '../stack-errors';
import type { StackPaths } from '../stack-paths';
import { kafkaAdminSecurity, KAFKA_ADMIN_USER, KAFKA_APP_USER } from '../secure/client-security';
import type { StackSecrets } from '../secure/stack-secrets';
import { kafkaJvmOptions, newKafkaClusterId, renderKafkaLog4jProperties, renderKafkaServerProperties, SCRAM_MECHANISMS } from './kafka-config';
import type { ServiceDefinition } from './service-definition';

/** The Kafka version is the one pinned in the pom that ensure-kafka.sh fetches with. */
export function readPinnedKafkaVersion(repoRoot: string): string {
  const pom = readFileSync(path.join(repoRoot, 'tools', 'local-stack', 'kafka', 'pom.xml'), 'utf8');
  const m = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(pom);
  if (!m?.[1]) throw new StackError('no <kafka.version> in tools/local-stack/kafka/pom.xml');
  return m[1];
}

export function kafkaService(settings: StackSettings, paths: StackPaths, secrets?: () => StackSecrets): ServiceDefinition {
  const version = readPinnedKafkaVersion(settings.repoRoot);
  const cacheDir = path.join(paths.cacheDir, `kafka-${version}`);
  const libsDir = path.join(cacheDir, 'libs');
  const dataDir = paths.dataDir('kafka');
  const logDir = path.join(dataDir, 'kraft-logs');
  const clusterIdFile = path.join(dataDir, 'cluster.id');
  const configDir = paths.configDir('kafka');
  const serverProperties = path.join(configDir, 'server.properties');
  const log4jProperties = path.join(configDir, 'log4j.properties');
  const logFile = paths.logFile('kafka');
  const classpath = `${libsDir}/*`; // expanded by java itself, no shell involved
  const jvmOptions = kafkaJvmOptions(log4jProperties, paths.logsDir);

  // The secure broker's SCRAM users go into its metadata when the storage is formatted (KIP-900):
  // the broker needs its own to log in to its SASL_SSL inter-broker listener at first start.
  const scramArgs = (): string[] => {
    if (!secrets) return [];
    const { passwords } = secrets();
    const users = [[KAFKA_ADMIN_USER, passwords.kafkaAdmin], [KAFKA_APP_USER, passwords.kafkaApp]] as const;
    return SCRAM_MECHANISMS.flatMap((m) => users.flatMap(([name, password]) => ['--add-scram', `${m}=[name=${name},password=${password}]`]));
  };
  const formatStorage = (clusterId: string) =>
    new Promise<void>((resolve, reject) => {
      execFile(
        'java',
        [...jvmOptions, '-cp', classpath, 'kafka.tools.StorageTool', 'format', '-t', clusterId, '-c', serverProperties, '--ignore-formatted', ...scramArgs()],
        { timeout: 120_000 },
        (error, stdout, stderr) => {
          appendFileSync(logFile, `\n==== storage format (cluster ${clusterId})\n${stdout}${stderr}`);
          if (error) reject(new StackError(`formatting Kafka storage failed: ${error.message}`, { logFile, logDir }));
          else resolve();
        },
      );
    });

  return {
    name: 'kafka',
    address: `${settings.host}:${settings.kafkaPort} (controller :${settings.kafkaControllerPort})`,
    ports: [
      { port: settings.kafkaPort, envVar: STACK_ENV.kafkaPort },
      { port: settings.kafkaControllerPort, envVar: STACK_ENV.kafkaControllerPort },
    ],
    startTimeoutMs: 120_000,
    stopTimeoutMs: 30_000,
    logFiles: [logFile],
    pidFile: paths.pidFile('kafka'),
    isOwnProcess: (p) => p.argv.includes('kafka.Kafka') && p.argv.includes(serverProperties),

    async prepare(log) {
      if (!existsSync(path.join(cacheDir, '.complete'))) {
        throw new StackError(`Kafka ${version} jars are missing in ${libsDir}: run bash tools/scripts/ensure-kafka.sh`, {
          libsDir,
        });
      }
      mkdirSync(configDir, { recursive: true });
      mkdirSync(logDir, { recursive: true });
      writeFileSync(
        serverProperties,
        renderKafkaServerProperties({
          host: settings.host,
          port: settings.kafkaPort,
          controllerPort: settings.kafkaControllerPort,
          logDir,
          security: secrets && {
            keystore: secrets().certs.serverKeystore,
            truststore: secrets().certs.caCert,
            brokerUser: KAFKA_ADMIN_USER,
            brokerPassword: secrets().passwords.kafkaAdmin,
          },
        }),
        { mode: 0o600 }, // holds the broker's SCRAM password in the secure stack
      );
      writeFileSync(log4jProperties, renderKafkaLog4jProperties());
      // The cluster id is generated once and kept: the formatted log dirs are bound to it.
      if (!existsSync(clusterIdFile)) writeFileSync(clusterIdFile, `${newKafkaClusterId()}\n`);
      if (!existsSync(path.join(logDir, 'meta.properties'))) {
        const clusterId = readFileSync(clusterIdFile, 'utf8').trim();
        log(`kafka: formatting KRaft storage in ${logDir} (cluster ${clusterId})`);
        await formatStorage(clusterId);
      }
    },

    launchSpec: () => ({
      command: 'java',
      args: [...jvmOptions, '-cp', classpath, 'kafka.Kafka', serverProperties],
      cwd: dataDir,
    }),

    checkHealth: () => probeKafka([`${settings.host}:${settings.kafkaPort}`], 5000, kafkaAdminSecurity(secrets?.())),
  };
}
