/** A send worker failed or ended without finishing its part; names the worker. */
export class SendWorkerError extends Error {
  constructor(
    readonly workerIndex: number,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`send worker ${workerIndex}: ${message}`, options);
    this.name = 'SendWorkerError';
  }
}
