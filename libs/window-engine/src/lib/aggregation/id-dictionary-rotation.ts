import { IdDictionary } from './id-dictionary';

/** Default bound: a fresh dictionary once the current one holds this many ids. */
export const DEFAULT_MAX_DICTIONARY_IDS = 1 << 20;

/**
 * The dictionary new ids go to, replaced by a fresh one once it holds `maxIds` ids. An old
 * dictionary is freed with the last accumulator (or event) still using it, at the latest when its
 * window is purged: this bounds memory for a long-running engine whose ids churn.
 *
 * Shared by a unique-count measure and a decoder that interns ids from message bytes (see
 * `uniqueCountMeasure`'s `internedIdOf`), so both number ids in the same dictionary.
 */
export class IdDictionaryRotation {
  private dictionary = new IdDictionary();

  constructor(readonly maxIds = DEFAULT_MAX_DICTIONARY_IDS) {
    if (!Number.isSafeInteger(maxIds) || maxIds < 1) throw new RangeError(`maxDictionaryIds must be a positive integer, saw ${maxIds}`);
  }

  /** The dictionary to intern into now (a fresh one if the last is full). */
  get current(): IdDictionary {
    if (this.dictionary.size >= this.maxIds) this.dictionary = new IdDictionary();
    return this.dictionary;
  }
}
