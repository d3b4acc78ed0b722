import { createHash } from 'node:crypto';

import type { Role } from './permissions';

/** A role held at a unit: it covers the unit's subtree. */
export interface Grant {
  unitId: number;
  role: Role;
}

/** Who is asking: from a bearer token, an API key, or trusted code (start-up, scripts, tests). */
export type Viewer =
  | { kind: 'anonymous' }
  | {
      kind: 'account';
      accountId: number;
      sessionId: string;
      email: string;
      displayName: string;
      /** After an ADMIN's reset: the session may only change the password (it holds no grants). */
      mustChangePassword: boolean;
      grants: Grant[];
    }
  | { kind: 'apiKey'; apiKeyId: number; prefix: string; name: string; grants: Grant[] }
  | { kind: 'system'; label: string; grants: Grant[] };

export const ANONYMOUS: Viewer = Object.freeze({ kind: 'anonymous' });

export function grantsOf(viewer: Viewer): Grant[] {
  return viewer.kind === 'anonymous' ? [] : viewer.grants;
}

/**
 * Who wrote, as the read replicas' routing remembers it (a hash of the session or API key, so that no
 * identifier travels in change notices); null for those who write nothing of their own.
 */
export function writerOf(viewer: Viewer): string | null {
  const key =
    viewer.kind === 'account'
      ? `session:${viewer.sessionId}`
      : viewer.kind === 'apiKey'
        ? `key:${viewer.apiKeyId}`
        : null;
  return key && createHash('sha256').update(key).digest('hex').slice(0, 24);
}

/** How the audit log names the viewer. */
export function actorOf(viewer: Viewer): string {
  switch (viewer.kind) {
    case 'anonymous':
      return 'anonymous';
    case 'account':
      return `account:${viewer.accountId} ${viewer.email}`;
    case 'apiKey':
      return `api-key:${viewer.apiKeyId} ${viewer.prefix}`;
    case 'system':
      return `system:${viewer.label}`;
  }
}
