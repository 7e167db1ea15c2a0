#!/usr/bin/env bash
# Quick pipeline measurements on the running local stack (`npm run stack:up` first):
#   1. producer: N events as fast as it can (events/s)
#   2. aggregator and raw-sink catching up on those N events (events/s wall, events per CPU-second
#      of the app's own process from /proc, peak RSS)
#   3. live: producer at R events/s for D seconds with both apps running; produce-to-visible latency
#      of clicks_raw rows (ingested_at - ts, jitter off) and of window rows (flushed_at - watermark
#      passing the window end)
# Usage: tools/bench/pipeline-quick.sh [N=1000000] [R=5000] [D=135]
# Everything goes to its own topics and database (bench_<pid>), dropped at the end.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
N=${1:-1000000} R=${2:-5000} D=${3:-135}
id=bench_$$
ch=${CLICKHOUSE_URL:-http://127.0.0.1:8123}
brokers=${KAFKA_BROKERS:-127.0.0.1:9092}
sql() { curl -sS --fail-with-body "$ch/" --data-binary "$1"; }

NX_DAEMON=false NX_NO_CLOUD=true npx nx run-many -t build -p producer aggregator raw-sink --outputStyle=static >/dev/null
node -e "
const {Kafka}=require('kafkajs');const a=new Kafka({brokers:'$brokers'.split(','),logLevel:0}).admin();
a.connect().then(()=>a.createTopics({waitForLeaders:true,topics:['${id}_pre','${id}_live'].map(topic=>({topic,numPartitions:4})).concat([{topic:'${id}_dlq',numPartitions:1}])})).then(()=>a.disconnect())"
sql "CREATE DATABASE $id"
for f in infra/clickhouse/[0-9]*.sql; do
  python3 - "$ch" "$id" "$f" <<'PY'
import re, sys, urllib.request
ch, db, f = sys.argv[1:]
for st in [s for s in re.split(r';\s*\n', open(f).read()) if s.strip()]:
    st = '\n'.join(l for l in st.splitlines() if not l.strip().startswith('--'))
    if st.strip(): urllib.request.urlopen(urllib.request.Request(f'{ch}/?database={db}', data=st.encode())).read()
PY
done
cleanup() {
  pkill -TERM -f "$id" 2>/dev/null || true
  sql "DROP DATABASE IF EXISTS $id SYNC" >/dev/null || true
  node -e "const {Kafka}=require('kafkajs');const a=new Kafka({brokers:'$brokers'.split(','),logLevel:0}).admin();a.connect().then(()=>a.deleteTopics({topics:['${id}_pre','${id}_live','${id}_dlq']})).then(()=>a.disconnect())" || true
}
trap cleanup EXIT
app_args() { echo "--topic $1 --dead-letter-topic ${id}_dlq --group-id ${id}-$2 --clickhouse-database $id --brokers $brokers --clickhouse-url $ch"; }

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), node $(node -v), load $(cut -d' ' -f1-3 /proc/loadavg)"
start_hour=$(date -u -d '-2 hours' +%Y-%m-%dT%H:00:00Z)
node dist/apps/producer/main.js --topic ${id}_pre --brokers "$brokers" --count "$N" --rate 10000000 --event-rate 2000 \
  --start-time "$start_hour" --metrics-port 0 --progress off 2>&1 | grep '^producer:'

catch_up() { # app metric port
  local app=$1 metric=$2 port=$3
  # shellcheck disable=SC2046
  node dist/apps/$app/main.js $(app_args ${id}_pre $app) --metrics-port "$port" >"tmp/$id-$app.log" 2>&1 &
  local pid=$! start first="" v end
  start=$(date +%s.%N)
  while :; do
    # The metrics server is not up for the first moments: an empty answer counts as 0.
    v=$({ curl -s "127.0.0.1:$port/metrics" || true; } | awk -v m="$metric" '$1 ~ "^"m"({|$)" {s+=$2} END {print s+0}')
    [ -z "$first" ] && [ "${v%.*}" -gt 0 ] && first=$(date +%s.%N)
    [ "${v%.*}" -ge "$N" ] && break
    sleep 0.2
  done
  end=$(date +%s.%N)
  local cpu rss
  cpu=$(awk '{print ($14+$15)/100}' /proc/$pid/stat)
  rss=$(awk '/VmHWM/ {print $2/1024}' /proc/$pid/status)
  kill -TERM $pid; wait $pid || true
  python3 -c "f,e,c,r,n=$first,$end,$cpu,$rss,$N; print(f'$app catch-up: {n} events in {e-f:.2f} s ({n/(e-f):,.0f} events/s wall), {n/c:,.0f} events per CPU-second, peak RSS {r:.0f} MB')"
}
mkdir -p tmp
catch_up aggregator stream_records_total 19465
catch_up raw-sink raw_sink_rows_inserted_total 19466

# The live phase measures only its own rows.
for t in clicks_raw page_minute_agg late_events anomalies; do sql "TRUNCATE TABLE $id.$t"; done
# shellcheck disable=SC2046
node dist/apps/raw-sink/main.js $(app_args ${id}_live raw-live) --metrics-port 0 >"tmp/$id-raw-live.log" 2>&1 &
# shellcheck disable=SC2046
node dist/apps/aggregator/main.js $(app_args ${id}_live agg-live) --metrics-port 0 >"tmp/$id-agg-live.log" 2>&1 &
sleep 4
node dist/apps/producer/main.js --topic ${id}_live --brokers "$brokers" --rate "$R" --duration "$D" --jitter-ms 0 --late-ratio 0 \
  --metrics-port 0 --progress off 2>&1 | grep '^producer:'
sleep 3
echo "live: produce -> visible in clicks_raw (ms)"
sql "SELECT count() AS rows, round(quantile(0.5)(d)) AS p50, round(quantile(0.95)(d)) AS p95, round(quantile(0.99)(d)) AS p99, max(d) AS max
     FROM (SELECT toUnixTimestamp64Milli(ingested_at) - toUnixTimestamp64Milli(ts) AS d FROM $id.clicks_raw) FORMAT PrettyCompactMonoBlock"
echo "live: watermark passes window end -> window partials visible (ms; bound 10 s)"
sql "SELECT window_end, count() AS partials, sum(clicks) AS clicks,
       toUnixTimestamp64Milli(min(flushed_at)) - toUnixTimestamp64Milli(window_end) - 10000 AS first,
       toUnixTimestamp64Milli(max(flushed_at)) - toUnixTimestamp64Milli(window_end) - 10000 AS last
     FROM $id.page_minute_agg GROUP BY window_end ORDER BY window_end FORMAT PrettyCompactMonoBlock"
