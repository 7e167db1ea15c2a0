import { Worker } from 'node:worker_threads';
import { SendWorkerError } from './send-worker-error';
import type { FromWorker, SendCounts, SendWorkerData, ToWorker } from './worker-protocol';

export interface PoolTotals {
  generated: number;
  acked: number;
  failed: number;
  /** When the last worker stopped generating (before draining its in-flight requests). */
  sendingEndedAt: number;
}

interface Deferred {
  readonly promise: Promise<void>;
  resolve(): void;
  reject(err: Error): void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (err: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Observed by ready()/finished(); this keeps an early failure from being an unhandled rejection.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

/**
 * The main thread's side of the send workers: starts them from `script` (the app bundle itself),
 * adds up their counts, and turns a crash or an early exit into a SendWorkerError.
 */
export class SendWorkerPool {
  readonly totals: PoolTotals = { generated: 0, acked: 0, failed: 0, sendingEndedAt: 0 };
  private readonly workers: Worker[] = [];
  private readonly readies: Deferred[] = [];
  private readonly dones: Deferred[] = [];

  constructor(script: string, data: readonly SendWorkerData[], onCounts: (counts: SendCounts) => void) {
    data.forEach((workerData, index) => {
      const ready = deferred();
      const done = deferred();
      let finished = false;
      const worker = new Worker(script, { workerData });
      worker.on('message', (message: FromWorker) => {
        if (message.type === 'ready') return ready.resolve();
        this.totals.generated += message.generated;
        this.totals.acked += message.acked;
        this.totals.failed += message.failed;
        onCounts(message);
        if (message.type === 'done') {
          finished = true;
          this.totals.sendingEndedAt = Math.max(this.totals.sendingEndedAt, message.sendingEndedAt);
        }
      });
      worker.on('error', (err) => {
        const error = new SendWorkerError(index, err.message, { cause: err });
        ready.reject(error);
        done.reject(error);
      });
      worker.on('exit', (code) => {
        const error = new SendWorkerError(index, `exited with code ${code} before finishing`);
        ready.reject(error);
        if (finished) done.resolve();
        else done.reject(error);
      });
      this.workers.push(worker);
      this.readies.push(ready);
      this.dones.push(done);
    });
  }

  get size(): number {
    return this.workers.length;
  }

  /** Resolves once every worker is connected to Kafka. */
  async ready(): Promise<void> {
    await Promise.all(this.readies.map((d) => d.promise));
  }

  start(startedAt: number): void {
    this.post({ type: 'start', startedAt });
  }

  /** Asks every worker to stop generating; they still drain what is in flight. */
  stop(): void {
    this.post({ type: 'stop' });
  }

  /** Resolves when every worker has finished and exited; rejects with the first failure. */
  async finished(): Promise<void> {
    await Promise.all(this.dones.map((d) => d.promise));
  }

  private post(message: ToWorker): void {
    for (const worker of this.workers) worker.postMessage(message);
  }
}
