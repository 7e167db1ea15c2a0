/**
 * Runs async jobs one after another. The consumer's batches and the flush timer both touch the
 * same partitions; serialising them keeps each partition's cut consistent with its offsets.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(job: () => Promise<T>): Promise<T> {
    const result = this.tail.then(job);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
