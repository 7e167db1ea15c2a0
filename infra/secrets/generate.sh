#!/usr/bin/env bash
# Creates the compose stack's secrets in infra/secrets/ (gitignored), once: a CA, one server
# certificate for the service names (kafka, redis, clickhouse, localhost), and a random password per
# user. docker-compose.yml hands them to the containers as /run/secrets/<name> files; nothing secret
# is in the compose file, an environment variable or a command line.
#
#   bash infra/secrets/generate.sh        # idempotent: keeps what exists
#
# The folder is 0700 (only you can list or read it on the host); the files are 0644 because compose
# bind-mounts them as they are and each image runs as its own uid (kafka 1000, clickhouse 101,
# redis 999, node 1000). Rotate a password: delete its file, rerun, and restart the stack (Kafka's
# SCRAM users are written when its volume is formatted: rotate those with kafka-configs.sh).
set -euo pipefail
dir=$(cd "$(dirname "$0")" && pwd)
cd "$dir"
chmod 700 "$dir"
umask 022

password() { [ -s "$1" ] || { openssl rand -base64 24 | tr -d '/+=\n' > "$1"; echo "created $1"; }; }
for name in kafka-admin kafka-app redis-admin redis-app clickhouse-admin clickhouse-app clickhouse-reader clickhouse-grafana; do
  password "$name.password"
done

if [ ! -s server-keystore.pem ]; then
  openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 3650 -subj "/CN=clickstream compose CA" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null
  chmod 600 ca.key
  printf 'subjectAltName=DNS:kafka,DNS:redis,DNS:clickhouse,DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n' > server.ext
  openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj /CN=clickstream 2>/dev/null
  openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 825 -extfile server.ext 2>/dev/null
  cat server.key server.pem > server-keystore.pem
  chmod 644 server.key server-keystore.pem
  rm -f server.csr server.ext
  echo "created ca.pem, server.pem, server.key, server-keystore.pem"
fi
