import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';

import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import type { MikroORM } from '@mikro-orm/postgresql';
import express from 'express';

import type { Env } from '../config/env';
import { type Context, createContext } from './context';
import { formatError } from './errors';
import { graphqlSchema } from './schema';

export interface HttpApp {
  httpServer: Server;
  apollo: ApolloServer<Context>;
  /** Stops accepting connections and waits for requests in flight to finish. */
  stop(): Promise<void>;
}

/** GraphQL at /graphql and the built web client at /, on one port. */
export async function createHttpApp(orm: MikroORM, env: Env): Promise<HttpApp> {
  const app = express();
  const httpServer = createServer(app);
  const apollo = new ApolloServer<Context>({
    schema: await graphqlSchema(),
    formatError,
    introspection: true,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer })],
  });
  await apollo.start();

  app.disable('x-powered-by');
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, { context: async () => createContext(orm, env.APP_TIME_ZONE) }),
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
  return { httpServer, apollo, stop: () => apollo.stop() };
}
