#!/usr/bin/env bash
# `npm run bench [-- --quick] [-- --publish] [-- --report-only]`: builds the app bundles the suite
# starts, then runs tools/bench/src/bench.ts (local stack up first: npm run stack:up).
#   --quick        smaller counts and a shorter freshness run (about 4 minutes instead of about 7)
#   --publish      name the result published-pipeline-<time>.json so it can be committed
#   --report-only  only regenerate docs/benchmarks.md and docs/bench-charts from the newest results
source "$(dirname "$0")/../scripts/script-help.sh" "$@"
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
bash tools/scripts/ensure-node-deps.sh
mkdir -p tmp
if ! NX_DAEMON=false NX_NO_CLOUD=true npx nx run-many -t build -p producer aggregator raw-sink --outputStyle=static >tmp/bench-build.log 2>&1; then
  cat tmp/bench-build.log >&2
  exit 1
fi
TSX_TSCONFIG_PATH=tsconfig.base.json exec node --import tsx tools/bench/src/bench.ts "$@"
