import type { KafkaCodec } from './kafka-codec';

// kafkajs-snappy (snappyjs, pure JS): writes raw snappy, which the Java client and librdkafka read;
// reads both raw snappy and the xerial framing the Java client writes.
const createSnappyCodec = require('kafkajs-snappy') as () => KafkaCodec;

export const snappyCodec: KafkaCodec = createSnappyCodec();
