import { WatermarkSnapshotError } from '../errors/watermark-snapshot-error';
import type { SourceId } from '../tracker/source-id';
import { WATERMARK_SNAPSHOT_FORMAT, type WatermarkSnapshot } from './watermark-snapshot';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function integer(path: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw new WatermarkSnapshotError(path, v, 'must be a safe integer');
  return v;
}

function integerOrNull(path: string, v: unknown): number | null {
  return v === null ? null : integer(path, v);
}

/** Processing times may be fractional (performance.now()), so they only need to be finite. */
function finite(path: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new WatermarkSnapshotError(path, v, 'must be a finite number');
  return v;
}

function finiteOrNull(path: string, v: unknown): number | null {
  return v === null ? null : finite(path, v);
}

function array(path: string, v: unknown, length?: number): unknown[] {
  if (!Array.isArray(v)) throw new WatermarkSnapshotError(path, v, 'must be an array');
  if (length !== undefined && v.length !== length) throw new WatermarkSnapshotError(path, v.length, `must have ${length} entries, one per source`);
  return v;
}

/** Checks an untrusted value (e.g. from JSON.parse) is a snapshot, reporting the first bad path. */
export function parseWatermarkSnapshot(value: unknown): WatermarkSnapshot {
  if (!isRecord(value)) throw new WatermarkSnapshotError('$', value, 'must be an object');
  if (value['format'] !== WATERMARK_SNAPSHOT_FORMAT) throw new WatermarkSnapshotError('$.format', value['format'], `must be ${WATERMARK_SNAPSHOT_FORMAT}`);
  const s = value['sources'];
  if (!isRecord(s)) throw new WatermarkSnapshotError('$.sources', s, 'must be an object');
  const ids = array('$.sources.ids', s['ids']).map((id, i): SourceId => {
    if (typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id))) return id;
    throw new WatermarkSnapshotError(`$.sources.ids[${i}]`, id, 'must be a string or a finite number');
  });
  if (new Set(ids).size !== ids.length) throw new WatermarkSnapshotError('$.sources.ids', ids, 'must not repeat a source');
  const n = ids.length;
  return {
    format: WATERMARK_SNAPSHOT_FORMAT,
    watermark: integer('$.watermark', value['watermark']),
    maxEventTs: integerOrNull('$.maxEventTs', value['maxEventTs']),
    lastEventAt: finiteOrNull('$.lastEventAt', value['lastEventAt']),
    processingTime: finiteOrNull('$.processingTime', value['processingTime']),
    sources: {
      ids,
      maxEventTs: array('$.sources.maxEventTs', s['maxEventTs'], n).map((v, i) => integerOrNull(`$.sources.maxEventTs[${i}]`, v)),
      lastActivity: array('$.sources.lastActivity', s['lastActivity'], n).map((v, i) => finite(`$.sources.lastActivity[${i}]`, v)),
      idle: array('$.sources.idle', s['idle'], n).map((v, i) => {
        if (typeof v !== 'boolean') throw new WatermarkSnapshotError(`$.sources.idle[${i}]`, v, 'must be a boolean');
        return v;
      }),
    },
  };
}
