import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import autocannon from 'autocannon';

import { startReplicatedPostgres } from '../../api/test/support/replica';
import { type RunningServer, startServer } from '../../api/test/support/server-process';
import { ask, login, metricsOf as metricsAt } from './graphql';

/**
 * `npm run bench:scale-out`: what a streaming replica and a second API instance add on this machine.
 * On the demo data, without the response cache (every answer computed): grassroots pages read by the
 * national ADMIN, first from one API instance on the primary alone, then from two instances that send
 * their reads to a replica (the load split between them); then W1 (16 writers recording activities)
 * through one instance while the replica's lag is read from /metrics every 100 ms.
 *
 *   BENCH_SECONDS=10   seconds measured per step (after as many of warm-up)
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 16;
const METRICS_TOKEN = randomBytes(24).toString('hex');

const PAGE = `query Grassroots($code: String!, $year: Int!) {
  orgUnit(code: $code) {
    name stats(year: $year) { members newMembers welfareAmount supportCases initiatives }
    members(first: 50) { edges { node { id fullName gender birthDate } } }
    activities(year: $year, first: 10) { edges { node { kind occurredOn quantity amount } } }
  }
}`;

const metricsOf = (server: RunningServer) => metricsAt(server.url, METRICS_TOKEN);

/** Requests from `connections` to each server at once, each body from `body`; their sum per second. */
async function load(
  servers: RunningServer[],
  token: string,
  body: () => object,
  seconds: number,
): Promise<{ rps: number; p99: number; errors: number }> {
  const results = await Promise.all(
    servers.map((server) =>
      autocannon({
        url: `${server.url}/graphql`,
        connections: CONNECTIONS / servers.length,
        duration: seconds,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        requests: [{ setupRequest: (request) => ({ ...request, body: JSON.stringify(body()) }) }],
      }),
    ),
  );
  return {
    rps: results.reduce((sum, r) => sum + r.requests.average, 0),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    errors: results.reduce((sum, r) => sum + r.errors + r.non2xx, 0),
  };
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'cdvn-scale-out-'));
  const databases = await startReplicatedPostgres({ dir });
  const servers: RunningServer[] = [];
  const stopServers = async () => {
    for (const server of servers.splice(0)) {
      await server.stop();
    }
  };
  try {
    const env = {
      NODE_ENV: 'production',
      DATABASE_URL: databases.primaryUrl,
      AUTH_SECRET: randomBytes(32).toString('hex'),
      METRICS_TOKEN,
      TRUSTED_DOCUMENTS: 'allow',
      RESPONSE_CACHE_MB: '0',
    };
    servers.push(await startServer({ dataDir: join(dir, 'api-1'), env: { ...env, DEMO_DATA: 'true' } }));
    const token = await login(servers[0].url, 'vn@demo.example', 'demo-password');
    const found = await ask<{ orgUnit: { descendants: { edges: Array<{ node: { code: string } }> } } }>(
      servers[0].url,
      `{ orgUnit(code: "VN") { descendants(kind: GRASSROOTS_UNION, first: 64) { edges { node { code } } } } }`,
      {},
      token,
    );
    const codes = found.orgUnit.descendants.edges.map((e) => e.node.code);
    const year = new Date().getFullYear() - 1;
    let next = 0;
    const page = () => ({ query: PAGE, variables: { code: codes[next++ % codes.length], year } });
    const measure = async (label: string, on: RunningServer[]) => {
      await load(on, token, page, SECONDS);
      const figures = await load(on, token, page, SECONDS);
      console.log(
        `${label}: ${figures.rps.toFixed(0)} req/s, p99 ${figures.p99} ms, ${figures.errors} errors`,
      );
      return figures;
    };
    const alone = await measure('one API instance, the primary alone', servers);

    await stopServers();
    const scaled = { ...env, DATABASE_REPLICA_URLS: databases.replicaUrl, DEMO_DATA: 'false' };
    servers.push(await startServer({ dataDir: join(dir, 'api-1'), env: scaled }));
    servers.push(await startServer({ dataDir: join(dir, 'api-2'), env: scaled }));
    const onReplica = async () =>
      (await Promise.all(servers.map(metricsOf))).reduce(
        (sum, m) => sum + (m.get('cdvn_db_statements_total{pool="replica-1"}') ?? 0),
        0,
      );
    const replicaBefore = await onReplica();
    next = 0;
    const both = await measure('two API instances, reads on the replica', servers);
    const sharesOnReplica = (await onReplica()) - replicaBefore;

    // W1 through one instance, the replica's lag read meanwhile.
    let writes = 0;
    const record = () => ({
      query: `mutation ($input: RecordActivityInput!) { recordActivity(input: $input) { id } }`,
      variables: {
        input: {
          unitCode: codes[writes++ % codes.length],
          kind: 'SUPPORT',
          occurredOn: new Date().toISOString().slice(0, 10),
          quantity: 1,
          amount: '500000',
          note: 'scale-out',
        },
      },
    });
    let maxLagSeconds = 0;
    let maxLagBytes = 0;
    const sampler = setInterval(() => {
      void metricsOf(servers[1]).then((m) => {
        maxLagSeconds = Math.max(
          maxLagSeconds,
          m.get('cdvn_db_replica_lag_seconds{replica="replica-1"}') ?? 0,
        );
        maxLagBytes = Math.max(maxLagBytes, m.get('cdvn_db_replica_lag_bytes{replica="replica-1"}') ?? 0);
      });
    }, 100);
    const w1 = await load([servers[0]], token, record, SECONDS);
    clearInterval(sampler);
    console.log(
      `W1 through one instance: ${w1.rps.toFixed(0)} writes/s, p99 ${w1.p99} ms, ${w1.errors} errors; ` +
        `the replica's lag at most ${maxLagSeconds.toFixed(2)} s, ${maxLagBytes} bytes of WAL`,
    );
    console.log(
      `\n| step | req/s | p99 ms |\n|---|---|---|\n` +
        `| grassroots pages, one instance on the primary | ${alone.rps.toFixed(0)} | ${alone.p99} |\n` +
        `| grassroots pages, two instances, reads on the replica | ${both.rps.toFixed(0)} | ${both.p99} |\n` +
        `| ratio | ${(both.rps / Math.max(1, alone.rps)).toFixed(2)}x | |\n` +
        `| W1, 16 writers (replica lag at most ${maxLagSeconds.toFixed(2)} s / ${maxLagBytes} B) | ${w1.rps.toFixed(0)} | ${w1.p99} |\n` +
        `(statements on the replica during the two-instance step: ${sharesOnReplica})`,
    );
    if (alone.errors + both.errors + w1.errors > 0 || sharesOnReplica === 0) {
      throw new Error('errors, or no read reached the replica');
    }
  } finally {
    await stopServers();
    await databases.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
