#!/usr/bin/env bash
# `npm start`: the whole pipeline locally. Starts the stack (Kafka, ClickHouse, Redis), the
# aggregator, the raw sink and the anomaly scorer, the producer at a modest rate with an injected
# spike, and a live summary read back from ClickHouse, redrawn in place. Prometheus runs with the
# stack; Superset starts in the background (the first start installs it: a few minutes) and the
# summary shows its URL once it answers. Ctrl-C stops the apps gracefully (the stack, Prometheus and
# Superset keep running; `npm run stack:down` stops them). App logs: tmp/run/<app>.log.
# CLICKSTREAM_START_SUPERSET=0 skips Superset.
source "$(dirname "$0")/script-help.sh" "$@"
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

bash tools/scripts/ensure-node-deps.sh
bash tools/scripts/stack.sh up

mkdir -p tmp/run
superset_url="http://127.0.0.1:${CLICKSTREAM_SUPERSET_PORT:-8088}"
prometheus_url="http://127.0.0.1:${CLICKSTREAM_PROMETHEUS_PORT:-9090}"
superset_state=tmp/run/superset.state
# Never print a password someone set: only the local default.
superset_login="${CLICKSTREAM_SUPERSET_ADMIN_USER:-admin}/admin"
[ -n "${CLICKSTREAM_SUPERSET_ADMIN_PASSWORD:-}" ] && superset_login="${CLICKSTREAM_SUPERSET_ADMIN_USER:-admin}, password from CLICKSTREAM_SUPERSET_ADMIN_PASSWORD"
if [ "${CLICKSTREAM_START_SUPERSET:-1}" = "1" ]; then
  echo starting > "$superset_state"
  # Its own session (setsid): Ctrl-C here leaves it starting or running, as the stack is left.
  setsid bash -c '
    if bash tools/scripts/superset.sh up >tmp/run/superset-start.log 2>&1; then echo ready >"$1"; else echo "failed, exit $?" >"$1"; fi
  ' superset-start "$superset_state" </dev/null >/dev/null 2>&1 &
  echo "[start] Superset:   $superset_url/superset/dashboard/clickstream/ ($superset_login; starting in the background, log tmp/run/superset-start.log)" >&2
fi
echo "[start] Prometheus: $prometheus_url (alerts: $prometheus_url/alerts)" >&2
source tools/scripts/stack-endpoints.sh
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
  echo "[start] stopped. The stack is still up (Prometheus $prometheus_url, Superset $superset_url): npm run stack:down stops it." >&2
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
echo "[start] producer at $rate events/s; to $KAFKA_BROKERS; metrics: producer :${PRODUCER_METRICS_PORT:-9464}, aggregator :${AGGREGATOR_METRICS_PORT:-9465}, raw-sink :${RAW_SINK_METRICS_PORT:-9466}, anomaly-scorer :${ANOMALY_SCORER_METRICS_PORT:-9467}" >&2
SUMMARY_PROMETHEUS_URL=$prometheus_url SUMMARY_SUPERSET_STATE_FILE=$superset_state \
  SUMMARY_SUPERSET_URL=$([ "${CLICKSTREAM_START_SUPERSET:-1}" = "1" ] && echo "$superset_url") \
  SUMMARY_SUPERSET_LOGIN="$superset_login" \
  npx tsx tools/live-summary/live-summary.ts
