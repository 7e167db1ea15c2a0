import { Partitioners, type PartitionMetadata } from 'kafkajs';

/**
 * The partition kafkajs' default (Java-compatible murmur2) partitioner gives a key, computed up
 * front so each worker can tell which events are its own before building them.
 */
export function createKeyPartitioner(topic: string, partitionCount: number): (key: string) => number {
  const pick = Partitioners.DefaultPartitioner();
  const partitionMetadata: PartitionMetadata[] = Array.from({ length: partitionCount }, (_, partitionId) => ({
    partitionErrorCode: 0,
    partitionId,
    leader: 0,
    replicas: [0],
    isr: [0],
  }));
  return (key) => pick({ topic, partitionMetadata, message: { key, value: null } });
}
