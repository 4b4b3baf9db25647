import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { domainError } from '@rapport/customer-domain';
import type { Response } from 'express';
import { sendDomainError } from '../http/command-response';
import { CustomerIdPipe } from '../http/customer-id.pipe';
import { HistoryQuery, StateQuery } from './audit.requests';
import { AuditService } from './audit.service';

@ApiTags('audit')
@Controller('v1/customers/:customerId')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get('history') @ApiOperation({ summary: "A customer's events in order, with metadata" })
  async history(@Param('customerId', CustomerIdPipe) id: string, @Query() query: HistoryQuery, @Res() res: Response) {
    respond(res, id, await this.audit.history(id, query.fromRevision, query.limit));
  }

  @Get('history/verify') @ApiOperation({ summary: 'Check the hash chain of the stream' })
  async verify(@Param('customerId', CustomerIdPipe) id: string, @Res() res: Response) {
    respond(res, id, await this.audit.verify(id));
  }

  @Get('state') @ApiOperation({ summary: 'The customer state folded up to an instant, on either time basis' })
  async state(@Param('customerId', CustomerIdPipe) id: string, @Query() query: StateQuery, @Res() res: Response) {
    respond(res, id, await this.audit.stateAsOf(id, new Date(query.asOf), query.basis ?? 'occurred'));
  }
}

function respond(res: Response, customerId: string, body: object | undefined): void {
  if (body) res.status(200).json(body);
  else sendDomainError(res, domainError('customer-not-found', `no customer ${customerId}`));
}
