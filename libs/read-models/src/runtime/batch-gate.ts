/**
 * Keeps readers and a runtime's batches apart in one process: a batch that is due waits for the
 * reads under way, and reads that come meanwhile wait for it. A read of several documents of a
 * projection (a total and the members it counts) thus never sees a batch half-written. A batch
 * that failed half-way is seen as a crash would leave it, until its retry.
 */
export class BatchGate {
  /** The batch being applied, if any. */
  private batch: Promise<void> | undefined;
  private readonly readers = new Set<Promise<unknown>>();

  async read<T>(read: () => Promise<T>): Promise<T> {
    while (this.batch !== undefined) await this.batch;
    const reading = read();
    this.readers.add(reading);
    try {
      return await reading;
    } finally {
      this.readers.delete(reading);
    }
  }

  async write(work: () => Promise<void>): Promise<void> {
    const running = Promise.allSettled([...this.readers]).then(work);
    this.batch = running.then(
      () => undefined,
      () => undefined,
    );
    try {
      await running;
    } finally {
      this.batch = undefined;
    }
  }
}
