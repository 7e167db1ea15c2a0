#!/usr/bin/env bash
# Fetches the Apache Kafka broker (version pinned in tools/local-stack/kafka/pom.xml) and its runtime
# jars from Maven Central into $CLICKSTREAM_STACK_DIR/cache/kafka-<version>/libs.
# A stamp file written last marks the cache complete, so an interrupted fetch is redone and a
# complete cache makes this a fast no-op. Prints nothing on success unless it fetched.
source "$(dirname "$0")/script-help.sh" "$@"
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
pom="$root/tools/local-stack/kafka/pom.xml"
stack_dir=${CLICKSTREAM_STACK_DIR:-$root/.stack}

version=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$pom")
if [ -z "$version" ]; then
  echo "[kafka] cannot read <kafka.version> from $pom" >&2
  exit 1
fi
cache="$stack_dir/cache/kafka-$version"
stamp="$cache/.complete"
# The stamp holds the pom's hash: editing the pom (e.g. another logging binding) refetches.
want=$(sha256sum "$pom" | cut -d' ' -f1)
[ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && exit 0

for cmd in java mvn; do
  if ! command -v "$cmd" >/dev/null 2>&1; then
    echo "[kafka] '$cmd' is required (Debian: openjdk-17-jre-headless, maven); run tools/scripts/ensure-system-deps.sh" >&2
    exit 1
  fi
done

mkdir -p "$cache"
# Two `stack up` at once (parallel test processes) must not fetch into the same folder twice.
exec 9>"$cache.lock"
flock 9
[ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && exit 0

echo "[kafka] fetching Apache Kafka $version and its dependencies with Maven into $cache/libs ..." >&2
rm -rf "$cache/libs.partial"
# Maven's output goes to a log (it prints colour codes even in batch mode) and is shown on failure.
mvn_log="$cache/mvn.log"
if ! mvn -q -B -f "$pom" dependency:copy-dependencies \
  -DincludeScope=runtime -DoutputDirectory="$cache/libs.partial" >"$mvn_log" 2>&1; then
  sed 's/\x1b\[[0-9;]*m//g' "$mvn_log" | tail -n 40 >&2
  echo "[kafka] mvn failed (full log: $mvn_log)" >&2
  exit 1
fi
jar_count=$(find "$cache/libs.partial" -name '*.jar' | wc -l)
if ! ls "$cache/libs.partial"/kafka_2.13-"$version".jar >/dev/null 2>&1 || [ "$jar_count" -lt 20 ]; then
  echo "[kafka] the fetch looks incomplete ($jar_count jars in $cache/libs.partial)" >&2
  exit 1
fi
rm -rf "$cache/libs"
mv "$cache/libs.partial" "$cache/libs"
echo "$want" > "$stamp"
echo "[kafka] $jar_count jars ready in $cache/libs" >&2
