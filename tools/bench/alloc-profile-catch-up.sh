#!/usr/bin/env bash
# What one app allocates while it catches up on a topic: V8's sampling heap profiler (freed objects
# included, so allocation, not retention), stopped (SIGTERM, so the profile is written) once its
# records counter reaches EVENTS; prints MB allocated per function and caller (bundle lines: look
# them up in BUNDLE). The script polls /metrics every 0.2 s; prom-client's answers show up too.
# usage: bash tools/bench/alloc-profile-catch-up.sh BUNDLE TOPIC EVENTS OUT_DIR [METRIC]
#   BUNDLE  e.g. dist/apps/aggregator/main.js (or a saved copy of another build)
#   METRIC  the counter to wait for (default stream_records_total; raw sink: raw_sink_rows_inserted_total)
# Uses the local stack's ports (CLICKSTREAM_KAFKA_PORT, CLICKSTREAM_CLICKHOUSE_PORT, CLICKSTREAM_REDIS_PORT).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
bundle=$1 topic=$2 events=$3 out=$4 metric=${5:-stream_records_total}
mkdir -p "$out"
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
ALLOC_PROFILE_OUT="$out/allocations.json" node -r "$root/tools/bench/alloc/sample-allocations.cjs" "$bundle" --topic "$topic" --group-id "alloc-$(date +%s%N)" \
  --brokers "127.0.0.1:${CLICKSTREAM_KAFKA_PORT:-9092}" --clickhouse-url "http://127.0.0.1:${CLICKSTREAM_CLICKHOUSE_PORT:-8123}" \
  --redis-url "redis://127.0.0.1:${CLICKSTREAM_REDIS_PORT:-6379}" --metrics-port "$port" --metrics-host 127.0.0.1 >"$out/app.log" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 3000); do
  done_count=$( (curl -s "http://127.0.0.1:$port/metrics" || true) | awk -v m="$metric" '$1 ~ "^"m"({|$)" {s+=$2} END {printf "%d", s}')
  [ "${done_count:-0}" -ge "$events" ] && break
  kill -0 $pid 2>/dev/null || { echo "app exited early; see $out/app.log" >&2; exit 1; }
  sleep 0.2
done
kill -TERM $pid
wait $pid || true
trap - EXIT
node tools/bench/alloc/allocation-summary.cjs "$out/allocations.json" 25
