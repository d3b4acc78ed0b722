import type { ApolloServer } from '@apollo/server';
import type { MikroORM } from '@mikro-orm/postgresql';

import { loadEnv } from '../../src/config/env';
import { type Context, createContext } from '../../src/graphql/context';
import { createHttpApp } from '../../src/graphql/server';
import { openTestDatabase, type TestDatabase } from './database';

export interface GraphQLResult<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string; field?: string } }>;
}

export interface GraphQLRunner {
  apollo: ApolloServer<Context>;
  /** Runs an operation through the whole Apollo pipeline with a fresh request context. */
  run<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResult<T>>;
  stop(): Promise<void>;
}

export const testEnv = loadEnv({ NODE_ENV: 'test', WEB_DIST: '/nonexistent' });

export async function graphqlRunner(orm: MikroORM): Promise<GraphQLRunner> {
  const app = await createHttpApp(orm, testEnv);
  return {
    apollo: app.apollo,
    async run<T>(query: string, variables?: Record<string, unknown>) {
      const response = await app.apollo.executeOperation(
        { query, variables },
        { contextValue: createContext(orm, testEnv.APP_TIME_ZONE) },
      );
      if (response.body.kind !== 'single') {
        throw new Error('unexpected incremental response');
      }
      return response.body.singleResult as GraphQLResult<T>;
    },
    stop: () => app.stop(),
  };
}

/**
 * Registers hooks that give every test of a file one database copied from a template, and a GraphQL
 * runner on it: once for the file (`each: false`) or afresh for each test.
 */
export function useDatabase(template: 'empty' | 'demo', options: { each?: boolean } = {}) {
  const state: { db?: TestDatabase; api?: GraphQLRunner } = {};
  const open = async () => {
    state.db = await openTestDatabase(template);
    state.api = await graphqlRunner(state.db.orm);
  };
  const close = async () => {
    await state.api?.stop();
    await state.db?.close();
  };
  if (options.each) {
    beforeEach(open);
    afterEach(close);
  } else {
    beforeAll(open);
    afterAll(close);
  }
  return { db: () => state.db!, api: () => state.api! };
}
