import { csvTable, field, type CsvColumn } from './csv';

/**
 * The CSV form of each list route the console shows as a table: the same rows as the JSON page,
 * one column per field (nested fields by dotted path).
 */
type Row = Readonly<Record<string, unknown>>;

const fields = (...paths: string[]): CsvColumn<Row>[] => paths.map((path) => field<Row>(path));
const listed =
  (key: string) =>
  (body: Row): readonly Row[] =>
    Array.isArray(body[key]) ? (body[key] as Row[]) : [];
const whole = (body: readonly Row[]): readonly Row[] => body;

export const CSV_TABLES = {
  complaints: csvTable({
    name: 'complaints',
    rows: listed('complaints'),
    columns: fields(
      'customerId',
      'complaintId',
      'category',
      'severity',
      'channel',
      'status',
      'escalated',
      'filedAt',
      'dueAt',
      'resolvedAt',
      'resolutionHours',
      'isOverdue',
    ),
  }),
  segments: csvTable({
    name: 'segments',
    rows: whole,
    columns: fields(
      'segment',
      'dimensions.customerType',
      'dimensions.valueTier',
      'dimensions.riskProfile',
      'dimensions.behaviour',
      'dimensions.lifecycleStage',
      'count',
      'valueContribution.high',
      'valueContribution.medium',
      'valueContribution.low',
    ),
  }),
  segmentMembers: csvTable({
    name: 'segment-members',
    rows: listed('customers'),
    columns: fields(
      'customerId',
      'segment',
      'dimensions.customerType',
      'dimensions.valueTier',
      'dimensions.riskProfile',
      'dimensions.behaviour',
      'dimensions.lifecycleStage',
      'valueContribution.band',
      'valueContribution.recency',
      'valueContribution.frequency',
      'valueContribution.monetary',
    ),
  }),
  leaderboard: csvTable({
    name: 'leaderboard',
    rows: whole,
    columns: fields('rank', 'customerId', 'balance', 'lifetimeEarned', 'redeemed', 'tier'),
  }),
  satisfactionTrends: csvTable({
    name: 'satisfaction-trends',
    rows: whole,
    columns: fields('period', 'key', 'responses', 'satisfied', 'csat', 'averageScore', 'nps', 'npsResponses'),
  }),
  kpis: csvTable({
    name: 'kpis',
    rows: (body: Row) => [body],
    columns: fields(
      'from',
      'to',
      'acquired',
      'activated',
      'churned',
      'activeAtStart',
      'churnBase',
      'churnRate',
      'retentionRate',
      'csat',
      'nps',
      'complaints',
      'complaintsResolved',
      'averageResolutionHours',
      'revenue',
      'acquisitionCost',
      'cac',
      'acquiredWithoutCost',
      'clv',
    ),
  }),
  history: csvTable({
    name: 'history',
    rows: listed('events'),
    columns: [
      ...fields(
        'revision',
        'position',
        'type',
        'metadata.occurredAt',
        'metadata.recordedAt',
        'metadata.actor',
        'metadata.channel',
        'metadata.correlationId',
      ),
      ...fields('metadata.causationId', 'metadata.schemaVersion', 'metadata.hash', 'data'),
    ],
  }),
  accessLog: csvTable({
    name: 'access-log',
    rows: listed('entries'),
    columns: fields('revision', 'occurredAt', 'actor', 'role', 'via', 'correlationId'),
  }),
} as const;
