import { AVRO_MAGIC_BYTE } from './avro-frame';
import type { WireFormat } from './wire-format';

const OPEN_BRACE = 0x7b;

/**
 * The format announced by the first byte: 0x00 is an Avro frame, `{` (after optional JSON
 * whitespace) is JSON. `undefined` for anything else, including a UTF-8 BOM, which JSON.parse
 * would reject anyway.
 */
export function detectWireFormat(bytes: Uint8Array): WireFormat | undefined {
  if (bytes[0] === AVRO_MAGIC_BYTE) return 'avro';
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte === OPEN_BRACE) return 'json';
    if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) return undefined;
  }
  return undefined;
}
