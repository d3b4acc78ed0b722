import type { EntityManager, Knex } from '@mikro-orm/postgresql';

/** The statement last sent on each transaction's connection. */
const lanes = new WeakMap<object, Promise<unknown>>();

/**
 * Runs a named raw statement in the entity manager's transaction, if any. The name travels as a comment
 * so that database logs show where a statement came from (and keeps the statement planned for its
 * values: see db/named-statements.ts). Placeholders are `?`.
 *
 * A request's loaders fire together, but a transaction has one connection, which runs one statement at
 * a time: statements of one transaction are queued here rather than piled onto the driver's own queue
 * (which pg deprecates).
 */
export async function runSql<T extends object>(
  em: EntityManager,
  name: string,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  return inLane(em, () => em.execute<T[]>(`/* ${name} */ ${text}`, params));
}

/**
 * The same for a statement whose planning costs more than its execution (the rollup reads: planning a
 * national rollup took 2.5 ms, running it 0.5 ms): sent as a named prepared statement, so that each
 * pooled connection plans it once (the application's role keeps generic plans: see configureAppRole).
 */
export async function runPrepared<T extends object>(
  em: EntityManager,
  name: string,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  return inLane(em, async () => {
    let query = em
      .getConnection()
      .getKnex()
      .raw(`/* ${name} */ ${text}`, params as never[])
      .options({ name });
    const transaction = em.getTransactionContext<Knex.Transaction>();
    if (transaction) {
      query = query.transacting(transaction);
    }
    return ((await query) as { rows: T[] }).rows;
  });
}

function inLane<T>(em: EntityManager, run: () => Promise<T>): Promise<T> {
  const transaction = em.getTransactionContext<object>();
  if (!transaction) {
    return run();
  }
  const next = (lanes.get(transaction) ?? Promise.resolve()).then(run, run);
  lanes.set(
    transaction,
    next.catch(() => undefined),
  );
  return next;
}

/** A PostgreSQL array literal of integers; the driver would otherwise spread a JS array into a list. */
export function intArray(values: readonly number[]): string {
  if (!values.every((value) => Number.isSafeInteger(value))) {
    throw new Error('intArray takes integers only');
  }
  return `{${values.join(',')}}`;
}

/** Escapes LIKE wildcards in user text. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

export function likeContains(text: string): string {
  return `%${escapeLike(text)}%`;
}

/** An lquery matching every path that runs through one of these units: "stood under it at some date". */
export function throughAny(unitIds: readonly number[]): string {
  intArray(unitIds); // integers only: the text becomes a pattern
  return `*.${unitIds.join('|')}.*`;
}
