import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';

import { runSql, sql } from '../shared/sql';
import type { DataVersion } from './data-version';

/** How often the primary's position and each replica's are read. */
const TICK_MS = 200;

/** A read that takes longer counts as the replica not answering. */
const PROBE_TIMEOUT_MS = 1000;

/** Positions taken at most: a replica further behind is read as "behind all of them". */
const MAX_MARKS = 300;

/** A WAL position ('16/B374D848') as a number, to compare. */
export function lsnOf(text: string): bigint {
  const [high, low] = text.split('/');
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

/** One replica: its connection, whether it answers, how far it has replayed. */
export interface Replica {
  name: string;
  orm: MikroORM;
  up: boolean;
  replayed: bigint;
  /** The data version every change up to which the replica has replayed (see Replicas.tick). */
  caughtUpVersion: number;
  /** Seconds since the oldest primary position it has not replayed was read (0 when caught up). */
  lagSeconds: number;
  lagBytes: bigint;
}

/**
 * The read replicas (DATABASE_REPLICA_URLS): read-only GraphQL operations are sent to one of them, round
 * robin, and everything else to the primary.
 *
 * - Every TICK_MS the primary's WAL position and each replica's replayed position are read; a replica
 *   that does not answer leaves the rotation until it answers again (reads go to the primary meanwhile).
 * - Reading your writes: a viewer's last write position is kept (`wrote`, announced to the other
 *   instances with the change, db/data-version.ts); its reads go to a replica only once the replica has
 *   replayed that far, and to the primary until then (no waiting).
 * - The response cache: an answer read on a replica is kept at the data version the replica had caught
 *   up with (every change recorded by that version is replayed there), not the request's, so that a
 *   change the replica had not replayed yet still empties it.
 */
export class Replicas {
  private next = 0;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  /** Positions of the primary, each with the data version recorded before it was read. */
  private marks: Array<{ version: number; lsn: bigint; at: number }> = [];
  /** The primary's WAL position at the last tick. */
  private primary = 0n;
  readonly replicas: Replica[];

  constructor(
    orms: Array<{ name: string; orm: MikroORM }>,
    private readonly primaryOrm: MikroORM,
    private readonly version: DataVersion,
    private readonly logger: Logger,
  ) {
    this.replicas = orms.map(({ name, orm }) => ({
      name,
      orm,
      up: false,
      replayed: 0n,
      caughtUpVersion: 0,
      lagSeconds: 0,
      lagBytes: 0n,
    }));
  }

  /** Reads the positions once (so that the first requests can use the replicas), then every tick. */
  async start(): Promise<void> {
    this.version.trackWrites(() => this.position());
    await this.tick();
    this.timer = setInterval(() => {
      this.running ??= this.tick().finally(() => (this.running = null));
    }, TICK_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) {
      clearInterval(this.timer);
    }
    await this.running;
  }

  /**
   * A replica for a read by this writer (see writerOf), or null for the primary: replicas that answer and
   * have replayed the writer's last write, in turn.
   */
  pick(writer: string | null): Replica | null {
    const wrote = this.version.wroteAt(writer);
    const ready = this.replicas.filter((r) => r.up && (wrote === null || r.replayed >= wrote));
    return ready.length === 0 ? null : ready[this.next++ % ready.length];
  }

  /** The replica failed a request: out of the rotation until the next read of its position succeeds. */
  failed(replica: Replica, error: unknown): void {
    if (replica.up) {
      this.logger.warn({ err: error, replica: replica.name }, 'a read replica failed; reads go elsewhere');
    }
    replica.up = false;
  }

  /** The primary's WAL position now (after a write has committed: at or past its commit). */
  async position(): Promise<bigint> {
    const [row] = await runSql<{ lsn: string }>(
      this.primaryOrm.em.fork(),
      'replicas.primary',
      sql`select pg_current_wal_lsn()::text as lsn`,
    );
    return lsnOf(row.lsn);
  }

  private async tick(): Promise<void> {
    // The version first: every change it counts had committed, so the position read after covers it.
    const version = this.version.current;
    try {
      this.primary = await this.position();
      this.marks.push({ version, lsn: this.primary, at: Date.now() });
      if (this.marks.length > MAX_MARKS) {
        this.marks.shift();
      }
    } catch (error) {
      this.logger.warn({ err: error }, 'the primary’s WAL position could not be read');
    }
    await Promise.all(this.replicas.map((replica) => this.probe(replica)));
    // Marks every replica has passed are needed no more (the last one stays: it is the newest).
    const slowest = this.replicas.reduce<bigint | null>(
      (min, r) => (min === null || r.replayed < min ? r.replayed : min),
      null,
    );
    while (this.marks.length > 1 && slowest !== null && this.marks[0].lsn <= slowest) {
      this.marks.shift();
    }
    if (slowest !== null) {
      this.version.replayedEverywhere(slowest);
    }
  }

  private async probe(replica: Replica): Promise<void> {
    try {
      const [row] = await Promise.race([
        runSql<{ lsn: string | null }>(
          replica.orm.em.fork(),
          'replicas.replayed',
          sql`select pg_last_wal_replay_lsn()::text as lsn`,
        ),
        new Promise<never>((_resolve, reject) =>
          setTimeout(
            () => reject(new Error(`no answer in ${PROBE_TIMEOUT_MS} ms`)),
            PROBE_TIMEOUT_MS,
          ).unref(),
        ),
      ]);
      if (row.lsn === null) {
        throw new Error('not a replica (pg_last_wal_replay_lsn() is null)');
      }
      replica.replayed = lsnOf(row.lsn);
      const passed = this.marks.filter((mark) => mark.lsn <= replica.replayed);
      if (passed.length > 0) {
        replica.caughtUpVersion = Math.max(replica.caughtUpVersion, passed[passed.length - 1].version);
      }
      const behind = this.marks.find((mark) => mark.lsn > replica.replayed);
      replica.lagSeconds = behind ? (Date.now() - behind.at) / 1000 : 0;
      replica.lagBytes = this.primary > replica.replayed ? this.primary - replica.replayed : 0n;
      if (!replica.up) {
        this.logger.info({ replica: replica.name }, 'a read replica answers; it takes reads');
      }
      replica.up = true;
    } catch (error) {
      this.failed(replica, error);
    }
  }
}
