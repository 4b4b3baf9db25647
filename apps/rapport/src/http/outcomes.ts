import type { DomainError } from '@rapport/customer-domain';
import type { CommandOutcome } from '@rapport/event-store';
import type { CsvTable } from './csv/csv';

/**
 * The values controllers return. They say what happened, never which status it is:
 * OutcomeAdapter and ProblemDetailsFilter turn them into HTTP in one place (style.md §8).
 */
export class CommandResult {
  constructor(
    readonly customerId: string,
    readonly outcome: CommandOutcome<DomainError>,
    /** Ids the edge made for the caller (a retention action's `actionId`), answered beside the outcome. */
    readonly madeIds: Readonly<Record<string, string>> = {},
  ) {}
}

/** What a query handler answers: the body and the projection position it reflects, or why there is none. */
export type ReadResult<T> =
  | { readonly kind: 'found'; readonly body: T; readonly position: number }
  | { readonly kind: 'not-found'; readonly position: number }
  | { readonly kind: 'behind'; readonly position: number; readonly minPosition: number }
  | { readonly kind: 'beyond-head'; readonly head: number; readonly minPosition: number };

export class QueryResult<T> {
  /** `resource` names what a not-found answer is missing: a customer unless said otherwise. */
  constructor(
    readonly result: ReadResult<T>,
    readonly resource: 'customer' | 'cluster-run' = 'customer',
  ) {}
}

/** An audit read: the body, or undefined when the customer has no stream. */
export class AuditResult {
  constructor(readonly body: object | undefined) {}
}

/**
 * Any answer a route returns (one of the above, or a plain body) that the caller may also take as
 * CSV, with `Accept: text/csv` or `?format=csv`: the rows of its JSON body in the table's columns.
 */
export class OfferedAsCsv {
  constructor(
    readonly table: CsvTable,
    readonly answer: unknown,
  ) {}
}

/** Health: the report, and whether every adapter is ready. */
export class Readiness {
  constructor(
    readonly isReady: boolean,
    readonly report: object,
  ) {}
}
