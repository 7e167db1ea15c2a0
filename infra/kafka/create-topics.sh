#!/bin/bash
# One-shot topic setup for the compose stack (service kafka-init): the broker runs with topic
# auto-creation off, so a typo in a topic name fails loudly instead of creating an empty topic.
#
#   web.clicks      click events; CLICKS_PARTITIONS partitions (default 4) bound the consumers'
#                   parallelism: each partition is owned by one aggregator and one raw-sink instance.
#                   message.timestamp.type=LogAppendTime: record timestamps are broker time, which the
#                   apps judge "in the future" and "beyond retention" against.
#   web.clicks.dlq  events the apps could not decode or validate, with the reason; kept longer
#                   (DLQ_RETENTION_MS, default 30 days) so they can be inspected and replayed.
#
# Idempotent (--if-not-exists). An existing web.clicks with fewer partitions than asked is an error,
# not silently accepted or altered: adding partitions moves keys (users) to other partitions, a
# decision to take on purpose (kafka-topics.sh --alter), like `npm run stack:up` does.
set -euo pipefail

bootstrap=${KAFKA_BOOTSTRAP:-kafka:9092}
clicks_partitions=${CLICKS_PARTITIONS:-4}
dlq_retention_ms=${DLQ_RETENTION_MS:-2592000000}
topics=${KAFKA_BIN:-/opt/kafka/bin}/kafka-topics.sh

[[ $clicks_partitions =~ ^[1-9][0-9]*$ ]] || { echo "CLICKS_PARTITIONS must be a positive integer, got '$clicks_partitions'" >&2; exit 1; }

# The broker listens on SASL_SSL only: log in as admin (password from the compose secret, written to
# a private client config, never on the command line).
client_config=()
if [ -n "${KAFKA_SASL_PASSWORD_FILE:-}" ]; then
  umask 077
  config=$(mktemp)
  {
    echo "security.protocol=SASL_SSL"
    echo "sasl.mechanism=SCRAM-SHA-512"
    echo "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"${KAFKA_SASL_USERNAME:-admin}\" password=\"$(tr -d '\n' < "$KAFKA_SASL_PASSWORD_FILE")\";"
    echo "ssl.truststore.type=PEM"
    echo "ssl.truststore.location=${KAFKA_SSL_CA_FILE:?KAFKA_SSL_CA_FILE is required with KAFKA_SASL_PASSWORD_FILE}"
  } > "$config"
  client_config=(--command-config "$config")
fi

create() {
  local topic=$1 partitions=$2
  shift 2
  "$topics" --bootstrap-server "$bootstrap" "${client_config[@]}" --create --if-not-exists \
    --topic "$topic" --partitions "$partitions" --replication-factor 1 "$@"
  local have
  have=$("$topics" --bootstrap-server "$bootstrap" "${client_config[@]}" --describe --topic "$topic" | grep -c 'Partition: ' || true)
  if [ "$have" -lt "$partitions" ]; then
    echo "topic $topic has $have partitions, $partitions asked: increase it on purpose with" >&2
    echo "  kafka-topics.sh --bootstrap-server $bootstrap --alter --topic $topic --partitions $partitions" >&2
    exit 1
  fi
  echo "topic $topic ready ($have partitions)"
}

create web.clicks "$clicks_partitions" --config message.timestamp.type=LogAppendTime
create web.clicks.dlq 1 --config "retention.ms=$dlq_retention_ms"
