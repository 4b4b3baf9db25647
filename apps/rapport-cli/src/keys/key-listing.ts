import { apiKeyStatus, type ApiKeyRecord, type ApiKeyStatus } from '../../../rapport/src/security/api-keys';
import type { Role } from '../../../rapport/src/security/roles';

/** One line of `keys list`: never the hash, which is all the keys file holds of a secret. */
export interface KeyRow {
  readonly name: string;
  readonly role: Role;
  readonly status: ApiKeyStatus;
  readonly createdAt: string | null;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
  readonly source: 'environment' | 'file';
}

export function keyRows(fromEnvironment: readonly ApiKeyRecord[], fromFile: readonly ApiKeyRecord[], now: Date): KeyRow[] {
  const row = (record: ApiKeyRecord, source: KeyRow['source']): KeyRow => ({
    name: record.name,
    role: record.role,
    status: apiKeyStatus(record, now),
    createdAt: record.createdAt ?? null,
    expiresAt: record.expiresAt ?? null,
    revokedAt: record.revokedAt ?? null,
    source,
  });
  return [...fromEnvironment.map((record) => row(record, 'environment')), ...fromFile.map((record) => row(record, 'file'))];
}

const COLUMNS = ['name', 'role', 'status', 'createdAt', 'expiresAt', 'revokedAt', 'source'] as const;

export function keyTable(rows: readonly KeyRow[]): string {
  if (rows.length === 0) return 'no keys configured';
  const cells = [COLUMNS.map(String), ...rows.map((row) => COLUMNS.map((column) => row[column] ?? '-'))];
  const widths = COLUMNS.map((_, index) => Math.max(...cells.map((line) => (line[index] ?? '').length)));
  return cells
    .map((line) =>
      line
        .map((cell, index) => cell.padEnd(widths[index] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
