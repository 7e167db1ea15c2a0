#!/bin/sh
# Entrypoint of the compose Redis: TLS only (no plaintext port), the passwordless default user off,
# ACL users from the secrets: `clickstream` (the apps: checkpoint keys clickstream:* only, no admin or
# dangerous command) and `admin` (operators, healthcheck). Passwords are stored as SHA-256.
set -eu
hash() { tr -d '\n' < "/run/secrets/$1" | sha256sum | cut -d' ' -f1; }
conf=/tmp/redis.conf
umask 077
cat > "$conf" <<CONF
port 0
tls-port 6379
tls-cert-file /run/secrets/server-cert
tls-key-file /run/secrets/server-key
tls-ca-cert-file /run/secrets/ca-cert
tls-auth-clients no
user default off
user admin on #$(hash redis-admin-password) ~* &* +@all
user clickstream on #$(hash redis-app-password) resetkeys ~clickstream:* resetchannels +@all -@admin -@dangerous +info
dir /data
appendonly yes
appendfsync always
maxmemory-policy noeviction
CONF
exec redis-server "$conf"
