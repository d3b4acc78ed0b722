import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import autocannon from 'autocannon';
import { Client } from 'pg';

import { type RunningServer, startServer } from '../../api/test/support/server-process';
import { embeddedDatabaseUrl, freePort } from '../../api/src/db/embedded-postgres';
import { NATIONAL_ACCOUNT } from './accounts';
import { login, metricsOf as metricsAt } from './graphql';
import { type Operation, operations } from './operations';
import { peerOperations, startPeer } from './peer-operations';

/**
 * The benchmark harness: starts the built server on a dataset and drives it over loopback with
 * autocannon (16 connections) from this process, one operation after another, printing latency,
 * throughput, the server's memory and SQL statements per request. Every operation runs twice: on a
 * server without its response cache (every answer computed), then on one with it (the share of answers
 * it served is reported), both on the same database.
 *
 *   npm run bench                      demo data in a throwaway embedded PostgreSQL
 *   npm run bench -- --data-dir DIR    the embedded PostgreSQL that `npm run seed:national` filled
 *   DATABASE_URL=... npm run bench     a prepared PostgreSQL
 *   --smoke                            one second per operation: proves the harness works (CI)
 *   BENCH_SECONDS=10                   seconds measured per operation
 *   BENCH_WARM_UP_SECONDS=5            seconds of the same load before, not measured
 *   BENCH_SEARCH=lan                   Q3's text (a member's given name when the province has none)
 *   BENCH_ONLY='^(R|W3)'               only the operations whose names match (W2, F3, E1 and PostGraphile's
 *                                      operations too, by their names)
 *   BENCH_PROFILE=DIR                  the server without the cache writes a V8 CPU profile into DIR
 *                                      when it stops (open it in Chrome's DevTools)
 *   BENCH_NODE_FLAGS=--max-semi-space-size=32
 *                                      Node's flags for both API servers, space-separated (see
 *                                      docs/scaling.md)
 *   BENCH_CONNECTIONS=16               connections per operation (1: a request's own cost, without the
 *                                      others' competing for the two cores)
 */
const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const dataDirIndex = args.indexOf('--data-dir');
// npm runs the script in bench/: a folder given on the command line is relative to where it was typed.
const dataDir =
  dataDirIndex >= 0 ? resolve(process.env.INIT_CWD ?? process.cwd(), args[dataDirIndex + 1]) : undefined;
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const SECONDS = smoke ? 1 : Number(process.env.BENCH_SECONDS ?? 10);
/**
 * The same load first, unmeasured: V8 compiles a path's code over its first thousands of requests (a
 * fresh W1 went 200 → 550 writes/s over its first 7 seconds, and a 10 s run measured mostly that).
 */
const WARM_UP_SECONDS = smoke ? 0 : Number(process.env.BENCH_WARM_UP_SECONDS ?? 5);
const ONLY = new RegExp(process.env.BENCH_ONLY ?? '');
/** The API's heap capped as `npm start` and the image cap it (docs/scaling.md); BENCH_NODE_FLAGS come after. */
const NODE_FLAGS = [
  '--max-old-space-size=1024',
  ...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter((flag) => flag !== ''),
];

export interface Figures {
  name: string;
  /** 'off' or 'on' for ours (the response cache), '' for the peer. */
  cache: string;
  /** Whether the operation was answered at least once (in the window, or before it in the smoke run). */
  answered: boolean;
  requests: number;
  errors: number;
  p50: number;
  p99: number;
  rps: number;
  rssMb: number;
  statementsPerRequest: number;
  /** CPU milliseconds per request: the API's process and PostgreSQL's. */
  apiCpuMs: number;
  dbCpuMs: number;
  /** The share of answers served from the response cache (ours only). */
  cachedShare: number;
}

/** The API process's resident memory, from /proc (Linux), in MB. */
function rssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? 0) / 1024;
}

/** Work on the API (an import), with the process's peak resident memory while it ran, sampled every 200 ms. */
async function withPeakRss<T extends object>(
  pid: number,
  work: () => Promise<T>,
): Promise<T & { peakRss: number }> {
  let peakRss = rssOf(pid);
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssOf(pid))), 200);
  try {
    const result = await work();
    return { ...result, peakRss: Math.max(peakRss, rssOf(pid)) };
  } finally {
    clearInterval(sampler);
  }
}

/** CPU seconds of a process, its own and (with `children`) that of its exited children, from /proc. */
function cpuOf(pid: number, children = false): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    const own = Number(fields[11]) + Number(fields[12]);
    return (own + (children ? Number(fields[13]) + Number(fields[14]) : 0)) / 100;
  } catch {
    return 0; // A backend that exited meanwhile: counted with its parent's children.
  }
}

/**
 * CPU seconds of PostgreSQL on the machine (the benchmark's server is the only one): every live process
 * and what the postmaster's exited children (backends that ended) used.
 */
function postgresCpu(): number {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
      } catch {
        return false;
      }
    })
    .reduce((sum, pid) => sum + cpuOf(Number(pid), true), 0);
}

/** The server's metrics are served only with this token (METRICS_TOKEN). */
const METRICS_TOKEN = randomBytes(24).toString('hex');

const metricsOf = (server: RunningServer) => metricsAt(server.url, METRICS_TOKEN);

/** Waits until the API's pool is idle: a slow operation's requests must not run into the next one's. */
async function drained(server: RunningServer): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const metrics = await metricsOf(server);
    const busy =
      (metrics.get('cdvn_db_pool_connections{pool="app",state="used"}') ?? 0) +
      (metrics.get('cdvn_db_pool_connections{pool="app",state="pending"}') ?? 0);
    if (busy === 0) {
      return;
    }
    await new Promise((wait) => setTimeout(wait, 250));
  }
}

async function statementsSent(server: RunningServer): Promise<number> {
  return (await metricsOf(server)).get('cdvn_db_statements_total{pool="app"}') ?? 0;
}

/** Queries answered so far from the response cache and computed. */
async function cacheCounts(server: RunningServer): Promise<{ hit: number; miss: number }> {
  const metrics = await metricsOf(server);
  return {
    hit: metrics.get('cdvn_graphql_response_cache_total{result="hit"}') ?? 0,
    miss: metrics.get('cdvn_graphql_response_cache_total{result="miss"}') ?? 0,
  };
}

/** What is measured: a GraphQL server's address, its process, its credentials, its statement counter. */
interface Target {
  url: string;
  pid: number;
  headers: Record<string, string>;
  statements?: () => Promise<number>;
  cache?: () => Promise<{ hit: number; miss: number }>;
}

/** The share of the queries between two counts answered from the cache; NaN without queries. */
function share(before?: { hit: number; miss: number }, after?: { hit: number; miss: number }): number {
  if (!before || !after) {
    return NaN;
  }
  const hits = after.hit - before.hit;
  const queries = hits + after.miss - before.miss;
  return queries === 0 ? NaN : hits / queries;
}

/** One request of the operation: its own headers and, for a POST, its body (without the session it names). */
function requestOf(operation: Pick<Operation, 'body' | 'headers' | 'get'>): {
  headers: Record<string, string>;
  body?: string;
} {
  if (operation.get) {
    return { headers: operation.headers?.() ?? {} };
  }
  const { token, ...body } = operation.body();
  return {
    headers: { ...operation.headers?.(), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  };
}

/**
 * The operation's requests from its connections (CONNECTIONS unless it says) for `seconds`, as fast as
 * they are answered or at `perSecond` in all, each answer to `onResponse`.
 */
function drive(
  target: Target,
  operation: Pick<Operation, 'body' | 'connections' | 'headers' | 'get'>,
  seconds: number,
  onResponse: (status: number, body: string) => void,
  perSecond?: number,
): Promise<autocannon.Result> {
  return autocannon({
    url: `${target.url}/graphql`,
    connections: operation.connections ?? CONNECTIONS,
    overallRate: perSecond,
    duration: seconds,
    // Past the API's 10 s statement limit, so that a slow request is answered (TIMEOUT), not abandoned.
    timeout: 20,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...target.headers },
    requests: [
      {
        setupRequest: (request) => {
          const made = requestOf(operation);
          return operation.get
            ? {
                ...request,
                method: 'GET',
                path: operation.get,
                headers: { ...request.headers, ...made.headers },
              }
            : { ...request, headers: { ...request.headers, ...made.headers }, body: made.body };
        },
        onResponse,
      },
    ],
  });
}

/**
 * One operation under load, after a warm-up: autocannon's latency and rate, the peak RSS, statements and
 * CPU per request.
 */
async function measure(target: Target, operation: Operation, cache = ''): Promise<Figures> {
  let errors = 0;
  let answered = false;
  const countError = (name: string, status: number, body: string) => {
    // A GraphQL error answers 200: every body is read, and one error fails the run.
    if (status !== 200 || body.includes('"errors"')) {
      errors += 1;
      if (errors === 1) {
        console.error(`${name}: ${status} ${body.slice(0, 300)}`);
      }
    }
  };
  if (smoke) {
    // One answer first, however long it takes: the smoke run proves each operation works, and a window of
    // one second may close before the first answer on a machine that runs the test suites beside it.
    const made = requestOf(operation);
    const probe = await fetch(
      `${target.url}${operation.get ?? '/graphql'}`,
      operation.get
        ? { headers: { ...target.headers, ...made.headers } }
        : {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...target.headers, ...made.headers },
            body: made.body,
          },
    );
    countError(`${operation.name} (first answer)`, probe.status, await probe.text());
    answered = true;
  }
  if (WARM_UP_SECONDS > 0) {
    const warmUp = await drive(target, operation, WARM_UP_SECONDS, (status, body) =>
      countError(`${operation.name} (warm-up)`, status, body),
    );
    errors += warmUp.errors + warmUp.non2xx;
  }
  const before = (await target.statements?.()) ?? NaN;
  const cacheBefore = await target.cache?.();
  const [apiBefore, dbBefore] = [cpuOf(target.pid), postgresCpu()];
  let peakRss = rssOf(target.pid);
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssOf(target.pid))), 200);
  const alongside = operation.alongside;
  const writes = alongside
    ? drive(
        target,
        { body: alongside.body, connections: 1 },
        SECONDS,
        (status, body) => countError(`${operation.name} (writes)`, status, body),
        alongside.perSecond,
      )
    : Promise.resolve(null);
  const result = await drive(target, operation, SECONDS, (status, body) =>
    countError(operation.name, status, body),
  );
  const written = await writes;
  clearInterval(sampler);
  const cacheAfter = await target.cache?.();
  const statements = ((await target.statements?.()) ?? NaN) - before;
  const perRequest = (seconds: number) => (seconds * 1000) / Math.max(1, result.requests.total);
  return {
    name: operation.name,
    cache,
    answered: answered || result.requests.total > 0,
    requests: result.requests.total,
    errors: errors + result.errors + result.non2xx + (written ? written.errors + written.non2xx : 0),
    p50: result.latency.p50,
    p99: result.latency.p99,
    rps: result.requests.average,
    rssMb: peakRss,
    statementsPerRequest: statements / Math.max(1, result.requests.total),
    apiCpuMs: perRequest(cpuOf(target.pid) - apiBefore),
    dbCpuMs: perRequest(postgresCpu() - dbBefore),
    cachedShare: share(cacheBefore, cacheAfter),
  };
}

function table(rows: Figures[]): string {
  const head =
    '| operation | cache | requests | errors | p50 ms | p99 ms | req/s | RSS MB | SQL statements/request | CPU ms/request: server | PostgreSQL | answers from cache |';
  const line = '|---|---|---|---|---|---|---|---|---|---|---|---|';
  const body = rows.map(
    (r) =>
      `| ${r.name} | ${r.cache} | ${r.requests} | ${r.errors} | ${r.p50} | ${r.p99} | ${r.rps.toFixed(0)} | ${r.rssMb.toFixed(0)} | ${Number.isNaN(r.statementsPerRequest) ? '' : r.statementsPerRequest.toFixed(1)} | ${r.apiCpuMs.toFixed(1)} | ${r.dbCpuMs.toFixed(1)} | ${Number.isNaN(r.cachedShare) ? '' : `${(r.cachedShare * 100).toFixed(1)}%`} |`,
  );
  return [head, line, ...body].join('\n');
}

/**
 * Ours beside the peer's, operation by operation and with the cache off and on: how many times faster
 * (p99) and how many more requests.
 */
function comparison(ours: Figures[], peer: Figures[]): string {
  const rows = peer.flatMap((p) =>
    ours
      .filter((r) => r.name === p.name)
      .map(
        (o) =>
          `| ${p.name} | ${o.cache} | ${o.p99} / ${p.p99} | ${(p.p99 / Math.max(1, o.p99)).toFixed(2)}x | ${o.rps.toFixed(0)} / ${p.rps.toFixed(0)} | ${(o.rps / Math.max(1, p.rps)).toFixed(2)}x |`,
      ),
  );
  return [
    '| operation | our cache | p99 ms: ours / PostGraphile | PostGraphile p99 ÷ ours | req/s: ours / PostGraphile | ours ÷ PostGraphile |',
    '|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}

function report(figures: Figures): void {
  console.log(
    `${figures.name}${figures.cache ? ` (cache ${figures.cache})` : ''}: p50 ${figures.p50} ms, p99 ${figures.p99} ms, ${figures.rps.toFixed(0)} req/s, ` +
      `${figures.errors} errors, RSS ${figures.rssMb.toFixed(0)} MB`,
  );
}

/** Runs a statement as the database's owner (the embedded server's superuser, or DATABASE_URL's role). */
async function asOwner(url: string, statement: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  // The embedded PostgreSQL's port is chosen here, so that the peer can reach the same database.
  const pgPort = await freePort();
  const options = {
    // The harness sends documents of its own with a session's token: trusted documents allowed, not required.
    // Production mode, as deployed (graphql-js then skips its development checks).
    env: {
      NODE_ENV: 'production',
      AUTH_SECRET: randomBytes(32).toString('hex'),
      METRICS_TOKEN,
      DEMO_DATA: 'true',
      TRUSTED_DOCUMENTS: 'allow',
      EMBEDDED_PG_PORT: String(pgPort),
      ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
    },
  };
  const databaseUrl = process.env.DATABASE_URL ?? embeddedDatabaseUrl(pgPort);
  // Without a prepared dataset, a first start loads the demo data and stops, so that the process measured
  // starts on a loaded database as in production (loading leaves the loader's memory in its RSS).
  const folder =
    dataDir ?? (process.env.DATABASE_URL ? undefined : await mkdtemp(join(tmpdir(), 'cdvn-bench-')));
  if (!dataDir && folder) {
    const loading = await startServer({ ...options, dataDir: folder });
    console.log(`first start, demo data loaded: RSS ${rssOf(loading.pid).toFixed(0)} MB`);
    await loading.stop();
  }
  const started = Date.now();
  const server = await startServer({ ...options, dataDir: folder, nodeFlags: NODE_FLAGS });
  // The same product without its response cache, on the same database (the first server runs it).
  const uncached = await startServer({
    ...options,
    env: { ...options.env, DATABASE_URL: databaseUrl, DEMO_DATA: 'false', RESPONSE_CACHE_MB: '0' },
    nodeFlags: [
      ...NODE_FLAGS,
      ...(process.env.BENCH_PROFILE
        ? ['--cpu-prof', `--cpu-prof-dir=${resolve(process.env.BENCH_PROFILE)}`]
        : []),
    ],
  }).catch(async (error: unknown) => {
    await server.stop();
    throw error;
  });
  try {
    console.log(
      `servers ready in ${((Date.now() - started) / 1000).toFixed(1)} s at ${server.url}, ${uncached.url}`,
    );
    // The demo data's national ADMIN, or the one `npm run seed:national` creates with its dataset.
    const prepared = Boolean(dataDir ?? process.env.DATABASE_URL);
    const logIn = () =>
      login(
        server.url,
        process.env.BENCH_EMAIL ?? (prepared ? NATIONAL_ACCOUNT.email : 'vn@demo.example'),
        process.env.BENCH_PASSWORD ?? (prepared ? NATIONAL_ACCOUNT.password : 'demo-password'),
      );
    const token = await logIn();
    // Sessions of their own, for the line where each connection is another viewer.
    const sessions = await Promise.all(Array.from({ length: CONNECTIONS }, logIn));
    const ops = await operations(server.url, token, { smoke, sessions });
    const targetOf = (running: RunningServer): Target => ({
      url: running.url,
      pid: running.pid,
      headers: { authorization: `Bearer ${token}` },
      statements: () => statementsSent(running),
      cache: () => cacheCounts(running),
    });
    const ours = [
      { cache: 'off', server: uncached, target: targetOf(uncached) },
      { cache: 'on', server, target: targetOf(server) },
    ];
    const rows: Figures[] = [];
    for (const operation of ops.load.filter((op) => ONLY.test(op.name))) {
      for (const { cache, server: running, target } of ours) {
        if (operation.database) {
          await asOwner(databaseUrl, operation.database.before);
        }
        try {
          rows.push(await measure(target, operation, cache));
        } finally {
          if (operation.database) {
            await asOwner(databaseUrl, operation.database.after);
          }
        }
        report(rows[rows.length - 1]);
        await drained(running);
      }
    }
    const imported = ONLY.test('W2 import') ? await withPeakRss(server.pid, ops.importMembers) : null;
    const importLine = imported
      ? `W2 import ${imported.rows} members from CSV: ${imported.seconds.toFixed(1)} s, API peak RSS ${imported.peakRss.toFixed(0)} MB\n`
      : '';
    const financeMonth = ONLY.test('F3 import')
      ? await withPeakRss(server.pid, ops.importFinanceMonth)
      : null;
    const financeLine = financeMonth
      ? `F3 import a month of ${financeMonth.rows} grassroots unions of ${ops.targets.province} from CSV: ${financeMonth.seconds.toFixed(1)} s, API peak RSS ${financeMonth.peakRss.toFixed(0)} MB\n`
      : '';
    const exported = ONLY.test('E1 export') ? await withPeakRss(server.pid, ops.exportMembers) : null;
    const exportLine = exported
      ? `E1 export ${ops.targets.province}'s ${exported.rows} members as CSV (${exported.megabytes.toFixed(1)} MB): ${exported.seconds.toFixed(1)} s, API peak RSS ${exported.peakRss.toFixed(0)} MB\n`
      : '';
    console.log(importLine + financeLine + exportLine);

    const peer = await startPeer(databaseUrl);
    const peerRows: Figures[] = [];
    try {
      for (const operation of (await peerOperations(peer.url, ops.targets)).filter((op) =>
        ONLY.test(op.name),
      )) {
        peerRows.push(await measure({ url: peer.url, pid: peer.pid, headers: {} }, operation));
        report(peerRows[peerRows.length - 1]);
      }
    } finally {
      await peer.stop();
    }
    console.log(
      `\nThis API (${SECONDS} s per operation after ${WARM_UP_SECONDS} s of warm-up, ${CONNECTIONS} connections):`,
    );
    console.log(`\n${table(rows)}\n`);
    console.log(importLine + financeLine + exportLine);
    console.log(`PostGraphile v4 on the same database:\n\n${table(peerRows)}\n`);
    console.log(`${comparison(rows, peerRows)}\n`);
    const failed = [...rows, ...peerRows].filter((r) => r.errors > 0 || !r.answered);
    if (failed.length > 0) {
      throw new Error(`Operations with errors or no answer: ${failed.map((r) => r.name).join(', ')}`);
    }
  } finally {
    await uncached.stop();
    await server.stop();
    if (!dataDir && folder) {
      await rm(folder, { recursive: true, force: true });
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
