#!/usr/bin/env bash
# Peak RSS of a consumer app reading a preloaded topic: once EVENTS records are in, and after HOLD_S
# more seconds of checkpoints of the full state (how issue 15's 100k-open-keys figure was taken apart).
# usage: bash tools/bench/peak-rss.sh BUNDLE TOPIC EVENTS HOLD_S [app flags...]
#   CKPT=<ms> sets --checkpoint-interval-ms (default 2000, as the bench's checkpoint scenario).
# Uses the local stack's ports (CLICKSTREAM_KAFKA_PORT, CLICKSTREAM_CLICKHOUSE_PORT, CLICKSTREAM_REDIS_PORT).
set -euo pipefail
[ $# -ge 4 ] || { sed -n 2,5p "$0" >&2; exit 2; }
bundle=$1 topic=$2 events=$3 hold=$4; shift 4
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
log=$(mktemp)
node "$bundle" --topic "$topic" --group-id "peak-rss-$(date +%s%N)" --checkpoint-interval-ms "${CKPT:-2000}" \
  --brokers "127.0.0.1:${CLICKSTREAM_KAFKA_PORT:-9092}" --clickhouse-url "http://127.0.0.1:${CLICKSTREAM_CLICKHOUSE_PORT:-8123}" \
  --redis-url "redis://127.0.0.1:${CLICKSTREAM_REDIS_PORT:-6379}" --metrics-port "$port" --metrics-host 127.0.0.1 "$@" >"$log" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null || true; rm -f "$log"' EXIT
records() { (curl -s "http://127.0.0.1:$port/metrics" || true) | awk '$1 ~ "^stream_records_total({|$)" {s+=$2} END {printf "%d", s}'; }
for _ in $(seq 1 3000); do
  [ "$(records)" -ge "$events" ] && break
  kill -0 "$pid" 2>/dev/null || { echo "the app exited:" >&2; tail -5 "$log" >&2; exit 1; }
  sleep 0.2
done
hwm() { awk '/VmHWM/{print int($2/1024)}' "/proc/$pid/status"; }
at_last=$(hwm); sleep "$hold"
echo "$bundle $*: peak RSS MB at the last record $at_last, after ${hold} s more $(hwm)"
