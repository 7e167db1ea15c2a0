import { clickEventSchemaRegistry } from '../schema/production-registry';
import { rejection } from '../validation/rejection';
import { decodeAvroClickEvent } from './decode-avro-click-event';
import type { DecodeClickEventOptions, DecodeClickEventResult } from './decode-click-event-result';
import { decodeJsonClickEvent } from './decode-json-click-event';
import { detectWireFormat } from './detect-wire-format';

/**
 * Decodes and validates one Kafka message value, Avro-framed or JSON, chosen by its first byte.
 * Never throws: every problem is a rejection with a stable `reason`. `null` (a tombstone) is
 * `empty`.
 */
export function decodeClickEvent(
  bytes: Buffer | null,
  options?: DecodeClickEventOptions,
): DecodeClickEventResult {
  if (bytes === null || bytes.length === 0) return rejection('empty', 'message has no bytes', undefined);
  const format = detectWireFormat(bytes);
  if (format === 'avro') {
    return decodeAvroClickEvent(bytes, options?.registry ?? clickEventSchemaRegistry, options);
  }
  if (format === 'json') return decodeJsonClickEvent(bytes, options);
  return rejection('unknown_format', `neither an Avro frame nor a JSON object: ${describeStart(bytes)}`, undefined);
}

const BYTE_PAIRS = /(..)(?!$)/g;

function describeStart(bytes: Buffer): string {
  const shown = bytes.subarray(0, 8).toString('hex').replace(BYTE_PAIRS, '$1 ');
  return `first bytes ${shown}${bytes.length > 8 ? ' …' : ''} (${bytes.length} bytes)`;
}
