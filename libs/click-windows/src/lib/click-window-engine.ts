import type { ClickEvent, InternedClickEvent } from '@clickstream/event-schema';
import {
  type Aggregation,
  AsciiPairKeyIndex,
  type IdDictionary,
  IdDictionaryRotation,
  type JsonValue,
  type KeyState,
  StringPairKeyCache,
  TumblingWindowAssigner,
  UniqueIds,
  type UniqueCount,
  WindowEngine,
  type WindowEngineConfig,
  WindowSnapshotError,
} from '@clickstream/window-engine';

/** Separates page and country in a window key; cannot occur in a validated page or country. */
const KEY_SEPARATOR = '\u0001';
const KEY_SEPARATOR_CODE = 0x01;

/**
 * The user-id dictionaries of every click engine, shared (ids are plain values) so a decoder can
 * intern user ids into them: pass this to InterningClickEventDecoder, and the events it decodes
 * in full reach the unique-user count as integers. Its in-place events bring the user id's bytes,
 * which the accumulators keep or intern themselves (UniqueIds.addBytes).
 */
export const clickUserIds = new IdDictionaryRotation();

/**
 * A pane's distinct users as integers in their dictionary, in first-seen order: writers copy their
 * bytes from the dictionary (IdDictionary.copyAsciiBytes), and strings are made only when `ids`
 * is read. A copy: later events do not change it.
 */
export class PaneUsers implements UniqueCount {
  constructor(
    readonly dictionary: IdDictionary,
    readonly refs: readonly number[],
  ) {}

  get count(): number {
    return this.refs.length;
  }

  /** The i-th of `refs` (the view UniqueIds.distinctAt gives of an accumulator). */
  distinctAt(i: number): number {
    return this.refs[i] as number;
  }

  /** The user ids as strings, in first-seen order (a fresh array). */
  get ids(): string[] {
    return this.refs.map((ref) => this.dictionary.stringOf(ref));
  }
}

/** The result of the click measures for one pane. */
export interface ClickMeasures {
  readonly clicks: number;
  readonly users: PaneUsers;
}

/**
 * Clicks and exact unique users of one key in one window, in one object: the unique ids (see
 * UniqueIds) plus a click counter. One object per key instead of a measures array holding a count
 * and a UniqueIds: at 20,000 pages and millions of users most keys hold a click or two, and the
 * per-key objects were a large part of both the state and the garbage (issue 14).
 */
export class ClickAccumulator extends UniqueIds {
  clicks = 0;
}

/**
 * A key's state in a window and its first accumulator in one object (Aggregation.createKeyState):
 * at 20,000 pages a key sees a few events per window, and the key state and the accumulator were
 * two allocations and two cache misses per event (issue 14). After a discarding pane the engine
 * empties it (clearAcc: its users are freed, as a dropped accumulator's would be) and takes later
 * events into a fresh ClickAccumulator (`acc`).
 *
 * It keeps its page and country (the strings its event brought: shared per page and per country
 * by the readers' indexes) instead of a key string: a pane's row is written from them, and the key
 * is made only when read (a checkpoint, a window that lost its exact key slots), then kept. A key of
 * clickWindowKeys' current epoch is its shared string there (`pairRef`); after a start-over, the
 * parts joined as other events' keys are (StringPairKeyCache). Finding or making a key string per
 * new key and window, then splitting it per row, was about 5% of the aggregator at 20,000 pages
 * (issue 14). Nothing of clickWindowKeys is held, so a start-over still frees its indexes.
 */
export class ClickKeyState extends ClickAccumulator implements KeyState<ClickAccumulator> {
  acc: ClickAccumulator | undefined = this;
  hasAcc = true;
  nextPane = 0;
  pendingLate = false;
  held = 0;

  /** `keyString`: the key when the caller has it (undefined: made when read); `pairRef`: the pair's ref in clickWindowKeys at `pairEpoch`, or -1. */
  constructor(
    dictionary: IdDictionary,
    private keyString: string | undefined,
    readonly page: string,
    readonly country: string,
    private readonly pairRef: number,
    private readonly pairEpoch: number,
    readonly seq: number,
  ) {
    super(dictionary);
  }

  get key(): string {
    if (this.keyString === undefined) {
      this.keyString = this.pairRef >= 0 && this.pairEpoch === clickWindowKeys.epoch ? clickWindowKeys.key(this.pairRef) : windowKeys.key(this.page, this.country);
    }
    return this.keyString;
  }
}

/**
 * The aggregator's measures: clicks and exact unique users. A window's accumulators are written as
 * columns (snapshotAccs): `{ clicks: [per key], users: [per key: count, then indexes into the
 * snapshot's strings] }`. Per key, as older checkpoints hold them (restoreAcc), a snapshot is
 * `[clicks, [users]]`, what `composeMeasures({ clicks: countMeasure(), users: uniqueCountMeasure(...) })`
 * writes; users are indexes into the snapshot's strings (ids in format v1).
 */
export const clickMeasures: Aggregation<ClickEvent, ClickAccumulator, ClickMeasures> = {
  create: () => new ClickAccumulator(clickUserIds.current),
  createKeyState: (e, seq, key) => {
    // A ref of clickWindowKeys' current epoch: the key is its shared string there, made when read.
    const ref = windowKeySlotOf(e);
    return ref >= 0
      ? new ClickKeyState(clickUserIds.current, key, e.page, e.country, ref, clickWindowKeys.epoch, seq)
      : new ClickKeyState(clickUserIds.current, key ?? windowKeyOf(e), e.page, e.country, -1, 0, seq);
  },
  clearAcc: (acc) => {
    acc.clear();
    acc.clicks = 0;
  },
  add: (acc, e) => {
    acc.clicks++;
    // From the message bytes when the decoder read in place; the integer when it interned the user
    // into this accumulator's dictionary; else by string.
    const interned = e as Partial<InternedClickEvent>;
    const bytes = interned.userIdBytes;
    if (bytes !== undefined) acc.addBytes(bytes, interned.userIdStart as number, interned.userIdEnd as number);
    else if (interned.userIds === acc.dictionary) acc.addId(interned.userRef as number);
    else acc.add(e.user_id);
    return acc;
  },
  result: (acc) => ({ clicks: acc.clicks, users: new PaneUsers(acc.dictionary, acc.distinct()) }),
  snapshotAcc: (acc, strings) => [acc.clicks, acc.snapshotRefs(strings)],
  restoreAcc: (snapshot, strings) => {
    if (!Array.isArray(snapshot) || snapshot.length !== 2) throw new WindowSnapshotError('measures', snapshot, 'must be an array of 2 measure snapshots (clicks, users)');
    const [clicks, ids] = snapshot;
    if (typeof clicks !== 'number' || !Number.isSafeInteger(clicks) || clicks < 0) throw new WindowSnapshotError('count', clicks, 'must be a non-negative integer');
    const acc = new ClickAccumulator(clickUserIds.current);
    acc.clicks = clicks;
    acc.restore(ids as JsonValue, strings);
    return acc;
  },
  snapshotAccs: (accs, strings) => {
    const clicks = new Array<number>(accs.length);
    const users: number[] = [];
    for (let i = 0; i < accs.length; i++) {
      const acc = accs[i] as ClickAccumulator;
      clicks[i] = acc.clicks;
      acc.snapshotRefsInto(strings, users);
    }
    return { clicks, users };
  },
  restoreAccs: (snapshot, count, strings) => {
    const columns = snapshot as { clicks?: unknown; users?: unknown } | null;
    const clicks = typeof columns === 'object' && columns !== null ? columns.clicks : undefined;
    const users = typeof columns === 'object' && columns !== null ? columns.users : undefined;
    if (!Array.isArray(clicks) || clicks.length !== count) throw new WindowSnapshotError('clicks', clicks, `must be an array of ${count} click counts`);
    if (!Array.isArray(users)) throw new WindowSnapshotError('users', users, 'must be an array of user counts and string indexes');
    // Everything checked before any user is interned: a refused snapshot leaves the shared dictionary as it was.
    let at = 0;
    for (let i = 0; i < count; i++) {
      const n = clicks[i];
      if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) throw new WindowSnapshotError(`clicks[${i}]`, n, 'must be a non-negative integer');
      at = UniqueIds.checkRefsAt(users, at, strings, 'users');
    }
    if (at !== users.length) throw new WindowSnapshotError('users', users.length, `must end after the ${count} accumulators' users (at ${at})`);
    const accs: ClickAccumulator[] = [];
    at = 0;
    for (let i = 0; i < count; i++) {
      const acc = new ClickAccumulator(clickUserIds.current);
      acc.clicks = clicks[i] as number;
      at = acc.restoreRefsFrom(users, at, strings, 'users');
      accs.push(acc);
    }
    return accs;
  },
};

export type ClickAggregation = typeof clickMeasures;

/**
 * Page and country to window key, from the message bytes: pass this to InterningClickEventDecoder
 * (as its pair interner) and its events arrive with their window key found in one probe, with no
 * page, country or key string made per event. Shared by every partition (keys are plain values).
 * Bounded at MAX_FIRST_PARTS pages and MAX_SECOND_PARTS countries (then it starts over; docs/semantics.md, "Memory bounds").
 */
export const clickWindowKeys = new AsciiPairKeyIndex(KEY_SEPARATOR);

/**
 * For events that do not carry a key from clickWindowKeys (decoded by JSON.parse or avsc): decoded
 * events bring fresh page and country strings, and building the key by concatenation per event made
 * the engine flatten and hash a new string for every lookup. Cached, the key is looked up by its
 * short parts and arrives with its hash computed. Bounded: a full cache starts over.
 */
const windowKeys = new StringPairKeyCache(KEY_SEPARATOR, 100_000);

export function windowKeyOf(e: ClickEvent): string {
  const interned = e as Partial<InternedClickEvent>;
  if (interned.pairKeys === clickWindowKeys) return interned.pairKey as string;
  return windowKeys.key(e.page, e.country);
}

/**
 * The window key's number in clickWindowKeys (a window finds its state by it), or -1: also for an
 * event decoded before clickWindowKeys started over, whose number may now name another pair.
 */
function windowKeySlotOf(e: ClickEvent): number {
  const interned = e as Partial<InternedClickEvent>;
  return interned.pairKeys === clickWindowKeys && interned.pairEpoch === clickWindowKeys.epoch ? (interned.pairRef as number) : -1;
}

/** Where the separator sits in a window key: the page is before it, the country after it. */
export function windowKeySeparatorAt(key: string): number {
  // From the end (the country is short) by char codes: lastIndexOf is a runtime call, 1.7% of the
  // aggregator at 20,000 pages, where nearly every pane is a new key.
  let at = key.length - 1;
  while (at >= 0 && key.charCodeAt(at) !== KEY_SEPARATOR_CODE) at--;
  return at;
}

/**
 * The aggregator's engine: tumbling windows keyed by page + country, clicks and exact unique users,
 * in discarding mode so each pane is a partial that ClickHouse can add up exactly.
 */
export function clickWindowEngineConfig(windowSizeMs: number, allowedLatenessMs: number, maxHeldEvents?: number) {
  return {
    assigner: new TumblingWindowAssigner(windowSizeMs),
    keyOf: windowKeyOf,
    keySlotOf: windowKeySlotOf,
    keySlotEpoch: () => clickWindowKeys.epoch,
    timestampOf: (e: ClickEvent) => e.ts,
    aggregation: clickMeasures,
    allowedLatenessMs,
    accumulationMode: 'discarding',
    ...(maxHeldEvents === undefined ? {} : { maxHeldEvents }),
  } satisfies WindowEngineConfig<ClickEvent, ClickAccumulator, ClickMeasures>;
}

export type ClickWindowEngine = WindowEngine<ClickEvent, ClickAccumulator, ClickMeasures>;
