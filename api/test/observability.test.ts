import { Writable } from 'node:stream';

import { createLogger } from '../src/observability/logger';
import { openTestDatabase, type TestDatabase } from './support/database';
import { graphqlRunner, type GraphQLRunner } from './support/graphql';

const METRICS_TOKEN = 'metrics-token-for-the-tests';
const scrape = async (url: string) =>
  (await fetch(url, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();

describe('logs, request ids, health, readiness and metrics', () => {
  let db: TestDatabase;
  let api: GraphQLRunner;
  const lines: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    db = await openTestDatabase('demo');
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) {
          lines.push(JSON.parse(line));
        }
        done();
      },
    });
    api = await graphqlRunner(db, { logger: createLogger('info', sink), env: { METRICS_TOKEN } });
  });
  afterAll(async () => {
    await api.stop();
    await db.close();
  });

  it('logs every request as one JSON line with its request id, echoed to the client, and no credentials', async () => {
    const given = await api.http(
      { query: '{ viewer { kind } }' },
      { 'x-request-id': 'trace-42', authorization: 'Bearer x' },
    );
    expect(given.headers.get('x-request-id')).toBe('trace-42');
    const made = await api.http({ query: '{ viewer { kind } }' });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    // The line is written when the response has finished, which may be just after the client has it.
    const logOf = async (id: string | null) => {
      for (let attempt = 0; attempt < 50; attempt += 1) {
        const found = lines.find((line) => (line.req as { id?: string } | undefined)?.id === id);
        if (found) {
          return found;
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return undefined;
    };
    const logged = await logOf('trace-42');
    expect(logged).toMatchObject({
      level: 30,
      service: 'cdvn-api',
      msg: 'request completed',
      req: { id: 'trace-42', method: 'POST', url: '/graphql', headers: { authorization: '[redacted]' } },
      res: { statusCode: 401 },
    });
    expect(JSON.stringify(logged)).not.toContain('Bearer x');
    expect(await logOf(made.headers.get('x-request-id'))).toMatchObject({ res: { statusCode: 200 } });
  });

  it('counts requests, latency, GraphQL errors by code and database connections for Prometheus', async () => {
    const forbidden = await api.as([{ code: 'QN-CDVC', role: 'VIEWER' }]);
    await forbidden('{ orgUnit(code: "TH") { code } }');
    await api.http({ query: '{ viewer { kind } }' });
    const text = await scrape(await api.url('/metrics'));
    expect(text).toMatch(/cdvn_http_requests_total\{method="POST",route="\/graphql",status="200"\} \d+/);
    expect(text).toMatch(
      /cdvn_http_request_duration_seconds_bucket\{le="0.1",method="POST",route="\/graphql",status="200"\} \d+/,
    );
    expect(text).toMatch(/cdvn_graphql_errors_total\{code="FORBIDDEN"\} 1/);
    expect(text).toMatch(/cdvn_db_pool_connections\{pool="app",state="free"\} \d+/);
    expect(text).toContain('cdvn_process_resident_memory_bytes');
  });

  it('serves metrics only with the token', async () => {
    const url = await api.url('/metrics');
    expect((await fetch(url)).status).toBe(401);
    expect(
      (await fetch(url, { headers: { authorization: 'Bearer wrong-token-of-some-length' } })).status,
    ).toBe(401);
    expect((await fetch(url, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).status).toBe(200);
    const untokened = await graphqlRunner(db);
    try {
      expect((await fetch(await untokened.url('/metrics'))).status).toBe(404);
    } finally {
      await untokened.stop();
    }
  });

  it('counts the SQL statements the requests send, so that statements per request can be watched', async () => {
    const sent = async () => {
      const text = await scrape(await api.url('/metrics'));
      return Number(/cdvn_db_statements_total\{pool="app"\} (\d+)/.exec(text)?.[1] ?? NaN);
    };
    const before = await sent();
    const counted = db.statements();
    await api.http({ query: '{ viewer { kind } }' });
    const query = await api.as([{ code: 'QN', role: 'VIEWER' }]);
    await query('{ orgUnit(code: "QN") { code stats(year: 2022) { members } } }');
    const statements = db.statements() - counted;
    expect(statements).toBeGreaterThanOrEqual(4);
    expect((await sent()) - before).toBe(statements);
  });

  it('is healthy while alive and ready only while the database answers', async () => {
    const health = await fetch(await api.url('/health'));
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(await api.url('/ready'));
    expect(ready.status).toBe(200);
    await db.appOrm.close(true);
    const unready = await fetch(await api.url('/ready'));
    expect(unready.status).toBe(503);
    expect(await unready.json()).toMatchObject({ status: 'unavailable' });
    expect((await fetch(await api.url('/health'))).status).toBe(200);
  });
});
