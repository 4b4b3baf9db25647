import type { DomainError } from '@rapport/customer-domain';

/**
 * A successful answer whose status is not the route's default (a 200 no-op on a POST, a 503
 * health report). Nest's router overwrites any status an interceptor sets, so OutcomeInterceptor
 * hands these to ProblemDetailsFilter, which sends them as they are.
 */
export class AnswerWithStatus extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`answer with status ${status}`);
  }
}

/** A command or read refused by a business rule (style.md §8: 409, 404 for an unknown customer). */
export class DomainRejection extends Error {
  constructor(readonly error: DomainError) {
    super(error.code);
  }
}

/** The read model did not reach the asked position in time (api.md read-your-write). */
export class ProjectionBehind extends Error {
  constructor(
    readonly position: number,
    readonly minPosition: number,
  ) {
    super('projection behind');
  }
}

/** An Idempotency-Key reused for a different request (IETF Idempotency-Key draft: 422). */
export class IdempotencyKeyReused extends Error {
  constructor() {
    super('idempotency key reused');
  }
}

/** No filed report has the id asked for. */
export class ReportNotFound extends Error {
  constructor() {
    super('report not found');
  }
}

/** A read of something other than a customer that does not exist (a cluster run): 404 naming what. */
export class MissingResource extends Error {
  constructor(readonly resource: string) {
    super(`${resource} not found`);
  }
}

/** A clustering run asked for more clusters than the book has customers to fill (409: the request is valid, the book too small). */
export class TooFewCustomers extends Error {
  constructor() {
    super('too few customers');
  }
}
