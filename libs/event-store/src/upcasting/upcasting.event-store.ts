import type {
  AppendResult,
  DigestedStream,
  EventStore,
  EventSubscription,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  RecordedEventData,
  SubscribeOptions,
} from '../event-store.port';
import type { Upcasters } from './upcasters';

/**
 * The store as readers of events need it: every event read, by any path, comes out upcast to
 * its current shape. Appends and positions pass through untouched. Reading the stored shape
 * itself (to verify the hash chain, which covers the data as written) takes the inner store.
 */
export class UpcastingEventStore implements EventStore {
  /** Present when the inner store has it; its digests cover the events as stored, before upcasting. */
  readonly readStreamDigested?: (streamId: string, isDigested: (revision: number) => boolean) => Promise<DigestedStream>;

  constructor(
    readonly stored: EventStore,
    private readonly upcasters: Upcasters,
  ) {
    const readDigested = stored.readStreamDigested?.bind(stored);
    if (readDigested !== undefined) {
      this.readStreamDigested = async (streamId, isDigested) => {
        const { events, digests } = await readDigested(streamId, isDigested);
        return { events: this.upcastEach(events), digests };
      };
    }
  }

  appendToStream(streamId: string, events: readonly EventToAppend[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    return this.stored.appendToStream(streamId, events, expectedRevision);
  }

  async readStream(streamId: string, options?: ReadStreamOptions): Promise<readonly RecordedEvent[]> {
    return this.upcastEach(await this.stored.readStream(streamId, options));
  }

  async readAll(options: ReadAllOptions): Promise<readonly RecordedEvent[]> {
    return this.upcastEach(await this.stored.readAll(options));
  }

  async readAllWithoutMetadata(options: ReadAllOptions): Promise<readonly RecordedEventData[]> {
    const events = this.stored.readAllWithoutMetadata
      ? await this.stored.readAllWithoutMetadata(options)
      : await this.stored.readAll(options);
    return this.upcastEach(events);
  }

  subscribeToAll(options: SubscribeOptions): EventSubscription {
    const subscription = this.stored.subscribeToAll(options);
    const upcasters = this.upcasters;
    return {
      async *[Symbol.asyncIterator]() {
        for await (const event of subscription) yield upcasters.upcast(event);
      },
      close: () => subscription.close(),
    };
  }

  headPosition(): Promise<number> {
    return this.stored.headPosition();
  }

  close(): Promise<void> {
    return this.stored.close();
  }

  private upcastEach<Event extends RecordedEventData>(events: readonly Event[]): readonly Event[] {
    return events.map((event) => this.upcasters.upcast(event));
  }
}
