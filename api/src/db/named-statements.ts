import {
  AbstractSqlDriver,
  type Configuration,
  type Knex,
  PostgreSqlConnection,
  PostgreSqlKnexDialect,
  PostgreSqlPlatform,
  type Transaction,
} from '@mikro-orm/postgresql';
import { LRUCache } from 'lru-cache';
import { sql, textOf } from '../shared/sql';

/**
 * MikroORM writes every value into the statement's text (its `execute` formats, then sends the text
 * alone), so PostgreSQL plans each statement afresh, and planning cost more than running for the
 * statements behind a write: a unit looked up by code 0.19 ms to plan against 0.09 ms to run, an
 * activity's insert 0.29 ms (row-level security's policies are planned with the statement). The driver
 * below sends the statements MikroORM builds (finds, inserts, updates, deletes) with their
 * values as parameters under a name instead, so that each pooled connection plans each statement once
 * (the application's role keeps generic plans: see configureAppRole).
 *
 * Left as MikroORM sends them: our own raw statements (`runSql`, marked by their leading comment:
 * their plans are chosen for their values; `runPrepared` names its own), and statements with values
 * other than plain strings, numbers and booleans, or with identifiers as parameters.
 */

/** The statements each connection keeps prepared; the least recently used beyond this are dropped. */
export const STATEMENTS_PER_CONNECTION = 100;

/** What knex hands its PostgreSQL dialect for one statement. */
interface KnexQuery {
  sql: string;
  bindings?: readonly unknown[];
  options?: { name?: string } & Record<string, unknown>;
}

/** The part of a pg client this module uses. */
interface PgClient {
  connection: { parsedStatements: Record<string, string> };
  /** Set, knex's pool closes the connection instead of handing it out. */
  __knex__disposed?: string;
  query(text: string): Promise<unknown>;
}

const statementsOf = new WeakMap<object, LRUCache<string, string>>();
let named = 0;

/**
 * The statement's name on this connection: the same text gets the same name while it is kept, and the
 * least recently used is deallocated when the connection holds too many (names are never reused).
 */
function nameOn(client: PgClient, text: string): string {
  let statements = statementsOf.get(client);
  if (!statements) {
    statements = new LRUCache<string, string>({
      max: STATEMENTS_PER_CONNECTION,
      dispose: (oldest, _sql, reason) => {
        const parsed = client.connection.parsedStatements;
        // Only a statement the server holds: deallocating an unknown name would abort the transaction. In
        // a transaction that has already failed the deallocation fails too, and the server keeps the
        // statement until the connection closes (its name is not used again).
        if (reason === 'evict' && parsed[oldest] !== undefined) {
          delete parsed[oldest];
          client.query(textOf(sql`deallocate ${sql.identifier(oldest)}`)).catch(() => undefined);
        }
      },
    });
    statementsOf.set(client, statements);
  }
  let name = statements.get(text);
  if (!name) {
    name = `orm_${(named++).toString(36)}`;
    statements.set(text, name);
  }
  return name;
}

/**
 * The SQLSTATE of "cached plan must not change result type" (feature_not_supported: any other error of
 * that class on a named statement costs no more than a new connection).
 */
const PLAN_CHANGED = '0A000';

/**
 * knex's dialect: a statement sent with parameters and no name of its own gets one.
 *
 * A migration run by another instance (a deployment's new version) can change the columns of a table
 * that this connection's prepared statements read (`select "o0".*`); PostgreSQL then refuses them ("cached
 * plan must not change result type") for as long as the connection lives. That statement's request fails;
 * the connection is marked disposed, so that the pool closes it instead of handing it out again.
 */
export class NamedStatementsDialect extends PostgreSqlKnexDialect {
  _query(client: PgClient, query: KnexQuery): Promise<unknown> {
    if (query.bindings?.length && !query.options?.name) {
      query.options = { ...query.options, name: nameOn(client, query.sql) };
    }
    const sent: Promise<unknown> = super._query(client, query);
    if (!query.options?.name) {
      return sent;
    }
    return sent.catch((error: unknown) => {
      if ((error as { code?: string }).code === PLAN_CHANGED) {
        client.__knex__disposed = 'a table changed under its prepared statements';
      }
      throw error;
    });
  }
}

type Value = string | number | bigint | boolean | null;

/** A value that PostgreSQL reads the same as a parameter and as MikroORM's literal. */
function isPlain(value: unknown): value is Value {
  return (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'bigint' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

/** Sends what MikroORM builds with its values as parameters (see the top of this file). */
export class NamedStatementsConnection extends PostgreSqlConnection {
  override async execute<T>(
    queryOrKnex: string | Knex.QueryBuilder | Knex.Raw,
    params: unknown[] = [],
    method: 'all' | 'get' | 'run' = 'all',
    ctx?: Transaction,
    loggerContext?: Parameters<PostgreSqlConnection['execute']>[4],
  ): Promise<T> {
    if (
      typeof queryOrKnex !== 'string' ||
      params.length === 0 ||
      queryOrKnex.startsWith('/*') ||
      queryOrKnex.includes('??') ||
      queryOrKnex.includes('\\?') ||
      !params.every(isPlain)
    ) {
      return super.execute(queryOrKnex, params, method, ctx, loggerContext) as Promise<T>;
    }
    await this.ensureConnection();
    const sql = this.config.get('onQuery')(queryOrKnex, params);
    return this.executeQuery(
      sql,
      async () => {
        const query = this.getKnex().raw(sql, params as never[]);
        if (ctx) {
          void query.transacting(ctx as Knex.Transaction);
        }
        return this.transformRawResult<T>(await query, method);
      },
      { query: sql, params, ...loggerContext },
    );
  }
}

/** MikroORM's PostgreSQL driver on that connection. */
export class NamedStatementsDriver extends AbstractSqlDriver<NamedStatementsConnection, PostgreSqlPlatform> {
  constructor(config: Configuration) {
    super(config, new PostgreSqlPlatform(), NamedStatementsConnection, ['knex', 'pg']);
  }
}
