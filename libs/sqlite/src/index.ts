export { BOUND_LIMIT } from './bound-limit';
export { openWalDatabase, type OpenDatabaseOptions } from './open-database';
export { isSqliteUnavailable, sqliteCode } from './sqlite-errors';
export { WalCompactor, type WalCompactorOptions } from './wal-compactor';
