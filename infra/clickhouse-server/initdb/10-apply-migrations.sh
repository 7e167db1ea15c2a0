#!/bin/bash
# Applies the ClickHouse migrations (infra/clickhouse/NNNN_*.sql, mounted at $MIGRATIONS_DIR) to
# database `rt`, in version order, each exactly once.
#
# The server image's entrypoint runs this from /docker-entrypoint-initdb.d while a temporary server
# listens on 127.0.0.1 only; CLICKHOUSE_ALWAYS_RUN_INITDB_SCRIPTS=1 (docker-compose.yml) makes it run
# on every start, not only on an empty volume, so a migration added later is applied on the next
# restart. It keeps the same ledger as the TypeScript runner (@clickstream/schema-bootstrap,
# `npm run stack:up`): <database>.schema_migrations with the SHA-256 of each file (CRLF
# normalised), so either runner sees what the other applied, and an applied file that was edited
# stops the start instead of silently diverging.
#
# Migrations use unqualified table names on purpose: clickhouse-client --database selects the target.
# Statements are idempotent (IF NOT EXISTS), so a migration that failed half-way is rerun whole.
#
# Runs in a subshell: if the file lost its executable bit, the entrypoint sources it instead, and
# neither `set -e` nor `exit` may leak into the entrypoint then.
(
  set -euo pipefail
  shopt -s nullglob

  database=${CLICKSTREAM_DATABASE:-rt}
  migrations_dir=${MIGRATIONS_DIR:-/clickstream/migrations}
  log() { echo "[clickstream-migrations] $*"; }
  die() { echo "[clickstream-migrations] ERROR: $*" >&2; exit 1; }
  ch() {
    clickhouse-client --host 127.0.0.1 --user "${CLICKHOUSE_USER:-default}" \
      --password "${CLICKHOUSE_PASSWORD:-}" "$@"
  }

  [[ $database =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || die "database name '$database' is not a plain identifier"
  [ -d "$migrations_dir" ] || die "no migrations folder at $migrations_dir (is infra/clickhouse mounted?)"

  # Same rules as the TypeScript runner: every .sql file must be NNNN_snake_case_name.sql and no two
  # may share a version; skipping or reordering a migration silently is worse than failing.
  files=()
  declare -A seen_version=()
  for f in "$migrations_dir"/*.sql; do
    name=$(basename "$f")
    [[ $name =~ ^([0-9]{4})_([a-z0-9][a-z0-9_]*)\.sql$ ]] || die "$name: expected NNNN_snake_case_name.sql"
    version=$((10#${BASH_REMATCH[1]}))
    [ -z "${seen_version[$version]:-}" ] || die "$name: version $version is also used by ${seen_version[$version]}"
    seen_version[$version]=$name
    files+=("$f")
  done
  [ ${#files[@]} -gt 0 ] || die "no migration files in $migrations_dir"
  # Four-digit prefixes: lexical order (the glob's) is version order.

  ch --query "CREATE DATABASE IF NOT EXISTS \`$database\`"
  ch --database "$database" --query "CREATE TABLE IF NOT EXISTS schema_migrations
    (version UInt32, name String, checksum String, applied_at DateTime64(3, 'UTC') DEFAULT now64(3))
    ENGINE = ReplacingMergeTree ORDER BY version"

  applied=0
  for f in "${files[@]}"; do
    file=$(basename "$f")
    [[ $file =~ ^([0-9]{4})_(.*)\.sql$ ]]
    version=$((10#${BASH_REMATCH[1]}))
    name=${BASH_REMATCH[2]}
    checksum=$(sed 's/\r$//' "$f" | sha256sum | cut -d' ' -f1)
    recorded=$(ch --database "$database" --query \
      "SELECT checksum FROM schema_migrations FINAL WHERE version = $version")
    if [ -n "$recorded" ]; then
      [ "$recorded" = "$checksum" ] ||
        die "$file was edited after it was applied to $database (recorded $recorded, now $checksum); add a new migration instead"
      continue
    fi
    log "applying $file to $database"
    ch --database "$database" --multiquery < "$f" || die "$file failed; fix it and restart (its statements are rerun from the first)"
    ch --database "$database" --query \
      "INSERT INTO schema_migrations (version, name, checksum) VALUES ($version, '$name', '$checksum')"
    applied=$((applied + 1))
  done
  log "$database: $applied applied, $(( ${#files[@]} - applied )) already up to date"
)
