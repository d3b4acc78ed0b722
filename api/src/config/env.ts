import { resolve } from 'node:path';

import { z } from 'zod';

const repoRoot = resolve(__dirname, '..', '..', '..');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('0.0.0.0'),
  /** An external PostgreSQL; when unset, an embedded one is started with its data in DATA_DIR. */
  DATABASE_URL: z.preprocess((value) => (value === '' ? undefined : value), z.string().url().optional()),
  DATA_DIR: z.string().default(resolve(repoRoot, '.data')),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  /** Load the demo data into an empty database: on by default, except in production. */
  DEMO_DATA: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.enum(['true', 'false']).optional(),
  ),
  WEB_DIST: z.string().default(resolve(repoRoot, 'web', 'dist')),
  /**
   * The application's own connection, as the `cdvn_app` role (no ownership, bound by row-level
   * security). When unset, it is DATABASE_URL's server with that role and a password set at start.
   */
  APP_DATABASE_URL: z.preprocess((value) => (value === '' ? undefined : value), z.string().url().optional()),
  /**
   * Streaming replicas of DATABASE_URL's database, comma-separated URLs with the owner's credentials (or,
   * with APP_DATABASE_URL set, the application role's): read-only GraphQL operations go to them, the rest
   * to the primary (db/replicas.ts).
   */
  DATABASE_REPLICA_URLS: z.preprocess(
    (value) =>
      typeof value === 'string'
        ? value
            .split(',')
            .map((url) => url.trim())
            .filter((url) => url !== '')
        : [],
    z.array(z.string().url()),
  ),
  /** Signs login tokens; at least 32 characters. Required in production; elsewhere kept in DATA_DIR. */
  AUTH_SECRET: z.preprocess((value) => (value === '' ? undefined : value), z.string().min(32).optional()),
  TOKEN_TTL_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  API_KEY_REQUESTS_PER_MINUTE: z.coerce.number().int().positive().default(600),
  /**
   * Express's `trust proxy`: behind a reverse proxy, the number of proxies (or their addresses), so that
   * failed logins are counted per client address and not per proxy. Off by default.
   */
  TRUST_PROXY: z.string().default('false'),
  /**
   * Prometheus reads /metrics with `Authorization: Bearer <METRICS_TOKEN>`; unset, /metrics is not served
   * (the figures tell outsiders the load and the errors of the service).
   */
  METRICS_TOKEN: z.preprocess((value) => (value === '' ? undefined : value), z.string().min(16).optional()),
  /** Any SQL statement of a request is stopped after this long (answered with TIMEOUT). */
  STATEMENT_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** Who may introspect the schema: on, authenticated (token or API key), off. */
  INTROSPECTION: z.enum(['on', 'authenticated', 'off']).default('authenticated'),
  /**
   * The web client's documents (schema/documents): `allow` serves them by hash and accepts any other
   * document; `require` lets logged-in accounts run only them (tools use API keys); `off`.
   */
  TRUSTED_DOCUMENTS: z.enum(['off', 'allow', 'require']).default('allow'),
  TRUSTED_DOCUMENTS_DIR: z.string().default(resolve(repoRoot, 'schema', 'documents')),
  /** pino's level; `silent` in tests unless set. */
  LOG_LEVEL: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  ),
  /**
   * Room for answers of queries served again while the data stand unchanged (graphql/response-cache.ts),
   * per instance, in millions of characters of their JSON; 0 turns the cache off.
   */
  RESPONSE_CACHE_MB: z.coerce.number().int().min(0).max(4096).default(32),
  /** The time zone that decides what "today" is. */
  APP_TIME_ZONE: z.string().default('Asia/Ho_Chi_Minh'),
});

export type Env = Readonly<z.infer<typeof schema> & { demoData: boolean; logLevel: string }>;

/** The environment, parsed once. Nothing else reads process.env. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = schema.parse(source);
  if (parsed.NODE_ENV === 'production' && !parsed.AUTH_SECRET) {
    throw new Error('AUTH_SECRET (at least 32 characters) is required in production.');
  }
  const demoData = parsed.DEMO_DATA ? parsed.DEMO_DATA === 'true' : parsed.NODE_ENV !== 'production';
  const logLevel = parsed.LOG_LEVEL ?? (parsed.NODE_ENV === 'test' ? 'silent' : 'info');
  return Object.freeze({ ...parsed, demoData, logLevel });
}
