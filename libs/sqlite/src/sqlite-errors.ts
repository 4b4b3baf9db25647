// Lock waits, I/O, full disk and unusable files: the store is down, not the caller wrong.
const UNAVAILABLE_CODE = /^SQLITE_(BUSY|LOCKED|IOERR|FULL|CANTOPEN|READONLY|PROTOCOL|CORRUPT|NOTADB)/;

/**
 * The SQLite error code (`SQLITE_BUSY`, `SQLITE_CONSTRAINT_UNIQUE`, ...) of an error, if it has one.
 * By shape, not `instanceof`: better-sqlite3 binds its SqliteError class once per module instance,
 * which another module registry (jest gives each test file its own) or a worker does not share.
 */
export function sqliteCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

/** Whether the error means the database cannot be used now (a store's "unavailable"), not a wrong call. */
export function isSqliteUnavailable(error: unknown): boolean {
  return UNAVAILABLE_CODE.test(sqliteCode(error) ?? '');
}
