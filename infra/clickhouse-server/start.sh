#!/bin/bash
# Entrypoint wrapper of the compose ClickHouse: reads the users' passwords from the secrets into the
# environment of the server process only (users.d/clickstream-users.xml reads them with from_env),
# then runs the image's own entrypoint. CLICKHOUSE_USER/CLICKHOUSE_PASSWORD make the image create
# clickstream_admin (migrations, initdb) in place of its default user.
set -euo pipefail
secret() { tr -d '\n' < "/run/secrets/$1"; }
export CLICKHOUSE_USER=clickstream_admin
CLICKHOUSE_PASSWORD=$(secret clickhouse-admin-password)
CLICKHOUSE_APP_PASSWORD=$(secret clickhouse-app-password)
CLICKHOUSE_READER_PASSWORD=$(secret clickhouse-reader-password)
CLICKHOUSE_GRAFANA_PASSWORD=$(secret clickhouse-grafana-password)
export CLICKHOUSE_PASSWORD CLICKHOUSE_APP_PASSWORD CLICKHOUSE_READER_PASSWORD CLICKHOUSE_GRAFANA_PASSWORD
exec /entrypoint.sh "$@"
