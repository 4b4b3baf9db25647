import { Inject, Injectable } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { isCustomerEventType, protectedFieldsOf, type CustomerEvent, type CustomerState } from '@rapport/customer-domain';
import type { EventStore, RecordedEvent } from '@rapport/event-store';
import { customerStreamId } from '@rapport/kernel';
import { GetCustomerSummary } from '../queries/customers/get-customer-summary.query';
import { GetLoyaltyAccount } from '../queries/loyalty/loyalty.queries';
import type { ReadResult } from '../http/outcomes';
import { AccessLog } from '../security/access-log';
import { customerDecider } from '../wiring/customer-processor';
import { EVENT_STORE } from '../wiring/tokens';
import type { Reader } from './audit.service';
import { PersonalDataReader } from './personal-data-reader';

/** Everything Rapport holds about one customer, opened: the answer to a subject-access request. */
export interface SubjectAccessExport {
  readonly customerId: string;
  readonly profile: CustomerState;
  /** The personal and sensitive fields of each event that holds any (customer.field-classes.ts). */
  readonly events: readonly {
    readonly revision: number;
    readonly type: string;
    readonly occurredAt: string;
    readonly fields: Readonly<Record<string, unknown>>;
  }[];
  /** What the read models hold about the customer (no personal data by design; shown so the export is complete). */
  readonly readModels: { readonly summary?: unknown; readonly loyalty?: unknown };
  /** Every read of the customer's data, this export included. */
  readonly accessLog: readonly Readonly<Record<string, unknown>>[];
}

/** The subject-access export (issue 14 item 4); undefined when there is no such customer. */
@Injectable()
export class SubjectAccessService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly personalData: PersonalDataReader,
    private readonly accessLog: AccessLog,
    private readonly queries: QueryBus,
  ) {}

  async export(reader: Reader, customerId: string): Promise<SubjectAccessExport | undefined> {
    const events = await this.store.readStream(customerStreamId(customerId));
    if (events.length === 0) return undefined;
    await this.accessLog.record({ ...reader, customerId });
    const folded = events.reduce(
      (state, { type, data }) => customerDecider.evolve(state, { type, data } as CustomerEvent),
      customerDecider.initialState,
    );
    const guarded = events.map(guardedFields).filter((entry) => Object.keys(entry.fields).length > 0);
    const opened = await this.personalData.revealEach(customerId, [folded, ...guarded.map((entry) => entry.fields)]);
    const [profile, ...fields] = opened;
    return {
      customerId,
      profile: profile as CustomerState,
      events: guarded.map((entry, index) => ({ ...entry, fields: fields[index] as Record<string, unknown> })),
      readModels: {
        summary: foundBody(await this.queries.execute(new GetCustomerSummary(customerId))),
        loyalty: foundBody(await this.queries.execute(new GetLoyaltyAccount(customerId))),
      },
      accessLog: (await this.accessLog.entries(customerId)).map((entry) => ({ revision: entry.revision, ...entry.data })),
    };
  }
}

function guardedFields({ revision, type, data, metadata }: RecordedEvent) {
  const names = isCustomerEventType(type) ? protectedFieldsOf(type) : [];
  const fields: Record<string, unknown> = {};
  for (const name of names) if (data[name] !== undefined) fields[name] = data[name];
  return { revision, type, occurredAt: metadata.occurredAt, fields };
}

function foundBody<T>(result: ReadResult<T>): T | undefined {
  return result.kind === 'found' ? result.body : undefined;
}
