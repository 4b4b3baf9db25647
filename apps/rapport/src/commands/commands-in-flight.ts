import { Injectable } from '@nestjs/common';

/**
 * The commands being executed, by the event that caused them (their causation id). Sagas hand
 * their commands to the bus and do not wait; the event-bus feed waits here for the commands caused
 * by a batch it published, so that its position moves only once their events are appended.
 */
@Injectable()
export class CommandsInFlight {
  private readonly byCause = new Map<string, Set<Promise<unknown>>>();

  track<T>(causationId: string | undefined, work: Promise<T>): Promise<T> {
    if (causationId === undefined) return work;
    const works = this.byCause.get(causationId) ?? new Set<Promise<unknown>>();
    this.byCause.set(causationId, works);
    works.add(work);
    const forget = () => {
      works.delete(work);
      if (works.size === 0 && this.byCause.get(causationId) === works) this.byCause.delete(causationId);
    };
    work.then(forget, forget);
    return work;
  }

  /** Resolves once every command caused by these events has finished; rejects when one of them failed. */
  async settledFor(causes: Iterable<string>): Promise<void> {
    const works: Promise<unknown>[] = [];
    for (const cause of causes) works.push(...(this.byCause.get(cause) ?? []));
    await Promise.all(works);
  }
}
