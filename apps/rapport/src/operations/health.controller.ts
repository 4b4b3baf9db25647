import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '@rapport/event-store';
import { Readiness } from '../http/outcomes';
import { PublicRoute } from '../security/access.decorator';
import { EVENT_STORE } from '../wiring/tokens';

@ApiTags('operations')
@PublicRoute()
@Controller()
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get('health')
  @ApiOperation({ summary: 'Liveness and the readiness of each adapter' })
  async health(): Promise<Readiness> {
    const eventStore = await probe(() => this.store.headPosition());
    const ready = eventStore.status === 'ready';
    return new Readiness(ready, { status: ready ? 'ok' : 'degraded', adapters: { eventStore } });
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
