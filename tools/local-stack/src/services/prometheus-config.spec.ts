import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../stack-paths';
import { adaptPrometheusConfig, localScrapeTargets } from './prometheus-config';

const infraDir = path.join(REPO_ROOT, 'infra', 'prometheus');
const infraConfig = readFileSync(path.join(infraDir, 'prometheus.yml'), 'utf8');
const rulesFile = path.join(infraDir, 'alerts.yml');

describe('adaptPrometheusConfig', () => {
  it("points infra/prometheus/prometheus.yml's jobs at the local apps and loads the alert rules by absolute path", () => {
    const text = adaptPrometheusConfig(infraConfig, rulesFile, { producer: 19464, aggregator: 19465, rawSink: 19466, anomalyScorer: 19467, prometheus: 19090 });
    for (const target of ['127.0.0.1:19464', '127.0.0.1:19465', '127.0.0.1:19466', '127.0.0.1:19467', '127.0.0.1:19090']) expect(text).toContain(`"${target}"`);
    expect(text).not.toMatch(/"(producer|aggregator|raw-sink|anomaly-scorer|localhost):\d+"/);
    expect(text).toContain(`- ${rulesFile}`);
    // Same jobs and intervals as the compose stack's file.
    expect(text).toContain('scrape_interval: 5s');
    expect(text.match(/job_name:/g)).toHaveLength(infraConfig.match(/job_name:/g)?.length ?? -1);
  });

  it('is a config promtool accepts, rules included', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'prometheus-config-'));
    try {
      const file = path.join(dir, 'prometheus.yml');
      writeFileSync(file, adaptPrometheusConfig(infraConfig, rulesFile, localScrapeTargets({}, 9090)));
      const out = execFileSync('promtool', ['check', 'config', file], { encoding: 'utf8' });
      expect(out).toMatch(/SUCCESS: \d+ rules found/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails loudly when the infra file lost a target it rewrites', () => {
    expect(() => adaptPrometheusConfig(infraConfig.replace('"raw-sink:9466"', '"sink:1"'), rulesFile, localScrapeTargets({}, 9090))).toThrow(
      /no "raw-sink:9466" any more/,
    );
  });

  it('follows the apps\' metrics-port variables', () => {
    expect(localScrapeTargets({ AGGREGATOR_METRICS_PORT: '29465', PRODUCER_METRICS_PORT: 'x' }, 9091)).toEqual({
      producer: 9464,
      aggregator: 29465,
      rawSink: 9466,
      anomalyScorer: 9467,
      prometheus: 9091,
    });
  });
});
