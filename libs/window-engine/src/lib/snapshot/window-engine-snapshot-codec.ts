import type { Aggregation } from '../aggregation/aggregation';
import type { JsonValue } from '../aggregation/json-value';
import { SnapshotStrings } from './snapshot-strings';
import { WindowSnapshotError } from '../errors/window-snapshot-error';
import { NOT_EXACT, PlainKeyState, WindowState } from '../engine/window-state';
import {
  WINDOW_ENGINE_SNAPSHOT_FORMAT,
  WINDOW_ENGINE_SNAPSHOT_FORMAT_V1,
  WINDOW_ENGINE_SNAPSHOT_FORMAT_V2,
  type WindowEngineCounters,
  type WindowEngineSnapshot,
  type WindowStateSnapshot,
} from './window-engine-snapshot';

function encodeWindow<Acc>(w: WindowState<Acc>, aggregation: Aggregation<never, Acc, unknown>, strings: SnapshotStrings): WindowStateSnapshot {
  const keys: string[] = [];
  const panes: number[] = [];
  const columns = aggregation.snapshotAccs !== undefined;
  // Per key (null when empty), or with columns the accumulators themselves (empty ones left out).
  const accs: JsonValue[] = [];
  const accsForColumns: Acc[] = [];
  const empty: number[] = [];
  const pendingLate: number[] = [];
  const held: number[] = [];
  let anyPane = false;
  for (const k of w.ordered) {
    const i = keys.length;
    keys.push(k.key);
    panes.push(k.nextPane);
    if (k.nextPane !== 0) anyPane = true;
    if (!k.hasAcc) {
      if (!columns) accs.push(null);
      empty.push(i);
    } else if (columns) accsForColumns.push(k.acc as Acc);
    else accs.push(aggregation.snapshotAcc(k.acc as Acc, strings));
    if (k.pendingLate) pendingLate.push(i);
    if (w.held > 0) held.push(k.held);
  }
  const counted = w.held > 0 ? { held } : {};
  let written: JsonValue = accs;
  if (aggregation.snapshotAccs !== undefined) {
    written = aggregation.snapshotAccs(accsForColumns, strings);
    // An array would be read back as a value per key.
    if (Array.isArray(written)) throw new TypeError('Aggregation.snapshotAccs must not return an array');
  }
  return { start: w.window.start, end: w.window.end, fired: w.fired, keys, panes: anyPane ? panes : [], accs: written, empty, pendingLate, ...counted };
}

export function encodeWindowEngineSnapshot<Acc>(
  watermark: number,
  counters: WindowEngineCounters,
  windows: Iterable<WindowState<Acc>>,
  aggregation: Aggregation<never, Acc, unknown>,
): WindowEngineSnapshot {
  const strings = new SnapshotStrings();
  const encoded = [...windows].map((w) => encodeWindow(w, aggregation, strings));
  return { format: WINDOW_ENGINE_SNAPSHOT_FORMAT, watermark, counters, windows: encoded, strings: strings.list };
}

function fail(path: string, value: unknown, requirement: string): never {
  throw new WindowSnapshotError(path, value, requirement);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function integer(path: string, v: unknown): number {
  return typeof v === 'number' && Number.isSafeInteger(v) ? v : fail(path, v, 'must be a safe integer');
}

function array(path: string, v: unknown, length?: number): unknown[] {
  if (!Array.isArray(v)) fail(path, v, 'must be an array');
  if (length !== undefined && v.length !== length) fail(path, v.length, `must have ${length} entries, one per key`);
  return v;
}

function indexSet(path: string, v: unknown, size: number): Set<number> {
  return new Set(array(path, v).map((i, n) => (Number.isSafeInteger(i) && (i as number) >= 0 && (i as number) < size ? (i as number) : fail(`${path}[${n}]`, i, `must be a key index below ${size}`))));
}

function decodeWindow<Acc>(
  path: string,
  raw: unknown,
  aggregation: Aggregation<never, Acc, unknown>,
  allowedLatenessMs: number,
  strings: readonly string[],
): WindowState<Acc> {
  if (!isRecord(raw)) fail(path, raw, 'must be an object');
  const start = integer(`${path}.start`, raw['start']);
  const end = integer(`${path}.end`, raw['end']);
  if (end <= start) fail(`${path}.end`, end, 'must be greater than start');
  if (typeof raw['fired'] !== 'boolean') fail(`${path}.fired`, raw['fired'], 'must be a boolean');
  const keys = array(`${path}.keys`, raw['keys']);
  const n = keys.length;
  const rawPanes = array(`${path}.panes`, raw['panes']);
  if (rawPanes.length !== 0 && rawPanes.length !== n) fail(`${path}.panes`, rawPanes.length, `must be empty or have ${n} entries`);
  const empty = indexSet(`${path}.empty`, raw['empty'], n);
  const accs = restoredAccs(`${path}.accs`, raw['accs'], n, empty, aggregation, strings);
  const pending = indexSet(`${path}.pendingLate`, raw['pendingLate'], n);
  const rawHeld = raw['held'] === undefined ? [] : array(`${path}.held`, raw['held']);
  if (rawHeld.length !== 0 && rawHeld.length !== n) fail(`${path}.held`, rawHeld.length, `must be empty or have ${n} entries`);
  // Recomputed from the current config: a changed allowed lateness applies to restored windows too.
  const w = new WindowState<Acc>({ start, end }, end - 1 + allowedLatenessMs);
  w.fired = raw['fired'];
  keys.forEach((key, i) => {
    if (typeof key !== 'string') fail(`${path}.keys[${i}]`, key, 'must be a string');
    const nextPane = rawPanes.length === 0 ? 0 : integer(`${path}.panes[${i}]`, rawPanes[i]);
    const hasAcc = !empty.has(i);
    // A pending late pane is what the key holds: one with nothing would never be emitted.
    if (!hasAcc && pending.has(i)) fail(`${path}.pendingLate`, i, 'must not name a key that is in empty (a pending late pane needs what the key holds)');
    const acc = hasAcc ? accs(i) : undefined;
    const held = rawHeld.length === 0 ? 0 : integer(`${path}.held[${i}]`, rawHeld[i]);
    if (held < 0) fail(`${path}.held[${i}]`, held, 'must be >= 0');
    const k = new PlainKeyState<Acc>(key, acc, hasAcc, nextPane, pending.has(i), held, i);
    w.held += held;
    if (w.keyAt(-1, key, NOT_EXACT) !== undefined) fail(`${path}.keys[${i}]`, key, 'must not repeat a key');
    w.addKey(k, -1);
    if (k.pendingLate) w.pendingLate.push(k);
  });
  return w;
}

/**
 * The accumulator of key `i` (not in `empty`): from a value per key (snapshotAcc), or from the
 * measure's columns (snapshotAccs), which hold the keys not in `empty` in key order.
 */
function restoredAccs<Acc>(
  path: string,
  raw: unknown,
  n: number,
  empty: Set<number>,
  aggregation: Aggregation<never, Acc, unknown>,
  strings: readonly string[],
): (i: number) => Acc {
  if (Array.isArray(raw)) {
    const perKey = array(path, raw, n);
    return (i) => aggregation.restoreAcc(perKey[i] as JsonValue, strings);
  }
  if (aggregation.restoreAccs === undefined) fail(path, raw, `must be an array of ${n} accumulator snapshots, one per key (this measure writes no columns)`);
  let restored: Acc[];
  try {
    restored = aggregation.restoreAccs(raw as JsonValue, n - empty.size, strings);
  } catch (error) {
    // The measure names paths within its value (`clicks[3]`): say which window's.
    if (error instanceof WindowSnapshotError) throw new WindowSnapshotError(`${path}.${error.path}`, error.value, error.requirement);
    throw error;
  }
  if (restored.length !== n - empty.size) fail(path, restored.length, `must hold ${n - empty.size} accumulators, one per key with one`);
  let next = 0;
  return () => restored[next++] as Acc;
}

export interface DecodedWindowEngineState<Acc> {
  readonly watermark: number;
  readonly counters: WindowEngineCounters;
  readonly windows: WindowState<Acc>[];
}

/** Validates an untrusted snapshot (e.g. from JSON.parse) and rebuilds window state; reports the first bad path. */
export function decodeWindowEngineSnapshot<Acc>(
  raw: unknown,
  aggregation: Aggregation<never, Acc, unknown>,
  allowedLatenessMs: number,
): DecodedWindowEngineState<Acc> {
  if (!isRecord(raw)) fail('$', raw, 'must be an object');
  const format = raw['format'];
  if (format !== WINDOW_ENGINE_SNAPSHOT_FORMAT && format !== WINDOW_ENGINE_SNAPSHOT_FORMAT_V2 && format !== WINDOW_ENGINE_SNAPSHOT_FORMAT_V1) {
    fail('$.format', format, `must be ${WINDOW_ENGINE_SNAPSHOT_FORMAT} (or ${WINDOW_ENGINE_SNAPSHOT_FORMAT_V2}, ${WINDOW_ENGINE_SNAPSHOT_FORMAT_V1})`);
  }
  const strings = format === WINDOW_ENGINE_SNAPSHOT_FORMAT_V1 ? [] : array('$.strings', raw['strings']);
  strings.forEach((v, i) => typeof v === 'string' || fail(`$.strings[${i}]`, v, 'must be a string'));
  const c = raw['counters'];
  if (!isRecord(c)) fail('$.counters', c, 'must be an object');
  const counters = {
    acceptedEvents: integer('$.counters.acceptedEvents', c['acceptedEvents']),
    lateEvents: integer('$.counters.lateEvents', c['lateEvents']),
    firedPanes: integer('$.counters.firedPanes', c['firedPanes']),
  };
  const windows = array('$.windows', raw['windows']).map((w, i) => decodeWindow(`$.windows[${i}]`, w, aggregation, allowedLatenessMs, strings as string[]));
  if (new Set(windows.map((w) => w.window.start)).size !== windows.length) fail('$.windows', windows.length, 'must not repeat a window start');
  return { watermark: integer('$.watermark', raw['watermark']), counters, windows };
}
