import { type EntityManager, TransactionPropagation } from '@mikro-orm/postgresql';

import { translateDbError } from './db-errors';
import { runSql, sql } from './sql';

/**
 * How a request's writes are kept whole. A request runs in one transaction; each mutation field's work
 * normally runs in a savepoint of it, so that a field that fails leaves nothing half-written while the
 * fields before it stand. When the operation is one mutation field, the request's transaction is that
 * field's: the work joins it (two round trips fewer: no SAVEPOINT, no RELEASE), and a failure rolls the
 * whole transaction back instead of the savepoint.
 */
const soleWrites = new WeakSet<object>();
const failedWrites = new WeakSet<object>();

/** The request on this entity manager is one mutation field. */
export function markSoleWrite(em: object): void {
  soleWrites.add(em);
}

export function isSoleWrite(em: object): boolean {
  return soleWrites.has(em);
}

/** A sole write failed: its transaction must be rolled back, not committed. */
export function markWriteFailed(em: object): void {
  failedWrites.add(em);
}

export function hasWriteFailed(em: object): boolean {
  return failedWrites.has(em);
}

/**
 * Runs a change in one transaction, turning violated invariants into readable errors: a savepoint of the
 * request's transaction, or the request's transaction itself when the operation is this one mutation
 * (see shared/request-writes).
 *
 * The checks PostgreSQL defers to commit (a unit's placement, members within their union's life: the
 * constraint triggers of org_unit and org_unit_parent) are run before returning, so that a violation is
 * this operation's error. Work that writes neither table runs in `inRecordTransaction` and saves the
 * round trip (recording an activity: one statement in six); a test keeps the list of those tables.
 */
export async function inTransaction<T>(
  em: EntityManager,
  work: (em: EntityManager) => Promise<T>,
  { deferredChecks = true }: { deferredChecks?: boolean } = {},
): Promise<T> {
  const sole = isSoleWrite(em);
  try {
    return await em.transactional(
      async (tx) => {
        const result = await work(tx);
        await tx.flush();
        // The checks deferred to commit (a unit's placement, members within their union's life) would
        // run after the answer had gone out: run them now, then defer again for whatever the request does
        // next (one round trip: without parameters both go as one simple query).
        if (deferredChecks) {
          await runSql(
            tx,
            'transaction.checkDeferred',
            sql`set constraints all immediate; set constraints all deferred`,
          );
        }
        return result;
      },
      { propagation: sole ? TransactionPropagation.REQUIRED : TransactionPropagation.NESTED },
    );
  } catch (error) {
    if (sole) {
      markWriteFailed(em);
    }
    return translateDbError(error);
  }
}

/** `inTransaction` for work that writes records (activities, awards, targets, members), no unit or link. */
export function inRecordTransaction<T>(
  em: EntityManager,
  work: (em: EntityManager) => Promise<T>,
): Promise<T> {
  return inTransaction(em, work, { deferredChecks: false });
}
