import { Inject, Injectable } from '@nestjs/common';
import { foldAsOf, verifyChain, type ChainVerdict, type TimeBasis } from '@rapport/audit';
import type { CustomerEvent, CustomerState } from '@rapport/customer-domain';
import type { EventStore, RecordedEvent } from '@rapport/event-store';
import { customerStreamId } from '@rapport/kernel';
import { AccessLog, type AccessRecord } from '../security/access-log';
import { customerDecider } from '../wiring/customer-processor';
import { EVENT_STORE } from '../wiring/tokens';
import { PersonalDataReader } from './personal-data-reader';

export interface HistoryPage {
  readonly customerId: string;
  readonly events: readonly Omit<RecordedEvent, 'streamId' | 'id'>[];
  readonly nextRevision?: number;
}

export interface StateAsOf {
  readonly customerId: string;
  readonly asOf: string;
  readonly basis: TimeBasis;
  readonly eventsApplied: number;
  readonly state: CustomerState;
}

/** Who is reading, recorded in the access log before anything is returned. */
export type Reader = Omit<AccessRecord, 'customerId'>;

/** Reads one customer's stream for auditors (design.md §5). `undefined` means no such customer. */
@Injectable()
export class AuditService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly personalData: PersonalDataReader,
    private readonly accessLog: AccessLog,
  ) {}

  async history(reader: Reader, customerId: string, fromRevision = 0, limit = 1_000): Promise<HistoryPage | undefined> {
    const events = await this.store.readStream(customerStreamId(customerId), { fromRevision, maxCount: limit + 1 });
    if (events.length === 0 && !(await this.exists(customerId))) return undefined;
    await this.accessLog.record({ ...reader, customerId });
    const page = await Promise.all(
      events.slice(0, limit).map(async ({ revision, position, type, data, metadata, id }) => ({
        id, revision, position, type, data: await this.personalData.reveal(customerId, data), metadata,
      })),
    );
    return { customerId, events: page, ...(events.length > limit ? { nextRevision: fromRevision + limit } : {}) };
  }

  async stateAsOf(reader: Reader, customerId: string, asOf: Date, basis: TimeBasis): Promise<StateAsOf | undefined> {
    const events = await this.store.readStream(customerStreamId(customerId));
    if (events.length === 0) return undefined;
    await this.accessLog.record({ ...reader, customerId });
    const folded = foldAsOf<CustomerState, CustomerEvent>(events, asOf, basis, customerDecider);
    const state = await this.personalData.reveal(customerId, folded.state);
    return { customerId, asOf: asOf.toISOString(), basis, eventsApplied: folded.eventsApplied, state };
  }

  async verify(reader: Reader, customerId: string): Promise<ChainVerdict | undefined> {
    const events = await this.store.readStream(customerStreamId(customerId));
    if (events.length === 0) return undefined;
    await this.accessLog.record({ ...reader, customerId });
    return verifyChain(events);
  }

  private async exists(customerId: string): Promise<boolean> {
    return (await this.store.readStream(customerStreamId(customerId), { maxCount: 1 })).length > 0;
  }
}
