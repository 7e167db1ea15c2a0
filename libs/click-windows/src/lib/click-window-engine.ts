import type { ClickEvent, InternedClickEvent } from '@clickstream/event-schema';
import {
  AsciiPairKeyIndex,
  composeMeasures,
  countMeasure,
  type IdDictionary,
  IdDictionaryRotation,
  StringPairKeyCache,
  TumblingWindowAssigner,
  uniqueCountMeasure,
  WindowEngine,
  type WindowEngineConfig,
} from '@clickstream/window-engine';

/** Separates page and country in a window key; cannot occur in a validated page or country. */
const KEY_SEPARATOR = '\u0001';

/**
 * The user-id dictionaries of every click engine, shared (ids are plain values) so a decoder can
 * intern user ids into them: pass this to InterningClickEventDecoder, and its events reach the
 * unique-user count as integers, with no string lookup.
 */
export const clickUserIds = new IdDictionaryRotation();

/** The user's integer when the decoder interned it into `dictionary`, else -1 (then by string). */
function internedUserOf(e: ClickEvent, dictionary: IdDictionary): number {
  const interned = e as Partial<InternedClickEvent>;
  return interned.userIds === dictionary ? (interned.userRef as number) : -1;
}

export const clickMeasures = composeMeasures({
  clicks: countMeasure<ClickEvent>(),
  users: uniqueCountMeasure<ClickEvent>((e) => e.user_id, { dictionaries: clickUserIds, internedIdOf: internedUserOf }),
});

export type ClickAggregation = typeof clickMeasures;

/**
 * Page and country to window key, from the message bytes: pass this to InterningClickEventDecoder
 * (as its pair interner) and its events arrive with their window key found in one probe, with no
 * page, country or key string made per event. Shared by every partition (keys are plain values).
 * Bounded at DEFAULT_MAX_PAIR_KEYS pairs (then it starts over; docs/semantics.md, "Memory bounds").
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

export function splitWindowKey(key: string): { page: string; country: string } {
  const at = key.lastIndexOf(KEY_SEPARATOR);
  return { page: key.slice(0, at), country: key.slice(at + 1) };
}

/**
 * The aggregator's engine: tumbling windows keyed by page + country, clicks and exact unique users,
 * in discarding mode so each pane is a partial that ClickHouse can add up exactly.
 */
export function clickWindowEngineConfig(windowSizeMs: number, allowedLatenessMs: number, maxHeldEvents?: number) {
  return {
    assigner: new TumblingWindowAssigner(windowSizeMs),
    keyOf: windowKeyOf,
    timestampOf: (e: ClickEvent) => e.ts,
    aggregation: clickMeasures,
    allowedLatenessMs,
    accumulationMode: 'discarding',
    ...(maxHeldEvents === undefined ? {} : { maxHeldEvents }),
  } satisfies WindowEngineConfig<ClickEvent, unknown[], unknown>;
}

export type ClickWindowEngine = WindowEngine<ClickEvent, unknown[], ReturnType<ClickAggregation['result']>>;
