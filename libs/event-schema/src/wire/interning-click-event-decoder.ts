import { InternedClickEvent } from '../interning/interned-click-event';
import type { PairKeyInterner } from '../interning/pair-key-interner';
import type { UserIdInterners } from '../interning/user-id-interner';
import { clickEventSchemaRegistry } from '../schema/production-registry';
import { checkClickEventFields } from '../validation/check-click-event-draft';
import type { ClickEventRejection } from '../validation/rejection';
import { DEFAULT_VALIDATION_LIMITS } from '../validation/validation-options';
import { AvroClickEventReader } from './avro-click-event-reader';
import { decodeClickEvent } from './decode-click-event';
import type { DecodeClickEventOptions } from './decode-click-event-result';
import { JsonClickEventReader } from './json-click-event-reader';

// Local copies of the frame constants: the hot path reads no other module's bindings.
const MAGIC_BYTE = 0x00;
const HEADER_BYTES = 5;
const OPEN_BRACE = 0x7b;

/**
 * `decodeClickEvent` for an engine that counts users by integer: the same verdicts (never throws,
 * the same rejections), but a valid event comes back as an InternedClickEvent whose strings are
 * made only when read.
 *
 * Production-version Avro takes the in-place path (AvroClickEventReader.readInterned), and so does
 * JSON of the producer's own shape (JsonClickEventReader.readInterned): their events keep the user
 * id as its bytes (InternedClickEvent.userIdBytes). Anything else (older versions, unusual JSON,
 * irregular or invalid bodies) is decoded by `decodeClickEvent` and its user id interned into
 * `userIds.current`. The in-place path gives up (falls back) on anything it cannot decide exactly;
 * agreement with `decodeClickEvent` is property-tested on valid, corrupted and random inputs.
 */
export class InterningClickEventDecoder {
  private readonly latestVersion: number;
  private readonly reader: AvroClickEventReader | undefined;
  private readonly jsonReader = new JsonClickEventReader();
  private readonly maxReferrerLength: number;
  private readonly maxUserIdLength: number;
  /** The one object `decodeTransient` refills. */
  private readonly transient = new InternedClickEvent();

  /**
   * `pairKeys`: when given, the in-place paths take page and country from it, and the event carries
   * their pair key (`pairKey`), e.g. the window key of an engine keyed by page and country.
   */
  constructor(
    private readonly userIds: UserIdInterners,
    private readonly options: DecodeClickEventOptions = {},
    private readonly pairKeys?: PairKeyInterner,
  ) {
    const registry = options.registry ?? clickEventSchemaRegistry;
    this.latestVersion = registry.latestVersion;
    this.reader = AvroClickEventReader.forReaderType(registry.readerType);
    this.maxReferrerLength = options.maxReferrerLength ?? DEFAULT_VALIDATION_LIMITS.maxReferrerLength;
    this.maxUserIdLength = options.maxUserIdLength ?? DEFAULT_VALIDATION_LIMITS.maxUserIdLength;
  }

  /**
   * The user id for checkClickEventFields. A printable ASCII id (its length known, -1 otherwise)
   * that is not empty and within the bound passes on its length alone and its string is never
   * read: '' stands in, so no string is made per event. Any other id is checked, and described in
   * the rejection, by its string.
   */
  private userIdToCheck(e: InternedClickEvent, printableLength: number): string {
    return printableLength > 0 && printableLength <= this.maxUserIdLength ? '' : e.user_id;
  }

  /** Never throws; see `decodeClickEvent`. A fresh event per call. */
  decode(bytes: Buffer | null): InternedClickEvent | ClickEventRejection {
    return this.decodeInto(bytes, new InternedClickEvent());
  }

  /**
   * As `decode`, but every call refills and returns the same event object: valid only until the
   * next call. For a consumer loop that is done with each event before the next (the aggregator's
   * task): no allocation per event.
   */
  decodeTransient(bytes: Buffer | null): InternedClickEvent | ClickEventRejection {
    return this.decodeInto(bytes, this.transient);
  }

  /**
   * `decodeTransient` of the message `buf[start, end)`, e.g. a record's value where the fetch
   * response holds it: JSON of the producer's shape is read there in place, anything else from a
   * Buffer view of the range (the same verdicts as `decodeTransient` of that view).
   */
  decodeTransientRange(buf: Buffer, start: number, end: number): InternedClickEvent | ClickEventRejection {
    const into = this.transient;
    if (end > start && buf[start] === OPEN_BRACE) return this.readJson(buf, start, end, into) ?? this.decodeParsed(buf.subarray(start, end), into);
    return this.decodeInto(start === 0 && end === buf.length ? buf : buf.subarray(start, end), into);
  }

  private decodeInto(bytes: Buffer | null, into: InternedClickEvent): InternedClickEvent | ClickEventRejection {
    const reader = this.reader;
    // The latest version is the reader schema itself (no resolver): the reader's own layout.
    if (reader !== undefined && bytes !== null && bytes.length >= HEADER_BYTES && bytes[0] === MAGIC_BYTE && bytes.readUInt32BE(1) === this.latestVersion) {
      const e = reader.readInterned(bytes, HEADER_BYTES, into, this.maxReferrerLength, this.pairKeys);
      // '' for the referrer: readInterned checked its length (it is not required), so it passes.
      if (e !== undefined) return checkClickEventFields(this.userIdToCheck(e, reader.userIdLength), e.ts, e.page, '', e.country, e.device, this.options, 'avro', reader.userIdLength) ?? e;
    } else if (bytes !== null && bytes[0] === OPEN_BRACE) {
      const e = this.readJson(bytes, 0, bytes.length, into);
      if (e !== undefined) return e;
    }
    return this.decodeParsed(bytes, into);
  }

  /** JSON of the producer's shape in `buf[start, end)`, checked; undefined when the JSON.parse path must decide. */
  private readJson(buf: Buffer, start: number, end: number, into: InternedClickEvent): InternedClickEvent | ClickEventRejection | undefined {
    const reader = this.jsonReader;
    const e = reader.readInterned(buf, into, this.maxReferrerLength, this.pairKeys, start, end);
    // '' for the referrer, as above: readInterned checked its length. It took only printable
    // ASCII in its strings (anything else goes to the JSON.parse path), and counted them.
    if (e === undefined) return undefined;
    return checkClickEventFields(this.userIdToCheck(e, reader.userIdLength), e.ts, e.page, '', e.country, e.device, this.options, 'json', reader.userIdLength, reader.pageLength) ?? e;
  }

  /** The full decode (`decodeClickEvent`), its valid event interned. */
  private decodeParsed(bytes: Buffer | null, into: InternedClickEvent): InternedClickEvent | ClickEventRejection {
    const result = decodeClickEvent(bytes, this.options);
    if (!result.ok) return result;
    const e = result.event;
    const userIds = this.userIds.current;
    const userRef = userIds.idOf(e.user_id);
    return into.assign(e.event_id, 0, false, e.user_id, e.ts, e.page, e.referrer, 0, 0, e.country, e.device, userIds, userRef);
  }
}
