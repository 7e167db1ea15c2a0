#!/usr/bin/env bash
# `npm run backup -- NAME [flags]` / `npm run restore -- NAME [flags]`: ClickHouse's own BACKUP of the
# rt database (outputs, ledger, snapshots) to the `backups` disk (.stack/backups/clickhouse locally),
# and RESTORE of it. The backup holds the apps' flushes for its duration (Redis CLIENT PAUSE WRITE)
# so it is consistent with their checkpoints; a restore (apps stopped) drops rt, restores it, seals
# the ledger and clears the restored groups' Redis checkpoints: the apps then resume from the ledger.
# Flags (env): --clickhouse-url (CLICKHOUSE_URL), --clickhouse-database (CLICKHOUSE_DATABASE, rt),
# --redis-url (REDIS_URL), --disk (BACKUP_DISK, backups), --max-pause-ms; restore only: --force,
# --brokers (KAFKA_BROKERS), --group-ids and --topic (groups whose offsets go back to the earliest).
# Defaults follow the local stack's CLICKSTREAM_*_PORT. Details: docs/operations.md.
source "$(dirname "$0")/script-help.sh" "$@"
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
command=${1:?usage: backup.sh backup|restore NAME [flags]}
shift
bash tools/scripts/ensure-node-deps.sh
source tools/scripts/stack-endpoints.sh
exec "$root/node_modules/.bin/tsx" --tsconfig "$root/tsconfig.base.json" libs/operations/src/cli/backup-cli.ts "$command" "$@"
