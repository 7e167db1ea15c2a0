#!/usr/bin/env bash
# `npm run stack:up|down|status|logs`: the local Kafka + ClickHouse + Redis stack (tools/local-stack).
# `up` first installs whatever is missing (node modules, Debian packages, Kafka jars); each of those
# steps is a quick no-op when already done.
#   bash tools/scripts/stack.sh up | down | status | logs [kafka|clickhouse|redis] [-f] [-n N]
#   bash tools/scripts/stack.sh stop | start | wipe <kafka|clickhouse|redis>   (one service; wipe = delete its data)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

cmd=${1:-}
case "$cmd" in
  up|down|status|logs|stop|start|wipe) ;;
  *) echo "usage: $0 up|down|status|logs [service] [-f] | stop|start|wipe <service>" >&2; exit 2 ;;
esac

bash tools/scripts/ensure-node-deps.sh
if [ "$cmd" = up ]; then
  bash tools/scripts/ensure-system-deps.sh
  bash tools/scripts/ensure-kafka.sh
fi
# tsx from node_modules/.bin rather than `npx tsx`: same program, without npm's start-up (~0.3 s) and
# npm's config warnings on stderr. --tsconfig: tsx resolves the @clickstream/* path aliases from it.
exec "$root/node_modules/.bin/tsx" --tsconfig "$root/tools/local-stack/tsconfig.lib.json" tools/local-stack/src/cli.ts "$@"
