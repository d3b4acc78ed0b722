import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { freePort } from '../src/db/embedded-postgres';

/**
 * `npm start` as a user runs it: embedded PostgreSQL in a data folder, migrations, demo data on the first
 * start only, GraphQL over HTTP, and a clean stop on SIGTERM that leaves no PostgreSQL behind.
 */
describe('starting the product', () => {
  let dataDir: string;
  let port: number;
  let pgPort: number;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'cdvn-start-'));
    port = await freePort();
    pgPort = await freePort();
  });
  const running: ChildProcess[] = [];
  afterAll(async () => {
    for (const child of running.filter((c) => c.exitCode === null)) {
      if ((await stop(child)) === 'still running') {
        child.kill('SIGKILL');
      }
    }
    await rm(dataDir, { recursive: true, force: true });
  });

  function start(): { child: ChildProcess; output: () => string; ready: Promise<void> } {
    let output = '';
    // As `npm start` runs it: NODE_ENV unset (Apollo, among others, behaves differently under "test").
    const { NODE_ENV: _test, ...environment } = process.env;
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
      cwd: resolve(__dirname, '..'),
      env: {
        ...environment,
        PORT: String(port),
        DATA_DIR: dataDir,
        EMBEDDED_PG_PORT: String(pgPort),
        DATABASE_URL: '',
        WEB_DIST: join(dataDir, 'no-web'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.push(child);
    const ready = new Promise<void>((resolveReady, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('ready in')) {
          resolveReady();
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.on('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
    });
    return { child, output: () => output, ready };
  }

  /** The exit code after SIGTERM, or "still running" 30 s later. */
  async function stop(child: ChildProcess): Promise<number | null | 'still running'> {
    const exited = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));
    child.kill('SIGTERM');
    return Promise.race([
      exited,
      new Promise<'still running'>((resolveLate) =>
        setTimeout(() => resolveLate('still running'), 30_000).unref(),
      ),
    ]);
  }

  const accepts = (p: number) =>
    new Promise<boolean>((resolveAccepts) => {
      const socket = connect(p, '127.0.0.1');
      socket.on('connect', () => {
        socket.destroy();
        resolveAccepts(true);
      });
      socket.on('error', () => resolveAccepts(false));
    });

  async function query(body: object, token?: string): Promise<{ status: number; json: unknown }> {
    const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return { status: response.status, json: await response.json() };
  }

  async function login(email: string): Promise<string> {
    const answer = await query({
      query: 'mutation($email: String!) { login(email: $email, password: "demo-password") { token } }',
      variables: { email },
    });
    return (answer.json as { data: { login: { token: string } } }).data.login.token;
  }

  it('loads the demo data on the first start only, serves GraphQL, and stops cleanly', async () => {
    const first = start();
    await first.ready;
    expect(first.output()).toContain(`GraphQL: http://localhost:${port}/graphql`);
    expect(first.output()).toContain('Demo data loaded');
    expect(first.output()).toContain('Demo logins (password demo-password)');
    expect(first.output()).toContain('qn-cdvc@demo.example');
    const unit = {
      query: '{ orgUnit(code: "QN-CDVC", asOf: "2022-12-31") { name children { totalCount } } }',
    };
    const anonymous = await query(unit);
    expect(anonymous.status).toBe(401);
    expect(anonymous.json).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    const token = await login('qn-cdvc@demo.example');
    const answer = await query(unit, token);
    expect(answer).toEqual({
      status: 200,
      json: {
        data: { orgUnit: { name: 'Công đoàn Viên chức tỉnh Quảng Ninh', children: { totalCount: 55 } } },
      },
    });
    const web = await fetch(`http://127.0.0.1:${port}/`);
    expect(web.status).toBe(200);
    expect(await stop(first.child)).toBe(0);
    expect(await accepts(pgPort)).toBe(false);

    const second = start();
    await second.ready;
    expect(second.output()).not.toContain('Demo data loaded');
    expect(second.output()).toContain('qn-cdvc@demo.example');
    const national = { query: '{ orgUnit(code: "VN", asOf: "2020-01-01") { children { totalCount } } }' };
    // The token of the first run still works: the signing secret is kept in the data directory.
    const refused = await query(national, token);
    expect(refused.json).toMatchObject({
      data: { orgUnit: null },
      errors: [{ extensions: { code: 'FORBIDDEN' } }],
    });
    const vn = await login('vn@demo.example');
    const again = await query(national, vn);
    expect(again.json).toEqual({ data: { orgUnit: { children: { totalCount: 63 } } } });
    // Stopped while requests keep arriving (`docker stop`): what is in flight is answered by a database
    // that stops only afterwards, and the process exits with 0. Apollo's own signal handler once raced
    // main.ts's (the second stop waited forever), and embedded-postgres stopped the database on the
    // signal by itself (503 to the requests in flight, exit code 143).
    let stopped = false;
    const answered: number[] = [];
    const client = async () => {
      while (!stopped) {
        const status = await query(national, vn).then(
          (answer) => answer.status,
          () => 0,
        );
        answered.push(status);
      }
    };
    const clients = Array.from({ length: 8 }, client);
    while (answered.length < 40) {
      await new Promise((resolveSoon) => setTimeout(resolveSoon, 10));
    }
    const exitCode = await stop(second.child);
    stopped = true;
    await Promise.all(clients);
    expect(exitCode).toBe(0);
    expect(answered.filter((status) => status !== 0 && status !== 200)).toEqual([]);
    expect(await accepts(pgPort)).toBe(false);
    expect(await accepts(port)).toBe(false);
  }, 180_000);
});
