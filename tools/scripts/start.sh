#!/usr/bin/env bash
# `npm start`: the whole pipeline locally. Starts the stack (Kafka, ClickHouse, Redis), the
# aggregator, the raw sink and the anomaly scorer, the producer at a modest rate with an injected spike, and a live
# summary read back from ClickHouse. Ctrl-C stops the apps gracefully (the stack keeps running;
# `npm run stack:down` stops it). App logs: tmp/run/<app>.log.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

bash tools/scripts/ensure-node-deps.sh
bash tools/scripts/stack.sh up
echo "[start] building apps..." >&2
NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false npx nx run-many -t build -p producer aggregator raw-sink anomaly-scorer --outputStyle=static >tmp-start-build.log 2>&1 || {
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
node --enable-source-maps dist/apps/anomaly-scorer/main.js >tmp/run/anomaly-scorer.log 2>&1 & pids+=($!)
# The spike starts 4 minutes in: the scorer skips the partial first minute and warms up for 3, and
# 240 s after the first event always leaves 3 full earlier windows, so the spike is scored and shows
# in the summary about 5-6 minutes after start (window end + 10 s watermark bound + a poll).
node --enable-source-maps dist/apps/producer/main.js --rate "$rate" --progress off \
  --spike-page /product/1 --spike-at 240 --spike-duration 60 --spike-factor 8 >tmp/run/producer.log 2>&1 & pids+=($!)
echo "[start] producer at $rate events/s; metrics: producer :9464, aggregator :9465, raw-sink :9466, anomaly-scorer :9467" >&2
npx tsx tools/live-summary/live-summary.ts
