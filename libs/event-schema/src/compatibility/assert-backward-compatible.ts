import { CLICK_EVENT_FIELDS } from '../click-event/click-event';
import type { ClickEventSchemaRegistry } from '../schema/click-event-schema-registry';
import type { ClickEventSchemaVersion } from '../schema/click-event-schema-version';
import { IncompatibleSchemaError } from '../schema/schema-errors';
import { writeAvroFrame } from '../wire/avro-frame';
import { decodeClickEvent } from '../wire/decode-click-event';
import { findRemappedEnumSymbols } from './find-remapped-enum-symbols';

/**
 * The CI gate for schema changes: BACKWARD compatibility, transitively (the latest reader must
 * read every earlier version, because old messages stay on the topic for its retention).
 *
 * The registry constructor already refuses what avsc cannot resolve. This adds what avsc accepts
 * but would corrupt data: enum symbols silently remapped to a default, and (by replaying each
 * version's example) defaults our validation rejects or values that change on the way through.
 * Throws `IncompatibleSchemaError` naming the first offending writer version.
 */
export function assertBackwardCompatible(registry: ClickEventSchemaRegistry): void {
  for (const entry of registry.history) {
    const problem = findProblem(registry, entry);
    if (problem !== undefined) {
      throw new IncompatibleSchemaError(entry.version, registry.latestVersion, problem);
    }
  }
}

function findProblem(registry: ClickEventSchemaRegistry, entry: ClickEventSchemaVersion): string | undefined {
  const writerType = registry.writerTypeFor(entry.version);
  const remapped = findRemappedEnumSymbols(writerType, registry.readerType);
  if (remapped !== undefined) return remapped;

  let frame: Buffer;
  try {
    frame = writeAvroFrame(entry.version, writerType, entry.example);
  } catch (error) {
    return `its example does not fit its own schema: ${error instanceof Error ? error.message : String(error)}`;
  }
  const decoded = decodeClickEvent(frame, { registry });
  if (!decoded.ok) return `its example is rejected as ${decoded.reason}: ${decoded.detail}`;
  for (const field of CLICK_EVENT_FIELDS) {
    const written = entry.example[field];
    const read = decoded.event[field];
    if (written !== undefined && written !== read) {
      return `${field} was written as ${String(written)} but read as ${String(read)}`;
    }
  }
  return undefined;
}
