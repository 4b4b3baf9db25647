import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '@rapport/event-store';
import type { Response } from 'express';
import { PublicRoute } from '../security/access.decorator';
import { EVENT_STORE } from '../wiring/tokens';

@ApiTags('operations')
@PublicRoute()
@Controller()
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get('health') @ApiOperation({ summary: 'Liveness and the readiness of each adapter' })
  async health(@Res() res: Response): Promise<void> {
    const eventStore = await probe(() => this.store.headPosition());
    const ready = eventStore.status === 'ready';
    res.status(ready ? 200 : 503).json({ status: ready ? 'ok' : 'degraded', adapters: { eventStore } });
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
