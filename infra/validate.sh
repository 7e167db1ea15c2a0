#!/usr/bin/env bash
# Validates infra/ (the `lint` target of the Nx project `infra`: npx nx run infra:lint):
#   1. Prometheus: promtool check config, check rules, and the alert unit tests.
#   2. Compose and Grafana, statically (validate-config.py): references between the files, pinned
#      images, dashboard JSON; plus `docker compose config -q` when a Compose CLI is installed (it
#      needs no Docker engine).
#   3. The dashboards' ClickHouse queries against the local stack's ClickHouse (rt), when one
#      answers (npm test starts it); skipped otherwise, or with INFRA_SKIP_SQL_CHECK=1.
# Needs promtool (Debian package `prometheus`) and python3 with PyYAML (Debian `python3-yaml`).
set -uo pipefail
infra=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$infra")
cd "$root"

failed=()
run() {
  local name=$1
  shift
  echo "== $name"
  if "$@"; then echo "   ok"; else failed+=("$name"); fi
}

# --- tools ----------------------------------------------------------------------------------------
missing=0
if ! command -v promtool >/dev/null 2>&1; then
  echo "promtool not found. Install it with:" >&2
  echo "  apt-get update && apt-get install -y --no-install-recommends prometheus" >&2
  echo "(the package also installs a prometheus service; where services start on install, stop it so it does not hold :9090)" >&2
  missing=1
fi
python=""
for candidate in python3 /usr/bin/python3; do
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import yaml' 2>/dev/null; then
    python=$candidate
    break
  fi
done
if [ -z "$python" ]; then
  echo "python3 with PyYAML not found. Install it with:" >&2
  echo "  apt-get update && apt-get install -y --no-install-recommends python3-yaml" >&2
  missing=1
fi
[ "$missing" -eq 0 ] || exit 1

# --- 1. Prometheus --------------------------------------------------------------------------------
# check config also loads the rule files, resolved relative to prometheus.yml (as in the container).
run "promtool check config" promtool check config infra/prometheus/prometheus.yml
run "promtool check rules" promtool check rules infra/prometheus/alerts.yml
run "promtool test rules" promtool test rules infra/prometheus/alerts.test.yml

# --- 2. Compose and Grafana -----------------------------------------------------------------------
run "compose and grafana consistency" "$python" infra/validate-config.py

compose=()
if docker compose version >/dev/null 2>&1; then
  compose=(docker compose)
elif command -v docker-compose >/dev/null 2>&1; then
  compose=(docker-compose)
fi
if [ ${#compose[@]} -gt 0 ]; then
  run "${compose[*]} config" "${compose[@]}" -f infra/docker-compose.yml config -q
else
  echo "== compose config: skipped (no docker compose CLI; the static checks above cover the structure)"
fi

# --- 3. Dashboard SQL against a live ClickHouse ---------------------------------------------------
clickhouse_url=${INFRA_CHECK_CLICKHOUSE_URL:-http://127.0.0.1:${CLICKSTREAM_CLICKHOUSE_PORT:-8123}}
if [ "${INFRA_SKIP_SQL_CHECK:-0}" = "1" ]; then
  echo "== dashboard SQL: skipped (INFRA_SKIP_SQL_CHECK=1)"
else
  echo "== dashboard SQL against $clickhouse_url (database rt)"
  sql_log=$(mktemp)
  "$python" infra/grafana/check-dashboard-sql.py --url "$clickhouse_url" --database rt \
    --user "${INFRA_CHECK_CLICKHOUSE_USER:-}" --password "${INFRA_CHECK_CLICKHOUSE_PASSWORD:-}" \
    infra/grafana/dashboards/*.json > "$sql_log" 2>&1
  status=$?
  case $status in
    0) tail -n 1 "$sql_log"; echo "   ok" ;;
    2) echo "   skipped: $(cat "$sql_log") (npm run stack:up starts one)" ;;
    *) grep -E '^FAIL|queries' "$sql_log"; failed+=("dashboard SQL") ;;
  esac
  rm -f "$sql_log"
fi

if [ ${#failed[@]} -gt 0 ]; then
  echo "infra validation FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "infra validation passed"
