import type { CustomerSignal } from './customer-signals';

/** A signal and the global position of the stored event it came from. */
export interface PositionedSignal {
  readonly position: number;
  readonly signal: CustomerSignal;
}

/**
 * Where the publisher writes signals, and its own checkpoint: the log remembers the source position
 * of the last signal it committed, so nothing is written beside the event store's append.
 */
export interface SignalLog {
  /**
   * Opens the log for writing, fencing off any earlier writer and discarding what it left
   * uncommitted, and answers the source position of the last committed signal (0 when none).
   */
  open(): Promise<number>;

  /** Appends the signals in order, atomically: a reader sees all of them or none. */
  append(signals: readonly PositionedSignal[]): Promise<void>;

  close(): Promise<void>;
}
