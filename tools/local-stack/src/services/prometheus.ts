import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { STACK_ENV, type StackSettings } from '../stack-settings';
import type { StackPaths } from '../stack-paths';
import { adaptPrometheusConfig, localScrapeTargets } from './prometheus-config';
import type { ServiceDefinition } from './service-definition';

/** GET `path` must answer 200 (Prometheus /-/ready, Superset /health). */
export function probeHttpOk(host: string, port: number, urlPath: string, timeoutMs = 2000): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host, port, path: urlPath, agent: false, headers: { Connection: 'close' }, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`${urlPath} answered ${res.statusCode}`))));
    });
    req.on('timeout', () => req.destroy(new Error(`${urlPath} timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
  });
}

/** Debian's Prometheus (2.42), scraping the local apps with the alert rules of infra/prometheus. */
export function prometheusService(settings: StackSettings, paths: StackPaths): ServiceDefinition {
  const configFile = path.join(paths.configDir('prometheus'), 'prometheus.yml');
  const dataDir = paths.dataDir('prometheus');
  const infraDir = path.join(settings.repoRoot, 'infra', 'prometheus');
  const configArg = `--config.file=${configFile}`;

  return {
    name: 'prometheus',
    address: `http://${settings.host}:${settings.prometheusPort}`,
    ports: [{ port: settings.prometheusPort, envVar: STACK_ENV.prometheusPort }],
    startTimeoutMs: 60_000,
    stopTimeoutMs: 15_000,
    logFiles: [paths.logFile('prometheus')],
    pidFile: paths.pidFile('prometheus'),
    isOwnProcess: (p) => path.basename(p.argv[0] ?? '') === 'prometheus' && p.argv.includes(configArg),

    async prepare() {
      mkdirSync(dataDir, { recursive: true });
      mkdirSync(path.dirname(configFile), { recursive: true });
      const infraConfig = readFileSync(path.join(infraDir, 'prometheus.yml'), 'utf8');
      const targets = localScrapeTargets(process.env, settings.prometheusPort);
      writeFileSync(configFile, adaptPrometheusConfig(infraConfig, path.join(infraDir, 'alerts.yml'), targets));
    },

    launchSpec: () => ({
      command: 'prometheus',
      args: [
        configArg,
        `--storage.tsdb.path=${dataDir}`,
        '--storage.tsdb.retention.time=7d',
        `--web.listen-address=${settings.host}:${settings.prometheusPort}`,
        `--web.external-url=http://${settings.host}:${settings.prometheusPort}/`,
      ],
      cwd: dataDir,
    }),

    checkHealth: () => probeHttpOk(settings.host, settings.prometheusPort, '/-/ready'),
  };
}
