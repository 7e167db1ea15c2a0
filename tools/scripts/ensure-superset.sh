#!/usr/bin/env bash
# Installs Apache Superset 6.1.0 and clickhouse-connect (its SQLAlchemy dialect for ClickHouse) into a
# virtual environment under the stack folder, pinned by infra/superset/constraints.txt:
#   <stack dir>/cache/superset-6.1.0/venv
# A stamp holding the hash of the pins tells "installed from these pins" apart from "stale or half
# done" (an interrupted install leaves no stamp and is redone). Fast no-op when up to date.
# Prints the venv path on stdout.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

superset_version=6.1.0
stack_dir=$(cd "$root" && mkdir -p "${CLICKSTREAM_STACK_DIR:-.stack}" && cd "${CLICKSTREAM_STACK_DIR:-.stack}" && pwd)
home="$stack_dir/cache/superset-$superset_version"
venv="$home/venv"
constraints="$root/infra/superset/constraints.txt"
want=$(cat "$constraints" "$0" | sha256sum | cut -d' ' -f1)
stamp="$venv/.clickstream-pins-hash"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  echo "$venv"
  exit 0
fi

mkdir -p "$home"
# Two starts at once (npm start in the background and a test) must not build one venv twice.
exec 9>"$home/.install.lock"
flock 9
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  echo "$venv"
  exit 0
fi

# Superset 6.1 supports Python 3.10 to 3.12.
python=""
for candidate in python3.11 python3.12 python3.10 python3; do
  if command -v "$candidate" >/dev/null 2>&1 &&
    "$candidate" -c 'import sys; sys.exit(0 if (3, 10) <= sys.version_info[:2] <= (3, 12) else 1)' 2>/dev/null; then
    python=$candidate
    break
  fi
done
if [ -z "$python" ]; then
  echo "[superset] Python 3.10-3.12 is required for Superset $superset_version (found: $(python3 --version 2>&1 || echo none))" >&2
  exit 1
fi

started=$(date +%s)
echo "[superset] installing Apache Superset $superset_version into $venv (first time only, a few minutes)..." >&2
rm -rf "$venv"
if ! "$python" -m venv "$venv" >&2 2>/dev/null; then
  # Debian's python3 ships venv's pip bootstrap separately.
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends python3-venv >&2 ||
      { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends python3-venv >&2; }
    rm -rf "$venv"
    "$python" -m venv "$venv" >&2
  else
    echo "[superset] '$python -m venv' failed: install python3-venv (Debian) and retry" >&2
    exit 1
  fi
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check --no-input -c "$constraints" \
  "apache-superset==$superset_version" "clickhouse-connect==1.12.0" >&2
"$venv/bin/python" -c 'import superset, clickhouse_connect.cc_sqlalchemy' >&2
echo "$want" > "$stamp"
echo "[superset] installed in $(( $(date +%s) - started )) s" >&2
echo "$venv"
