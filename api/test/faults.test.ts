import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

import type { MikroORM } from '@mikro-orm/postgresql';

import { APP_ROLE, databaseUrl, ensureDatabase, migrate, openOrm } from '../src/db/database';
import { freePort } from '../src/db/embedded-postgres';
import { tree } from './support/builders';
import { graphqlRunner, type GraphQLRunner } from './support/graphql';

/**
 * Faults on a PostgreSQL of this file's own (the shared test server cannot be restarted): requests
 * during an outage fail with UNAVAILABLE, later ones succeed without restarting the app; stopping the
 * app lets requests in flight finish.
 */
describe('faults', () => {
  let dataDir: string;
  let port: number;
  let postgres: ChildProcess;
  let replies: AsyncIterator<string>;
  /** Sends a command to the child that runs PostgreSQL and waits for its answer. */
  const tell = async (command: string | null): Promise<string> => {
    if (command) {
      postgres.stdin!.write(`${command}\n`);
    }
    const reply = await replies.next();
    return reply.value as string;
  };
  let owner: MikroORM;
  let app: MikroORM;
  let api: GraphQLRunner;
  let stoppedAlready = false;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cdvn-faults-'));
    port = await freePort();
    postgres = spawn(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        resolve(__dirname, 'support', 'postgres-child.ts'),
        dataDir,
        String(port),
      ],
      { cwd: resolve(__dirname, '..'), stdio: ['pipe', 'pipe', 'inherit'] },
    );
    replies = createInterface({ input: postgres.stdout! })[Symbol.asyncIterator]();
    const adminUrl = (await tell(null)).replace(/^started /, '');
    await ensureDatabase(adminUrl, 'faults');
    const url = databaseUrl(adminUrl, 'faults');
    owner = await openOrm(url);
    await migrate(owner);
    await owner.em.getConnection().execute(`alter role ${APP_ROLE} login password 'faults-password'`);
    await tree().national().province('A').union('A-CDVC', 'A').grassroots('A-G1', 'A-CDVC').build(owner.em);
    const appUrl = new URL(url);
    appUrl.username = APP_ROLE;
    appUrl.password = 'faults-password';
    app = await openOrm(appUrl.toString());
    api = await graphqlRunner({ orm: owner, appOrm: app });
  }, 60_000);

  afterAll(async () => {
    if (!stoppedAlready) {
      await api.stop();
    }
    await app.close(true);
    await owner.close(true);
    postgres.stdin!.write('exit\n');
    await new Promise((done) => postgres.once('exit', done));
    await rm(dataDir, { recursive: true, force: true });
  });

  const QUERY = '{ orgUnit(code: "A") { code descendants { totalCount } } }';

  it('answers UNAVAILABLE while PostgreSQL is down, and recovers when it is back, without a restart', async () => {
    expect(await api.run(QUERY)).toEqual({
      data: { orgUnit: { code: 'A', descendants: { totalCount: 2 } } },
    });
    expect(await tell('stop')).toBe('stopped');
    const during = await api.run(QUERY);
    expect(during.errors?.[0]).toMatchObject({ extensions: { code: 'UNAVAILABLE' } });
    const ready = await fetch(await api.url('/ready'));
    expect(ready.status).toBe(503);

    expect(await tell('start')).toMatch(/^started /);
    let after = await api.run(QUERY);
    // Connections broken by the restart are dropped by the pool as they are found; a retry gets a new one.
    for (let attempt = 0; attempt < 10 && after.errors; attempt += 1) {
      expect(after.errors[0].extensions?.code).toBe('UNAVAILABLE');
      after = await api.run(QUERY);
    }
    expect(after).toEqual({ data: { orgUnit: { code: 'A', descendants: { totalCount: 2 } } } });
    expect((await fetch(await api.url('/ready'))).status).toBe(200);
  }, 60_000);

  it('finishes requests in flight when the server stops, and refuses new connections', async () => {
    const url = await api.url('/graphql');
    const created = await api.run<{ createApiKey: { key: string } }>(
      'mutation { createApiKey(input: { unitCode: "A", role: VIEWER, name: "faults" }) { key } }',
    );
    const authorization = `Bearer ${created.data!.createApiKey.key}`;
    // Hold the requests in flight: the owner locks the units table until the server has been told to stop.
    const lock = owner.em.fork();
    await lock.begin();
    await lock.execute('lock table org_unit in access exclusive mode');
    let arrived = 0;
    api.app.httpServer.on('request', () => {
      arrived += 1;
    });
    const inFlight = Array.from({ length: 5 }, () =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify({ query: QUERY }),
      }),
    );
    while (arrived < 5) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const stopped = api.stop();
    stoppedAlready = true;
    await new Promise((resolve) => setTimeout(resolve, 100));
    await lock.commit();
    const answers = await Promise.all(inFlight);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await answers[0].json()).toEqual({
      data: { orgUnit: { code: 'A', descendants: { totalCount: 2 } } },
    });
    await stopped;
    await expect(fetch(url)).rejects.toThrow();
  });
});
