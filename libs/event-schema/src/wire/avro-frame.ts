import type { Type } from 'avsc';

/** Confluent wire format: magic byte 0x00, 4-byte big-endian schema id, then the Avro body. */
export const AVRO_MAGIC_BYTE = 0x00;
export const AVRO_FRAME_HEADER_BYTES = 5;

// One reusable scratch buffer: the body's size is unknown until encoded, and encoding into a
// fresh buffer per event would allocate twice. Safe because encoding is synchronous.
let scratch = Buffer.allocUnsafe(4096);

/**
 * Frames `record` encoded with `type` under `schemaId`. Throws avsc's error when `record` does
 * not fit `type`; callers add context.
 */
export function writeAvroFrame(schemaId: number, type: Type, record: unknown): Buffer {
  let end = type.encode(record, scratch, AVRO_FRAME_HEADER_BYTES);
  while (end < 0) {
    // avsc returns minus the number of missing bytes when the buffer is too small.
    scratch = Buffer.allocUnsafe(Math.max(scratch.length * 2, scratch.length - end));
    end = type.encode(record, scratch, AVRO_FRAME_HEADER_BYTES);
  }
  scratch[0] = AVRO_MAGIC_BYTE;
  scratch.writeUInt32BE(schemaId, 1);
  const frame = Buffer.allocUnsafe(end);
  scratch.copy(frame, 0, 0, end);
  return frame;
}
