import { Injectable } from '@nestjs/common';

/**
 * Tells listeners in this process that a command appended events. The live projector runs in a
 * worker thread on a connection of its own, which sees another connection's appends only when it
 * next polls; its host listens here and wakes it at once.
 */
@Injectable()
export class AppendNotices {
  private readonly listeners = new Set<() => void>();

  listen(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  notify(): void {
    for (const listener of this.listeners) listener();
  }
}
