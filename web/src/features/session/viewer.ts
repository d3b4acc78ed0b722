import { createContext, useContext } from 'react';

import type { Role, ViewerQuery } from '../../graphql/graphql';

export type Viewer = NonNullable<ViewerQuery['viewer']>;

export const ViewerContext = createContext<Viewer | null>(null);

export function useViewer(): Viewer {
  const viewer = useContext(ViewerContext);
  if (!viewer) {
    throw new Error('useViewer is used outside a logged-in page.');
  }
  return viewer;
}

/** Strongest first: the role a user acts with at a unit is the strongest held there or above. */
const STRENGTH: readonly Role[] = ['ADMIN', 'OFFICER', 'VIEWER', 'ANALYST'];

/** The role that covers a unit, given the unit's code and its ancestors' codes; null outside every role. */
export function roleAt(viewer: Viewer, codes: readonly string[]): Role | null {
  const held = viewer.roles.filter((r) => codes.includes(r.unit.code)).map((r) => r.role);
  return STRENGTH.find((role) => held.includes(role)) ?? null;
}

/** What the API lets each role do (api/src/auth/permissions.ts); the client only hides what would be refused. */
export function mayRecord(role: Role | null): boolean {
  return role === 'ADMIN' || role === 'OFFICER';
}

export function maySeeMembers(role: Role | null): boolean {
  return role !== null && role !== 'ANALYST';
}
