import { Injectable } from '@nestjs/common';
import { ProjectorHost } from '../../projections/projector-host';
import { READ_YOUR_WRITE_TIMEOUT_MS } from '../../projections/projection.tokens';
import type { ReadResult } from '../../http/outcomes';

/**
 * Reads a read model once its projections have applied `minPosition` (api.md read-your-write),
 * waiting a bounded time for them. The position reported is taken before the read, so the answer
 * reflects at least that much.
 */
@Injectable()
export class ReadGate {
  constructor(private readonly projector: ProjectorHost) {}

  async read<T>(
    projections: readonly string[],
    minPosition: number | undefined,
    reader: () => Promise<T | undefined>,
  ): Promise<ReadResult<T>> {
    if (minPosition !== undefined && !(await this.projector.waitFor(projections, minPosition, READ_YOUR_WRITE_TIMEOUT_MS))) {
      return { kind: 'behind', position: this.projector.positionOf(projections), minPosition };
    }
    const position = this.projector.positionOf(projections);
    const body = await reader();
    return body === undefined ? { kind: 'not-found', position } : { kind: 'found', body, position };
  }
}
