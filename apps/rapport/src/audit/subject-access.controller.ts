import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { domainError } from '@rapport/customer-domain';
import type { Response } from 'express';
import type { AuthenticatedRequest } from '../http/auth.guard';
import { sendDomainError } from '../http/command-response';
import { readerOf } from '../http/correlation';
import { CustomerIdPipe } from '../http/customer-id.pipe';
import { Access } from '../security/access.decorator';
import { SubjectAccessService } from './subject-access.service';

@ApiTags('audit')
@Access()
@Controller('v1/customers/:customerId/personal-data')
export class SubjectAccessController {
  constructor(private readonly subjectAccess: SubjectAccessService) {}

  @Get() @ApiOperation({ summary: 'Everything held about the customer, opened, as one document (admin; written to the access log)' })
  async export(@Param('customerId', CustomerIdPipe) id: string, @Req() req: AuthenticatedRequest, @Res() res: Response) {
    const body = await this.subjectAccess.export(readerOf(req), id);
    if (body) res.status(200).json(body);
    else sendDomainError(res, domainError('customer-not-found', `no customer ${id}`));
  }
}
