import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PublicWhen } from '../security/access.decorator';
import { Metrics } from './metrics';

@ApiTags('operations')
@PublicWhen('metricsPublic')
@Controller()
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4')
  @ApiOperation({ summary: 'Prometheus metrics' })
  render(): string {
    return this.metrics.render();
  }
}
