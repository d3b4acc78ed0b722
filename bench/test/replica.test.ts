import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { type ReplicatedPostgres, startReplicatedPostgres } from '../../api/test/support/replica';
import { type RunningServer, startServer } from '../../api/test/support/server-process';
import { ask, login, metricsOf as metricsAt } from '../src/graphql';

/**
 * Scale-out on a real streaming replica: an embedded primary, a replica made from it by a base backup
 * (applying each commit 400 ms late, as a loaded replica would), and two API processes that send reads
 * to the replica and writes to the primary.
 */
const dir = mkdtempSync(join(tmpdir(), 'cdvn-replica-'));
const METRICS_TOKEN = randomBytes(24).toString('hex');
let databases: ReplicatedPostgres;
const apis: RunningServer[] = [];
let token = '';

const metricsOf = (server: RunningServer) => metricsAt(server.url, METRICS_TOKEN);

const statementsOn = async (server: RunningServer, pool: string) =>
  (await metricsOf(server)).get(`cdvn_db_statements_total{pool="${pool}"}`) ?? 0;

const MEMBERS = `query ($code: String!) { orgUnit(code: $code) { members { totalCount } } }`;
const ADD_MEMBER = `mutation ($name: String!, $unit: String!) {
  createMember(input: { fullName: $name, gender: FEMALE, unitCode: $unit, joinedOn: "2025-01-01", birthDate: "1990-01-01" }) { id } }`;
/** A grassroots union of QN today, where QN's officer adds members. */
let union = '';

const members = async (server: RunningServer) =>
  (await ask<{ orgUnit: { members: { totalCount: number } } }>(server.url, MEMBERS, { code: union }, token))
    .orgUnit.members.totalCount;

before(async () => {
  // Always behind: a read of one's own write that went to it would miss the write.
  databases = await startReplicatedPostgres({ dir, applyDelayMs: 400 });
  const env = {
    DATABASE_URL: databases.primaryUrl,
    DATABASE_REPLICA_URLS: databases.replicaUrl,
    AUTH_SECRET: randomBytes(32).toString('hex'),
    METRICS_TOKEN,
    TRUSTED_DOCUMENTS: 'allow',
    // Every answer computed: the test is about where reads go.
    RESPONSE_CACHE_MB: '0',
  };
  // The first loads the demo data (on the primary, replayed on the replica); the second joins it.
  apis.push(await startServer({ dataDir: join(dir, 'api-1'), env: { ...env, DEMO_DATA: 'true' } }));
  apis.push(await startServer({ dataDir: join(dir, 'api-2'), env: { ...env, DEMO_DATA: 'false' } }));
  token = await login(apis[0].url, 'qn@demo.example', 'demo-password');
  union = (
    await ask<{ orgUnit: { descendants: { edges: Array<{ node: { code: string } }> } } }>(
      apis[0].url,
      `{ orgUnit(code: "QN") { descendants(kind: GRASSROOTS_UNION, first: 1) { edges { node { code } } } } }`,
      {},
      token,
    )
  ).orgUnit.descendants.edges[0].node.code;
});

after(async () => {
  for (const api of apis) {
    await api.stop();
  }
  await databases?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('reads go to the replica, which /ready and /metrics show with its lag', async () => {
  const [first, second] = apis;
  // A session that has not written reads from the replica once it has caught up.
  const reader = await login(second.url, 'vn@demo.example', 'demo-password');
  const deadline = Date.now() + 20_000;
  let onReplica = 0;
  while (onReplica === 0 && Date.now() < deadline) {
    const before = await statementsOn(second, 'replica-1');
    await ask(second.url, MEMBERS, { code: 'QN' }, reader);
    onReplica = (await statementsOn(second, 'replica-1')) - before;
  }
  assert.ok(onReplica > 0, 'a read was sent to the replica');
  const ready = (await (await fetch(`${first.url}/ready`)).json()) as {
    pools: Record<string, { up: boolean; lagSeconds?: number }>;
  };
  assert.equal(ready.pools.primary.up, true);
  assert.equal(ready.pools['replica-1'].up, true);
  assert.equal(typeof ready.pools['replica-1'].lagSeconds, 'number');
  const metrics = await metricsOf(first);
  assert.equal(metrics.get('cdvn_db_replica_up{replica="replica-1"}'), 1);
  assert.ok(metrics.has('cdvn_db_replica_lag_seconds{replica="replica-1"}'));
});

test('a write through one instance is read back at once through the other, and through itself', async () => {
  const [first, second] = apis;
  for (let i = 0; i < 10; i++) {
    const before = await members(first);
    await ask(first.url, ADD_MEMBER, { name: `Nguyễn Thị Nhân Bản ${i}`, unit: union }, token);
    // Right after the write returned: the other instance, then this one.
    assert.equal(await members(second), before + 1);
    assert.equal(await members(first), before + 1);
  }
});

test('stopping the replica loses no request: reads go to the primary without an error', async () => {
  const [first, second] = apis;
  const reader = await login(first.url, 'vn@demo.example', 'demo-password');
  let errors = 0;
  let firstError = '';
  let answered = 0;
  let stopped = false;
  const readers = [first, second].flatMap((server) =>
    Array.from({ length: 4 }, async () => {
      while (!stopped || answered < 200) {
        const response = await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${reader}` },
          body: JSON.stringify({ query: MEMBERS, variables: { code: 'QN' } }),
        });
        const text = await response.text();
        const body = JSON.parse(text) as { data?: unknown; errors?: unknown };
        if (response.status !== 200 || body.errors || !body.data) {
          errors += 1;
          firstError ||= `${response.status} ${text.slice(0, 300)}`;
        }
        answered += 1;
        if (answered > 2000) {
          break;
        }
      }
    }),
  );
  await new Promise((resolve) => setTimeout(resolve, 500));
  const answeredBefore = answered;
  await databases.replica.stop();
  stopped = true;
  await Promise.all(readers);
  assert.ok(
    answeredBefore > 0 && answered > answeredBefore + 100,
    `answered ${answeredBefore} then ${answered}`,
  );
  assert.equal(errors, 0, firstError);
  const ready = (await (await fetch(`${second.url}/ready`)).json()) as {
    status: string;
    pools: Record<string, { up: boolean }>;
  };
  assert.equal(ready.status, 'ready');
  assert.equal(ready.pools['replica-1'].up, false);
  // And the primary serves the reads now.
  const before = await statementsOn(second, 'app');
  await ask(second.url, MEMBERS, { code: 'QN' }, reader);
  assert.ok((await statementsOn(second, 'app')) > before);
});
