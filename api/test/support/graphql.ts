import type { ApolloServer } from '@apollo/server';
import type { Logger } from 'pino';

import type { Grant, Viewer } from '../../src/auth/viewer';
import { loadEnv } from '../../src/config/env';
import { type Context, createContext } from '../../src/graphql/context';
import { createHttpApp, type HttpApp } from '../../src/graphql/server';
import { openTestDatabase, type TestDatabase } from './database';

export interface GraphQLResult<T> {
  data?: T | null;
  errors?: Array<{
    message: string;
    path?: Array<string | number>;
    extensions?: { code?: string; field?: string; messageCode?: string; params?: Record<string, unknown> };
  }>;
}

export type Run = <T = Record<string, unknown>>(
  query: string,
  variables?: Record<string, unknown>,
) => Promise<GraphQLResult<T>>;

export interface GraphQLRunner {
  apollo: ApolloServer<Context>;
  app: HttpApp;
  /** Runs an operation through the whole Apollo pipeline as the national ADMIN. */
  run: Run;
  /** The URL of a path on the server (which then listens on a free loopback port). */
  url(path: string): Promise<string>;
  /** Posts an operation over HTTP (the server listens on a free loopback port), with these headers. */
  http(
    body: { query: string; variables?: Record<string, unknown> },
    headers?: Record<string, string>,
  ): Promise<{ status: number; headers: Headers; json: GraphQLResult<Record<string, unknown>> }>;
  /** The same, as this viewer (or as roles held at units given by code). */
  as(viewer: Viewer | Array<{ code: string; role: Grant['role'] }>): Promise<Run>;
  stop(): Promise<void>;
}

export const TEST_SECRET = 'test-secret-that-is-at-least-32-characters-long';
export const testEnv = loadEnv({ NODE_ENV: 'test', WEB_DIST: '/nonexistent' });

/** What the runner needs of a database: the owner's connection and the application's. */
export type RunnerDatabases = Pick<TestDatabase, 'orm' | 'appOrm'>;

export async function graphqlRunner(
  db: RunnerDatabases,
  options: { logger?: Logger; env?: Record<string, string> } = {},
): Promise<GraphQLRunner> {
  const env = options.env ? loadEnv({ NODE_ENV: 'test', WEB_DIST: '/nonexistent', ...options.env }) : testEnv;
  const app = await createHttpApp({ owner: db.orm, app: db.appOrm }, env, TEST_SECRET, options.logger);
  const runAs =
    (viewer: Viewer): Run =>
    async <T>(query: string, variables?: Record<string, unknown>) => {
      const response = await app.apollo.executeOperation(
        { query, variables },
        {
          contextValue: createContext(db.appOrm, {
            timeZone: testEnv.APP_TIME_ZONE,
            viewer,
            auth: app.auth,
            address: '127.0.0.1',
            dataVersion: await app.dataVersion.read(),
          }),
        },
      );
      if (response.body.kind !== 'single') {
        throw new Error('unexpected incremental response');
      }
      return response.body.singleResult as GraphQLResult<T>;
    };
  const unitIds = async (codes: string[]) => {
    const rows = await db.orm.em
      .fork()
      .getConnection()
      .execute<Array<{ id: number; code: string }>>('select id, code from org_unit where code = any(?)', [
        `{${codes.join(',')}}`,
      ]);
    return new Map(rows.map((row) => [row.code, row.id]));
  };
  const as = async (viewer: Viewer | Array<{ code: string; role: Grant['role'] }>) => {
    if (!Array.isArray(viewer)) {
      return runAs(viewer);
    }
    const ids = await unitIds(viewer.map((grant) => grant.code));
    const grants = viewer.map((grant) => ({ unitId: ids.get(grant.code)!, role: grant.role }));
    return runAs({ kind: 'system', label: 'test', grants });
  };
  let national: Run | undefined;
  let listening: Promise<number> | undefined;
  const port = () =>
    (listening ??= new Promise<number>((resolve) =>
      app.httpServer.listen(0, '127.0.0.1', () => {
        const address = app.httpServer.address();
        resolve(typeof address === 'object' && address ? address.port : 0);
      }),
    ));
  return {
    url: async (path) => `http://127.0.0.1:${await port()}${path}`,
    async http(body, headers = {}) {
      const response = await fetch(`http://127.0.0.1:${await port()}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
      return { status: response.status, headers: response.headers, json: await response.json() };
    },
    apollo: app.apollo,
    app,
    async run(query, variables) {
      if (!national) {
        const [root] = await db.orm.em
          .fork()
          .getConnection()
          .execute<Array<{ code: string }>>(`select code from org_unit where kind = 'NATIONAL_FEDERATION'`);
        national = root ? await as([{ code: root.code, role: 'ADMIN' }]) : runAs({ kind: 'anonymous' });
      }
      return national(query, variables);
    },
    as,
    stop: async () => {
      await app.stop();
      if (app.httpServer.listening) {
        await new Promise((resolve) => app.httpServer.close(resolve));
      }
    },
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
    state.api = await graphqlRunner(state.db);
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
