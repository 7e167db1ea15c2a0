#!/usr/bin/env bash
# `npm run bench`: builds the app bundles the suite starts, then runs tools/bench/src/bench.ts.
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
