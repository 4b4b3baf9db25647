export * from './decider-spec';
export * from './customer-builders';
