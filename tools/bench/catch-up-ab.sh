#!/usr/bin/env bash
# Two builds of a consumer app catching up on the same topic AT THE SAME TIME, each with a fresh
# consumer group, ROUNDS times; prints events per CPU-second of each and B/A per round.
# Why at the same time: this machine's speed drifts by +-20% within minutes (shared host), so two
# runs one after the other compare the machine more than the builds; side by side, both see the
# same conditions. Both share the cores with Kafka and ClickHouse, so absolute figures are lower
# than a job running alone: read the ratio.
# usage: bash tools/bench/catch-up-ab.sh A_BUNDLE B_BUNDLE TOPIC EVENTS [ROUNDS] [METRIC]
#   A_BUNDLE, B_BUNDLE  e.g. a saved copy of main's dist/apps/aggregator/main.js, and dist/apps/aggregator/main.js
#   TOPIC   a preloaded topic with at least EVENTS records (e.g. from the producer with --count);
#           A_TOPIC:B_TOPIC reads a different topic on each side, e.g. one build on the 1x and the
#           100x topic at the same time (issue 14's ratio, measured side by side)
#   METRIC  the counter to wait for (default stream_records_total)
# CPU per app: utime + stime from /proc, from the first metrics poll that saw records to the one
# that saw EVENTS (start-up excluded). Uses the local stack's ports (CLICKSTREAM_KAFKA_PORT,
# CLICKSTREAM_CLICKHOUSE_PORT, CLICKSTREAM_REDIS_PORT).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
a=$1 b=$2 topics=$3 events=$4 rounds=${5:-3} metric=${6:-stream_records_total}
topic_a=${topics%%:*} topic_b=${topics#*:}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# One app from its first to its EVENTS-th record: "<events> <cpu ticks>" on stdout.
catch_up() {
  local bundle=$1 log=$2 topic=$3 port pid n c0="" n0=0 c1
  port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
  node "$bundle" --topic "$topic" --group-id "ab-$(date +%s%N)" \
    --brokers "127.0.0.1:${CLICKSTREAM_KAFKA_PORT:-9092}" --clickhouse-url "http://127.0.0.1:${CLICKSTREAM_CLICKHOUSE_PORT:-8123}" \
    --redis-url "redis://127.0.0.1:${CLICKSTREAM_REDIS_PORT:-6379}" --metrics-port "$port" --metrics-host 127.0.0.1 >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 6000); do
    n=$( (curl -s "http://127.0.0.1:$port/metrics" || true) | awk -v m="$metric" '$1 ~ "^"m"({|$)" {s+=$2} END {printf "%d", s}')
    if [ -z "$c0" ] && [ "${n:-0}" -gt 0 ]; then c0=$(awk '{print $14+$15}' "/proc/$pid/stat"); n0=$n; fi
    [ "${n:-0}" -ge "$events" ] && break
    kill -0 "$pid" 2>/dev/null || { echo "$bundle exited; see $log" >&2; return 1; }
    sleep 0.1
  done
  c1=$(awk '{print $14+$15}' "/proc/$pid/stat")
  kill -TERM "$pid"
  wait "$pid" || true
  echo "$((events - n0)) $((c1 - c0))"
}

ticks=$(getconf CLK_TCK)
for round in $(seq 1 "$rounds"); do
  catch_up "$a" "$out/a.log" "$topic_a" >"$out/a" & pa=$!
  catch_up "$b" "$out/b.log" "$topic_b" >"$out/b" & pb=$!
  wait "$pa" "$pb"
  read -r na ca <"$out/a"
  read -r nb cb <"$out/b"
  node -e "
    const [na, ca, nb, cb, t] = process.argv.slice(1).map(Number);
    const ea = na / (ca / t), eb = nb / (cb / t);
    console.log('round $round: A ' + Math.round(ea) + ' events/CPU-s (' + (ca / t).toFixed(2) + ' CPU s), B ' + Math.round(eb) + ' (' + (cb / t).toFixed(2) + ' CPU s), B/A ' + (eb / ea).toFixed(3));
  " "$na" "$ca" "$nb" "$cb" "$ticks"
done
