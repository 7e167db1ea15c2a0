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
  committedOffset,
  flushed,
  flushRange,
  hasUncommitted,
  onBoundary,
  seekingProgress,
  silentDone,
  stopMayCut,
  timerMayCut,
} from './partition-progress';
import { PartitionClaimer } from './partition-claimer';
import type { ConsumedRecord, PartitionTaskFactory, RecordOutcome, TaskCut } from './partition-task';
import { SerialQueue } from './serial-queue';
import type { StreamRuntimeMetrics } from './stream-runtime-metrics';

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
  readonly logger: RuntimeLogger;
  readonly metrics: StreamRuntimeMetrics;
  /**
   * kafkajs gave up and will not restart the consumer (e.g. "Failed to find group coordinator"
   * right after a broker restart): the process would stay up reading nothing. Stop and exit non-zero.
   */
  readonly onFatalCrash?: (err: Error) => void;
  readonly now?: () => number;
}

/**
 * A consumer group member that owns partitions the Flink way: offsets and state live in the
 * checkpoint store (claimed with a fencing epoch), not in Kafka; Kafka commits are for lag
 * monitoring only. Records below the checkpoint are skipped; a crashed flush is replayed with its
 * original range. Batches and timer flushes run one at a time (SerialQueue).
 */
export class CheckpointedPartitionConsumer {
  private readonly consumer: Consumer;
  private readonly owned = new Map<number, OwnedPartition>();
  /** Partitions we were fenced out of in this generation: ignored until the next rebalance. */
  private readonly fenced = new Set<number>();
  /** Group generations seen (GROUP_JOINs): a claim made before the latest one is not blacklisted when fenced. */
  private generation = 0;
  private readonly queue = new SerialQueue();
  private readonly flusher: CheckpointedFlusher;
  private readonly claimer: PartitionClaimer;
  private readonly now: () => number;
  private heartbeat: () => Promise<void> = async () => undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopping = false;
  private giveUpAt = Infinity;
  private connected = false;
  private readonly lag = new Map<number, number>();
  private lastProgressAt: number;

  constructor(private readonly options: CheckpointedConsumerOptions) {
    this.now = options.now ?? Date.now;
    this.lastProgressAt = this.now();
    this.consumer = options.kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: options.sessionTimeoutMs,
      heartbeatInterval: Math.max(1_000, Math.floor(options.sessionTimeoutMs / 10)),
      allowAutoTopicCreation: false,
      // At live rates a fetch that returns at the first byte brings a handful of records per
      // partition, and the per-fetch and per-batch work (kafkajs' runner, lag, heartbeat) costs more
      // than the records: wait for 256 KiB (about 1,000 JSON events) or 100 ms, whichever comes first.
      minBytes: 256 * 1024,
      maxWaitTimeInMs: 100,
      // kafkajs' default is 5 min: added partitions would stay unread that long.
      metadataMaxAge: 10_000,
      maxBytes: options.fetchMaxBytes ?? 4 * 1024 * 1024,
      maxBytesPerPartition: options.fetchMaxBytesPerPartition ?? 1024 * 1024,
    });
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
      void this.queue.run(async () => this.onAssignment(assigned));
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
      eachBatchAutoResolve: true,
      partitionsConsumedConcurrently: 1,
      eachBatch: (payload) => this.queue.run(() => this.onBatch(payload)),
    });
    this.timer = setInterval(() => void this.queue.run(() => this.flushDue()).catch((err) => this.reportFlushError(err)), 100);
  }

  /** Stop fetching, flush and checkpoint every owned partition, leave the group. */
  async stop(deadlineMs: number): Promise<void> {
    this.stopping = true;
    this.giveUpAt = this.now() + deadlineMs;
    clearInterval(this.timer);
    await this.consumer.stop();
    await this.queue.run(async () => {
      for (const p of this.owned.values()) {
        // Mid-replay, only the replay boundary may cut: the next owner replays the same ranges.
        if (!stopMayCut(p)) continue;
        await this.flush(p).catch((err) => this.reportFlushError(err));
      }
    });
    await this.consumer.disconnect();
    this.connected = false;
  }

  private async onAssignment(assigned: Set<number>): Promise<void> {
    this.generation++;
    this.fenced.clear();
    for (const partition of [...this.owned.keys()]) {
      if (!assigned.has(partition)) {
        // Revoked: the next owner restores from our last checkpoint; anything buffered is replayed there.
        this.owned.delete(partition);
        this.options.logger.info({ partition }, 'partition revoked');
      }
    }
    this.options.metrics.partitionsOwned.set(this.owned.size);
    this.options.logger.info({ assigned: [...assigned].sort((a, b) => a - b) }, 'partitions assigned');
  }

  private async onBatch({ batch, heartbeat, isRunning, isStale }: EachBatchPayload): Promise<void> {
    this.heartbeat = heartbeat;
    const partition = batch.partition;
    if (this.stopping || this.fenced.has(partition)) return;
    const owned = this.owned.get(partition) ?? (await this.claim(partition, 'claim'));
    const m = this.options.metrics;
    // Counted per batch, not per record: a labelled prom-client inc per record is measurable here.
    const counts = { processed: 0, skipped: 0 };
    try {
      await this.processBatch(batch.messages, owned, isRunning, isStale, counts);
    } finally {
      m.records.inc(counts.processed);
      if (counts.skipped > 0) m.skipped.inc(counts.skipped);
    }
    const lag = Number(batch.offsetLag());
    m.consumerLag.set({ partition: String(partition) }, lag);
    this.lag.set(partition, lag);
    this.lastProgressAt = this.now();
    await heartbeat();
  }

  /**
   * May this batch go on with `owned`? Checked once before the batch and again after every await,
   * not per record: a stop (isRunning), a seek or rebalance (isStale: kafkajs' pending seek for the
   * partition) and a revocation or lost claim (this.owned) only happen while this job awaits, since
   * the record loop between awaits is synchronous. So staleness still stops processing at the very
   * record it did before.
   */
  private mayContinue(owned: OwnedPartition, isRunning: () => boolean, isStale: () => boolean): boolean {
    return isRunning() && !isStale() && this.owned.get(owned.ref.partition) === owned;
  }

  /**
   * The per-record path. The phase is read only at its boundary (see partition-progress): inside
   * it a record costs an offset parse, the task's `process` and `wantsFlush`, and next = offset + 1.
   * `owned.next` is written back before every await and at the end.
   */
  private async processBatch(
    messages: EachBatchPayload['batch']['messages'],
    owned: OwnedPartition,
    isRunning: () => boolean,
    isStale: () => boolean,
    counts: { processed: number; skipped: number },
  ): Promise<void> {
    if (!this.mayContinue(owned, isRunning, isStale)) return;
    const { task } = owned;
    const record = new BatchRecord(owned.ref.partition);
    let next = owned.next;
    let boundary = boundaryOf(owned.phase);
    let asks = asksTask(owned.phase);
    let silent = owned.phase.kind === 'silent';
    let processed = 0;
    let skipped = 0;
    try {
      for (const message of messages) {
        const offset = Number(message.offset);
        if (offset < next) {
          skipped++; // already processed: a re-fetch after a seek or rebalance
          continue;
        }
        if (offset >= boundary) {
          owned.next = next;
          if (!(await this.crossBoundary(owned, offset)) || !this.mayContinue(owned, isRunning, isStale)) return;
          next = owned.next;
          boundary = boundaryOf(owned.phase);
          asks = asksTask(owned.phase);
          silent = owned.phase.kind === 'silent';
        }
        record.offset = message.offset;
        record.key = message.key;
        record.value = message.value;
        record.timestamp = Number(message.timestamp);
        const outcome = this.processSafely(owned, record);
        // A silent replay covers ranges whose letters were already published.
        if (!outcome.ok && !silent) owned.letters.push(deadLetterOf(this.options.topic, record, outcome));
        next = offset + 1;
        processed++;
        const wants = asks && task.wantsFlush();
        if (!wants && next < boundary) continue; // afterRecord would say 'none'
        owned.next = next;
        switch (afterRecord(owned, wants)) {
          case 'flush':
            await this.flush(owned);
            if (!this.mayContinue(owned, isRunning, isStale)) return;
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
    } finally {
      counts.processed += processed;
      counts.skipped += skipped;
    }
  }

  /**
   * A record at or past the phase's boundary: apply the steps of partition-progress until it lies
   * inside a phase that processes it. False: drop the rest of the batch (a pending seek).
   */
  private async crossBoundary(owned: OwnedPartition, offset: number): Promise<boolean> {
    while (offset >= boundaryOf(owned.phase)) {
      const step = onBoundary(owned, offset);
      switch (step.action) {
        case 'stop':
          return false; // fetched before the recovery's seek: wait for the sought records
        case 'start':
          owned.moveTo(step.progress);
          break;
        case 'end-replay':
          await this.flush(owned);
          if (this.owned.get(owned.ref.partition) !== owned) return false;
          owned.moveTo(boundaryPassed(owned));
          break;
        case 'end-silent':
          owned.task.cut();
          owned.takeLetters();
          owned.moveTo(silentDone(owned));
          break;
      }
    }
    return true;
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
  private async claim(partition: number, cause: 'claim' | 'lost', neverCommittedFrom?: number): Promise<OwnedPartition> {
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
      'checkpoint missing in Redis; partition recovered from the durable ledger',
    );
    return owned;
  }

  private async flushDue(): Promise<void> {
    const now = this.now();
    let oldest = now;
    for (const p of [...this.owned.values()]) {
      if (!timerMayCut(p.phase)) continue; // only the replay boundary may cut a replayed range
      const due =
        (hasUncommitted(p) && now - p.lastCommitAt >= this.options.checkpointIntervalMs) ||
        (p.task.hasOutput() && now - p.lastCommitAt >= this.options.maxFlushDelayMs);
      if (due) await this.flush(p);
      oldest = Math.min(oldest, p.lastCommitAt);
    }
    this.options.metrics.checkpointAge.set((now - oldest) / 1000);
  }

  private async flush(p: OwnedPartition): Promise<void> {
    if (!hasUncommitted(p) || this.owned.get(p.ref.partition) !== p) return;
    const { from, to } = flushRange(p);
    const cut = p.task.cut();
    const letters = p.takeLetters();
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
      // Fenced or given up: drop the partition; whoever owns it next replays from the last checkpoint.
      this.owned.delete(p.ref.partition);
      this.options.metrics.partitionsOwned.set(this.owned.size);
      if (err instanceof CheckpointLostError) {
        // Redis was emptied under us: nobody else claimed it, so take it back through the ledger.
        this.options.logger.warn({ partition: p.ref.partition, epoch: p.epoch, operation: err.operation }, 'checkpoint vanished from Redis; re-claiming');
        if (!this.stopping) await this.claim(p.ref.partition, 'lost', committedOffset(p.phase));
        return;
      }
      if (err instanceof CheckpointFencedError) {
        // Fenced by a claim made after ours in this generation: the rebalance that hands it over is
        // coming, ignore it till then. A claim of ours from before the latest rebalance was fenced by
        // a member of an older assignment while we are the current assignee: drop it and re-claim
        // at the next batch, or the partition stalls with nobody reading it.
        if (p.generation === this.generation) this.fenced.add(p.ref.partition);
        this.options.metrics.fenced.inc();
        this.options.logger.warn({ partition: p.ref.partition, epoch: p.epoch }, 'fenced out of partition; dropping it');
        return;
      }
      throw err;
    }
    p.moveTo(flushed(p));
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

  private reportFlushError(err: unknown): void {
    this.options.logger.error({ err }, 'flush abandoned; the range will be replayed from the last checkpoint');
  }
}

/**
 * The one record object of a batch, refilled for every message (ConsumedRecord's contract: valid
 * during `process` only). A class, so every batch's record has the same shape.
 */
class BatchRecord implements ConsumedRecord {
  offset = '';
  key: Buffer | null = null;
  value: Buffer | null = null;
  timestamp = 0;

  constructor(readonly partition: number) {}
}
