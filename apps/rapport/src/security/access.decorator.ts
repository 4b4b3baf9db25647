import { SetMetadata } from '@nestjs/common';
import type { Role } from './roles';

export const ACCESS_METADATA = 'rapport:access';

export type AccessRule =
  | { readonly kind: 'public' }
  | { readonly kind: 'roles'; readonly roles: readonly Role[] }
  | { readonly kind: 'public-when'; readonly setting: 'metricsPublic' };

/** Roles allowed on a route or controller; admin is always allowed. A route without a rule is admin-only. */
export const Access = (...roles: Role[]) => SetMetadata(ACCESS_METADATA, { kind: 'roles', roles } satisfies AccessRule);

/** Open to anyone, no key needed (health, and docs/metrics when configured so). */
export const PublicRoute = () => SetMetadata(ACCESS_METADATA, { kind: 'public' } satisfies AccessRule);

/** Public when the named setting is on, else admin-only (e.g. /metrics with RAPPORT_METRICS_PUBLIC). */
export const PublicWhen = (setting: 'metricsPublic') => SetMetadata(ACCESS_METADATA, { kind: 'public-when', setting } satisfies AccessRule);
