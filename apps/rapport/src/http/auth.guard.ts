import { ForbiddenException, Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ACCESS_METADATA, type AccessRule } from '../security/access.decorator';
import type { ApiKeyRegistry } from '../security/api-keys';
import type { Principal } from '../security/roles';
import type { AppConfig } from '../config';
import { authenticatedPrincipal, bearerKeyOf } from './bearer';
import { API_KEYS, APP_CONFIG } from '../wiring/tokens';

export type AuthenticatedRequest = Request & { principal?: Principal };

/** With RAPPORT_AUTH=disabled every caller acts as this principal (development only; logged at start). */
export const UNAUTHENTICATED_ADMIN: Principal = { name: 'auth-disabled', role: 'admin' };

/**
 * Fails closed: a route must be marked public or name its roles; one that does neither is admin-only.
 * The key is a bearer token; only its hash is looked up.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(API_KEYS) private readonly keys: ApiKeyRegistry | 'disabled',
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, [context.getHandler(), context.getClass()]);
    if (rule?.kind === 'public' || (rule?.kind === 'public-when' && this.config.security[rule.setting])) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = this.keys === 'disabled' ? UNAUTHENTICATED_ADMIN : this.authenticate(request);
    request.principal = principal;
    const allowed = principal.role === 'admin' || (rule?.kind === 'roles' && rule.roles.includes(principal.role));
    if (!allowed) throw new ForbiddenException(`role ${principal.role} may not use this route`);
    return true;
  }

  private authenticate(request: Request): Principal {
    const principal = authenticatedPrincipal(request, this.keys as ApiKeyRegistry);
    if (!principal)
      throw new UnauthorizedException(bearerKeyOf(request.headers.authorization) ? 'unknown API key' : 'an API key is required');
    return principal;
  }
}
