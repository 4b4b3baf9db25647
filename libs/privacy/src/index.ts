export * from './personal-data';
export * from './key-store.port';
export * from './sealing';
export * from './sealed-text';
export * from './master-key';
export * from './adapters/in-memory.key-store';
export * from './adapters/sqlite.key-store';
export * from './adapters/mongo.key-store';
