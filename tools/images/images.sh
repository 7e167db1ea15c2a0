#!/usr/bin/env bash
# `npm run images [-- producer aggregator raw-sink]`: builds the app images with podman from the
# Dockerfiles compose uses (apps/<app>/Dockerfile, repository root as context), tagged
# clickstream/<app>:<version> (package.json) and clickstream/<app>:latest.
# Base image: BASE_IMAGE if set; else node:20-bookworm-slim when podman has it or can pull it; else
# a Node 20 base built here (tools/images/node-base.sh, kept in podman's storage).
# npm ci inside the build trusts the machine's CA bundle through a build-time mount (nothing of it
# stays in a layer). Prints each image's build time and size.
source "$(dirname "$0")/../scripts/script-help.sh" "$@"
set -euo pipefail
source "$(dirname "$0")/podman-env.sh"
root=$_images_root
cd "$root"

apps=("$@")
[ ${#apps[@]} -eq 0 ] && apps=(producer aggregator raw-sink anomaly-scorer)
for app in "${apps[@]}"; do
  [ -f "apps/$app/Dockerfile" ] || { echo "images: no app '$app' (one of producer, aggregator, raw-sink, anomaly-scorer)" >&2; exit 2; }
done
ensure_podman

base=${BASE_IMAGE:-}
if [ -z "$base" ]; then
  official=docker.io/library/node:20-bookworm-slim
  if podman image exists "$official" || timeout 60 podman pull -q "$official" >/dev/null 2>&1; then
    base=$official
  else
    echo "[images] no registry serves $official: using a locally built Node 20 base" >&2
    base=$(bash tools/images/node-base.sh)
  fi
fi
version=$(node -p "require('./package.json').version")

npmrc="$root/tmp/podman/build-npmrc"
mkdir -p "$(dirname "$npmrc")"
build_mounts=()
if [ -f "$HOST_CA_BUNDLE" ]; then
  echo "cafile=/etc/ssl/certs/host-ca.crt" >"$npmrc"
  build_mounts=(-v "$HOST_CA_BUNDLE:/etc/ssl/certs/host-ca.crt:ro" -v "$npmrc:/usr/local/etc/npmrc:ro")
fi

mkdir -p tmp
for app in "${apps[@]}"; do
  started=$(date +%s.%N)
  echo "[images] building clickstream/$app:$version from $base ..." >&2
  if ! podman build --network host --layers \
    --build-arg "BASE_IMAGE=$base" "${build_mounts[@]}" \
    -f "apps/$app/Dockerfile" -t "clickstream/$app:$version" -t "clickstream/$app:latest" . >"tmp/image-$app.log" 2>&1; then
    tail -30 "tmp/image-$app.log" >&2
    echo "[images] build of clickstream/$app failed (full log: tmp/image-$app.log)" >&2
    exit 1
  fi
  seconds=$(node -e "console.log((Date.now() / 1000 - $started).toFixed(1))")
  size=$(podman image inspect --format '{{.Size}}' "clickstream/$app:$version")
  echo "[images] clickstream/$app:$version built in $seconds s, $((size / 1000000)) MB" >&2
done
