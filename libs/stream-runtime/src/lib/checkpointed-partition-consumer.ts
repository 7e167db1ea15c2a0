import {
  CheckpointedFlusher,
  CheckpointFencedError,
  CheckpointLostError,
  type CheckpointLedger,
  type RedisCheckpointStore,
} from '@clickstream/checkpoint';
import type { DeadLetter, DeadLetterPublishReport } from '@clickstream/kafka';
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { deadLetterOf, deadLetterOfRefusal, PROCESSING_ERROR_REASON } from './dead-letter-of';
import { kafkaOffsetRange } from './kafka-offset-range';
import { OwnedPartition } from './owned-partition';
import {
  afterRecord,
  asksTask,
  boundaryOf,
  boundaryPassed,
  claimedProgress,
  flushRange,
  hasUncommitted,
  onBoundary,
  rangeCut,
  seekingProgress,
  silentDone,
  stopMayCut,
  timerCutDue,
  timerMayCut,
} from './partition-progress';
import { PartitionClaimer } from './partition-claimer';
import type { ConsumedRecord, PartitionTaskFactory, RecordOutcome, TaskCut } from './partition-task';
import { ConcurrencyLimit } from './concurrency-limit';
import { fetchPacing, shortPacing, type FetchLimits, type FetchPacing, type PartitionPace } from './fetch-pacing';
import type { StreamRuntimeMetrics } from './stream-runtime-metrics';

/**
 * Fetch sizes (kafkajs maxBytes, maxBytesPerPartition). kafkajs decodes a whole fetch response into
 * message objects before the first batch is handed over, so while catching up every scavenge of
 * V8's young generation found the rest of a 4 MiB response alive and copied it: at 1 MiB the
 * aggregator caught up 7% faster (JSON, 1x and 100x), the raw sink 17% faster, and both peaked
 * 60-100 MB lower (docs/benchmarks.md, sixth pass).
 */
export const DEFAULT_FETCH_MAX_BYTES = 1024 * 1024;
export const DEFAULT_FETCH_MAX_BYTES_PER_PARTITION = 512 * 1024;

/**
 * A fetched message as the consumer bundles' kafkajs patch decodes it (undefined extras from the
 * plain kafkajs): its offset and timestamp also as numbers, when exact, and its value's bytes in
 * place (libs/stream-runtime/bundle/kafkajs-consumer-patches.cjs).
 */
type NumberedMessage = EachBatchPayload['batch']['messages'][number] & {
  readonly offsetNumber?: number;
  readonly timestampNumber?: number;
  /** The value's bytes in the fetch response: valueBuffer[valueStart, valueEnd); undefined when the value is null or was read the original way. */
  readonly valueBuffer?: Buffer;
  readonly valueStart?: number;
  readonly valueEnd?: number;
};

/** A consumer of the bundles' patched kafkajs, whose fetch wait and minimum bytes can change (FetchPacing). */
type PacedConsumer = Consumer & { readonly setFetchPacing?: (pacing: FetchPacing) => void };

export interface RuntimeLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Where rejected records and refused rows go (DeadLetterPublisher); bounded and never stalling. */
export interface DeadLetterSink {
  publish(letters: readonly DeadLetter[]): Promise<DeadLetterPublishReport>;
}

export interface CheckpointedConsumerOptions {
  readonly kafka: Kafka;
  readonly groupId: string;
  readonly topic: string;
  readonly store: RedisCheckpointStore;
  /** Durable copy of ranges and snapshots, read when Redis has lost a partition's checkpoint. */
  readonly ledger?: CheckpointLedger;
  /** Min time between durable snapshots of a partition (0 = every flush); default 60 s. */
  readonly durableSnapshotIntervalMs?: number;
  /** Prefix of every dedup token, e.g. `aggregator`; must differ between apps writing the same table. */
  readonly tokenNamespace: string;
  readonly createTask: PartitionTaskFactory;
  readonly deadLetters: DeadLetterSink;
  /** Max time a partition's processed records stay uncommitted. */
  readonly checkpointIntervalMs: number;
  /** Max time buffered output waits before a flush (freshness). */
  readonly maxFlushDelayMs: number;
  readonly sessionTimeoutMs: number;
  /** kafkajs maxBytes / maxBytesPerPartition: what a fetch may hold in memory. */
  readonly fetchMaxBytes?: number;
  readonly fetchMaxBytesPerPartition?: number;
  /**
   * How many partitions' flushes may run at once (default 4). Each partition has at most one flush
   * in flight and flushes in order; different partitions flush side by side, so a partition whose
   * flush is slow or retrying holds its own slot only.
   */
  readonly flushConcurrency?: number;
  readonly logger: RuntimeLogger;
  readonly metrics: StreamRuntimeMetrics;
  /**
   * kafkajs gave up and will not restart the consumer (e.g. "Failed to find group coordinator"
   * right after a broker restart): the process would stay up reading nothing. Stop and exit non-zero.
   */
  readonly onFatalCrash?: (err: Error) => void;
  readonly now?: () => number;
}

/** Flushes of different partitions that may run at once, unless the options say otherwise. */
export const DEFAULT_FLUSH_CONCURRENCY = 4;

/** How often due flushes are looked for (and the fetch pacing re-evaluated between batches). */
const TIMER_INTERVAL_MS = 100;

/** An assigned partition not owned or not fetched yet: its backlog is unknown, so fetches wait short. */
const UNKNOWN_PACE: PartitionPace = { live: false, lag: undefined, eventTimeToNextFire: 0, sinceLastBatchMs: 0 };

/**
 * A consumer group member that owns partitions the Flink way: offsets and state live in the
 * checkpoint store (claimed with a fencing epoch), not in Kafka; Kafka commits are for lag
 * monitoring only. Records below the checkpoint are skipped; a crashed flush is replayed with its
 * original range.
 *
 * Flushes run in the background, one at a time per partition and up to `flushConcurrency`
 * partitions at once: a cut is taken synchronously (the task's output and state, the range), then
 * its announce, writes and commit proceed while the partition's later records are processed. A
 * partition's next cut waits for its flush in flight: if one is due meanwhile, the partition is
 * paused and the rest of its batch left unresolved (kafkajs fetches it again once the flush
 * landed), so a slow or failing partition holds neither the fetch loop nor the others.
 */
export class CheckpointedPartitionConsumer {
  private readonly consumer: PacedConsumer;
  private readonly fetchLimits: FetchLimits;
  /** What the consumer's fetches use now. */
  private pacing: FetchPacing;
  private readonly owned = new Map<number, OwnedPartition>();
  /** Partitions we were fenced out of in this generation: ignored until the next rebalance. */
  private readonly fenced = new Set<number>();
  /** Group generations seen (GROUP_JOINs): a claim made before the latest one is not blacklisted when fenced. */
  private generation = 0;
  private readonly flushSlots: ConcurrencyLimit;
  /** Every flush in flight, of owned partitions or of ones revoked or dropped since: stop waits for them. */
  private readonly inflight = new Set<Promise<void>>();
  /** Claims under way: a batch arriving during a re-claim waits for it instead of claiming twice. */
  private readonly claims = new Map<number, Promise<OwnedPartition>>();
  private readonly flusher: CheckpointedFlusher;
  private readonly claimer: PartitionClaimer;
  private readonly now: () => number;
  private heartbeat: () => Promise<void> = async () => undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopping = false;
  private giveUpAt = Infinity;
  private connected = false;
  private readonly lag = new Map<number, number>();
  /** The partitions of the last assignment (fetch pacing counts each, owned or not). */
  private assignedPartitions = new Set<number>();
  /** When each partition's last batch came (fetch pacing: how old its event time is). */
  private readonly lastBatchAt = new Map<number, number>();
  private lastProgressAt: number;

  constructor(private readonly options: CheckpointedConsumerOptions) {
    this.now = options.now ?? Date.now;
    this.flushSlots = new ConcurrencyLimit(options.flushConcurrency ?? DEFAULT_FLUSH_CONCURRENCY);
    this.lastProgressAt = this.now();
    const maxBytes = options.fetchMaxBytes ?? DEFAULT_FETCH_MAX_BYTES;
    const maxBytesPerPartition = options.fetchMaxBytesPerPartition ?? DEFAULT_FETCH_MAX_BYTES_PER_PARTITION;
    this.fetchLimits = { maxBytes, maxBytesPerPartition };
    this.pacing = shortPacing(this.fetchLimits);
    this.consumer = options.kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: options.sessionTimeoutMs,
      heartbeatInterval: Math.max(1_000, Math.floor(options.sessionTimeoutMs / 10)),
      allowAutoTopicCreation: false,
      // At live rates a fetch that returns at the first byte brings a handful of records per
      // partition, and the per-fetch and per-batch work (kafkajs' runner, lag, heartbeat) costs more
      // than the records: fetches wait for bytes or time, short around window closes and long between
      // them where kafkajs is patched (fetch-pacing.ts; measured in docs/benchmarks.md).
      minBytes: this.pacing.minBytes,
      maxWaitTimeInMs: this.pacing.maxWaitTimeInMs,
      // kafkajs' default is 5 min: added partitions would stay unread that long.
      metadataMaxAge: 10_000,
      maxBytes,
      maxBytesPerPartition,
    });
    options.metrics.fetchWait.set(this.pacing.maxWaitTimeInMs / 1000);
    this.flusher = new CheckpointedFlusher(options.store, options.tokenNamespace, {
      startingDelayMs: 200,
      maxDelayMs: 5_000,
      shouldGiveUp: () => this.now() >= this.giveUpAt,
      onRetry: async (err, attempt) => {
        options.metrics.flushRetries.inc();
        options.logger.warn({ err, attempt }, 'flush failed; retrying with backoff');
        await this.heartbeat().catch(() => undefined);
      },
    }, options.ledger);
    this.claimer = new PartitionClaimer(options.store, options.ledger, kafkaOffsetRange(options.kafka));
  }

  /** Connected to the group and not crashed. */
  get isConnected(): boolean {
    return this.connected;
  }

  /** Sum of the last seen lag over owned partitions. */
  get pendingRecords(): number {
    let total = 0;
    for (const partition of this.owned.keys()) total += this.lag.get(partition) ?? 0;
    return total;
  }

  get lastProgress(): number {
    return this.lastProgressAt;
  }

  async start(): Promise<void> {
    const { events } = this.consumer;
    this.consumer.on(events.GROUP_JOIN, (e) => {
      this.connected = true;
      const assigned = new Set<number>(e.payload.memberAssignment[this.options.topic] ?? []);
      this.onAssignment(assigned);
    });
    this.consumer.on(events.CRASH, (e) => {
      this.connected = false;
      this.options.logger.error({ err: e.payload.error, restart: e.payload.restart }, 'consumer crashed');
      if (!e.payload.restart && !this.stopping) this.options.onFatalCrash?.(e.payload.error);
    });
    this.consumer.on(events.DISCONNECT, () => (this.connected = false));
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.options.topic, fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      // Resolved by onBatch: all of a batch, or up to where a partition paused for its flush.
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 1,
      eachBatch: (payload) => this.onBatch(payload),
    });
    this.timer = setInterval(() => {
      this.flushDue();
      this.pace();
    }, TIMER_INTERVAL_MS);
  }

  /** Stop fetching, flush and checkpoint every owned partition, leave the group. */
  async stop(deadlineMs: number): Promise<void> {
    this.stopping = true;
    this.giveUpAt = this.now() + deadlineMs;
    clearInterval(this.timer);
    await this.consumer.stop();
    await this.settleFlushes();
    // Mid-replay, only the replay boundary may cut: the next owner replays the same ranges.
    for (const p of this.owned.values()) if (stopMayCut(p)) this.startFlush(p);
    await this.settleFlushes();
    await this.consumer.disconnect();
    this.connected = false;
  }

  /** Until no flush is in flight (a failed one may re-claim, which starts none). */
  private async settleFlushes(): Promise<void> {
    while (this.inflight.size > 0) await Promise.all(this.inflight);
  }

  private onAssignment(assigned: Set<number>): void {
    this.generation++;
    this.fenced.clear();
    this.assignedPartitions = assigned;
    for (const partition of [...this.owned.keys()]) {
      if (!assigned.has(partition)) {
        // Revoked: the next owner restores from our last checkpoint; anything buffered is replayed there.
        this.owned.delete(partition);
        this.lag.delete(partition);
        this.lastBatchAt.delete(partition);
        this.options.logger.info({ partition }, 'partition revoked');
      }
    }
    this.options.metrics.partitionsOwned.set(this.owned.size);
    this.options.logger.info({ assigned: [...assigned].sort((a, b) => a - b) }, 'partitions assigned');
    this.pace();
  }

  private async onBatch({ batch, heartbeat, isRunning, isStale, resolveOffset }: EachBatchPayload): Promise<void> {
    this.heartbeat = heartbeat;
    const partition = batch.partition;
    if (this.stopping || this.fenced.has(partition)) return resolveOffset(batch.lastOffset());
    const owned = this.owned.get(partition) ?? (await (this.claims.get(partition) ?? this.claim(partition, 'claim')));
    // kafkajs fetches no paused partition; should a batch come anyway, it lies past the unresolved
    // records: leave it unresolved too, it is fetched again from the pause point on resume.
    if (owned.paused) return;
    const m = this.options.metrics;
    // Counted per batch, not per record: a labelled prom-client inc per record is measurable here.
    const counts = { processed: 0, skipped: 0 };
    let pausedAfter: string | null | undefined;
    try {
      pausedAfter = this.processBatch(batch.messages, owned, isRunning, isStale, counts);
    } finally {
      m.records.inc(counts.processed);
      if (counts.skipped > 0) m.skipped.inc(counts.skipped);
    }
    // As kafkajs' auto-resolve did, unless the partition paused mid-batch: then the rest is fetched again.
    if (pausedAfter === undefined) resolveOffset(batch.lastOffset());
    else if (pausedAfter !== null) resolveOffset(pausedAfter);
    const lag = Number(batch.offsetLag());
    m.consumerLag.set({ partition: String(partition) }, lag);
    this.lag.set(partition, lag);
    this.lastProgressAt = this.now();
    this.lastBatchAt.set(partition, this.lastProgressAt);
    // Now, not at the next tick: kafkajs starts the next fetch as soon as this batch is handled,
    // and a backlog (after a pause, a restart) must not wait out a long fetch.
    this.pace();
    await heartbeat();
  }

  /**
   * May this batch go on with `owned`? Asked once per batch, not per record: a stop (isRunning), a
   * seek or rebalance (isStale: kafkajs' pending seek for the partition) and a revocation or lost
   * claim (this.owned) only happen between jobs of the event loop, and the record loop runs in one
   * (it never awaits; flushes run beside it). So staleness stops processing exactly where it did
   * when it was asked per record.
   */
  private mayContinue(owned: OwnedPartition, isRunning: () => boolean, isStale: () => boolean): boolean {
    return isRunning() && !isStale() && this.owned.get(owned.ref.partition) === owned;
  }

  /**
   * The per-record path, synchronous. The phase is read only at its boundary (see
   * partition-progress): inside it a record costs an offset parse, the task's `process` and
   * `wantsFlush`, and next = offset + 1, kept in a local and written back to `owned.next` at every
   * transition and at the end.
   *
   * Returns what onBatch resolves: undefined for the whole batch (processed, skipped, or dropped for
   * a stop, seek or revocation, as kafkajs' auto-resolve did), else the offset of the last record
   * processed, or null for none: the partition paused because a cut was due while its flush was in
   * flight (kafkajs fetches the rest again once it resumes), or the records were fetched before a
   * recovery's seek landed.
   */
  private processBatch(
    messages: EachBatchPayload['batch']['messages'],
    owned: OwnedPartition,
    isRunning: () => boolean,
    isStale: () => boolean,
    counts: { processed: number; skipped: number },
  ): string | null | undefined {
    if (!this.mayContinue(owned, isRunning, isStale)) return undefined;
    const { task } = owned;
    const record = new BatchRecord(owned.ref.partition);
    let next = owned.next;
    let boundary = boundaryOf(owned.phase);
    let asks = asksTask(owned.phase);
    let silent = owned.phase.kind === 'silent';
    // The last record processed; its offset string is made only when onBatch resolves it.
    let lastProcessed: NumberedMessage | null = null;
    let processed = 0;
    let skipped = 0;
    try {
      for (const message of messages as NumberedMessage[]) {
        // The consumer bundle's kafkajs patch gives the numbers; the plain kafkajs (tests) only strings.
        const offset = message.offsetNumber ?? Number(message.offset);
        if (offset < next) {
          skipped++; // already processed: a re-fetch after a seek or rebalance
          continue;
        }
        if (offset >= boundary) {
          owned.next = next;
          const crossed = this.crossBoundary(owned, offset);
          // Resolve nothing: kafkajs' pending seek, or the one it already applied, decides where to fetch.
          if (crossed === 'stop') return null;
          if (crossed === 'pause') return this.pauseFor(owned, lastProcessed === null ? null : lastProcessed.offset);
          next = owned.next;
          boundary = boundaryOf(owned.phase);
          asks = asksTask(owned.phase);
          silent = owned.phase.kind === 'silent';
        }
        record.fill(message);
        const outcome = this.processSafely(owned, record);
        // A silent replay covers ranges whose letters were already published.
        if (!outcome.ok && !silent) owned.letters.push(deadLetterOf(this.options.topic, record, outcome));
        next = offset + 1;
        lastProcessed = message;
        processed++;
        const wants = asks && task.wantsFlush();
        if (!wants && next < boundary) continue; // afterRecord would say 'none'
        owned.next = next;
        switch (afterRecord(owned, wants)) {
          case 'flush':
            if (owned.inflight !== undefined) return this.pauseFor(owned, lastProcessed === null ? null : lastProcessed.offset);
            this.startFlush(owned);
            break;
          case 'silent-done':
            // Recovery replay of ranges already written: keep the state, drop the output.
            task.cut();
            owned.takeLetters();
            owned.moveTo(silentDone(owned));
            break;
          case 'silent-cut':
            task.cut(); // bounds memory; where silent cuts fall does not change the state
            break;
          case 'none':
            break;
        }
        next = owned.next;
        boundary = boundaryOf(owned.phase);
        asks = asksTask(owned.phase);
        silent = owned.phase.kind === 'silent';
      }
      owned.next = next;
      return undefined;
    } finally {
      counts.processed += processed;
      counts.skipped += skipped;
    }
  }

  /**
   * A record at or past the phase's boundary: apply the steps of partition-progress until it lies
   * inside a phase that processes it. 'stop': drop the rest of the batch (a pending seek); 'pause':
   * the replay's cut must wait for the partition's flush in flight.
   */
  private crossBoundary(owned: OwnedPartition, offset: number): 'go' | 'stop' | 'pause' {
    while (offset >= boundaryOf(owned.phase)) {
      const step = onBoundary(owned, offset);
      switch (step.action) {
        case 'stop':
          return 'stop'; // fetched before the recovery's seek: wait for the sought records
        case 'start':
          owned.moveTo(step.progress);
          break;
        case 'end-replay':
          if (owned.inflight !== undefined) return 'pause';
          this.startFlush(owned);
          owned.moveTo(boundaryPassed(owned));
          break;
        case 'end-silent':
          owned.task.cut();
          owned.takeLetters();
          owned.moveTo(silentDone(owned));
          break;
      }
    }
    return 'go';
  }

  /**
   * A cut is due while the partition's flush is still in flight (a partition flushes in order, one
   * range at a time): rather than make the batch wait, and with it kafkajs' fetch loop and every
   * other partition, stop fetching this one until its flush has landed. `lastProcessed` is what
   * onBatch resolves; kafkajs fetches from the record after it when the partition resumes.
   */
  private pauseFor(owned: OwnedPartition, lastProcessed: string | null): string | null {
    const topics = [{ topic: this.options.topic, partitions: [owned.ref.partition] }];
    this.consumer.pause(topics);
    owned.paused = true;
    this.options.metrics.flushWaits.inc();
    void owned.inflight?.then(() => {
      owned.paused = false;
      if (!this.stopping) this.consumer.resume(topics);
    });
    return lastProcessed;
  }

  /**
   * A task must not throw (a record it cannot use is a rejection); if one does anyway (a bug met
   * by one odd record), that record is dead-lettered as `processing_error` instead of crashing
   * the consumer into a restart loop over the same record. Deterministic: a replay throws at the
   * same record again.
   */
  private processSafely(owned: OwnedPartition, record: ConsumedRecord): RecordOutcome {
    try {
      return owned.task.process(record);
    } catch (err) {
      this.options.logger.error({ err, partition: record.partition, offset: record.offset }, 'task threw on a record; dead-lettering it');
      return { ok: false, reason: PROCESSING_ERROR_REASON, detail: String((err as Error)?.message ?? err).slice(0, 500) };
    }
  }

  /**
   * `neverCommittedFrom`: re-claiming after a lost checkpoint, the offset our initial state was at
   * when nothing of the partition was ever committed (its first flush met the emptied Redis).
   */
  private claim(partition: number, cause: 'claim' | 'lost', neverCommittedFrom?: number): Promise<OwnedPartition> {
    const claiming = this.claimPartition(partition, cause, neverCommittedFrom).finally(() => this.claims.delete(partition));
    this.claims.set(partition, claiming);
    return claiming;
  }

  private async claimPartition(partition: number, cause: 'claim' | 'lost', neverCommittedFrom?: number): Promise<OwnedPartition> {
    const ref = { topic: this.options.topic, partition };
    const { claim, recovery } = await this.claimer.claim(ref);
    const pendingTo = claim.pending === undefined ? undefined : Number(claim.pending.toOffset);
    const checkpoint = claim.offset === undefined ? undefined : Number(claim.offset);
    const owned = new OwnedPartition(ref, claim.epoch, this.options.createTask(claim), claimedProgress(checkpoint, pendingTo), this.now(), this.generation);
    this.owned.set(partition, owned);
    this.options.metrics.partitionsOwned.set(this.owned.size);
    const logged = { partition, epoch: claim.epoch, offset: claim.offset ?? null, pending: claim.pending ?? null };
    if (recovery === undefined && claim.offset === undefined && neverCommittedFrom !== undefined) {
      // Nothing in the ledger either: start over, empty, from where this partition's records began.
      owned.moveTo(seekingProgress(neverCommittedFrom, undefined, pendingTo));
      this.consumer.seek({ topic: ref.topic, partition, offset: String(neverCommittedFrom) });
    }
    if (recovery === undefined) {
      this.options.logger.info({ ...logged, cause }, 'partition claimed');
      return owned;
    }
    // Redis had nothing: restart from the ledger's snapshot, wherever Kafka's fetch position is.
    owned.moveTo(seekingProgress(Number(claim.offset), recovery.silentTo === undefined ? undefined : Number(recovery.silentTo), pendingTo));
    this.consumer.seek({ topic: ref.topic, partition, offset: String(claim.offset) });
    this.options.metrics.recoveries.inc({ cause });
    this.options.logger.warn(
      { ...logged, cause, silentReplayTo: recovery.silentTo ?? null, restoredState: claim.state !== undefined, ledgerMaxEpoch: recovery.ledgerMaxEpoch },
      'partition claimed; checkpoint missing in Redis, partition recovered from the durable ledger',
    );
    return owned;
  }

  /** The timer: cut every live partition whose checkpoint or output is due and has no flush in flight. */
  private flushDue(): void {
    if (this.stopping) return;
    const now = this.now();
    let oldest = now;
    for (const p of this.owned.values()) {
      oldest = Math.min(oldest, p.lastCommitAt);
      // Only the replay boundary may cut a replayed range; a flush in flight cuts again when it landed.
      if (!timerMayCut(p.phase) || p.inflight !== undefined) continue;
      // Dead letters are output too: a rejected record is published (and counted) within the
      // flush delay, not at the next checkpoint interval.
      const input = { uncommitted: hasUncommitted(p), hasOutput: p.task.hasOutput() || p.letters.length > 0, sinceCommitMs: now - p.lastCommitAt };
      if (timerCutDue(input, this.options)) this.startFlush(p);
    }
    this.options.metrics.checkpointAge.set((now - oldest) / 1000);
  }

  /** Sets how the next fetches wait (fetch-pacing.ts), where the consumer's kafkajs can change it. */
  private pace(): void {
    if (this.stopping || this.consumer.setFetchPacing === undefined) return;
    const next = fetchPacing(this.partitionPaces(this.now()), this.fetchLimits);
    if (next.maxWaitTimeInMs === this.pacing.maxWaitTimeInMs && next.minBytes === this.pacing.minBytes) return;
    this.pacing = next;
    this.consumer.setFetchPacing(next);
    this.options.metrics.fetchWait.set(next.maxWaitTimeInMs / 1000);
  }

  private partitionPaces(now: number): PartitionPace[] {
    const paces: PartitionPace[] = [];
    for (const partition of this.assignedPartitions) {
      const p = this.owned.get(partition);
      const lastBatchAt = this.lastBatchAt.get(partition);
      if (p === undefined || lastBatchAt === undefined) paces.push(UNKNOWN_PACE);
      else {
        const eventTimeToNextFire = p.task.eventTimeToNextFire?.() ?? 0;
        paces.push({ live: p.phase.kind === 'live' && !p.paused, lag: this.lag.get(partition), eventTimeToNextFire, sinceLastBatchMs: now - lastBatchAt });
      }
    }
    return paces;
  }

  /**
   * Cuts [committed, next) now (synchronously: the task's output, its state and the letters) and
   * flushes it in the background, within the flush slots. The caller has checked that no flush of
   * `p` is in flight: ranges of a partition are announced and committed in order.
   */
  private startFlush(p: OwnedPartition): void {
    if (!hasUncommitted(p) || this.owned.get(p.ref.partition) !== p) return;
    if (p.inflight !== undefined) throw new Error(`partition ${p.ref.partition}: a flush is already in flight`);
    const { from, to } = flushRange(p);
    const cut = p.task.cut();
    const letters = p.takeLetters();
    p.moveTo(rangeCut(p));
    const flushing = this.flushSlots
      .run(() => this.flush(p, from, to, cut, letters))
      .catch((err) => this.reportFlushError(err))
      .finally(() => {
        p.inflight = undefined;
        this.inflight.delete(flushing);
      });
    p.inflight = flushing;
    this.inflight.add(flushing);
  }

  private async flush(p: OwnedPartition, from: string, to: string, cut: TaskCut, letters: DeadLetter[]): Promise<void> {
    const published: { report?: DeadLetterPublishReport; letters: DeadLetter[] } = { letters };
    const writes = [(token: string) => this.writeAndDeadLetter(p, cut, letters, `${from}-${to}`, token, published)];
    const started = this.now();
    const snapshot =
      this.options.ledger !== undefined &&
      (p.lastSnapshotAt === undefined || started - p.lastSnapshotAt >= (this.options.durableSnapshotIntervalMs ?? 60_000));
    try {
      const outcome = await this.flusher.flush({ ref: p.ref, epoch: p.epoch, fromOffset: from, toOffset: to, state: cut.state, writes, snapshot });
      if (snapshot) p.lastSnapshotAt = started;
      const m = this.options.metrics;
      m.flushes.inc();
      m.flushDuration.observe(outcome.durationMs / 1000);
      m.flushRows.observe(cut.rows);
      m.checkpointBytes.observe(cut.state.length);
      this.countDeadLetters(p, published.letters, published.report);
    } catch (err) {
      // Fenced or given up: drop the partition; whoever owns it next replays from the last checkpoint
      // (what this owner processed after the cut goes with it). A newer claim of ours stays.
      const current = this.owned.get(p.ref.partition) === p;
      if (current) {
        this.owned.delete(p.ref.partition);
        // Kafka's fetch position may be past the cut (records processed while this flush ran): a
        // re-claim in this process must read again from the range's start, the last checkpoint we know.
        if (!this.stopping) this.seekBack(p, from);
      }
      this.options.metrics.partitionsOwned.set(this.owned.size);
      if (err instanceof CheckpointLostError) {
        // Redis was emptied under us: nobody else claimed it, so take it back through the ledger.
        this.options.logger.warn({ partition: p.ref.partition, epoch: p.epoch, operation: err.operation }, 'checkpoint vanished from Redis; re-claiming');
        // `from`: where this range began, i.e. where our state was when nothing was ever committed.
        if (current && !this.stopping) await this.claim(p.ref.partition, 'lost', Number(from));
        return;
      }
      if (err instanceof CheckpointFencedError) {
        // Fenced by a claim made after ours in this generation: the rebalance that hands it over is
        // coming, ignore it till then. A claim of ours from before the latest rebalance was fenced by
        // a member of an older assignment while we are the current assignee: drop it and re-claim
        // at the next batch, or the partition stalls with nobody reading it.
        if (current && p.generation === this.generation) this.fenced.add(p.ref.partition);
        this.options.metrics.fenced.inc();
        this.options.logger.warn({ partition: p.ref.partition, epoch: p.epoch }, 'fenced out of partition; dropping it');
        return;
      }
      throw err;
    }
    p.lastCommitAt = this.now();
    // Monitoring only (lag dashboards); the checkpoint store is the source of truth. A stopped
    // consumer cannot commit: the next owner's first flush does.
    if (this.stopping) return;
    await this.consumer
      .commitOffsets([{ topic: p.ref.topic, partition: p.ref.partition, offset: to }])
      .catch((err: unknown) => this.options.logger.warn({ err, partition: p.ref.partition }, 'offset commit for monitoring failed'));
  }

  /**
   * The flush's one write: the task's writes, then every dead letter of the range (rejected
   * records and rows a sink refused), all before the checkpoint commits. Retried as a whole with
   * the same token: inserts deduplicate, letters may repeat under the same key, none is lost.
   */
  private async writeAndDeadLetter(
    p: OwnedPartition,
    cut: TaskCut,
    rejected: DeadLetter[],
    range: string,
    token: string,
    published: { report?: DeadLetterPublishReport; letters: DeadLetter[] },
  ): Promise<void> {
    const reports = await Promise.all(cut.writes.map((write) => write(token)));
    let letters = rejected;
    for (const report of reports) {
      if (!report || report.refused.length === 0) continue;
      letters = letters.concat(report.refused.map((r) => deadLetterOfRefusal(p.ref.topic, p.ref.partition, range, r)));
    }
    published.letters = letters;
    if (letters.length > 0) published.report = await this.options.deadLetters.publish(letters);
  }

  private countDeadLetters(p: OwnedPartition, letters: DeadLetter[], report: DeadLetterPublishReport | undefined): void {
    if (letters.length === 0) return;
    const m = this.options.metrics;
    const byReason = new Map<string, number>();
    for (const l of letters) byReason.set(l.reason, (byReason.get(l.reason) ?? 0) + 1);
    for (const [reason, n] of byReason) m.rejected.inc({ reason }, n);
    m.deadLetters.inc(report?.published ?? 0);
    for (const { letter, error } of report?.refused ?? []) {
      m.deadLettersRefused.inc();
      // The topic would not take even the headers-only letter: the log is its record.
      this.options.logger.error({ partition: p.ref.partition, source: letter.source, reason: letter.reason, detail: letter.detail, error }, 'dead-letter topic refused a letter; logged instead');
    }
  }

  private seekBack(p: OwnedPartition, offset: string): void {
    try {
      this.consumer.seek({ topic: p.ref.topic, partition: p.ref.partition, offset });
    } catch (err) {
      this.options.logger.warn({ err, partition: p.ref.partition, offset }, 'seek back after a failed flush refused');
    }
  }

  private reportFlushError(err: unknown): void {
    this.options.logger.error({ err }, 'flush abandoned; the range will be replayed from the last checkpoint');
  }
}

/**
 * The one record object of a batch, refilled for every message (ConsumedRecord's contract: valid
 * during `process` only). A class, so every batch's record has the same shape.
 */
class BatchRecord implements ConsumedRecord {
  timestamp = 0;
  valueBytes: Buffer | null = null;
  valueStart = 0;
  valueEnd = 0;
  /** The kafkajs message it was filled from. */
  message: { readonly key: Buffer | null; readonly value: Buffer | null; readonly offset: string } | undefined = undefined;

  constructor(readonly partition: number) {}

  /** Fills it from `message`; the consumer bundle's kafkajs gives the value's bytes in place (valueBuffer). */
  fill(message: NumberedMessage): void {
    this.message = message;
    this.timestamp = message.timestampNumber ?? Number(message.timestamp);
    const bytes = message.valueBuffer;
    if (bytes !== undefined) {
      this.valueBytes = bytes;
      this.valueStart = message.valueStart as number;
      this.valueEnd = message.valueEnd as number;
    } else {
      const value = message.value;
      this.valueBytes = value;
      this.valueStart = 0;
      this.valueEnd = value === null ? 0 : value.length;
    }
  }

  // Key, value and offset read from the message only when asked (dead letters, late rows, tasks
  // that take a Buffer): the consumer bundle's kafkajs makes them on their first read.
  get key(): Buffer | null {
    return this.message === undefined ? null : this.message.key;
  }

  get value(): Buffer | null {
    return this.message === undefined ? null : this.message.value;
  }

  get offset(): string {
    return this.message === undefined ? '' : this.message.offset;
  }
}
