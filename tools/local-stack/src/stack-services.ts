import { clickhouseService } from './services/clickhouse';
import { kafkaService } from './services/kafka';
import { redisService } from './services/redis';
import type { ServiceDefinition } from './services/service-definition';
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
    services: [kafkaService(settings, paths), clickhouseService(settings, paths), redisService(settings, paths)],
    log,
  };
}
