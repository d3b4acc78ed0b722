import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';

import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import type { MikroORM } from '@mikro-orm/postgresql';
import express from 'express';

import { Authenticator } from '../auth/authenticate';
import type { Env } from '../config/env';
import { type Context, createContext } from './context';
import { formatError } from './errors';
import { requestTransaction } from './request-transaction';
import { securedSchema } from './schema';

/** The owner's connection (authentication, maintenance) and the application's (every request). */
export interface Databases {
  owner: MikroORM;
  app: MikroORM;
}

export interface HttpApp {
  httpServer: Server;
  apollo: ApolloServer<Context>;
  auth: Authenticator;
  /** Stops accepting connections and waits for requests in flight to finish. */
  stop(): Promise<void>;
}

/** TRUST_PROXY as Express reads it: a boolean, a hop count, or addresses. */
function trustProxy(value: string): boolean | number | string {
  if (value === 'true' || value === 'false') {
    return value === 'true';
  }
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** GraphQL at /graphql and the built web client at /, on one port. */
export async function createHttpApp(dbs: Databases, env: Env, secret: string): Promise<HttpApp> {
  const app = express();
  const httpServer = createServer(app);
  const auth = new Authenticator(dbs.owner, {
    secret,
    tokenTtlSeconds: env.TOKEN_TTL_HOURS * 3600,
    apiKeyRequestsPerMinute: env.API_KEY_REQUESTS_PER_MINUTE,
  });
  const apollo = new ApolloServer<Context>({
    schema: await securedSchema(),
    formatError,
    introspection: true,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), requestTransaction],
  });
  await apollo.start();

  app.disable('x-powered-by');
  app.set('trust proxy', trustProxy(env.TRUST_PROXY));
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) =>
        createContext(dbs.app, {
          timeZone: env.APP_TIME_ZONE,
          viewer: await auth.viewerFrom(req.headers.authorization),
          auth,
          address: req.ip ?? 'unknown',
        }),
    }),
  );
  const index = join(env.WEB_DIST, 'index.html');
  if (existsSync(index)) {
    app.use(express.static(env.WEB_DIST, { index: 'index.html' }));
    // Client-side routes of the single-page app.
    app.get(/^\/(?!graphql).*/, (_req, res) => res.sendFile(index));
  } else {
    app.get('/', (_req, res) => {
      res
        .type('text')
        .send('The web client is not built: run `npm run build`. GraphQL is served at /graphql.');
    });
  }
  return { httpServer, apollo, auth, stop: () => apollo.stop() };
}
