import type { DomainError } from '@rapport/customer-domain';

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
