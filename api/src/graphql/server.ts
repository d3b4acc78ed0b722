import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';

import { randomUUID, timingSafeEqual } from 'node:crypto';

import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { MikroORM } from '@mikro-orm/postgresql';
import express, { type NextFunction, type Request, type Response } from 'express';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';

import { Authenticator } from '../auth/authenticate';
import { DataVersion } from '../db/data-version';
import { Replicas } from '../db/replicas';
import type { Env } from '../config/env';
import { databaseRefusal } from '../shared/db-errors';
import { refusal } from '../shared/errors';
import { bulkRouter } from '../modules/bulk/bulk.routes';
import { annualReportRouter } from '../modules/annual-report/annual-report.routes';
import { startPlanScheduler } from '../modules/plan/plan.service';
import { todayIn } from '../shared/dates';
import { unauthenticated } from '../auth/authenticate';
import { createLogger } from '../observability/logger';
import { Metrics } from '../observability/metrics';
import { type Context, createContext } from './context';
import { createFormatError } from './errors';
import { graphqlHandler } from './http';
import { jsonErrorStatus } from './http-status';
import { inputTextLimits } from './input-text';
import { introspectionPolicy } from './introspection';
import { loadTrustedDocuments, trustedDocumentCache, trustedDocumentsPolicy } from './trusted-documents';
import { operationLimits } from './limits';
import { requestTransaction } from './request-transaction';
import { responseCache } from './response-cache';
import { securedSchema } from './schema';

/**
 * The owner's connection (authentication, maintenance), the application's (every request), and the
 * application's connections to read replicas (read-only operations, when they will do).
 */
export interface Databases {
  owner: MikroORM;
  app: MikroORM;
  replicas?: Array<{ name: string; orm: MikroORM }>;
}

export interface HttpApp {
  httpServer: Server;
  logger: Logger;
  metrics: Metrics;
  apollo: ApolloServer<Context>;
  auth: Authenticator;
  dataVersion: DataVersion;
  /** Stops accepting connections and waits for requests in flight to finish. */
  stop(): Promise<void>;
}

/** A few routes, so that the metrics' labels stay few. */
function routeOf(req: Request): string {
  const path = req.originalUrl.split('?')[0];
  return ['/graphql', '/health', '/ready', '/metrics'].includes(path) ? path : 'static';
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_resolve, reject) =>
      setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms).unref(),
    ),
  ]);
}

/** Counts the errors of every GraphQL response by their code. */
function countErrors(metrics: Metrics): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind === 'single') {
            for (const error of response.body.singleResult.errors ?? []) {
              metrics.graphqlErrors.inc({ code: String(error.extensions?.code ?? 'UNKNOWN') });
            }
          }
        },
      };
    },
  };
}

/** TRUST_PROXY as Express reads it: a boolean, a hop count, or addresses. */
function trustProxy(value: string): boolean | number | string {
  if (value === 'true' || value === 'false') {
    return value === 'true';
  }
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** GraphQL at /graphql and the built web client at /, on one port. */
export async function createHttpApp(
  dbs: Databases,
  env: Env,
  secret: string,
  logger: Logger = createLogger(env.logLevel),
): Promise<HttpApp> {
  const app = express();
  const replicaOrms = dbs.replicas ?? [];
  const metrics = new Metrics({
    app: dbs.app,
    owner: dbs.owner,
    ...Object.fromEntries(replicaOrms.map(({ name, orm }) => [name, orm])),
  });
  const httpServer = createServer(app);
  const auth = new Authenticator(dbs.owner, {
    secret,
    tokenTtlSeconds: env.TOKEN_TTL_HOURS * 3600,
    apiKeyRequestsPerMinute: env.API_KEY_REQUESTS_PER_MINUTE,
  });
  const dataVersion = new DataVersion(String(dbs.app.config.get('clientUrl')), logger);
  await dataVersion.start();
  const replicas = replicaOrms.length > 0 ? new Replicas(replicaOrms, dbs.app, dataVersion, logger) : null;
  await replicas?.start();
  if (replicas) {
    metrics.watchReplicas(replicas);
  }
  // Restructuring plans dated in the future are applied as their dates come.
  const plans = startPlanScheduler(
    dbs.owner,
    dbs.app,
    () => todayIn(env.APP_TIME_ZONE),
    () => dataVersion.changed(),
  );
  const limits = operationLimits();
  const trusted =
    env.TRUSTED_DOCUMENTS === 'off'
      ? new Map<string, string>()
      : loadTrustedDocuments(env.TRUSTED_DOCUMENTS_DIR);
  const apollo = new ApolloServer<Context>({
    schema: await securedSchema(),
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    allowBatchedHttpRequests: false,
    persistedQueries: env.TRUSTED_DOCUMENTS === 'off' ? false : { cache: trustedDocumentCache(trusted) },
    formatError: createFormatError(logger),
    includeStacktraceInErrorResponses: false,
    introspection: env.INTROSPECTION !== 'off',
    // main.ts owns SIGINT and SIGTERM. Apollo's own handler (on outside tests) started a second stop, and
    // a stop() called while another drains waited forever: `docker stop` hung until killed.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      responseCache(dataVersion, env.RESPONSE_CACHE_MB, metrics),
      // No cache hints are used: the response cache checks what changed since an answer instead.
      ApolloServerPluginCacheControlDisabled(),
      requestTransaction(replicas && { replicas, primary: dbs.app }),
      countErrors(metrics),
      jsonErrorStatus,
      inputTextLimits,
      introspectionPolicy(env.INTROSPECTION),
      trustedDocumentsPolicy(env.TRUSTED_DOCUMENTS, trusted),
    ],
  });
  await apollo.start();

  app.disable('x-powered-by');
  app.set('trust proxy', trustProxy(env.TRUST_PROXY));
  app.use(
    pinoHttp({
      logger,
      // A request id given by a proxy is kept (and echoed), otherwise one is made.
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
    }),
  );
  app.use((req, res, next) => {
    const stop = metrics.duration.startTimer();
    res.on('finish', () => {
      const labels = { method: req.method, route: routeOf(req), status: String(res.statusCode) };
      stop(labels);
      metrics.requests.inc(labels);
    });
    next();
  });
  // Liveness: the process answers. Readiness: it can reach its database.
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  // Each replica is shown, with its lag; one that does not answer leaves the instance ready (its reads go
  // to the primary).
  app.get('/ready', async (req, res) => {
    try {
      await withTimeout(dbs.app.em.getConnection().execute('select 1'), 2000);
      res.json({
        status: 'ready',
        pools: {
          primary: { up: true },
          ...Object.fromEntries(
            (replicas?.replicas ?? []).map((r) => [
              r.name,
              { up: r.up, lagSeconds: r.lagSeconds, lagBytes: Number(r.lagBytes) },
            ]),
          ),
        },
      });
    } catch (error) {
      req.log.warn({ err: error }, 'not ready: the database does not answer');
      res.status(503).json({ status: 'unavailable', reason: 'the database does not answer' });
    }
  });
  app.get('/metrics', async (req, res) => {
    if (!env.METRICS_TOKEN) {
      res.status(404).end();
      return;
    }
    if (!sameSecret(req.get('authorization') ?? '', `Bearer ${env.METRICS_TOKEN}`)) {
      res.status(401).set('www-authenticate', 'Bearer').end();
      return;
    }
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  /**
   * A request's GraphQL context: its data version first (every SQL statement comes after it), then its
   * viewer. `primaryOnly`: a read asked again after a replica failed under it.
   */
  const requestContext = async (req: Request, primaryOnly = false): Promise<Context> => {
    const version = await dataVersion.read();
    return createContext(dbs.app, {
      timeZone: env.APP_TIME_ZONE,
      viewer: await auth.viewerFrom(req.headers.authorization, version).catch((error: unknown) => {
        const refusal = databaseRefusal(error);
        throw refusal
          ? new GraphQLError(refusal.message, {
              extensions: { code: refusal.code, http: { status: 503 } },
            })
          : error;
      }),
      auth,
      address: req.ip ?? 'unknown',
      dataVersion: version,
      primaryOnly,
    });
  };
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    (error: unknown, _req: Request, res: Response, next: NextFunction) => {
      // A body too large or not JSON: answered in GraphQL's shape, not as an HTML page.
      const status = (error as { status?: number }).status;
      if (status === 413 || status === 400) {
        const refused = refusal(status === 413 ? 'BODY_TOO_LARGE' : 'BODY_NOT_JSON');
        res.status(status).json({ errors: [{ message: refused.message, extensions: refused.extensions }] });
        return;
      }
      next(error);
    },
    graphqlHandler(apollo, requestContext),
  );
  app.use(bulkRouter(dbs.app, auth, dataVersion, env.APP_TIME_ZONE));
  app.use(
    annualReportRouter(
      async (req, query, variables) => {
        const context = await requestContext(req);
        if (context.viewer.kind === 'anonymous') {
          const error = unauthenticated();
          return { errors: [{ message: error.message, extensions: error.extensions }] };
        }
        let response = await apollo.executeOperation({ query, variables }, { contextValue: context });
        if (context.reads.failed) {
          const again = await requestContext(req, true);
          response = await apollo.executeOperation({ query, variables }, { contextValue: again });
        }
        if (response.body.kind !== 'single') {
          throw new Error('The annual report’s document answered in parts.');
        }
        return response.body.singleResult;
      },
      env.APP_TIME_ZONE,
      env.TRUSTED_DOCUMENTS_DIR,
    ),
  );
  const index = join(env.WEB_DIST, 'index.html');
  if (existsSync(index)) {
    app.use(express.static(env.WEB_DIST, { index: 'index.html' }));
    // Client-side routes of the single-page app.
    app.get(/^\/(?!graphql|import|export|reports\/).*/, (_req, res) => res.sendFile(index));
  } else {
    app.get('/', (_req, res) => {
      res
        .type('text')
        .send('The web client is not built: run `npm run build`. GraphQL is served at /graphql.');
    });
  }
  return {
    httpServer,
    apollo,
    auth,
    logger,
    metrics,
    dataVersion,
    stop: async () => {
      dataVersion.stopping();
      await plans.stop();
      await apollo.stop();
      await replicas?.stop();
      await dataVersion.stop();
    },
  };
}

/** Compares a secret in constant time (its length aside). */
function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
