import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';

import { Scope } from './scope';
import type { Viewer } from './viewer';
import { setStatementTimeout } from './auth.queries';

/**
 * Opens a request: a transaction on `em`, with the viewer's scope written into its settings. On failure
 * nothing stays open.
 */
export async function beginRequest(
  em: EntityManager,
  viewer: Viewer,
  operation: string | null,
  today: string,
): Promise<Scope> {
  await em.begin();
  try {
    return await Scope.begin(em, viewer, operation, today);
  } catch (error) {
    await em.rollback().catch(() => undefined);
    throw error;
  }
}

/**
 * Runs work outside GraphQL (file imports and exports) the way every GraphQL operation runs: in one
 * transaction on the application's connection, with the viewer's scope in its settings.
 */
export async function withRequestScope<T>(
  orm: MikroORM,
  viewer: Viewer,
  operation: string,
  today: string,
  work: (em: EntityManager, scope: Scope) => Promise<T>,
  options: { statementTimeoutMs?: number } = {},
): Promise<T> {
  const em = orm.em.fork();
  const scope = await beginRequest(em, viewer, operation, today);
  try {
    if (options.statementTimeoutMs) {
      // A bulk write is one long statement by design: its own limit, for this transaction only.
      await setStatementTimeout(em, options.statementTimeoutMs);
    }
    const result = await work(em, scope);
    await em.commit();
    return result;
  } catch (error) {
    await em.rollback().catch(() => undefined);
    throw error;
  }
}
