// The contract suite (contract/event-store.contract.ts) stays out of this entry: it uses jest
// globals, and production code imports this file. Specs import the contract by relative path.
export type * from './event-store.port';
export type * from './event-store.errors';
export { StreamRevisionConflict, EventStoreUnavailable, isStreamRevisionConflict } from './event-store.errors';
export type * from './decider';
export type * from './command-processor';
export { CommandProcessor } from './command-processor';
export { InMemoryEventStore } from './adapters/in-memory/in-memory.event-store';
export { SqliteEventStore, type SqliteEventStoreOptions } from './adapters/sqlite/sqlite.event-store';
export { EsdbEventStore, type EsdbEventStoreOptions } from './adapters/esdb/esdb.event-store';
export { Upcasters, type Upcaster, type VersionedEvent } from './upcasting/upcasters';
export { UpcastingEventStore } from './upcasting/upcasting.event-store';
