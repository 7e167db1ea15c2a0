import { Type, type types } from 'avsc';
import { isUtf8Range } from '../text/text-content';

/**
 * The first string field of a record body written with `writerType` whose bytes are not
 * well-formed UTF-8, or `undefined` when every string field is well-formed (or the layout has a
 * type this walk does not know, where avsc's own verdict stands). avsc decodes strings with
 * utf8Slice, which repairs bad bytes to U+FFFD, so the bytes must be checked before that repair.
 * Only called when a decoded string holds U+FFFD: off the hot path.
 */
export function findMalformedAvroString(writerType: Type, buf: Buffer, start: number): string | undefined {
  if (!Type.isType(writerType, 'record')) return undefined;
  const cursor = { pos: start };
  for (const field of (writerType as types.RecordType).fields) {
    const typeName = field.type.typeName;
    if (typeName === 'long' || typeName === 'int' || typeName === 'enum') {
      readVarint(buf, cursor);
    } else if (typeName === 'string') {
      const length = readVarint(buf, cursor);
      const end = cursor.pos + length;
      if (!(length >= 0) || end > buf.length) return undefined;
      if (!isUtf8Range(buf, cursor.pos, end)) return field.name;
      cursor.pos = end;
    } else {
      return undefined;
    }
  }
  return undefined;
}

/** A zig-zag varint (Avro int/long), as a float past 2^28 like avsc. */
function readVarint(buf: Buffer, cursor: { pos: number }): number {
  let value = 0;
  let scale = 1;
  let byte: number;
  do {
    byte = buf[cursor.pos++] ?? 0;
    value += (byte & 0x7f) * scale;
    scale *= 128;
  } while (byte & 0x80 && scale < 2 ** 70);
  return value % 2 ? -(value + 1) / 2 : value / 2;
}
