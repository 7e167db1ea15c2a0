import { IdDictionary } from './id-dictionary';

/**
 * Default bound: a fresh dictionary once the current one holds this many ids. Small enough that a
 * dictionary's table (2^18 slots, 2 MiB) and arena stay within reach of the CPU cache: at 5,000,000
 * users a 2^20 dictionary's 16 MiB table missed it on nearly every probe, and 2^17 was 1.049x
 * faster twice (issue 14). Large enough for the producer's 50,000 users never to rotate. An
 * accumulator keeps interning into its own dictionary, so a rotation costs no lookups.
 */
export const DEFAULT_MAX_DICTIONARY_IDS = 1 << 17;
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
    // Sized like the full one: the next fills about as far.
    if (this.dictionary.size >= this.maxIds || this.dictionary.heldBytes >= this.maxHeldBytes) this.dictionary = new IdDictionary(this.dictionary.size);
    return this.dictionary;
  }
}
