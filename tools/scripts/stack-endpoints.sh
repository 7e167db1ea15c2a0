# Sourced by the scripts that start apps: points them at the local stack where it actually runs.
# The stack moves with CLICKSTREAM_KAFKA_PORT / CLICKSTREAM_CLICKHOUSE_PORT / CLICKSTREAM_REDIS_PORT;
# the apps read KAFKA_BROKERS / CLICKHOUSE_URL / REDIS_URL, which win when set explicitly.
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:${CLICKSTREAM_KAFKA_PORT:-9092}}"
export CLICKHOUSE_URL="${CLICKHOUSE_URL:-http://127.0.0.1:${CLICKSTREAM_CLICKHOUSE_PORT:-8123}}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:${CLICKSTREAM_REDIS_PORT:-6379}}"
