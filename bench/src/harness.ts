import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import autocannon from 'autocannon';

import { type RunningServer, startServer } from '../../api/test/support/server-process';
import { type Operation, operations } from './operations';

/**
 * The benchmark harness: starts the built server on a dataset and drives it over loopback with
 * autocannon (16 connections) from this process, one operation after another, printing latency,
 * throughput, the server's memory and SQL statements per request.
 *
 *   npm run bench                      demo data in a throwaway embedded PostgreSQL
 *   npm run bench -- --data-dir DIR    the embedded PostgreSQL that `npm run seed:national` filled
 *   DATABASE_URL=... npm run bench     a prepared PostgreSQL
 *   --smoke                            one second per operation: proves the harness works (CI)
 */
const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const dataDirIndex = args.indexOf('--data-dir');
const dataDir = dataDirIndex >= 0 ? args[dataDirIndex + 1] : undefined;
const CONNECTIONS = 16;
const SECONDS = smoke ? 1 : Number(process.env.BENCH_SECONDS ?? 10);

export interface Figures {
  name: string;
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
}

/** The API process's resident memory, from /proc (Linux), in MB. */
function rssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(/(\d+)/.exec(line ?? '')?.[1] ?? 0) / 1024;
}

/** CPU seconds used so far by a process (user + system), from /proc. */
function cpuOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0; // A backend that exited meanwhile.
  }
}

/** CPU seconds of every PostgreSQL process on the machine (the benchmark's server is the only one). */
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
    .reduce((sum, pid) => sum + cpuOf(Number(pid)), 0);
}

async function statementsSent(server: RunningServer): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  return Number(/cdvn_db_statements_total\{pool="app"\} (\d+)/.exec(text)?.[1] ?? 0);
}

/** One operation under load: autocannon's latency and rate, the peak RSS, statements per request. */
async function measure(server: RunningServer, token: string, operation: Operation): Promise<Figures> {
  const before = await statementsSent(server);
  const [apiBefore, dbBefore] = [cpuOf(server.pid), postgresCpu()];
  let peakRss = rssOf(server.pid);
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssOf(server.pid))), 200);
  let errors = 0;
  const result = await autocannon({
    url: `${server.url}/graphql`,
    connections: operation.connections ?? CONNECTIONS,
    duration: SECONDS,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    requests: [
      {
        setupRequest: (request) => ({ ...request, body: JSON.stringify(operation.body()) }),
        onResponse: (status, body) => {
          // A GraphQL error answers 200: every body is read, and one error fails the run.
          if (status !== 200 || body.includes('"errors"')) {
            errors += 1;
            if (errors === 1) {
              console.error(`${operation.name}: ${status} ${body.slice(0, 300)}`);
            }
          }
        },
      },
    ],
  });
  clearInterval(sampler);
  const statements = (await statementsSent(server)) - before;
  const perRequest = (seconds: number) => (seconds * 1000) / Math.max(1, result.requests.total);
  return {
    name: operation.name,
    requests: result.requests.total,
    errors: errors + result.errors + result.non2xx,
    p50: result.latency.p50,
    p99: result.latency.p99,
    rps: result.requests.average,
    rssMb: peakRss,
    statementsPerRequest: statements / Math.max(1, result.requests.total),
    apiCpuMs: perRequest(cpuOf(server.pid) - apiBefore),
    dbCpuMs: perRequest(postgresCpu() - dbBefore),
  };
}

async function login(server: RunningServer, email: string, password: string): Promise<string> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query:
        'mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { token } }',
      variables: { email, password },
    }),
  });
  const body = (await response.json()) as { data?: { login: { token: string } }; errors?: unknown };
  if (!body.data) {
    throw new Error(`Could not log in as ${email}: ${JSON.stringify(body.errors)}`);
  }
  return body.data.login.token;
}

function table(rows: Figures[]): string {
  const head =
    '| operation | requests | errors | p50 ms | p99 ms | req/s | API RSS MB | SQL statements/request | CPU ms/request: API | PostgreSQL |';
  const line = '|---|---|---|---|---|---|---|---|---|---|';
  const body = rows.map(
    (r) =>
      `| ${r.name} | ${r.requests} | ${r.errors} | ${r.p50} | ${r.p99} | ${r.rps.toFixed(0)} | ${r.rssMb.toFixed(0)} | ${r.statementsPerRequest.toFixed(1)} | ${r.apiCpuMs.toFixed(1)} | ${r.dbCpuMs.toFixed(1)} |`,
  );
  return [head, line, ...body].join('\n');
}

async function main(): Promise<void> {
  const options = {
    // The harness sends documents of its own with a session's token: trusted documents allowed, not required.
    // Production mode, as deployed (graphql-js then skips its development checks).
    env: {
      NODE_ENV: 'production',
      AUTH_SECRET: randomBytes(32).toString('hex'),
      DEMO_DATA: 'true',
      TRUSTED_DOCUMENTS: 'allow',
      ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
    },
  };
  // Without a prepared dataset, a first start loads the demo data and stops, so that the process measured
  // starts on a loaded database as in production (loading leaves the loader's memory in its RSS).
  const folder =
    dataDir ?? (process.env.DATABASE_URL ? undefined : await mkdtemp(join(tmpdir(), 'cdvn-bench-')));
  if (!dataDir && folder) {
    await (await startServer({ ...options, dataDir: folder })).stop();
  }
  const started = Date.now();
  const server = await startServer({ ...options, dataDir: folder });
  try {
    console.log(`server ready in ${((Date.now() - started) / 1000).toFixed(1)} s at ${server.url}`);
    const token = await login(
      server,
      process.env.BENCH_EMAIL ?? 'vn@demo.example',
      process.env.BENCH_PASSWORD ?? 'demo-password',
    );
    const ops = await operations(server.url, token, { smoke });
    const rows: Figures[] = [];
    for (const operation of ops.load) {
      const figures = await measure(server, token, operation);
      rows.push(figures);
      console.log(
        `${figures.name}: p50 ${figures.p50} ms, p99 ${figures.p99} ms, ${figures.rps.toFixed(0)} req/s, ` +
          `${figures.errors} errors, RSS ${figures.rssMb.toFixed(0)} MB, ${figures.statementsPerRequest.toFixed(1)} statements/request`,
      );
    }
    const imported = await ops.importMembers();
    console.log(`\n${table(rows)}\n`);
    console.log(`W2 import ${imported.rows} members from CSV: ${imported.seconds.toFixed(1)} s`);
    const failed = rows.filter((r) => r.errors > 0 || r.requests === 0);
    if (failed.length > 0) {
      throw new Error(`Operations with errors or no answer: ${failed.map((r) => r.name).join(', ')}`);
    }
  } finally {
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
