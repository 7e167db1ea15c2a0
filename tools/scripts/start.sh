#!/usr/bin/env bash
# `npm start`: the whole pipeline locally. Starts the stack (Kafka, ClickHouse, Redis), the
# aggregator and the raw sink, the producer at a modest rate with an injected spike, and a live
# summary read back from ClickHouse. Ctrl-C stops the apps gracefully (the stack keeps running;
# `npm run stack:down` stops it). App logs: tmp/run/<app>.log.
source "$(dirname "$0")/script-help.sh" "$@"
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

bash tools/scripts/ensure-node-deps.sh
bash tools/scripts/stack.sh up
source tools/scripts/stack-endpoints.sh
echo "[start] building apps..." >&2
NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false npx nx run-many -t build -p producer aggregator raw-sink --outputStyle=static >tmp-start-build.log 2>&1 || {
  cat tmp-start-build.log >&2
  exit 1
}
rm -f tmp-start-build.log

mkdir -p tmp/run
pids=()
stop_all() {
  trap - INT TERM EXIT
  echo "[start] stopping apps (graceful: flush, checkpoint, commit)..." >&2
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  echo "[start] stopped. The stack is still up: npm run stack:down stops it." >&2
}
trap stop_all INT TERM EXIT

rate=${CLICKSTREAM_START_RATE:-500}
node --enable-source-maps dist/apps/aggregator/main.js >tmp/run/aggregator.log 2>&1 & pids+=($!)
node --enable-source-maps dist/apps/raw-sink/main.js >tmp/run/raw-sink.log 2>&1 & pids+=($!)
node --enable-source-maps dist/apps/producer/main.js --rate "$rate" --progress off \
  --spike-page /product/1 --spike-at 180 --spike-duration 60 --spike-factor 12 >tmp/run/producer.log 2>&1 & pids+=($!)
echo "[start] producer at $rate events/s to $KAFKA_BROKERS; metrics: producer :${PRODUCER_METRICS_PORT:-9464}, aggregator :${AGGREGATOR_METRICS_PORT:-9465}, raw-sink :${RAW_SINK_METRICS_PORT:-9466}" >&2
npx tsx tools/live-summary/live-summary.ts
