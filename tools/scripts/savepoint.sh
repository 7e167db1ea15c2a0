#!/usr/bin/env bash
# `npm run savepoint -- <aggregator|raw-sink> export|import FILE [the app's flags]`: a consumer
# group's checkpoint state (offsets and engine state of every partition, from Redis) to a file, and
# back into an EMPTY group (moving Redis, upgrades). An import whose state does not fit the app's
# settings (window size, watermark bound, lateness, anomaly history, topic, state schema) is refused
# with the reason. The app's flags and env choose the group (--group-id) and Redis (--redis-url), as
# when it runs; defaults follow the local stack's CLICKSTREAM_*_PORT. Details: docs/operations.md.
source "$(dirname "$0")/script-help.sh" "$@"
set -euo pipefail
app=${1:?usage: npm run savepoint -- <aggregator|raw-sink> export|import FILE [flags]}
shift
case "$app" in aggregator|raw-sink) ;; *) echo "savepoint: no savepoints for '$app' (aggregator or raw-sink)" >&2; exit 2 ;; esac
exec bash "$(dirname "$0")/run-app.sh" "$app" savepoint "$@"
