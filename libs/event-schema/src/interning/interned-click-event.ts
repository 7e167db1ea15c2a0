import type { ClickEvent } from '../click-event/click-event';
import type { Device } from '../click-event/device';
import type { PairKeyInterner } from './pair-key-interner';
import type { UserIdInterner } from './user-id-interner';

/** Buffer's native latin1 slicer; not in @types/node, but present since Node 6. */
interface Latin1Slice {
  latin1Slice(start: number, end: number): string;
}

const UUID_LENGTH = 36;

/**
 * A valid ClickEvent from InterningClickEventDecoder. The user is either the message bytes holding
 * the user id (`userIdBytes`, from the in-place readers: a window engine's accumulator reads them
 * there) or `userRef`, its integer in `userIds`; `user_id` is made only when read. `event_id` is made
 * from the message bytes only when read (the aggregator reads it for late rows only), and so is
 * `referrer` (never read by the aggregator).
 *
 * Holds the message buffer until `event_id` is read or the event is refilled. Not a plain
 * object: use `toClickEvent()` for one (e.g. to compare or serialise). Fields are writable only
 * so the decoder can refill one object (`decodeTransient`); nothing else may write them.
 */
export class InternedClickEvent implements ClickEvent {
  /** The canonical event id, or the message bytes holding it (see `eventIdStart`). */
  private eventIdSource: string | Buffer = '';
  /** Where the validated UUID's 36 bytes start in `eventIdSource`, while it is a Buffer. */
  private eventIdStart = 0;
  /** The bytes hold uppercase hex digits: the canonical form is lowercased. */
  private eventIdUppercase = false;
  /** The user id, or undefined until read: then made from `userIds` (see `user_id`). */
  private userIdSource: string | undefined = '';
  ts = 0;
  page = '';
  /** The referrer, or the message bytes holding it at [referrerStart, referrerEnd) (made on first read). */
  private referrerSource: string | Buffer = '';
  private referrerStart = 0;
  private referrerEnd = 0;
  country = '';
  device: Device = 'desktop';
  /** The interner that numbered `userRef`; compare by identity before using `userRef`. */
  userIds: UserIdInterner | undefined = undefined;
  userRef = -1;
  /** The message bytes holding the user id's UTF-8 at [userIdStart, userIdEnd), or undefined (then see `userRef`). */
  userIdBytes: Buffer | undefined = undefined;
  userIdStart = 0;
  userIdEnd = 0;
  /** The interner that made `pairKey`; compare by identity before using `pairKey`. */
  pairKeys: PairKeyInterner | undefined = undefined;
  /** `pairKey`'s number in `pairKeys`, or -1 (e.g. a window engine's key slot). */
  pairRef = -1;
  /** `pairKeys.epoch` when `pairRef` was given: the ref names the pair only while the two agree. */
  pairEpoch = 0;

  /**
   * Sets every field. `eventId` is the canonical id, or a buffer with the checked UUID at
   * `eventIdStart`; `referrer` is the referrer, or a buffer with its UTF-8 at [referrerStart, referrerEnd).
   */
  assign(
    eventId: string | Buffer,
    eventIdStart: number,
    eventIdUppercase: boolean,
    userId: string | undefined,
    ts: number,
    page: string,
    referrer: string | Buffer,
    referrerStart: number,
    referrerEnd: number,
    country: string,
    device: Device,
    userIds: UserIdInterner | undefined,
    userRef: number,
    pairKeys: PairKeyInterner | undefined = undefined,
    pairRef = -1,
  ): this {
    this.eventIdSource = eventId;
    this.eventIdStart = eventIdStart;
    this.eventIdUppercase = eventIdUppercase;
    this.userIdSource = userId;
    this.ts = ts;
    this.page = page;
    this.referrerSource = referrer;
    this.referrerStart = referrerStart;
    this.referrerEnd = referrerEnd;
    this.country = country;
    this.device = device;
    this.userIds = userIds;
    this.userRef = userRef;
    this.userIdBytes = undefined;
    this.pairKeys = pairKeys;
    this.pairEpoch = pairKeys === undefined ? 0 : pairKeys.epoch;
    this.pairRef = pairRef;
    return this;
  }

  /** Sets the user to the UTF-8 in `bytes[start, end)` (after `assign`, which clears it). */
  withUserIdBytes(bytes: Buffer, start: number, end: number): this {
    this.userIdBytes = bytes;
    this.userIdStart = start;
    this.userIdEnd = end;
    return this;
  }

  /**
   * The composite key of page and country from `pairKeys`, or '' when it did not index them. Made
   * on read: a window engine that finds the pair's state by `pairRef` reads it only for a new key.
   * Once the interner started over, `pairRef` may name another pair: the key is then made from the
   * event's own page and country.
   */
  get pairKey(): string {
    const keys = this.pairKeys;
    if (keys === undefined) return '';
    return keys.epoch === this.pairEpoch ? keys.key(this.pairRef) : this.page + keys.separator + this.country;
  }

  /** Tells it from a rejection, as DecodedClickEvent's `ok` does. */
  get ok(): true {
    return true;
  }

  /**
   * As ClickEvent's. The in-place paths leave it unmade (`undefined` to `assign`): the engine counts
   * users from their bytes, and the string is made only when one is read (late rows).
   */
  get user_id(): string {
    const source = this.userIdSource;
    if (source !== undefined) return source;
    const bytes = this.userIdBytes;
    this.userIdSource = bytes !== undefined ? bytes.toString('utf8', this.userIdStart, this.userIdEnd) : (this.userIds as UserIdInterner).stringOf(this.userRef);
    return this.userIdSource;
  }

  /** UUID in canonical lowercase form (as ClickEvent's). */
  get event_id(): string {
    const source = this.eventIdSource;
    if (typeof source === 'string') return source;
    const text = (source as unknown as Latin1Slice).latin1Slice(this.eventIdStart, this.eventIdStart + UUID_LENGTH);
    this.eventIdSource = this.eventIdUppercase ? text.toLowerCase() : text;
    return this.eventIdSource;
  }

  /** As ClickEvent's; decoded on first read (the aggregator never reads it). */
  get referrer(): string {
    const source = this.referrerSource;
    if (typeof source === 'string') return source;
    this.referrerSource = source.toString('utf8', this.referrerStart, this.referrerEnd);
    return this.referrerSource;
  }

  /** The plain ClickEvent, fields in wire order. */
  toClickEvent(): ClickEvent {
    const { event_id, user_id, ts, page, referrer, country, device } = this;
    return { event_id, user_id, ts, page, referrer, country, device };
  }
}
