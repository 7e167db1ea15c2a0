#!/usr/bin/env bash
# `npm run drill [-- --quick] [-- --only kill-9,redis-empty]`: fault drills on a private stack of their
# own (free loopback ports, folder under tmp/drill, stopped at the end), verdict table on stdout,
# bench/results/drill-<timestamp>.json, and (full runs) docs/reliability.md regenerated.
# Builds the app bundles first: the drills run the real dist/apps/*/main.js.
source "$(dirname "$0")/script-help.sh" "$@"
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

bash tools/scripts/ensure-node-deps.sh
bash tools/scripts/ensure-system-deps.sh
bash tools/scripts/ensure-kafka.sh
NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false npx nx run-many -t build -p producer aggregator raw-sink --outputStyle=static >&2
export TSX_TSCONFIG_PATH="$root/tsconfig.base.json"
exec "$root/node_modules/.bin/tsx" apps/pipeline-e2e/src/cli/drill.ts "$@"
