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
 * a command, so it is refused at once instead of waited for.
 */
@Injectable()
export class ReadGate {
  constructor(
    private readonly projector: ProjectorHost,
    @Inject(EVENT_STORE) private readonly eventStore: Pick<EventStore, 'headPosition'>,
  ) {}

  async read<T>(
    projections: readonly string[],
    minPosition: number | undefined,
    reader: () => Promise<T | undefined>,
  ): Promise<ReadResult<T>> {
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
