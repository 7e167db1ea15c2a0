#!/usr/bin/env bash
# Superset on the local stack (on demand: `npm run stack:up` does not start it, `npm start` does, in
# the background). `up` installs Superset into its venv when missing (tools/scripts/ensure-superset.sh,
# a few minutes the first time), then starts it provisioned from infra/superset (admin user,
# ClickHouse connection, the Clickstream dashboard). The rest of the stack must be up.
#   bash tools/scripts/superset.sh up | down | status
# URL: http://127.0.0.1:${CLICKSTREAM_SUPERSET_PORT:-8088}/superset/dashboard/clickstream/
# (admin/admin unless CLICKSTREAM_SUPERSET_ADMIN_USER / _PASSWORD say otherwise).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

case "${1:-}" in
  up)
    bash tools/scripts/ensure-superset.sh >/dev/null
    exec bash tools/scripts/stack.sh start superset
    ;;
  down) exec bash tools/scripts/stack.sh stop superset ;;
  status) exec bash tools/scripts/stack.sh status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
