/** design.md §7. `admin` may do everything; the others only what their routes allow. */
export const ROLES = ['channel', 'analyst', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Who is calling: the API key's name and role. */
export interface Principal {
  readonly name: string;
  readonly role: Role;
}
