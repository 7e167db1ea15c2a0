import { clickhouseService } from './services/clickhouse';
import { kafkaService } from './services/kafka';
import { prometheusService } from './services/prometheus';
import { redisService } from './services/redis';
import type { ServiceDefinition } from './services/service-definition';
import { supersetService } from './services/superset';
import { StackPaths } from './stack-paths';
import type { StackSettings } from './stack-settings';

export interface Stack {
  settings: StackSettings;
  paths: StackPaths;
  services: ServiceDefinition[];
  log: (message: string) => void;
}

export function defineStack(settings: StackSettings, log: (message: string) => void): Stack {
  const paths = new StackPaths(settings.stackDir);
  return {
    settings,
    paths,
    services: [
      kafkaService(settings, paths),
      clickhouseService(settings, paths),
      redisService(settings, paths),
      prometheusService(settings, paths),
      supersetService(settings, paths),
    ],
    log,
  };
}
