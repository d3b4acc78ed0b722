import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import { createHash } from 'node:crypto';

import * as pg from 'pg';

/** pg's own conversion of what it sends (an array becomes a PostgreSQL array literal); @types/pg omits it. */
const { prepareValue } = (pg as unknown as { utils: { prepareValue(value: unknown): unknown } }).utils;

/** The statement last sent on each transaction's connection. */
const lanes = new WeakMap<object, Promise<unknown>>();

/**
 * SQL with its values bound where they are written: `sql\`select ... where unit_id = ${id}\`` sends `?`
 * and binds `id`; a fragment written with `sql` nests with its own values, in the order they appear,
 * so that no caller counts placeholders. A JavaScript array is bound as one PostgreSQL array (cast it:
 * `= any(${ids}::integer[])`). Nothing else becomes text: words get into a statement only as written in
 * a template, and names the code chose through `sql.identifier`, quoted. A literal `?` operator must be
 * written `\\?` (the placeholders are knex's). Only this module builds fragments; others use the tag.
 */
class Sql {
  private constructor(
    readonly text: string,
    readonly values: readonly unknown[],
  ) {}

  static build(strings: readonly string[], values: readonly unknown[]): Sql {
    let text = strings[0];
    const bound: unknown[] = [];
    values.forEach((value, i) => {
      if (value instanceof Sql) {
        text += value.text;
        bound.push(...value.values);
      } else {
        text += '?';
        // An argument left out (undefined) is NULL, as MikroORM writes it into a statement's text; a
        // prepared statement's driver would refuse it.
        bound.push(value === undefined ? null : Array.isArray(value) ? prepareValue(value) : value);
      }
      text += strings[i + 1];
    });
    return new Sql(text, bound);
  }
}

export type { Sql };

export function sql(strings: TemplateStringsArray, ...values: unknown[]): Sql {
  return Sql.build(strings, values);
}

/** Fragments one after another, with a separator written as SQL (a comma by default). */
sql.join = (fragments: readonly Sql[], separator: Sql = sql`, `): Sql =>
  fragments.reduce(
    (joined, fragment, i) => (i === 0 ? fragment : sql`${joined}${separator}${fragment}`),
    sql.empty,
  );

/** A name the code chose (a metric's column, a table's alias), quoted: `sql.identifier('s', 'members')`. */
sql.identifier = (...parts: string[]): Sql =>
  Sql.build([parts.map((part) => pg.escapeIdentifier(part)).join('.')], []);

/**
 * A text written into the statement as a quoted literal (pg's escapeLiteral): only for commands that take
 * no bound values (a role's password and settings); everything else binds its values.
 */
sql.literal = (value: string): Sql => Sql.build([pg.escapeLiteral(value)], []);

/** Nothing: for an optional part of a statement. */
sql.empty = Sql.build([''], []);

/** The text of a command that takes no bound values (DDL, LISTEN, DEALLOCATE, a role's settings). */
export function textOf(statement: Sql): string {
  if (statement.values.length > 0) {
    throw new Error('this command takes no bound values');
  }
  return statement.text;
}

/**
 * Runs a statement in the entity manager's transaction, if any, under its name. The name travels as a
 * comment so that database logs show where a statement came from (and keeps the statement planned for
 * its values: see db/named-statements.ts).
 *
 * A request's loaders fire together, but a transaction has one connection, which runs one statement at
 * a time: statements of one transaction are queued here rather than piled onto the driver's own queue
 * (which pg deprecates).
 */
export async function runSql<T extends object>(
  em: EntityManager,
  name: string,
  statement: Sql,
): Promise<T[]> {
  // The one place where a statement's text is put together: its name, then the text the tag wrote.
  // eslint-disable-next-line no-restricted-syntax
  return inLane(em, () => em.execute<T[]>(`/* ${name} */ ${statement.text}`, [...statement.values]));
}

/**
 * The same for a statement whose planning costs more than its execution (the rollup reads: planning a
 * national rollup took 2.5 ms, running it 0.5 ms; a grassroots union's page of activities 1.3 ms, running
 * it 0.4): sent as a named prepared statement, so that each pooled connection plans it once (the
 * application's role keeps generic plans: see configureAppRole). Only for a statement whose plan does not
 * depend on its values. A caller may build several texts under one name (optional conditions written only
 * when they apply): each text is its own prepared statement, named after the text.
 *
 * Also the way to send a large value (an import's rows as one JSON document): bound, it travels as it is,
 * where `runSql` has MikroORM write it into the text. Escaping 100,000 members' 20 MB of JSON into two
 * statements blocked the event loop for 3 s and took the heap from 265 MB to 1.1 GB.
 */
export async function runPrepared<T extends object>(
  em: EntityManager,
  name: string,
  statement: Sql,
): Promise<T[]> {
  // eslint-disable-next-line no-restricted-syntax
  const text = `/* ${name} */ ${statement.text}`;
  return inLane(em, async () => {
    let query = em
      .getConnection()
      .getKnex()
      .raw(text, statement.values as never[])
      .options({ name: preparedName(name, text) });
    const transaction = em.getTransactionContext<Knex.Transaction>();
    if (transaction) {
      query = query.transacting(transaction);
    }
    return ((await query) as { rows: T[] }).rows;
  });
}

/** Cursors opened in this process: each gets a name of its own. */
let cursors = 0;

/**
 * The rows of a statement too large to hold at once (an export of a province's members), read through a
 * cursor in the entity manager's transaction, `batchSize` rows at a time: the API holds one batch, not the
 * answer. The cursor is planned for its whole result (as the statement alone would be, not for its first
 * rows), and closed when the caller stops reading, or at the transaction's end.
 */
export async function* streamRows<T extends object>(
  em: EntityManager,
  name: string,
  statement: Sql,
  batchSize = 1000,
): AsyncGenerator<T> {
  if (!em.getTransactionContext()) {
    throw new Error('streamRows reads in a transaction: a cursor lives in one');
  }
  cursors += 1;
  const cursor = sql.identifier(`rows_${cursors}`);
  await runSql(em, name, sql`select set_config('cursor_tuple_fraction', '1', true)`);
  await runSql(em, name, sql`declare ${cursor} no scroll cursor for ${statement}`);
  let open = true;
  try {
    while (open) {
      const rows = await runSql<T>(
        em,
        name,
        Sql.build([`fetch ${Math.trunc(batchSize)} from `, ''], [cursor]),
      );
      open = rows.length === batchSize;
      yield* rows;
    }
  } finally {
    // Stopped early: closed now, unless the transaction has failed (its end closes it).
    await runSql(em, name, sql`close ${cursor}`).catch(() => undefined);
  }
}

/**
 * A prepared statement's name: the caller's, and a digest of the text (a name stands for one text on a
 * connection). PostgreSQL keeps 63 bytes of a name.
 */
function preparedName(name: string, text: string): string {
  return `${name.slice(0, 40)}_${createHash('sha1').update(text).digest('base64url').slice(0, 16)}`;
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

/** Escapes LIKE wildcards in user text. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

export function likeContains(text: string): string {
  return `%${escapeLike(text)}%`;
}

/** An lquery matching every path that runs through one of these units: "stood under it at some date". */
export function throughAny(unitIds: readonly number[]): string {
  if (!unitIds.every((id) => Number.isSafeInteger(id))) {
    throw new Error('throughAny takes unit ids, integers only: the text becomes a pattern');
  }
  return `*.${unitIds.join('|')}.*`;
}
