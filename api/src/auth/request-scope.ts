import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';

import { Scope } from './scope';
import type { Viewer } from './viewer';

/**
 * Runs work outside GraphQL (file imports and exports) the way every GraphQL operation runs: in one
 * transaction on the application's connection, with the viewer's scope in its settings.
 */
export async function withRequestScope<T>(
  orm: MikroORM,
  viewer: Viewer,
  operation: string,
  work: (em: EntityManager, scope: Scope) => Promise<T>,
  options: { statementTimeoutMs?: number } = {},
): Promise<T> {
  const em = orm.em.fork();
  await em.begin();
  try {
    if (options.statementTimeoutMs) {
      // A bulk write is one long statement by design: its own limit, for this transaction only.
      await em.execute(`set local statement_timeout = ${Math.trunc(options.statementTimeoutMs)}`);
    }
    const result = await work(em, await Scope.begin(em, viewer, operation));
    await em.commit();
    return result;
  } catch (error) {
    await em.rollback().catch(() => undefined);
    throw error;
  }
}
