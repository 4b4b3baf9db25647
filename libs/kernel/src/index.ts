export * from './money';
export * from './currencies';
export * from './customer-id';
export * from './clock';
export * from './event-metadata';
export * from './id-set';
export * from './periods';
export * from './seeded-random';
