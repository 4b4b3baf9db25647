import type { EachBatchPayload } from 'kafkajs';

const FIRST_HOLD_MS = 200;
const MAX_HOLD_MS = 10_000;

/** Paused partitions and their growing back-off: doubled on each failure in a row, reset by a success. */
export class PartitionHolds {
  private readonly failures = new Map<number, number>();
  private readonly timers = new Set<NodeJS.Timeout>();

  hold(payload: EachBatchPayload): void {
    const { partition } = payload.batch;
    const failures = (this.failures.get(partition) ?? 0) + 1;
    this.failures.set(partition, failures);
    const resume = payload.pause();
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        resume();
      },
      Math.min(MAX_HOLD_MS, FIRST_HOLD_MS * 2 ** (failures - 1)),
    );
    this.timers.add(timer);
  }

  recovered(partition: number): void {
    this.failures.delete(partition);
  }

  releaseAll(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
