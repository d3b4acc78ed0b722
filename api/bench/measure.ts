import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { databaseUrl, ensureDatabase } from '../src/db/database';
import { freePort, startEmbeddedPostgres } from '../src/db/embedded-postgres';
import type { GraphQLRunner } from '../test/support/graphql';

/** Runs each query `runs` times through the in-process GraphQL runner and prints a table of p50 and p95. */
export async function printLatencies(
  api: GraphQLRunner,
  cases: Array<[string, string]>,
  runs: number,
): Promise<void> {
  console.log('\n| query | p50 ms | p95 ms |\n|---|---|---|');
  for (const [label, query] of cases) {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = process.hrtime.bigint();
      const result = await api.run(query);
      if (result.errors) {
        throw new Error(JSON.stringify(result.errors));
      }
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    times.sort((a, b) => a - b);
    console.log(
      `| ${label} | ${times[Math.floor(runs / 2)].toFixed(1)} | ${times[Math.floor(runs * 0.95)].toFixed(1)} |`,
    );
  }
}

/** A throwaway embedded PostgreSQL with one database for a benchmark, removed when `work` is done. */
export async function withBenchDatabase(work: (url: string) => Promise<void>): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'cdvn-bench-'));
  const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), persistent: false });
  try {
    await ensureDatabase(server.adminUrl, 'bench');
    await work(databaseUrl(server.adminUrl, 'bench'));
  } finally {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
