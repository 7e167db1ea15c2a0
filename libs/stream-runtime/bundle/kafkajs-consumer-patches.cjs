'use strict';
// CPU fixes to the consumer side of kafkajs 2.2.4 (unmaintained since 2023), applied to its sources
// as the consumer apps (aggregator, raw-sink) are bundled (their esbuild.config.cjs). The same
// discipline as the producer's patches (apps/producer/bundle/kafkajs-patches.cjs): each keeps the
// results identical (src/bundle/kafkajs-consumer-patches.spec.ts runs original and patched side by
// side) and fails the build when the code it replaces is not found, so an upgrade cannot drop one
// silently. Each one but the shared request-queue fix and the fetch pacing removes work done per
// record: a profile of the aggregator's catch-up and the figures are in docs/benchmarks.md. The fetch
// pacing adds a method (setFetchPacing) and leaves results alone; only when records arrive changes.
// It is tested against a real broker instead (src/lib/fetch-pacing.int.spec.ts, the whole patched
// kafkajs loaded by kafkajs-patch-harness.cjs): what each fetch request asks for.
const { patchKafkajsFile, kafkajsSourcePlugin } = require('../../kafka/bundle/kafkajs-source-patches.cjs');
const { REQUEST_QUEUE_PATCHES } = require('../../kafka/bundle/kafkajs-request-queue-patch.cjs');

/**
 * `base` (a decimal int64 string) + `delta` (a Long or a number) as a number when that is exact,
 * else undefined. The last base's number is kept: every record of a batch has the same one.
 */
const SUM_NUMBER = `
const __sumCache = () => {
  let lastBase = ''
  let lastNumber = NaN
  return (base, delta) => {
    if (base !== lastBase) {
      lastBase = base
      lastNumber = base.length <= 15 ? Number(base) : NaN
    }
    const d = typeof delta === 'number' ? delta : Number(delta.value)
    const sum = lastNumber + d
    return Number.isSafeInteger(d) && Number.isSafeInteger(sum) ? sum : undefined
  }
}
const __offsetSum = __sumCache()
const __timestampSum = __sumCache()
`;

/**
 * Whether the record body in buf[pos, end) has the simple layout the in-place read takes: the
 * attributes byte, a timestamp-delta varlong and an offset-delta varint ending inside the record,
 * key and value lengths of at least -1 (varints of at most 4 bytes) whose bytes end inside it, and
 * a header count of 0 (the single byte 0) inside it. Then every read of the record decoder stays
 * in [pos, end) and moves forward, and sees the bytes the original's record buffer holds.
 */
const IN_PLACE_SCAN = `
const __readsInPlace = (buf, pos, end) => {
  pos++
  for (let n = 0; buf[pos] >= 0x80; n++) if (++pos >= end || n === 9) return false
  if (++pos >= end) return false
  for (let n = 0; buf[pos] >= 0x80; n++) if (++pos >= end || n === 4) return false
  if (++pos >= end) return false
  for (let field = 0; field < 2; field++) {
    let raw = 0
    for (let shift = 0; ; shift += 7) {
      if (pos >= end || shift === 28) return false
      const b = buf[pos++]
      raw += (b & 0x7f) * 2 ** shift
      if (b < 0x80) break
    }
    const len = raw % 2 === 1 ? -(raw + 1) / 2 : raw / 2
    if (len < -1) return false
    if (len > 0) pos += len
  }
  return pos < end && buf[pos] === 0
}
`;

/**
 * A record as the original's object literal has it, but its key and value Buffers, and its offset
 * and timestamp strings when the numbers are exact, made only when read. The runtime reads a key
 * only to dead-letter its record, reads the aggregator's JSON values in place (valueBuffer,
 * valueStart, valueEnd: the value's bytes where the fetch response holds them; valueBuffer is
 * undefined for a null value or when the value was read the original way), and works with the
 * numbers: two Buffer views and two number-to-string conversions per record, for nothing, were ~8%
 * of the aggregator's catch-up (with their share of the collector's work). What a read gets is
 * what the original has: the same bytes in the same kind of Buffer view, the same strings; made
 * once, on the first read. Its batch's magic byte and control flag are read from the batch context
 * the record keeps anyway (the original copies both into every record): two fields fewer per record.
 */
const LAZY_RECORD = `
/** What __skipBytes read: the field's bytes in place (buffer, start, length), or its value read the original way. */
const __field = { buffer: undefined, start: 0, length: 0, value: null }

/** Skips a varint-length bytes field (readVarIntBytes' format), leaving where it lies in __field. */
const __skipBytes = decoder => {
  const at = decoder.offset
  const length = decoder.readVarInt()
  if (length >= 0 && decoder.offset + length <= decoder.buffer.length) {
    __field.buffer = decoder.buffer
    __field.start = decoder.offset
    __field.length = length
    __field.value = null
    decoder.offset += length
  } else {
    decoder.offset = at
    __field.buffer = undefined
    __field.start = 0
    __field.length = 0
    __field.value = decoder.readVarIntBytes()
  }
}

class __Record {
  constructor(attributes, timestamp, offset, key, keyBuffer, keyStart, keyLength, value, valueBuffer, valueStart, valueLength, headers, batchContext, offsetNumber, timestampNumber) {
    this.attributes = attributes
    this.valueBuffer = valueBuffer
    this.valueStart = valueStart
    this.valueEnd = valueBuffer === undefined ? 0 : valueStart + valueLength
    this.headers = headers
    this.batchContext = batchContext
    this.offsetNumber = offsetNumber
    this.timestampNumber = timestampNumber
    // undefined until read when the number is exact (then the string is the number's)
    this.__offset = offset
    this.__timestamp = timestamp
    this.__key = key
    this.__keyBuffer = keyBuffer
    this.__keyStart = keyStart
    this.__keyLength = keyLength
    this.__value = value
    this.__valueMade = valueBuffer === undefined
  }

  /** The record decoder's own default: a context without isControlBatch is not a control batch. */
  get isControlRecord() {
    const control = this.batchContext.isControlBatch
    return control === undefined ? false : control
  }

  get magicByte() {
    return this.batchContext.magicByte
  }

  get value() {
    if (!this.__valueMade) {
      this.__value = this.valueBuffer.slice(this.valueStart, this.valueEnd)
      this.__valueMade = true
    }
    return this.__value
  }

  set value(value) {
    this.__value = value
    this.__valueMade = true
    this.valueBuffer = undefined
    this.valueStart = 0
    this.valueEnd = 0
  }

  get offset() {
    if (this.__offset === undefined) this.__offset = String(this.offsetNumber)
    return this.__offset
  }

  set offset(offset) {
    this.__offset = offset
  }

  get timestamp() {
    if (this.__timestamp === undefined) this.__timestamp = String(this.timestampNumber)
    return this.__timestamp
  }

  set timestamp(timestamp) {
    this.__timestamp = timestamp
  }

  get key() {
    if (this.__keyBuffer !== undefined) {
      this.__key = this.__keyBuffer.slice(this.__keyStart, this.__keyStart + this.__keyLength)
      this.__keyBuffer = undefined
    }
    return this.__key
  }

  set key(key) {
    this.__key = key
    this.__keyBuffer = undefined
  }
}
`;

/** file under kafkajs/src -> [code to find, replacement] pairs, each applied to every occurrence. */
const PATCHES = {
  // The idle wake-up loop of every broker connection: shared with the other bundle's patch set.
  ...REQUEST_QUEUE_PATCHES,
  // Per record, twice: a BigInt parsed from a string, a BigInt add and a BigInt printed, for the
  // record's offset and timestamp. With a batch base of up to 15 digits the sums are exact as numbers,
  // and the record also carries them as numbers (offsetNumber, timestampNumber; undefined otherwise),
  // so a consumer does not parse the strings back (4% of the aggregator at a live 20,000 events/s);
  // the strings of exact numbers are made when read (LAZY_RECORD).
  // Per record, when it has no headers (the usual case): an empty array and a reduce over it, and an
  // empty object (56 bytes, a fifth of what a record allocates); one shared, frozen empty object
  // instead (nothing in kafkajs or the runtime writes to a consumed record's headers). A header
  // count of 0 is the single varint byte 0.
  'protocol/recordBatch/record/v0/decoder.js': [
    [
      `  const headers = decoder.readVarIntArray(HeaderDecoder).reduce(`,
      `  const headers = decoder.buffer[decoder.offset] === 0 ? (decoder.offset++, __NO_HEADERS) : decoder.readVarIntArray(HeaderDecoder).reduce(`,
    ],
    [`const Long = require('../../../../utils/long')\n`, `const Long = require('../../../../utils/long')\nconst __NO_HEADERS = Object.freeze({})\n${SUM_NUMBER}${LAZY_RECORD}`],
    // Key and value: their lengths read and their bytes skipped (__skipBytes), the Buffers made on
    // the first read of record.key or record.value (LAZY_RECORD); the value's bytes stay readable in
    // place. A length below -1 or past the buffer takes the original read.
    [
      `  const key = decoder.readVarIntBytes()`,
      `  __skipBytes(decoder)
  const key = __field.value, keyBuffer = __field.buffer, keyStart = __field.start, keyLength = __field.length`,
    ],
    [
      `  const value = decoder.readVarIntBytes()`,
      `  __skipBytes(decoder)
  const value = __field.value, valueBuffer = __field.buffer, valueStart = __field.start, valueLength = __field.length`,
    ],
    // The timestamp delta as a plain number when its varlong fits 7 bytes (a Long, two BigInts,
    // per record otherwise); the sum takes numbers, and the Long fallback gets a Long again.
    [`  const timestampDelta = decoder.readVarLong()`, `  const timestampDelta = decoder.readVarLongNumber()`],
    [
      `  const timestamp =
    timestampType === TimestampTypes.LOG_APPEND_TIME && maxTimestamp
      ? maxTimestamp
      : Long.fromValue(firstTimestamp)
          .add(timestampDelta)
          .toString()`,
      `  const appendTime = timestampType === TimestampTypes.LOG_APPEND_TIME && maxTimestamp
  const timestampNumber = appendTime ? undefined : __timestampSum(firstTimestamp, timestampDelta)
  const timestamp = appendTime
    ? maxTimestamp
    : timestampNumber !== undefined
    ? undefined
    : Long.fromValue(firstTimestamp)
        .add(typeof timestampDelta === 'number' ? Long.fromNumber(timestampDelta) : timestampDelta)
        .toString()`,
    ],
    [
      `  const offset = Long.fromValue(firstOffset)
    .add(offsetDelta)
    .toString()`,
      `  const offsetNumber = __offsetSum(firstOffset, offsetDelta)
  const offset = offsetNumber !== undefined
    ? undefined
    : Long.fromValue(firstOffset)
        .add(offsetDelta)
        .toString()`,
    ],
    [
      `  return {
    magicByte,
    attributes, // Record level attributes are presently unused
    timestamp,
    offset,
    key,
    value,
    headers,
    isControlRecord: isControlBatch,
    batchContext,
  }`,
      `  return new __Record(attributes, timestamp, offset, key, keyBuffer, keyStart, keyLength, value, valueBuffer, valueStart, valueLength, headers, batchContext, offsetNumber, timestampNumber)`,
    ],
  ],
  // The record's timestamp delta is a varlong: the original makes two Longs (BigInts) per byte. Up to
  // 7 bytes (49 bits) the value is exact as a number; longer ones take the original loop. The record
  // decoder takes the number itself (readVarLongNumber); other callers still get a Long.
  'protocol/decoder.js': [
    [
      `  readVarLong() {
    let currentByte`,
      `  readVarLong() {
    const n = this.readVarLongNumber()
    return typeof n === 'number' ? Long.fromNumber(n) : n
  }

  /** The varlong as a number when it fits 7 bytes (49 bits, exact), else as a Long. */
  readVarLongNumber() {
    const buffer = this.buffer
    let at = this.offset
    let n = 0
    let scale = 1
    for (let i = 0; i < 7; i++) {
      const b = buffer[at++]
      if (b === undefined) break
      n += (b & OTHER_BITS) * scale
      if (b < MOST_SIGNIFICANT_BIT) {
        this.offset = at
        return n % 2 === 1 ? -(n + 1) / 2 : n / 2
      }
      scale *= 128
    }
    return this.readVarLongSlow()
  }

  readVarLongSlow() {
    let currentByte`,
    ],
  ],
  // Per record: a Buffer view of the record and a Decoder over it, only to read it. Read it in place
  // instead, then go on exactly where the original goes on (the record's end). In place is taken
  // only when a scan of the record's layout shows every read stays inside it, moving forward (no
  // length below -1, which would move the original's offset back) and no headers; anything else
  // (headers, corrupt data) is decoded the original way, with the original's result or error.
  'protocol/recordBatch/v0/decoder.js': [
    [`const TimestampTypes = require('../../timestampTypes')\n`, `const TimestampTypes = require('../../timestampTypes')\n${IN_PLACE_SCAN}`],
    [
      `const decodeRecord = (decoder, recordContext) => {
  const recordBuffer = decoder.readVarIntBytes()`,
      `const decodeRecord = (decoder, recordContext) => {
  const start = decoder.offset
  const length = decoder.readVarInt()
  const end = decoder.offset + length
  if (length >= 0 && end <= decoder.buffer.length && __readsInPlace(decoder.buffer, decoder.offset, end)) {
    try {
      const record = RecordDecoder(decoder, recordContext)
      if (decoder.offset <= end) {
        decoder.offset = end
        return record
      }
    } catch (e) {
      // decoded again below, the original way
    }
  }
  decoder.offset = start
  const recordBuffer = decoder.readVarIntBytes()`,
    ],
  ],
  // Per partition of a fetch response cut by maxBytes: its last record batch is partial, and the
  // original learns it from a KafkaJSPartialMessageError (an Error with its stack trace) thrown by the
  // batch decoder and caught here. Its length field says so first: stop where the error would.
  'protocol/requests/fetch/v4/decodeMessages.js': [
    [
      `    while (messagesDecoder.canReadBytes(RECORD_BATCH_OVERHEAD)) {
`,
      `    while (messagesDecoder.canReadBytes(RECORD_BATCH_OVERHEAD)) {
      const batchAt = messagesDecoder.offset
      if (messagesDecoder.buffer.length - (batchAt + 12) < messagesDecoder.buffer.readInt32BE(batchAt + 8)) break
`,
    ],
  ],
  // Per batch, when every record is at or above the fetched offset (by the number the record decoder
  // gives), none is a control record and no transaction was aborted (the usual case): the two filtered
  // copies of the records are the records themselves, as the original's filters would keep every
  // one. Nothing in kafkajs or the runtime writes to the arrays, so sharing one is safe.
  // Otherwise, per record: the record's offset string was parsed into a BigInt to compare with the
  // fetched offset; a number compare when both have at most 15 digits.
  'consumer/batch.js': [
    [
      `    this.rawMessages = messages
`,
      `    this.rawMessages = messages
    if ((!abortedTransactions || !abortedTransactions.length) && typeof fetchedOffset === 'string' && fetchedOffset.length <= 15) {
      const fetched = Number(fetchedOffset)
      let all = true
      for (let i = 0; i < messages.length; i++) {
        const m = messages[i]
        if (!(m.offsetNumber >= fetched) || m.isControlRecord) {
          all = false
          break
        }
      }
      if (all) {
        this.messagesWithinOffset = messages
        this.messages = messages
        return
      }
    }
`,
    ],
    [
      `      Long.fromValue(message.offset).gte(longFetchedOffset)`,
      `      message.offset.length <= 15 && typeof this.fetchedOffset === 'string' && this.fetchedOffset.length <= 15
        ? Number(message.offset) >= Number(this.fetchedOffset)
        : Long.fromValue(message.offset).gte(longFetchedOffset)`,
    ],
  ],
  // Fetch pacing (the runtime's FetchPacing): the consumer may change the wait and minimum bytes of
  // its next fetches. kafkajs fixes both at creation, and a consumer that waits long between window
  // closes and briefly around them needs them to move.
  'consumer/index.js': [
    [
      `  const getLogger = () => logger

  return {`,
      `  const getLogger = () => logger

  /** The wait and minimum bytes of the fetches from now on (also after a restart of the group). */
  const setFetchPacing = ({ maxWaitTimeInMs: wait, minBytes: bytes }) => {
    maxWaitTimeInMs = wait
    minBytes = bytes
    if (consumerGroup) {
      consumerGroup.maxWaitTime = wait
      consumerGroup.minBytes = bytes
    }
  }

  return {
    setFetchPacing,`,
    ],
  ],
  // A broker counts each partition's bytes towards minBytes only up to that partition's maxBytes: a
  // minBytes above what the request's partitions may bring (one partition left to fetch, the others
  // paused or led by another broker) would make every fetch wait its whole maxWaitTime. Never above
  // the response's maxBytes either.
  'consumer/consumerGroup.js': [
    [
      `      const { responses } = await broker.fetch({
        maxWaitTime: this.maxWaitTime,
        minBytes: this.minBytes,`,
      `      let partitionsInRequest = 0
      for (const { partitions } of requests) partitionsInRequest += partitions.length
      const { responses } = await broker.fetch({
        maxWaitTime: this.maxWaitTime,
        minBytes: Math.min(this.minBytes, this.maxBytes, this.maxBytesPerPartition * partitionsInRequest),`,
    ],
  ],
  // Per record (the runner's isStale): JSON.stringify([topic, partition]) to look up a seek, while
  // there is almost never one pending. An empty map has nothing to find.
  'consumer/seekOffsets.js': [
    [
      `  has(topic, partition) {
    const key`,
      `  has(topic, partition) {
    if (this.size === 0) return false
    const key`,
    ],
  ],
};

/** The patched source of a kafkajs file, or undefined when the file has no patch. */
function patchKafkajsConsumerSource(filePath, source) {
  return patchKafkajsFile(PATCHES, 'libs/stream-runtime/bundle/kafkajs-consumer-patches.cjs', filePath, source);
}

/** The esbuild plugin the consumer apps' bundles use. */
const kafkajsConsumerPatches = kafkajsSourcePlugin('kafkajs-consumer-patches', patchKafkajsConsumerSource);

module.exports = { patchKafkajsConsumerSource, kafkajsConsumerPatches, PATCHED_FILES: Object.keys(PATCHES) };
