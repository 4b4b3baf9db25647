import { Controller, Get, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { UNAUTHENTICATED_ADMIN, type AuthenticatedRequest } from '../http/auth.guard';
import { Access } from './access.decorator';
import type { Principal } from './roles';

@ApiTags('operations')
@Access('channel', 'analyst', 'auditor')
@Controller('v1/me')
export class MeController {
  /** The guard has set the principal before any handler runs; with auth disabled it is the stand-in admin. */
  @Get()
  @ApiOperation({ summary: "The caller's API key name and role (the console offers the pages the role may use)" })
  me(@Req() request: AuthenticatedRequest): Principal {
    const { name, role } = request.principal ?? UNAUTHENTICATED_ADMIN;
    return { name, role };
  }
}
