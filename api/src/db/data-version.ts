import { randomUUID } from 'node:crypto';
import { sql, textOf } from '../shared/sql';

import { Client } from 'pg';
import type { Logger } from 'pino';

/** The channel on which every committed change is announced (see api/sql/audit.sql). */
export const CHANGE_CHANNEL = 'cdvn_data_changed';

/**
 * What a committed change touched: anything, or the units whose rows changed (`down`: what a unit hands
 * down, such as its reports and targets, is read by the units below it) and every unit that stood above
 * one of them on any day, themselves included (`up`: their figures and lists count those rows).
 */
export type Changes = { all: true } | { up: readonly number[]; down: readonly number[] };

export const EVERYTHING: Changes = Object.freeze({ all: true });

/**
 * What an answer may have read: everything (a national viewer, trusted code), or the units under its
 * `roots` on any day and what `reach` (the roots and every unit above them on any day) hands down.
 */
export interface Footprint {
  everything: boolean;
  roots: readonly number[];
  reach: readonly number[];
}

/** A NOTIFY payload holds at most 8000 bytes: a larger change is announced as a change to anything. */
const MAX_PAYLOAD = 7900;

const RECONNECT_MS = 1000;

/** A round trip on the listening connection that takes longer counts as the connection lost. */
const QUERY_TIMEOUT_MS = 2000;

/** How the listening connection shows in pg_stat_activity. */
const APPLICATION_NAME = 'cdvn-data-version';

/**
 * Shares one round trip among the callers that arrive while none is waiting to be sent: each caller's
 * round trip is sent after it called, and at most two are in flight.
 */
class Coalesced {
  private inFlight: Promise<void> | null = null;
  private next: Promise<void> | null = null;

  constructor(private readonly send: () => Promise<void>) {}

  run(): Promise<void> {
    if (!this.inFlight) {
      this.inFlight = this.send().finally(() => {
        this.inFlight = null;
      });
      return this.inFlight;
    }
    this.next ??= this.inFlight
      .catch(() => undefined)
      .then(() => {
        this.next = null;
        return this.run();
      });
    return this.next;
  }
}

/**
 * A number that grows with every change to the database's data, and what each change touched, so that an
 * answer computed at one version can be served again while nothing it may have read has changed since
 * (`unchangedSince`): a write in Thanh Hóa leaves Quảng Ninh's answers standing, and empties the
 * national body's and Thanh Hóa's own.
 *
 * - This process's writes record their changes themselves, after their commit and before their answer is
 *   sent (`changed`), and announce them to the other instances with a NOTIFY sent after the commit.
 * - Any other write (psql, scripts, the owner's own statements such as logins) is announced by statement
 *   triggers on every table, inside its transaction, so it arrives once that commits: as a change to
 *   anything.
 * - `read` first makes one round trip on the listening connection: PostgreSQL has sent every
 *   notification committed before it, so a change whose commit returned before the read began, made by
 *   any process, has been recorded.
 *
 * While the listening connection is down there is no version (`null`): nothing may be served from a
 * cache then. It reconnects by itself and records a change to anything when it does.
 */
export class DataVersion {
  private value = 0;
  /**
   * The last version at which a change to anything came, the last at which any change came, and the
   * last change by unit (`up` and `down`, see Changes).
   */
  private everythingAt = 0;
  private anyAt = 0;
  private readonly upAt = new Map<number, number>();
  private readonly downAt = new Map<number, number>();
  /** This process's changes not yet announced, with the writers' positions (see `changed`). */
  private pending: Changes | null = null;
  private pendingWrites: Array<[string, string]> = [];
  /** The WAL position of each writer's last write (a hash of its session or key), while replicas are used. */
  private readonly writes = new Map<string, bigint>();
  /** Reads the primary's WAL position, when there are replicas to read one's own writes from. */
  private position: (() => Promise<bigint>) | null = null;
  private client: Client | null = null;
  private stopped = false;
  private readonly instance = randomUUID();
  private readonly fence = new Coalesced(() => this.query('select 1'));
  private readonly announce = new Coalesced(() => {
    const changes = this.pending ?? EVERYTHING;
    const writes = this.pendingWrites;
    this.pending = null;
    this.pendingWrites = [];
    return this.query(this.notify(changes, writes));
  });

  constructor(
    private readonly connectionString: string,
    private readonly logger: Logger,
  ) {}

  /** Connects and listens; resolves once listening, or rejects when the database cannot be reached. */
  async start(): Promise<void> {
    const client = new Client({
      connectionString: this.connectionString,
      application_name: APPLICATION_NAME,
      query_timeout: QUERY_TIMEOUT_MS,
      keepAlive: true,
    });
    client.on('notification', (message) => {
      const heard = announced(message.payload, this.instance);
      if (heard) {
        for (const [writer, at] of heard.writes) {
          this.wrote(writer, at);
        }
        this.record(heard.changes);
      }
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      // An announcement is a transaction of its own (pg_notify), and its commit waited for the WAL to be
      // flushed to disk, holding the lock every notifying commit takes, while the reads' round trips
      // (`fence`) queued behind it on this connection. Nothing it writes needs to survive a crash: it is
      // delivered to the listeners at commit either way.
      await client.query(textOf(sql`set synchronous_commit = off`));
      await client.query(textOf(sql`listen ${sql.identifier(CHANGE_CHANNEL)}`));
      // Whatever this process changed while it was not connected reaches the others now.
      await client.query(this.notify(EVERYTHING));
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.record(EVERYTHING);
    this.client = client;
  }

  /** The version, once every change committed before this call has arrived; null when unknown. */
  async read(): Promise<number | null> {
    if (!this.client) {
      return null;
    }
    try {
      await this.fence.run();
      return this.client ? this.value : null;
    } catch {
      return null;
    }
  }

  /** The version as this process knows it now, without waiting for changes on their way. */
  get current(): number {
    return this.value;
  }

  /**
   * Whether nothing an answer with this footprint may have read has changed since `version` (which
   * `read` returned before the answer was computed).
   */
  unchangedSince(version: number, footprint: Footprint): boolean {
    if (this.everythingAt > version || (footprint.everything && this.anyAt > version)) {
      return false;
    }
    return (
      footprint.roots.every((unit) => (this.upAt.get(unit) ?? 0) <= version) &&
      footprint.reach.every((unit) => (this.downAt.get(unit) ?? 0) <= version)
    );
  }

  /**
   * This process committed a change (null: a write whose transaction changed nothing itself): records it
   * at once and tells the other instances (resolved once PostgreSQL has the notification). Should that
   * fail, the connection is dropped, and reconnecting announces a change to anything. With read replicas, the writer's position is read and kept (and
   * announced), so that the writer's next reads wait for a replica that has replayed it (`wroteAt`).
   */
  async changed(changes: Changes | null = EVERYTHING, writer: string | null = null): Promise<void> {
    if (changes) {
      this.record(changes);
    }
    let write: [string, string] | null = null;
    if (writer && this.position) {
      const lsn = await this.position().catch(() => null);
      // Unknown: the writer reads from the primary until a replica is past anything written so far.
      const at = lsn ?? BigInt(Number.MAX_SAFE_INTEGER) << 16n;
      this.wrote(writer, at);
      write = [writer, at.toString()];
    }
    if (!this.client || (!changes && !write)) {
      return;
    }
    // A write with nothing of the request's transaction changed (its rows written elsewhere, which
    // announce themselves) is announced for its position alone.
    const announcedChanges = changes ?? { up: [], down: [] };
    this.pending = this.pending ? merged(this.pending, announcedChanges) : announcedChanges;
    if (write) {
      this.pendingWrites.push(write);
    }
    await this.announce.run().catch(() => undefined);
  }

  /** Keeps writers' positions from now on, read with `position` (the primary's WAL position). */
  trackWrites(position: () => Promise<bigint>): void {
    this.position = position;
  }

  /** The position of the writer's last write, when it may not have reached every replica. */
  wroteAt(writer: string | null): bigint | null {
    return writer === null ? null : (this.writes.get(writer) ?? null);
  }

  /** Every replica has replayed this far: the writes before it need no care any more. */
  replayedEverywhere(position: bigint): void {
    for (const [writer, at] of this.writes) {
      if (at <= position) {
        this.writes.delete(writer);
      }
    }
  }

  private wrote(writer: string, at: bigint): void {
    if ((this.writes.get(writer) ?? 0n) < at) {
      this.writes.set(writer, at);
    }
  }

  /**
   * The process is stopping: the connection serves the requests still in flight, but losing it (the
   * database may stop first) is neither reported nor repaired.
   */
  stopping(): void {
    this.stopped = true;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private record(changes: Changes): void {
    this.value += 1;
    this.anyAt = this.value;
    if ('all' in changes) {
      // Every answer kept is older now: the units' marks say nothing more.
      this.everythingAt = this.value;
      this.upAt.clear();
      this.downAt.clear();
      return;
    }
    for (const unit of changes.up) {
      this.upAt.set(unit, this.value);
    }
    for (const unit of changes.down) {
      this.downAt.set(unit, this.value);
    }
  }

  private notify(
    changes: Changes,
    writes: Array<[string, string]> = [],
  ): { text: string; values: unknown[] } {
    let payload = JSON.stringify({ instance: this.instance, ...changes, writes });
    if (payload.length > MAX_PAYLOAD) {
      payload = JSON.stringify({ instance: this.instance, ...EVERYTHING, writes: writes.slice(0, 50) });
    }
    return { text: 'select pg_notify($1, $2)', values: [CHANGE_CHANNEL, payload] };
  }

  private async query(statement: string | { text: string; values: unknown[] }): Promise<void> {
    const client = this.client;
    if (!client) {
      throw new Error('the data version is not connected');
    }
    try {
      await client.query(statement);
    } catch (error) {
      this.lost(client, error);
      throw error;
    }
  }

  private lost(client: Client, error?: unknown): void {
    if (this.client !== client) {
      return;
    }
    if (!this.stopped) {
      this.logger.warn({ err: error }, 'the data version lost its connection; answers are not cached');
    }
    this.client = null;
    client.end().catch(() => undefined);
    this.reconnect();
  }

  private reconnect(): void {
    if (this.stopped) {
      return;
    }
    setTimeout(() => {
      if (this.stopped) {
        return;
      }
      this.start().catch(() => this.reconnect());
    }, RECONNECT_MS).unref();
  }
}

/** Two changes as one. */
function merged(a: Changes, b: Changes): Changes {
  if ('all' in a || 'all' in b) {
    return EVERYTHING;
  }
  return { up: [...new Set([...a.up, ...b.up])], down: [...new Set([...a.down, ...b.down])] };
}

/**
 * What a notification says changed, and the positions of the writes it announces: null for this
 * instance's own (recorded already); a change to anything for the triggers' 'sql' and for anything
 * unreadable.
 */
function announced(
  payload: string | undefined,
  instance: string,
): { changes: Changes; writes: Array<[string, bigint]> } | null {
  let message: unknown;
  try {
    message = JSON.parse(payload ?? '');
  } catch {
    return { changes: EVERYTHING, writes: [] };
  }
  if (typeof message !== 'object' || message === null) {
    return { changes: EVERYTHING, writes: [] };
  }
  const { instance: from, up, down, writes } = message as Record<string, unknown>;
  if (from === instance) {
    return null;
  }
  return {
    changes: isUnits(up) && isUnits(down) ? { up, down } : EVERYTHING,
    writes: Array.isArray(writes)
      ? writes
          .filter((w): w is [string, string] => Array.isArray(w) && /^\d+$/.test(String(w[1])))
          .map(([writer, at]) => [String(writer), BigInt(at)])
      : [],
  };
}

function isUnits(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((unit) => Number.isInteger(unit));
}
