import { WindowConfigError } from '../errors/window-config-error';
import type { AccumulationMode, WindowEngineConfig } from './window-engine-config';

export interface ResolvedWindowEngineConfig<E, Acc, Out> extends WindowEngineConfig<E, Acc, Out> {
  readonly allowedLatenessMs: number;
  readonly accumulationMode: AccumulationMode;
  readonly maxHeldEvents: number;
}

const MODES: readonly AccumulationMode[] = ['accumulating', 'discarding'];

function requireFunction(field: string, value: unknown): void {
  if (typeof value !== 'function') throw new WindowConfigError(field, value, 'must be a function');
}

/** Applies defaults and names the first invalid field. */
export function resolveWindowEngineConfig<E, Acc, Out>(config: WindowEngineConfig<E, Acc, Out>): ResolvedWindowEngineConfig<E, Acc, Out> {
  if (typeof config !== 'object' || config === null) throw new WindowConfigError('config', config, 'must be an object');
  if (typeof config.assigner !== 'object' || config.assigner === null) throw new WindowConfigError('assigner', config.assigner, 'must be a WindowAssigner');
  requireFunction('assigner.assignWindows', config.assigner.assignWindows);
  requireFunction('keyOf', config.keyOf);
  requireFunction('timestampOf', config.timestampOf);
  if (config.keySlotOf !== undefined) requireFunction('keySlotOf', config.keySlotOf);
  if (config.keySlotEpoch !== undefined) {
    requireFunction('keySlotEpoch', config.keySlotEpoch);
    if (config.keySlotOf === undefined) throw new WindowConfigError('keySlotEpoch', 'given', 'goes with keySlotOf');
  }
  const aggregation = config.aggregation;
  if (typeof aggregation !== 'object' || aggregation === null) throw new WindowConfigError('aggregation', aggregation, 'must be an Aggregation');
  for (const method of ['create', 'add', 'result', 'snapshotAcc', 'restoreAcc'] as const) requireFunction(`aggregation.${method}`, aggregation[method]);
  for (const method of ['snapshotAccs', 'restoreAccs', 'createKeyState', 'clearAcc'] as const) {
    if (aggregation[method] !== undefined) requireFunction(`aggregation.${method}`, aggregation[method]);
  }
  if ((aggregation.snapshotAccs === undefined) !== (aggregation.restoreAccs === undefined)) {
    throw new WindowConfigError('aggregation.restoreAccs', aggregation.restoreAccs === undefined ? 'missing' : 'given', 'goes with snapshotAccs (both or neither)');
  }
  if (aggregation.createKeyState !== undefined && aggregation.clearAcc === undefined) {
    throw new WindowConfigError('aggregation.clearAcc', 'missing', 'goes with createKeyState (a discarding pane empties the key state with it)');
  }
  const allowedLatenessMs = config.allowedLatenessMs ?? 0;
  if (!Number.isSafeInteger(allowedLatenessMs) || allowedLatenessMs < 0) {
    throw new WindowConfigError('allowedLatenessMs', config.allowedLatenessMs, 'must be an integer number of ms >= 0');
  }
  const accumulationMode = config.accumulationMode ?? 'accumulating';
  if (!MODES.includes(accumulationMode)) throw new WindowConfigError('accumulationMode', accumulationMode, `must be one of ${MODES.join(', ')}`);
  const maxHeldEvents = config.maxHeldEvents ?? Number.POSITIVE_INFINITY;
  if (maxHeldEvents !== Number.POSITIVE_INFINITY && (!Number.isSafeInteger(maxHeldEvents) || maxHeldEvents < 1)) {
    throw new WindowConfigError('maxHeldEvents', config.maxHeldEvents, 'must be a positive integer');
  }
  if (maxHeldEvents !== Number.POSITIVE_INFINITY && accumulationMode !== 'discarding') {
    throw new WindowConfigError('maxHeldEvents', config.maxHeldEvents, "needs accumulationMode 'discarding' (an accumulating pane cannot be split)");
  }
  return { ...config, allowedLatenessMs, accumulationMode, maxHeldEvents };
}
