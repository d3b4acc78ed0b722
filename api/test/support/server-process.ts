import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const MAIN = resolve(__dirname, '..', '..', 'dist', 'main.js');

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface RunningServer {
  url: string;
  /** The server's process id, to read its memory. */
  pid: number;
  stop: () => Promise<void>;
}

/**
 * A Node.js service in a process of its own, on a free loopback port (given as PORT), stopped with
 * SIGTERM. `ready` asks it whether it answers; the service's output is shown when it fails to start.
 */
export async function startProcess(options: {
  args: string[];
  env: NodeJS.ProcessEnv;
  ready: (url: string) => Promise<boolean>;
  onStop?: () => Promise<void>;
}): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(process.execPath, options.args, {
    env: { ...options.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  if (process.env.SHOW_SERVER) {
    // SHOW_SERVER=1: the service's output as it comes (a harness or journey that fails without a clue).
    child.stdout?.pipe(process.stderr);
    child.stderr?.pipe(process.stderr);
  }
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  while (!(await options.ready(url).catch(() => false))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${options.args.at(-1)} did not start (exit ${child.exitCode}):\n${output}`);
    }
    await new Promise((wait) => setTimeout(wait, 250));
  }
  return {
    url,
    pid: child.pid ?? 0,
    stop: async () => {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
      await options.onStop?.();
    },
  };
}

export interface ServerOptions {
  /** Variables on top of the defaults below (e.g. DATABASE_URL for a prepared dataset). */
  env?: NodeJS.ProcessEnv;
  /** An embedded PostgreSQL's data folder to reuse and keep; a throwaway one when absent. */
  dataDir?: string;
  /** Node's own flags before the script (e.g. --cpu-prof, which NODE_OPTIONS may not carry). */
  nodeFlags?: string[];
}

/**
 * The product as `npm start` runs it (the built API serving the built web client), in a process of its
 * own: by default on a throwaway embedded PostgreSQL with the demo data and its demo logins, trusted
 * documents required. Used by the browser journeys (e2e/) and the benchmark harness (bench/).
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'cdvn-server-')));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'development',
    DEMO_DATA: 'true',
    HOST: '127.0.0.1',
    EMBEDDED_PG_PORT: String(await freePort()),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    // As in production: logged-in sessions may run the web client's documents only.
    TRUSTED_DOCUMENTS: 'require',
  };
  // A database of its own unless told otherwise: the journeys write, and must not write into a shared one.
  delete env.DATABASE_URL;
  delete env.APP_DATABASE_URL;
  Object.assign(env, options.env);
  return startProcess({
    args: [...(options.nodeFlags ?? []), MAIN],
    env,
    ready: async (url) => (await fetch(`${url}/ready`)).ok,
    onStop: async () => {
      if (!options.dataDir) {
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  });
}
