import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '@rapport/event-store';
import { QueryResult } from '../http/outcomes';
import { Access } from '../security/access.decorator';
import { EVENT_STORE } from '../wiring/tokens';
import { readSignals } from './read-signals';
import { DEFAULT_SIGNALS_PAGE, SignalsRequest } from './signals.request';

@ApiTags('signals')
@Access('analyst')
@Controller('v1/signals')
export class SignalsController {
  constructor(@Inject(EVENT_STORE) private readonly events: EventStore) {}

  /** The embedded mode's way to the outbound signals (issue 12 item 4); the same signals Kafka carries, with or without Kafka. */
  @Get()
  @ApiOperation({ summary: 'Outbound customer signals (CloudEvents) of the events stored after a position, with the `next` position' })
  async signals(@Query() request: SignalsRequest) {
    const page = await readSignals(this.events, request.after ?? 0, request.limit ?? DEFAULT_SIGNALS_PAGE);
    return new QueryResult({ kind: 'found', body: page, position: page.next });
  }
}
