import { Body, Controller, Get, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Clock } from '@rapport/kernel';
import type { AuthenticatedRequest } from '../../http/auth.guard';
import { Access } from '../../security/access.decorator';
import { CLOCK } from '../../wiring/tokens';
import { FileReportRequest, knownAtOf, ReportIdPipe } from './reports.requests';
import { ReportsService } from './reports.service';

@ApiTags('reports')
@Access('analyst')
@Controller('v1/reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @ApiOperation({ summary: "Files a named KPI report: the query, knownAt, the result, the event-store position and the result's digest" })
  file(@Body() body: FileReportRequest, @Req() request: AuthenticatedRequest) {
    const knownAt = knownAtOf(body.knownAt, this.clock.now());
    return this.reports.file(body.name, body.from, body.to, knownAt, request.principal?.name ?? 'anonymous');
  }

  @Get()
  @ApiOperation({ summary: 'Every filed report, oldest first' })
  async list() {
    return { reports: await this.reports.list() };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One filed report' })
  get(@Param('id', ReportIdPipe) id: string) {
    return this.reports.get(id);
  }

  @Get(':id/reproduce')
  @ApiOperation({ summary: 'Recomputes a filed report from the same events and answers identical, or the fields that differ' })
  reproduce(@Param('id', ReportIdPipe) id: string) {
    return this.reports.reproduce(id);
  }
}
