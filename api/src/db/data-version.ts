import { randomUUID } from 'node:crypto';
import { sql, textOf } from '../shared/sql';

import { Client } from 'pg';
import type { Logger } from 'pino';

/** The channel on which every committed change is announced (see the data_changed migration). */
export const CHANGE_CHANNEL = 'cdvn_data_changed';

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
 * A number that changes whenever the database's data may have changed, so that an answer computed at
 * one version can be served again while the version stands (the response cache keys on it).
 *
 * - This process's writes bump it themselves, after their commit and before their answer is sent
 *   (`changed`), and announce it to the other instances with a NOTIFY sent after the commit.
 * - Any other write (psql, scripts, the owner's own statements such as logins) is announced by a
 *   statement trigger on every table, inside its transaction, so it arrives once that commits.
 * - `read` first makes one round trip on the listening connection: PostgreSQL has sent every
 *   notification committed before it, so a change whose commit returned before the read began, made by
 *   any process, has bumped the version.
 *
 * While the listening connection is down there is no version (`null`): nothing may be served from a
 * cache then. It reconnects by itself and bumps the version when it does.
 */
export class DataVersion {
  private value = 0;
  private client: Client | null = null;
  private stopped = false;
  private readonly instance = randomUUID();
  private readonly fence = new Coalesced(() => this.query('select 1'));
  private readonly announce = new Coalesced(() => this.query(this.notify()));

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
      if (message.payload !== this.instance) {
        this.value += 1;
      }
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(textOf(sql`listen ${sql.identifier(CHANGE_CHANNEL)}`));
      // Whatever this process changed while it was not connected reaches the others now.
      await client.query(this.notify());
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    this.value += 1;
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

  /**
   * This process committed a change: bumps the version at once and tells the other instances (resolved
   * once PostgreSQL has the notification). Should that fail, the connection is dropped, and reconnecting
   * announces this process's changes again.
   */
  async changed(): Promise<void> {
    this.value += 1;
    if (!this.client) {
      return;
    }
    await this.announce.run().catch(() => undefined);
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

  private notify(): { text: string; values: unknown[] } {
    return { text: 'select pg_notify($1, $2)', values: [CHANGE_CHANNEL, this.instance] };
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
