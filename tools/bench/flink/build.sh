#!/usr/bin/env bash
# Builds the reference Flink job (tools/bench/flink) with Maven into
# $CLICKSTREAM_STACK_DIR/cache/flink-bench-<hash of pom + sources>/ and prints the java class path
# to run it with (classes + runtime jars). A stamp written last makes a complete build a fast no-op.
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
dir="$root/tools/bench/flink"
stack_dir=${CLICKSTREAM_STACK_DIR:-$root/.stack}
hash=$(cat "$dir/pom.xml" $(find "$dir/src" -type f | sort) | sha256sum | cut -c1-12)
out="$stack_dir/cache/flink-bench-$hash"
if [ ! -f "$out/.complete" ]; then
  for cmd in java mvn; do
    command -v "$cmd" >/dev/null 2>&1 || { echo "[flink-bench] '$cmd' is required (tools/scripts/ensure-system-deps.sh)" >&2; exit 1; }
  done
  mkdir -p "$out"
  exec 9>"$out.lock"
  flock 9
  if [ ! -f "$out/.complete" ]; then
    echo "[flink-bench] building the reference Flink job into $out ..." >&2
    log="$out/mvn.log"
    if ! mvn -q -B -f "$dir/pom.xml" -Dbench.build.dir="$out/build" compile dependency:copy-dependencies \
      -DincludeScope=runtime -DoutputDirectory="$out/libs" >"$log" 2>&1; then
      sed 's/\x1b\[[0-9;]*m//g' "$log" | tail -n 40 >&2
      echo "[flink-bench] mvn failed (full log: $log)" >&2
      exit 1
    fi
    touch "$out/.complete"
  fi
fi
echo "$out/build/classes:$out/libs/*"
