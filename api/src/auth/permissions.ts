/**
 * The permission catalogue: what each role may do in the subtree of the unit it is assigned at. The
 * same names key the row-level security settings in PostgreSQL (`app.scope_unit_read`, ...).
 */
export const ROLES = ['ADMIN', 'OFFICER', 'VIEWER', 'ANALYST'] as const;
export type Role = (typeof ROLES)[number];

/** Roles an API key may carry: read-only. */
export const API_KEY_ROLES = ['VIEWER', 'ANALYST'] as const satisfies readonly Role[];

export const PERMISSIONS = [
  /** The units, their rollups and the non-personal records (activities, awards, targets, ratings). */
  'unit:read',
  /** Members and their personal data (Decree 13/2023). */
  'member:read',
  /** A grassroots union's monthly collections (đoàn phí, kinh phí công đoàn); the yearly sums are unit:read. */
  'finance:read',
  /** Members, activities, awards, targets, ratings, officers, themes. */
  'record:write',
  /** Creating, moving, closing and merging units. */
  'structure:write',
  /** Accounts, role assignments and API keys. */
  'account:admin',
  /** The audit log. */
  'audit:read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** What changes data: granted at a unit that has closed, these count for nothing. */
export const WRITE_PERMISSIONS: readonly Permission[] = ['record:write', 'structure:write', 'account:admin'];

const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  ADMIN: PERMISSIONS,
  OFFICER: ['unit:read', 'member:read', 'finance:read', 'record:write'],
  VIEWER: ['unit:read', 'member:read'],
  ANALYST: ['unit:read'],
};

export function permissionsOf(role: Role): readonly Permission[] {
  return ROLE_PERMISSIONS[role];
}

/** The name of a permission in the database's settings and policies. */
export function settingKey(permission: Permission): string {
  return permission.replace(':', '_');
}
