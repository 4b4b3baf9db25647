// The EventStoreDB gRPC emulator (a test double; see esdb-emulator.server.ts), for specs and e2e runs.
export { startEsdbEmulator, type EsdbEmulator, type EsdbEmulatorOptions } from './esdb-emulator.server';
export { EmulatorStore } from './emulator.store';
