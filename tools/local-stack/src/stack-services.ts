import { clickhouseService } from './services/clickhouse';
import { kafkaService } from './services/kafka';
import { prometheusService } from './services/prometheus';
import { redisService } from './services/redis';
import type { ServiceDefinition } from './services/service-definition';
import { supersetService } from './services/superset';
import { ensureStackSecrets, type StackSecrets } from './secure/stack-secrets';
import { StackPaths } from './stack-paths';
import type { StackSettings } from './stack-settings';

export interface Stack {
  settings: StackSettings;
  paths: StackPaths;
  services: ServiceDefinition[];
  /** The secure stack's certificates and passwords; undefined for the plain stack. */
  secrets: (() => StackSecrets) | undefined;
  log: (message: string) => void;
}

export function defineStack(settings: StackSettings, log: (message: string) => void): Stack {
  const paths = new StackPaths(settings.stackDir, settings.cacheDir);
  // Generated on first use (the first `up --secure`), read back afterwards.
  let loaded: StackSecrets | undefined;
  const secrets = settings.secure ? () => (loaded ??= ensureStackSecrets(paths.secretsDir)) : undefined;
  return {
    settings,
    paths,
    secrets,
    services: [
      kafkaService(settings, paths, secrets),
      clickhouseService(settings, paths, secrets),
      redisService(settings, paths, secrets),
      // The dashboards belong to the plain stack (fixed ports beside it); the secure one is for the apps.
      ...(settings.secure ? [] : [prometheusService(settings, paths), supersetService(settings, paths)]),
    ],
    log,
  };
}
