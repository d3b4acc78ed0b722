import type { MikroORM } from '@mikro-orm/postgresql';
import { LRUCache } from 'lru-cache';

import { appError } from '../shared/errors';
import * as queries from './auth.queries';
import { Throttle } from './throttle';
import { API_KEY_MARK, hashApiKey, TokenSigner } from './tokens';
import { ANONYMOUS, actorOf, type Viewer } from './viewer';

export function unauthenticated(message = 'Log in first: send `Authorization: Bearer <token or API key>`.') {
  return appError('UNAUTHENTICATED', message, { http: { status: 401 } });
}

export interface AuthSettings {
  secret: string;
  tokenTtlSeconds: number;
  apiKeyRequestsPerMinute: number;
}

/** Last use of a key is written at most once a minute, so that reads do not turn into writes. */
const LAST_USE_PRECISION_MS = 60_000;

/** A viewer read from the database, valid while the data version stands and the credential lasts. */
interface Known {
  viewer: Viewer;
  version: number;
  /** When the session or key expires (epoch ms). */
  until: number;
  /** When an API key's use was last written (epoch ms). */
  lastUsedAt: number;
}

/**
 * Turns the Authorization header into a viewer. It reads sessions, accounts and keys on the owner's
 * connection: who the viewer is has to be known before the viewer's scope can exist.
 */
export class Authenticator {
  readonly tokens: TokenSigner;
  readonly throttle: Throttle;
  /**
   * Viewers already read, by credential: a session's or key's row, its account and grants change only with
   * the data version (db/data-version.ts), so a request at the same version reuses them.
   */
  private readonly known = new LRUCache<string, Known>({ max: 10_000 });
  /** Each API key's requests not yet written, and when they last were. */
  private readonly keyUsage = new Map<number, { uncounted: number; writtenAt: number }>();

  constructor(
    private readonly owner: MikroORM,
    settings: AuthSettings,
  ) {
    this.tokens = new TokenSigner(settings.secret, settings.tokenTtlSeconds);
    this.throttle = new Throttle(settings.apiKeyRequestsPerMinute);
  }

  /**
   * `version` is the data version read at the start of the request (null: unknown, read the database).
   */
  async viewerFrom(authorization: string | undefined, version: number | null): Promise<Viewer> {
    if (!authorization) {
      return ANONYMOUS;
    }
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) {
      throw unauthenticated('The Authorization header must read `Bearer <token or API key>`.');
    }
    const credential = match[1];
    return credential.startsWith(API_KEY_MARK)
      ? this.apiKeyViewer(credential, version)
      : this.sessionViewer(credential, version);
  }

  private remembered(key: string, version: number | null): Known | undefined {
    const known = this.known.get(key);
    return known && known.version === version && Date.now() < known.until ? known : undefined;
  }

  private remember(key: string, version: number | null, known: Omit<Known, 'version'>): Known {
    const entry = { ...known, version: version ?? Number.NaN };
    if (version !== null) {
      this.known.set(key, entry);
    }
    return entry;
  }

  private async sessionViewer(token: string, version: number | null): Promise<Viewer> {
    const claims = await this.tokens.verify(token);
    if (!claims) {
      throw unauthenticated('The token is invalid or has expired: log in again.');
    }
    const key = `session:${claims.sessionId}:${claims.accountId}`;
    const known = this.remembered(key, version);
    if (known) {
      return known.viewer;
    }
    const row = await queries.session(this.owner.em.fork(), claims.sessionId, claims.accountId);
    if (!row?.live) {
      throw unauthenticated('This session has ended: log in again.');
    }
    const viewer: Viewer = {
      kind: 'account',
      accountId: row.account_id,
      sessionId: claims.sessionId,
      email: row.email,
      displayName: row.display_name,
      mustChangePassword: row.must_change_password,
      // A password given by an ADMIN opens nothing until the person sets their own.
      grants: row.must_change_password ? [] : row.grants,
    };
    return this.remember(key, version, { viewer, until: row.until, lastUsedAt: 0 }).viewer;
  }

  private async apiKeyViewer(key: string, version: number | null): Promise<Viewer> {
    const em = this.owner.em.fork();
    const hash = hashApiKey(key);
    let known = this.remembered(`apiKey:${hash}`, version);
    if (!known) {
      const row = await queries.apiKey(em, hash);
      if (!row?.live) {
        throw unauthenticated('This API key is unknown, revoked or expired.');
      }
      const viewer: Viewer = {
        kind: 'apiKey',
        apiKeyId: row.id,
        prefix: row.prefix,
        name: row.name,
        grants: [{ unitId: row.unit_id, role: row.role }],
      };
      known = this.remember(`apiKey:${hash}`, version, {
        viewer,
        until: row.until ?? Number.POSITIVE_INFINITY,
        lastUsedAt: row.last_used ?? 0,
      });
    }
    const viewer = known.viewer as Extract<Viewer, { kind: 'apiKey' }>;
    await this.throttle.apiKeyRequest(viewer.apiKeyId);
    // Counted here, written with the last use at most once a minute (kept apart from the remembered
    // viewers, which a data change empties, so that no request goes uncounted).
    const usage = this.keyUsage.get(viewer.apiKeyId) ?? { uncounted: 0, writtenAt: known.lastUsedAt };
    usage.uncounted += 1;
    this.keyUsage.set(viewer.apiKeyId, usage);
    if (Date.now() - usage.writtenAt > LAST_USE_PRECISION_MS) {
      const requests = usage.uncounted;
      usage.uncounted = 0;
      usage.writtenAt = Date.now();
      await queries.apiKeyUsed(em, viewer.apiKeyId, requests);
    }
    return viewer;
  }

  /**
   * Refusals of a national id number that another member holds are audited: with the throttle, this is
   * how probing for the numbers of the country's members is seen (auth/throttle.ts).
   */
  async auditNationalIdRefused(
    viewer: Viewer,
    operation: string,
    target: { memberId?: number; unitCode?: string },
  ): Promise<void> {
    await queries.auditNationalIdRefused(this.owner.em.fork(), {
      actor: actorOf(viewer),
      operation,
      memberId: target.memberId ?? null,
      unitCode: target.unitCode ?? null,
    });
  }
}
