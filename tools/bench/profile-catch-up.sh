#!/usr/bin/env bash
# A profile of one app catching up on a topic, with a fresh consumer group, stopped (SIGTERM, so the
# profile is written) once its records counter reaches EVENTS:
# - CPU (default): `node --cpu-prof`; prints self time per part of the code (tools/bench/src/profile).
# - --alloc: V8's sampling heap profiler, freed objects included (allocation, not retention;
#   tools/bench/alloc); prints MB allocated per function and caller, as bundle lines (look them up
#   in BUNDLE). This script polls /metrics every 0.2 s, so prom-client's answers show up too.
# usage: bash tools/bench/profile-catch-up.sh [--alloc] BUNDLE TOPIC EVENTS OUT_DIR [METRIC]
#   BUNDLE  e.g. dist/apps/aggregator/main.js (or a saved copy of another build)
#   METRIC  the counter to wait for (default stream_records_total; raw sink: raw_sink_rows_inserted_total)
# Uses the local stack's ports (CLICKSTREAM_KAFKA_PORT, CLICKSTREAM_CLICKHOUSE_PORT, CLICKSTREAM_REDIS_PORT).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
alloc=false
if [ "${1:-}" = "--alloc" ]; then alloc=true; shift; fi
bundle=$1 topic=$2 events=$3 out=$4 metric=${5:-stream_records_total}
mkdir -p "$out"
if $alloc; then
  profiler=(-r "$root/tools/bench/alloc/sample-allocations.cjs")
  export ALLOC_PROFILE_OUT="$out/allocations.json"
else
  profiler=(--cpu-prof --cpu-prof-dir="$out")
fi
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
group="profile-$(date +%s%N)"
node "${profiler[@]}" "$bundle" --topic "$topic" --group-id "$group" \
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
if $alloc; then
  node tools/bench/alloc/allocation-summary.cjs "$ALLOC_PROFILE_OUT" 25
else
  profile=$(ls -t "$out"/*.cpuprofile | head -1)
  TSX_TSCONFIG_PATH=tsconfig.base.json node --import tsx tools/bench/src/profile/profile-summary.ts "$profile" 20
fi
