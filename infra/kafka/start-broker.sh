#!/bin/bash
# Entrypoint of the compose broker: Kafka with SASL_SSL listeners only (SCRAM-SHA-512/256 over TLS).
# Writes server.properties from the secrets (/run/secrets), formats the KRaft storage on first start
# with the SCRAM users (admin: the broker itself and kafka-init; clickstream: the apps), then runs the
# broker. The CONTROLLER listener stays PLAINTEXT: only this node speaks on it, it is not published,
# and clients cannot produce or fetch through it.
set -euo pipefail
secret() { tr -d '\n' < "/run/secrets/$1"; }
admin_pw=$(secret kafka-admin-password)
app_pw=$(secret kafka-app-password)
conf=/tmp/clickstream-kafka
mkdir -p "$conf"
chmod 700 "$conf"
jaas="org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\"$admin_pw\";"
cat > "$conf/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@kafka:9093
listeners=INTERNAL://:9092,EXTERNAL://:29092,CONTROLLER://:9093
advertised.listeners=INTERNAL://kafka:9092,EXTERNAL://${KAFKA_EXTERNAL_HOST:-localhost}:29092
controller.listener.names=CONTROLLER
inter.broker.listener.name=INTERNAL
listener.security.protocol.map=INTERNAL:SASL_SSL,EXTERNAL:SASL_SSL,CONTROLLER:PLAINTEXT
sasl.enabled.mechanisms=SCRAM-SHA-512,SCRAM-SHA-256
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.internal.scram-sha-512.sasl.jaas.config=$jaas
listener.name.internal.scram-sha-256.sasl.jaas.config=$jaas
listener.name.external.scram-sha-512.sasl.jaas.config=$jaas
listener.name.external.scram-sha-256.sasl.jaas.config=$jaas
ssl.keystore.type=PEM
ssl.keystore.location=/run/secrets/server-keystore
ssl.truststore.type=PEM
ssl.truststore.location=/run/secrets/ca-cert
ssl.client.auth=none
log.dirs=/var/lib/kafka/data
auto.create.topics.enable=false
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
group.min.session.timeout.ms=2000
log.retention.hours=${KAFKA_RETENTION_HOURS:-168}
PROPS
chmod 600 "$conf/server.properties"
# What kafka-init and the healthcheck use (inside this container's /tmp only).
cat > "$conf/admin-client.properties" <<PROPS
security.protocol=SASL_SSL
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=$jaas
ssl.truststore.type=PEM
ssl.truststore.location=/run/secrets/ca-cert
PROPS
chmod 600 "$conf/admin-client.properties"
if [ ! -f /var/lib/kafka/data/meta.properties ]; then
  /opt/kafka/bin/kafka-storage.sh format -t "${CLUSTER_ID:?}" -c "$conf/server.properties" --ignore-formatted \
    --add-scram "SCRAM-SHA-512=[name=admin,password=$admin_pw]" --add-scram "SCRAM-SHA-256=[name=admin,password=$admin_pw]" \
    --add-scram "SCRAM-SHA-512=[name=clickstream,password=$app_pw]" --add-scram "SCRAM-SHA-256=[name=clickstream,password=$app_pw]"
fi
exec /opt/kafka/bin/kafka-server-start.sh "$conf/server.properties"
