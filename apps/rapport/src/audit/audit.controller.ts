import { Controller, Get, Param, Query, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { readerOf } from '../http/correlation';
import type { AuthenticatedRequest } from '../http/auth.guard';
import { CSV_TABLES } from '../http/csv/csv-tables';
import { CustomerIdPipe } from '../http/customer-id.pipe';
import { AuditResult, OfferedAsCsv } from '../http/outcomes';
import { Access } from '../security/access.decorator';
import { AccessLog } from '../security/access-log';
import { HistoryQuery, StateQuery } from './audit.requests';
import { AuditService } from './audit.service';

@ApiTags('audit')
@Access('auditor')
@Controller('v1/customers/:customerId')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    private readonly accessLog: AccessLog,
  ) {}

  @Get('history')
  @ApiOperation({ summary: "A customer's events in order, with metadata" })
  async history(@Param('customerId', CustomerIdPipe) id: string, @Query() query: HistoryQuery, @Req() req: AuthenticatedRequest) {
    return new OfferedAsCsv(
      CSV_TABLES.history,
      new AuditResult(await this.audit.history(readerOf(req), id, query.fromRevision, query.limit)),
    );
  }

  @Get('history/verify')
  @ApiOperation({ summary: 'Check the hash chain of the stream' })
  async verify(@Param('customerId', CustomerIdPipe) id: string, @Req() req: AuthenticatedRequest) {
    return new AuditResult(await this.audit.verify(readerOf(req), id));
  }

  @Get('state')
  @ApiOperation({ summary: 'The customer state folded up to an instant, on either time basis' })
  async state(@Param('customerId', CustomerIdPipe) id: string, @Query() query: StateQuery, @Req() req: AuthenticatedRequest) {
    return new AuditResult(await this.audit.stateAsOf(readerOf(req), id, new Date(query.asOf), query.basis ?? 'occurred'));
  }

  @Get('access-log')
  @ApiOperation({ summary: "Who read this customer's history or personal data, and when" })
  async accessEntries(@Param('customerId', CustomerIdPipe) id: string) {
    const entries = await this.accessLog.entries(id);
    return new OfferedAsCsv(CSV_TABLES.accessLog, { customerId: id, entries: entries.map((e) => ({ revision: e.revision, ...e.data })) });
  }
}
