/** How a message was encoded on the topic; chosen per message by its first byte. */
export type WireFormat = 'avro' | 'json';
