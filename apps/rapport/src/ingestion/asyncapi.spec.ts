import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import { DOMAIN_ERROR_CODES, type DomainErrorCode } from '@rapport/customer-domain';
import type { DeadLetterReason, MessageFate } from '@rapport/ingestion';
import { parse } from 'yaml';
import { INGESTION_TYPES } from './ingestion-types';

const ROOT = join(__dirname, '..', '..', '..', '..');
const asyncApiText = readFileSync(join(ROOT, 'docs', 'asyncapi.yaml'), 'utf8');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** Rules only commands Kafka cannot carry can break: no dead letter names them. */
const NOT_FROM_INGESTION: Partial<Record<DomainErrorCode, string>> = {
  'retention-alert-not-warranted': 'RaiseRetentionAlert, issued by the retention saga',
  'personal-data-already-erased': 'ErasePersonalData, an admin request over HTTP',
  'complaint-already-extended': 'ExtendComplaint, over HTTP only',
  'complaint-extension-too-long': 'ExtendComplaint, over HTTP only',
  'complaint-breached': 'ExtendComplaint, over HTTP only',
  'complaint-stage-transition-invalid': 'ChangeComplaintStage, over HTTP only',
  'retention-action-not-found': 'RecordRetentionActionOutcome, over HTTP only',
  'retention-action-outcome-already-recorded': 'RecordRetentionActionOutcome, over HTTP only',
};

// A new reason or fate does not compile here until it is added, and the spec then asks for it in the document.
const DEAD_LETTER_REASONS = { invalid: true, rejected: true, unreadable: true } satisfies Record<DeadLetterReason, true>;
const METRIC_FATES = { appended: true, duplicate: true, ...DEAD_LETTER_REASONS } satisfies Record<
  Exclude<MessageFate['kind'], 'dead-letter'> | DeadLetterReason,
  true
>;

interface Document {
  readonly 'x-metrics': { readonly rapport_ingestion_messages_total: { readonly values: Record<string, string> } };
  readonly channels: { readonly customerEvents: { readonly messages: Record<string, { readonly $ref: string }> } };
  readonly components: {
    readonly messages: Record<
      string,
      { readonly name: string; readonly headers?: { readonly properties: Record<string, { readonly enum?: readonly string[] }> } }
    >;
  };
}

const document = parse(asyncApiText) as Document;
const deadLetterHeaders = document.components.messages.deadLetter?.headers?.properties ?? {};

function kafkaSectionOfReadme(): string {
  const start = readme.indexOf('## Kafka ingestion');
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end);
}

describe('the Kafka contract (docs/asyncapi.yaml)', () => {
  it('is a valid AsyncAPI document: the AsyncAPI parser reports no error', async () => {
    const { document: parsed, diagnostics } = await new Parser().parse(asyncApiText);
    const errors = diagnostics.filter((diagnostic) => diagnostic.severity === DiagnosticSeverity.Error);
    expect(errors.map((error) => `${error.path.join('.')}: ${error.message}`)).toEqual([]);
    expect(parsed).toBeDefined();
  });

  it('lists every rule code a dead letter can carry: each domain error code, but those only other commands can break', () => {
    const documented = deadLetterHeaders['rapport-dlq-rule']?.enum ?? [];
    const carried = DOMAIN_ERROR_CODES.filter((code) => !(code in NOT_FROM_INGESTION));
    expect([...documented].sort()).toEqual([...carried].sort());
  });

  it('lists every dead-letter reason and every fate the ingestion metric counts', () => {
    expect([...(deadLetterHeaders['rapport-dlq-reason']?.enum ?? [])].sort()).toEqual(Object.keys(DEAD_LETTER_REASONS).sort());
    expect(Object.keys(document['x-metrics'].rapport_ingestion_messages_total.values).sort()).toEqual(Object.keys(METRIC_FATES).sort());
  });

  it('has a message for every CloudEvents type ingestion maps, and none other', () => {
    const names = Object.values(document.channels.customerEvents.messages).map(
      ({ $ref }) => document.components.messages[$ref.split('/').at(-1) ?? '']?.name,
    );
    expect(names.sort()).toEqual(Object.keys(INGESTION_TYPES).sort());
  });

  it("is summed up in the README's Kafka section: the partitioner, an unknown customer, every rule code and fate", () => {
    const section = kafkaSectionOfReadme();
    expect(section).toContain('murmur2_random');
    expect(section).toContain('`customer-not-found`');
    for (const code of deadLetterHeaders['rapport-dlq-rule']?.enum ?? []) expect(section).toContain(`\`${code}\``);
    for (const fate of Object.keys(METRIC_FATES)) expect(section).toContain(`\`${fate}\``);
  });
});
