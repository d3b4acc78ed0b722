import { createHmac } from 'node:crypto';
import { sql, textOf } from '../shared/sql';

import { MikroORM, type Options } from '@mikro-orm/postgresql';
import { Client } from 'pg';

import { ormConfig } from './mikro-orm.config';
import { applyRepeatable } from './repeatable';

/** Creates the database when the server does not have it yet. */
export async function ensureDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) {
      const from = template ? sql` template ${sql.identifier(template)}` : sql.empty;
      await client.query(textOf(sql`create database ${sql.identifier(name)}${from}`));
    }
  } finally {
    await client.end();
  }
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(textOf(sql`drop database if exists ${sql.identifier(name)} with (force)`));
  } finally {
    await client.end();
  }
}

/** The URL of another database on the same server. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function openOrm(clientUrl: string, overrides: Partial<Options> = {}): Promise<MikroORM> {
  return MikroORM.init(ormConfig(clientUrl, overrides));
}

/**
 * Applies the committed migrations that the database has not seen yet, then the database's code
 * (functions, triggers, policies) whose source changed since it was last applied (db/repeatable.ts).
 */
export async function migrate(orm: MikroORM): Promise<string[]> {
  const applied = await orm.getMigrator().up();
  const sources = await applyRepeatable(orm);
  return [...applied.map((migration) => migration.name), ...sources.map((name) => `sql/${name}`)];
}

/** The role the application connects as: it owns nothing and does not bypass row-level security. */
export const APP_ROLE = 'cdvn_app';

/** Lets the application's role log in with this password, with its settings (the server's and the tests'). */
export async function configureAppRole(
  owner: MikroORM,
  password: string,
  statementTimeoutMs: number,
): Promise<void> {
  const conn = owner.em.getConnection();
  // A role's settings take no bound values: the password is written as a literal, quoted by pg.
  const role = sql.identifier(APP_ROLE);
  await conn.execute(textOf(sql`alter role ${role} login password ${sql.literal(password)}`));
  // No statement of a request runs longer than this (the role's default, so it costs no round trip).
  await conn.execute(
    textOf(
      sql`alter role ${role} set statement_timeout = ${sql.literal(String(Math.trunc(statementTimeoutMs)))}`,
    ),
  );
  // Prepared statements (runPrepared, and what MikroORM builds: db/named-statements.ts) keep one plan per
  // connection instead of planning every call; runSql's statements are sent with their values written
  // in, and are planned for them each time.
  await conn.execute(textOf(sql`alter role ${role} set plan_cache_mode = force_generic_plan`));
}

/**
 * Opens the application's connection as `cdvn_app`. Unless APP_DATABASE_URL names it, the owner lets
 * the role log in with a password derived from the secret (every instance that shares AUTH_SECRET sets
 * the same one, so that starting a second instance does not lock the first out) and the URL is derived
 * from the owner's.
 */
export async function openAppOrm(
  owner: MikroORM,
  ownerUrl: string,
  secret: string,
  appUrl?: string,
  statementTimeoutMs = 10_000,
): Promise<MikroORM> {
  if (appUrl) {
    return openOrm(appUrl);
  }
  await configureAppRole(owner, appPassword(secret), statementTimeoutMs);
  return openOrm(asAppRole(ownerUrl, secret));
}

/**
 * The application's connections to the read replicas: as `cdvn_app` with the password the primary gave
 * it (roles replicate), unless APP_DATABASE_URL is set (then the URLs name the role themselves).
 */
export async function openReplicaOrms(
  urls: readonly string[],
  secret: string,
  appUrlGiven: boolean,
): Promise<Array<{ name: string; orm: MikroORM }>> {
  return Promise.all(
    urls.map(async (url, i) => ({
      name: `replica-${i + 1}`,
      // Not connected yet: a replica that is down, or has not replayed the role's password, leaves the
      // rotation (db/replicas.ts) instead of stopping the start.
      orm: await openOrm(appUrlGiven ? url : asAppRole(url, secret), { connect: false }),
    })),
  );
}

function appPassword(secret: string): string {
  return createHmac('sha256', secret).update(`${APP_ROLE} password`).digest('hex');
}

function asAppRole(ownerUrl: string, secret: string): string {
  const url = new URL(ownerUrl);
  url.username = APP_ROLE;
  url.password = appPassword(secret);
  return url.toString();
}
