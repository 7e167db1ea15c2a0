#!/usr/bin/env bash
# `npm run bench [-- --quick] [--publish] [--report-only] [--only SCENARIO] [--baseline DIR] [--events N]`:
# builds the app bundles the suite starts, then runs tools/bench/src/bench.ts (local stack up first:
# npm run stack:up). Results in bench/results/<suite>-<time>.json; docs/benchmarks.md regenerated.
#   --quick        smaller counts and a shorter freshness run (about 4 minutes instead of about 7)
#   --publish      name the result published-<suite>-<time>.json so it can be committed
#   --report-only  only regenerate docs/benchmarks.md and docs/bench-charts from the newest results
#   --only flink-vs-aggregator  the reference Flink job, the aggregator and the raw sink on one JSON
#                  topic: catch-up on 2M events (300k quick; the aggregator and Flink twice, in turns),
#                  then 20,000 events/s live for 4 min (1)
#   --only cardinality-sweep    issue 14: the producer's --pages/--users at 1x, 10x, 100x its defaults
#                  (200/50,000 .. 20,000/5,000,000), 2M JSON events per level (300k quick), each level
#                  caught up by the aggregator, the Flink job and the raw sink alone (the aggregator
#                  and Flink twice each: a pass over the levels in ascending order, then one back in
#                  descending order), events per CPU-s, peak RSS, windows per level; about 9 minutes
#                  with 2M events on 2 cores
#   --baseline DIR with --only: also run DIR/aggregator/main.js and DIR/raw-sink/main.js (e.g. a
#                  copy of main's dist/apps) in the same run
#   --events N     events preloaded per catch-up topic (default 2,000,000; 300,000 with --quick)
source "$(dirname "$0")/../scripts/script-help.sh" "$@"
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
bash tools/scripts/ensure-node-deps.sh
mkdir -p tmp
if ! NX_DAEMON=false NX_NO_CLOUD=true npx nx run-many -t build -p producer aggregator raw-sink --outputStyle=static >tmp/bench-build.log 2>&1; then
  cat tmp/bench-build.log >&2
  exit 1
fi
TSX_TSCONFIG_PATH=tsconfig.base.json exec node --import tsx tools/bench/src/bench.ts "$@"
