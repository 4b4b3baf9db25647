export * from './fixtures';
export * from './customer-command.builders';
export * from './customer-event.builders';
