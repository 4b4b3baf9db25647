import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Clock } from '@rapport/kernel';
import { findAll, type KpiReport, type ReadModelStore, type Stamped } from '@rapport/read-models';
import { ReportNotFound } from '../../http/answers';
import { CLOCK, READ_MODEL_STORE } from '../../wiring/tokens';
import { KnownAtKpis } from './known-at-kpis';

export const REPORTS = 'reports_v1';

/** A filed report: what was asked, as known when, the answer, and the store position it was computed at. */
export interface FiledReport {
  readonly id: string;
  readonly name: string;
  readonly query: { readonly from: string; readonly to: string };
  readonly knownAt: string;
  readonly filedAt: string;
  readonly filedBy: string;
  readonly eventPosition: number;
  readonly result: KpiReport;
  /** SHA-256 of the result's canonical JSON (keys sorted). */
  readonly digest: string;
}

export interface Reproduction {
  readonly id: string;
  readonly identical: boolean;
  readonly digest: string;
  readonly recomputedDigest: string;
  readonly differences: readonly { readonly field: string; readonly filed: unknown; readonly recomputed: unknown }[];
}

/** Reports frozen by analysts (issue #13), kept as read-model documents; `position` is the event-store position. */
@Injectable()
export class ReportsService {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly kpis: KnownAtKpis,
  ) {}

  async file(name: string, from: string, to: string, knownAt: Date, filedBy: string): Promise<FiledReport> {
    const { report, position } = await this.kpis.report(from, to, knownAt);
    const filed: FiledReport = {
      id: randomUUID(),
      name,
      query: { from, to },
      knownAt: knownAt.toISOString(),
      filedAt: this.clock.now().toISOString(),
      filedBy,
      eventPosition: position,
      result: report,
      digest: digestOf(report),
    };
    await this.store.write([{ collection: REPORTS, writes: [{ kind: 'put', document: stamped(filed), guard: { kind: 'insert' } }] }]);
    return filed;
  }

  async list(): Promise<FiledReport[]> {
    const reports = (await findAll<Stamped<FiledReport>>(this.store, REPORTS)).map(unstamped);
    return reports.sort((a, b) => a.filedAt.localeCompare(b.filedAt) || a.id.localeCompare(b.id));
  }

  async get(id: string): Promise<FiledReport> {
    const document = await this.store.get<Stamped<FiledReport>>(REPORTS, id);
    if (document === null) throw new ReportNotFound();
    return unstamped(document);
  }

  /** Recomputes from the same events (recorded by knownAt, at or below the filed position) and compares field by field. */
  async reproduce(id: string): Promise<Reproduction> {
    const filed = await this.get(id);
    const { report } = await this.kpis.report(filed.query.from, filed.query.to, new Date(filed.knownAt), filed.eventPosition);
    const fields = [...new Set([...Object.keys(filed.result), ...Object.keys(report)])].sort();
    const differences = fields
      .map((field) => ({ field, filed: valueOf(filed.result, field), recomputed: valueOf(report, field) }))
      .filter(({ filed: before, recomputed }) => canonical(before) !== canonical(recomputed));
    const recomputedDigest = digestOf(report);
    return {
      id,
      identical: differences.length === 0 && recomputedDigest === filed.digest,
      digest: filed.digest,
      recomputedDigest,
      differences,
    };
  }
}

function valueOf(report: KpiReport, field: string): unknown {
  return (report as unknown as Record<string, unknown>)[field] ?? null;
}

export function digestOf(report: KpiReport): string {
  return createHash('sha256').update(canonical(report)).digest('hex');
}

/** JSON with object keys sorted, so a document store that reorders keys cannot change a digest. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  return JSON.stringify(value ?? null);
}

function stamped(report: FiledReport): Stamped<FiledReport> {
  return { ...report, _id: report.id, position: report.eventPosition };
}

function unstamped(document: Stamped<FiledReport>): FiledReport {
  const { id, name, query, knownAt, filedAt, filedBy, eventPosition, result, digest } = document;
  return { id, name, query, knownAt, filedAt, filedBy, eventPosition, result, digest };
}
