import { IdDictionary } from './id-dictionary';

/** Default bound: a fresh dictionary once the current one holds this many ids. */
export const DEFAULT_MAX_DICTIONARY_IDS = 1 << 20;
/** Default bound: a fresh dictionary once the current one holds this many bytes of held ids (IdDictionary.idOfBytes). */
export const DEFAULT_MAX_HELD_BYTES = 1 << 24;

/**
 * The dictionary new ids go to, replaced by a fresh one once it holds `maxIds` ids or `maxHeldBytes`
 * bytes of held ids (about 16 bytes per event that brought a short id, so 16 MiB lasts about a
 * million events). An old
 * dictionary is freed with the last accumulator (or event) still using it, at the latest when its
 * window is purged: this bounds memory for a long-running engine whose ids churn.
 *
 * Shared by a unique-count measure and a decoder that interns ids from message bytes (see
 * `uniqueCountMeasure`'s `internedIdOf`), so both number ids in the same dictionary.
 */
export class IdDictionaryRotation {
  private dictionary = new IdDictionary();

  constructor(
    readonly maxIds = DEFAULT_MAX_DICTIONARY_IDS,
    readonly maxHeldBytes = DEFAULT_MAX_HELD_BYTES,
  ) {
    if (!Number.isSafeInteger(maxIds) || maxIds < 1) throw new RangeError(`maxDictionaryIds must be a positive integer, saw ${maxIds}`);
    if (!Number.isSafeInteger(maxHeldBytes) || maxHeldBytes < 1) throw new RangeError(`maxHeldBytes must be a positive integer, saw ${maxHeldBytes}`);
  }

  /** The dictionary to intern into now (a fresh one if the last is full). */
  get current(): IdDictionary {
    if (this.dictionary.size >= this.maxIds || this.dictionary.heldBytes >= this.maxHeldBytes) this.dictionary = new IdDictionary();
    return this.dictionary;
  }
}
