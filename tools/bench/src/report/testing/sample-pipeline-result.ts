import type { PipelineResult } from '../../suite/bench-result';

/** A real quick-run result (2026-11-24, loaded machine), trimmed commands: input for the renderer tests. */
export function samplePipelineResult(): PipelineResult {
  return {
    "suite": "pipeline",
    "quick": true,
    "startedAt": "2026-11-24T22:29:30.209Z",
    "finishedAt": "2026-11-24T22:33:17.761Z",
    "machine": {
      "cpus": 2,
      "cpuModel": "Intel(R) Xeon(R) Processor",
      "memoryGiB": 24,
      "node": "v20.20.2",
      "os": "Linux 6.18.44-fc-v669"
    },
    "loadAverageAtStart": [
      11.15,
      9.33,
      5.85
    ],
    "loadAverageAtEnd": [
      12.6,
      12.27,
      7.89
    ],
    "partitions": 4,
    "commands": {
      "suite": "npm run bench -- --quick",
      "aggregator-avro": "node dist/apps/aggregator/main.js --topic <run>_pre_avro"
    },
    "producer": {
      "maxRate": {
        "events": 290000,
        "wallSeconds": 8.6,
        "eventsPerSecond": 33714,
        "cpuSeconds": 4.19,
        "eventsPerCpuSecond": 69212,
        "peakRssMb": 148,
        "kafkaCpuSeconds": 0.3,
        "clickhouseCpuSeconds": 0.06,
        "format": "avro"
      },
      "accuracy": [
        {
          "askedRate": 10000,
          "durationSeconds": 10,
          "achievedRate": 9998,
          "errorPercent": -0.02,
          "cpuSeconds": 3.28,
          "peakRssMb": 129
        },
        {
          "askedRate": 100000,
          "durationSeconds": 10.8,
          "achievedRate": 22239,
          "errorPercent": -77.76,
          "cpuSeconds": 3.45,
          "peakRssMb": 147
        }
      ]
    },
    "catchUp": {
      "aggregatorAvro": {
        "events": 300000,
        "wallSeconds": 11.46,
        "eventsPerSecond": 26174,
        "cpuSeconds": 2.28,
        "eventsPerCpuSecond": 131579,
        "peakRssMb": 298,
        "kafkaCpuSeconds": 0.16,
        "clickhouseCpuSeconds": 0.95
      },
      "aggregatorJson": {
        "events": 300000,
        "wallSeconds": 11.9,
        "eventsPerSecond": 25201,
        "cpuSeconds": 2.68,
        "eventsPerCpuSecond": 111940,
        "peakRssMb": 259,
        "kafkaCpuSeconds": 0.19,
        "clickhouseCpuSeconds": 0.94
      },
      "rawSink": {
        "events": 300000,
        "wallSeconds": 7.9,
        "eventsPerSecond": 37969,
        "cpuSeconds": 1.07,
        "eventsPerCpuSecond": 280374,
        "peakRssMb": 413,
        "kafkaCpuSeconds": 0.11,
        "clickhouseCpuSeconds": 0.84
      },
      "bareConsumer": {
        "events": 300000,
        "wallSeconds": 1.98,
        "eventsPerSecond": 151751,
        "cpuSeconds": 0.81,
        "eventsPerCpuSecond": 370370,
        "peakRssMb": 273,
        "kafkaCpuSeconds": 0.06,
        "clickhouseCpuSeconds": 0.02
      },
      "aggregatorPercentOfCeiling": 36
    },
    "freshness": {
      "rate": 20000,
      "durationSeconds": 30.1,
      "achievedRate": 19906,
      "rawRowVisibleMs": {
        "count": 598260,
        "p50": 1777,
        "p95": 4229,
        "p99": 5059,
        "max": 5545
      },
      "windowVisibleMs": {
        "count": 15211,
        "p50": 4058,
        "p95": 4630,
        "p99": 4630,
        "max": 4630
      },
      "windowsClosed": 1,
      "aggregator": {
        "cpuSeconds": 5.24,
        "peakRssMb": 208
      },
      "rawSink": {
        "cpuSeconds": 4.16,
        "peakRssMb": 240
      },
      "kafkaCpuSeconds": 2.4,
      "clickhouseCpuSeconds": 4.11
    },
    "checkpoints": [
      {
        "openKeys": 10000,
        "events": 50000,
        "flushes": 4,
        "meanFlushMs": 11,
        "maxFlushMsBound": 25,
        "meanCheckpointBytes": 284546,
        "checkpointBytesAllPartitions": 1138182,
        "partitions": 4,
        "peakRssMb": 150
      },
      {
        "openKeys": 100000,
        "events": 500000,
        "flushes": 3,
        "meanFlushMs": 56,
        "maxFlushMsBound": 100,
        "meanCheckpointBytes": 2927732,
        "checkpointBytesAllPartitions": 11710927,
        "partitions": 4,
        "peakRssMb": 499
      }
    ],
    "restart": [
      {
        "sessionTimeoutMs": 6000,
        "trafficRate": 5000,
        "restartToResumedMs": 6378,
        "spawnToMetricsMs": 244
      }
    ]
  };
}
