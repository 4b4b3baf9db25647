import { Inject, Injectable } from '@nestjs/common';
import type { EventStore } from '@rapport/event-store';
import { ProjectorHost } from '../../projections/projector-host';
import { READ_YOUR_WRITE_TIMEOUT_MS } from '../../projections/projection.tokens';
import type { ReadResult } from '../../http/outcomes';
import { EVENT_STORE } from '../../wiring/tokens';

/**
 * Reads a read model once its projections have applied `minPosition` (api.md read-your-write),
 * waiting a bounded time for them. The position reported is taken before the read, so the answer
 * reflects at least that much. A position the event store has not reached yet was never answered by
 * a command, so it is refused at once instead of waited for. A projection being rebuilt after an
 * upgrade answers once rebuilt (or 503 after the bounded wait), never from documents of an older shape.
 */
@Injectable()
export class ReadGate {
  constructor(
    private readonly projector: ProjectorHost,
    @Inject(EVENT_STORE) private readonly eventStore: Pick<EventStore, 'headPosition'>,
  ) {}

  async read<T>(
    projections: readonly string[],
    requested: number | undefined,
    reader: () => Promise<T | undefined>,
  ): Promise<ReadResult<T>> {
    // Documents of an older shape are not read: the answer waits for their rebuild after an upgrade, as for the head.
    const minPosition = requested ?? (this.projector.isOutdated(projections) ? await this.eventStore.headPosition() : undefined);
    if (minPosition !== undefined && minPosition > this.projector.positionOf(projections)) {
      const head = await this.eventStore.headPosition();
      if (minPosition > head) return { kind: 'beyond-head', head, minPosition };
    }
    if (minPosition !== undefined && !(await this.projector.waitFor(projections, minPosition, READ_YOUR_WRITE_TIMEOUT_MS))) {
      return { kind: 'behind', position: this.projector.positionOf(projections), minPosition };
    }
    const position = this.projector.positionOf(projections);
    const body = await reader();
    return body === undefined ? { kind: 'not-found', position } : { kind: 'found', body, position };
  }
}
