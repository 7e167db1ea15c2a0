#!/usr/bin/env bash
# Two builds of a consumer app reading the same LIVE topic AT THE SAME TIME while the producer sends
# 20,000 events/s; prints the cores each used over the middle of the run, and B/A.
# Why at the same time: see catch-up-ab.sh (this machine's speed drifts within minutes). Why live:
# at a steady rate batches are small and per-batch, per-flush and timer costs count, which a
# catch-up does not show.
# usage: bash tools/bench/live-ab.sh A_BUNDLE B_BUNDLE [SECONDS] [FORMAT]
#   SECONDS  how long the producer sends (default 90, at least 40); CPU is taken from second 20 to SECONDS - 10
#   FORMAT   json (default) or avro
# Uses the local stack's ports (CLICKSTREAM_KAFKA_PORT, CLICKSTREAM_CLICKHOUSE_PORT, CLICKSTREAM_REDIS_PORT).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
a=$1 b=$2 secs=${3:-90} format=${4:-json}
[ "$secs" -ge 40 ] || { echo "SECONDS must be at least 40" >&2; exit 2; }
brokers="127.0.0.1:${CLICKSTREAM_KAFKA_PORT:-9092}"
topic="live-ab-$(date +%s%N)"
out=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done; rm -rf "$out"; }
trap cleanup EXIT

node -e "
const { Kafka, logLevel } = require('kafkajs');
const admin = new Kafka({ brokers: ['$brokers'], logLevel: logLevel.NOTHING }).admin();
admin.connect().then(() => admin.createTopics({ waitForLeaders: true, topics: [{ topic: '$topic', numPartitions: 4 }] })).then(() => admin.disconnect());
"
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
start() {
  node "$1" --topic "$topic" --group-id "live-ab-$2-$(date +%s%N)" --brokers "$brokers" \
    --clickhouse-url "http://127.0.0.1:${CLICKSTREAM_CLICKHOUSE_PORT:-8123}" --redis-url "redis://127.0.0.1:${CLICKSTREAM_REDIS_PORT:-6379}" \
    --metrics-port "$(free_port)" --metrics-host 127.0.0.1 >"$out/$2.log" 2>&1 &
  echo $!
}
ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
pa=$(start "$a" a); pids+=("$pa")
pb=$(start "$b" b); pids+=("$pb")
sleep 3
node dist/apps/producer/main.js --topic "$topic" --brokers "$brokers" --rate 20000 --duration "$secs" --format "$format" --seed 11 \
  --progress off --metrics-port "$(free_port)" --metrics-host 127.0.0.1 >"$out/producer.log" 2>&1 &
pp=$!; pids+=("$pp")
sleep 20
a0=$(ticks "$pa"); b0=$(ticks "$pb"); t0=$(date +%s.%N)
sleep $((secs - 30))
a1=$(ticks "$pa"); b1=$(ticks "$pb"); t1=$(date +%s.%N)
wait "$pp"
echo "$a and $b on $topic ($format), cores from second 20 to $((secs - 10)):"
awk -v a0="$a0" -v a1="$a1" -v b0="$b0" -v b1="$b1" -v t0="$t0" -v t1="$t1" \
  'BEGIN { printf "A %.4f cores, B %.4f cores, B/A %.3f\n", (a1-a0)/100/(t1-t0), (b1-b0)/100/(t1-t0), (b1-b0)/(a1-a0) }'
