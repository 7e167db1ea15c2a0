#!/usr/bin/env bash
# `npm run <app> -- <flags>`: build one app's bundle (cached by Nx) and run it with the given flags
# (`-- --help` lists them). It talks to the local stack on its CLICKSTREAM_*_PORT ports unless
# KAFKA_BROKERS / CLICKHOUSE_URL / REDIS_URL say otherwise.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
app=${1:?usage: run-app.sh <producer|aggregator|raw-sink|anomaly-scorer> [flags...]}
shift
bash tools/scripts/ensure-node-deps.sh
source tools/scripts/stack-endpoints.sh
mkdir -p tmp
if ! NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false npx nx build "$app" --outputStyle=static >"tmp/build-$app.log" 2>&1; then
  cat "tmp/build-$app.log" >&2
  echo "build of $app failed (log above)" >&2
  exit 1
fi
exec node --enable-source-maps "dist/apps/$app/main.js" "$@"
