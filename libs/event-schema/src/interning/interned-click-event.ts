import type { ClickEvent } from '../click-event/click-event';
import type { Device } from '../click-event/device';
import type { UserIdInterner } from './user-id-interner';

/** Buffer's native latin1 slicer; not in @types/node, but present since Node 6. */
interface Latin1Slice {
  latin1Slice(start: number, end: number): string;
}

const UUID_LENGTH = 36;

/**
 * A valid ClickEvent from InterningClickEventDecoder: `user_id` is the interned string (the same
 * object for every event of that user) and `userRef` its integer in `userIds`; `event_id` is made
 * from the message bytes only when read (the aggregator reads it for late rows only).
 *
 * Holds the message buffer until `event_id` is read or the event is dropped. Not a plain object:
 * use `toClickEvent()` for one (e.g. to compare or serialise).
 */
export class InternedClickEvent implements ClickEvent {
  constructor(
    /** The canonical event id, or `undefined` while it is still only bytes. */
    private eventIdText: string | undefined,
    /** Where the validated UUID's 36 bytes are, while `eventIdText` is undefined. */
    private eventIdBytes: Buffer | undefined,
    private readonly eventIdStart: number,
    /** The bytes hold uppercase hex digits: the canonical form is lowercased. */
    private readonly eventIdUppercase: boolean,
    readonly user_id: string,
    readonly ts: number,
    readonly page: string,
    readonly referrer: string,
    readonly country: string,
    readonly device: Device,
    /** The interner that numbered `userRef`; compare by identity before using `userRef`. */
    readonly userIds: UserIdInterner,
    readonly userRef: number,
  ) {}

  /** Tells it from a rejection, as DecodedClickEvent's `ok` does. */
  get ok(): true {
    return true;
  }

  /** UUID in canonical lowercase form (as ClickEvent's). */
  get event_id(): string {
    if (this.eventIdText === undefined) {
      const bytes = this.eventIdBytes as Buffer;
      const text = (bytes as unknown as Latin1Slice).latin1Slice(this.eventIdStart, this.eventIdStart + UUID_LENGTH);
      this.eventIdText = this.eventIdUppercase ? text.toLowerCase() : text;
      this.eventIdBytes = undefined;
    }
    return this.eventIdText;
  }

  /** The plain ClickEvent, fields in wire order. */
  toClickEvent(): ClickEvent {
    const { event_id, user_id, ts, page, referrer, country, device } = this;
    return { event_id, user_id, ts, page, referrer, country, device };
  }
}
