import { Counter, Gauge, type Registry } from 'prom-client';
import type { ScoringStageObserver } from './stage/merged-window-scoring-stage';

export function createAnomalyScorerMetrics(registry: Registry) {
  const registers = [registry];
  return {
    windowsScored: new Counter({ name: 'anomaly_scorer_windows_scored_total', help: 'Final windows scored', registers }),
    anomalies: new Counter({ name: 'anomaly_scorer_anomalies_total', help: 'Anomalies written, by kind and key level', labelNames: ['kind', 'level'], registers }),
    keys: new Gauge({ name: 'anomaly_scorer_keys', help: 'Keys (page and page + country) in the last scored window', registers }),
    lastWindow: new Gauge({ name: 'anomaly_scorer_last_window_start_seconds', help: 'Start of the newest scored window (event time, unix seconds)', registers }),
    waiting: new Gauge({ name: 'anomaly_scorer_waiting_partitions', help: 'Partitions with records but no published watermark (scoring waits for them)', registers }),
    stepErrors: new Counter({ name: 'anomaly_scorer_step_errors_total', help: 'Scoring steps that failed (retried at the next poll)', registers }),
  };
}

export type AnomalyScorerMetrics = ReturnType<typeof createAnomalyScorerMetrics>;

export function scoringStageObserver(m: AnomalyScorerMetrics): ScoringStageObserver {
  return {
    waiting: (partitions) => m.waiting.set(partitions.length),
    scored: (windowStart, keys, rows) => {
      m.waiting.set(0);
      m.windowsScored.inc();
      m.keys.set(keys);
      m.lastWindow.set(windowStart / 1000);
      for (const r of rows) m.anomalies.inc({ kind: r.kind, level: r.level });
    },
  };
}
