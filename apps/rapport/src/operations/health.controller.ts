import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '@rapport/event-store';
import type { IngestionSource } from '@rapport/ingestion';
import { Readiness } from '../http/outcomes';
import { OwnedWork } from '../ownership/owned-work';
import { ProjectorHost } from '../projections/projector-host';
import { PublicRoute } from '../security/access.decorator';
import { EVENT_STORE, INGESTION_SOURCE } from '../wiring/tokens';

@ApiTags('operations')
@PublicRoute()
@Controller()
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(INGESTION_SOURCE) private readonly ingestion: IngestionSource | null,
    private readonly ownedWork: OwnedWork,
    private readonly projector: ProjectorHost,
  ) {}

  /**
   * Ready means able to serve HTTP (the event store answers): every instance serves HTTP, whatever
   * else it holds. The roles say what else this instance does now (issue 16): the Kafka partitions
   * its consumer holds, and the owned work (projector, event feed, sweeps) it holds or follows.
   * A dead projector worker thread makes the status degraded, not the instance unready: it still serves HTTP.
   */
  @Get('health')
  @ApiOperation({ summary: 'Liveness, the readiness of each adapter, and the roles this instance holds' })
  async health(): Promise<Readiness> {
    const eventStore = await probe(() => this.store.headPosition());
    const projectorWorker = this.projector.workerHealth();
    const ready = eventStore.status === 'ready';
    const status = ready && projectorWorker.status === 'ready' ? 'ok' : 'degraded';
    return new Readiness(ready, { status, adapters: { eventStore, projectorWorker }, roles: this.roles(ready) });
  }

  private roles(isServing: boolean): object {
    const partitions = this.ingestion?.heldPartitions() ?? [];
    const owned = this.ownedWork.held();
    return {
      http: { status: isServing ? 'ready' : 'unavailable' },
      ingestion: { status: this.ingestion === null ? 'off' : partitions.length > 0 ? 'consuming' : 'waiting', partitions },
      ownedWork: { owned, following: this.ownedWork.registered().filter((name) => !owned.includes(name)) },
    };
  }
}

async function probe(check: () => Promise<unknown>): Promise<{ status: 'ready' | 'unavailable'; detail?: string }> {
  try {
    await check();
    return { status: 'ready' };
  } catch (error: unknown) {
    return { status: 'unavailable', detail: error instanceof Error ? error.message : 'unknown failure' };
  }
}
