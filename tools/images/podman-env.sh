# Sourced by the image scripts: podman settings that work on a machine without a Docker engine
# (Debian 12, root, hybrid cgroups). crun fails there ("cgroups in hybrid mode not supported") and
# podman's default ulimits exceed the hard limits, so a containers.conf of our own sets runc,
# cgroupfs and ulimits within the machine's hard limit. CONTAINERS_CONF set by the caller wins.
_images_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
if [ -z "${CONTAINERS_CONF:-}" ]; then
  _conf_dir="$_images_root/tmp/podman"
  mkdir -p "$_conf_dir"
  _nofile=$(ulimit -Hn)
  [ "$_nofile" = unlimited ] && _nofile=1048576
  cat >"$_conf_dir/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=$_nofile:$_nofile", "nproc=32768:32768"]
[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
CONF
  export CONTAINERS_CONF="$_conf_dir/containers.conf"
fi

# Installs podman and what the local base image needs (Debian packages), once.
ensure_podman() {
  local missing=()
  for cmd in podman buildah runc debootstrap; do command -v "$cmd" >/dev/null || missing+=("$cmd"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "[images] installing ${missing[*]} (apt)..." >&2
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o DPkg::Lock::Timeout=300 podman buildah runc debootstrap >&2 || {
    $sudo apt-get update -q >&2 && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q podman buildah runc debootstrap >&2
  }
}

# The machine's CA bundle, mounted at build time (npm ci) and run time (HTTPS clients): a TLS-
# intercepting proxy's root is trusted without baking it into a layer.
HOST_CA_BUNDLE=${HOST_CA_BUNDLE:-/etc/ssl/certs/ca-certificates.crt}
