#!/usr/bin/env bash
# `npm test`: every project's build (type check), lint and tests, integration tests included,
# against the real local stack (started here when it is not running; left running afterwards).
# Extra arguments go to `nx run-many` (e.g. `npm test -- -p window-engine`).
source "$(dirname "$0")/script-help.sh" "$@"
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

bash tools/scripts/ensure-node-deps.sh
bash tools/scripts/stack.sh up

export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
export CLICKSTREAM_TEST_TOTALS_DIR="$root/tmp/test-totals"
rm -rf "$CLICKSTREAM_TEST_TOTALS_DIR"

status=0
npx nx run-many -t build lint test --outputStyle=static "$@" || status=$?

node tools/scripts/sum-test-totals.mjs "$CLICKSTREAM_TEST_TOTALS_DIR"
exit $status
