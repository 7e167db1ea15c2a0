#!/usr/bin/env bash
# Installs the Debian packages the local stack runs on, only when missing:
#   redis-server  the Redis the stream engine checkpoints into
#   kcat          an independent Kafka client for checks (`kcat -L -b 127.0.0.1:9092`)
#   prometheus    the local stack's Prometheus, and promtool, which validates infra/prometheus
#   chromium      headless browser for the dashboard test (apps/dashboards-e2e, driven by playwright-core)
#   python3-yaml  infra/validate-config.py reads the compose and provisioning YAML
# Java 17 and Maven are needed to fetch and run Kafka (tools/scripts/ensure-kafka.sh); they are
# checked here too so a missing JDK fails early with one clear message.
# Fast no-op when everything is present.
source "$(dirname "$0")/script-help.sh" "$@"
set -euo pipefail

declare -A pkg_for_cmd=([redis-server]=redis-server [kcat]=kcat [promtool]=prometheus [prometheus]=prometheus [chromium]=chromium [java]=openjdk-17-jre-headless [mvn]=maven [openssl]=openssl)
missing=()
for cmd in redis-server kcat promtool prometheus chromium java mvn openssl; do
  command -v "$cmd" >/dev/null 2>&1 || missing+=("${pkg_for_cmd[$cmd]}")
done
python3 -c 'import yaml' >/dev/null 2>&1 || missing+=(python3-yaml)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "[system-deps] missing Debian packages: ${missing[*]}" >&2
  echo "[system-deps] install them as root: sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi

# Two `stack up` at once must not run two apt-get at once (dpkg lock errors).
exec 8>/tmp/clickstream-system-deps.lock
flock 8
still_missing=()
for pkg in "${missing[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || still_missing+=("$pkg")
done
[ ${#still_missing[@]} -eq 0 ] && exit 0

echo "[system-deps] installing: ${still_missing[*]}" >&2
# Debian's postinst would start a system-wide redis-server on 6379, which then blocks our own.
# A policy-rc.d answering 101 tells invoke-rc.d not to start services; add one only for this install.
temp_policy=""
if [ ! -e /usr/sbin/policy-rc.d ]; then
  temp_policy=/usr/sbin/policy-rc.d
  printf '#!/bin/sh\nexit 101\n' > "$temp_policy"
  chmod +x "$temp_policy"
  trap 'rm -f "$temp_policy"' EXIT
fi
export DEBIAN_FRONTEND=noninteractive
# The package lists may be absent on a fresh machine; refresh them once if the install cannot find a package.
if ! apt-get install -y -q --no-install-recommends "${still_missing[@]}" >&2; then
  apt-get update -q >&2
  apt-get install -y -q --no-install-recommends "${still_missing[@]}" >&2
fi
