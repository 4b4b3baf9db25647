import { Controller, Get, Param, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedRequest } from '../http/auth.guard';
import { readerOf } from '../http/correlation';
import { CustomerIdPipe } from '../http/customer-id.pipe';
import { AuditResult } from '../http/outcomes';
import { Access } from '../security/access.decorator';
import { SubjectAccessService } from './subject-access.service';

@ApiTags('audit')
@Access()
@Controller('v1/customers/:customerId/personal-data')
export class SubjectAccessController {
  constructor(private readonly subjectAccess: SubjectAccessService) {}

  @Get()
  @ApiOperation({ summary: 'Everything held about the customer, opened, as one document (admin; written to the access log)' })
  async export(@Param('customerId', CustomerIdPipe) id: string, @Req() req: AuthenticatedRequest) {
    return new AuditResult(await this.subjectAccess.export(readerOf(req), id));
  }
}
