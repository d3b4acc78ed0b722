import type { MikroORM } from '@mikro-orm/postgresql';

import { appError } from '../shared/errors';
import { runSql } from '../shared/sql';
import type { Role } from './permissions';
import { Throttle } from './throttle';
import { API_KEY_MARK, hashApiKey, TokenSigner } from './tokens';
import { ANONYMOUS, type Grant, type Viewer } from './viewer';

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

/**
 * Turns the Authorization header into a viewer. It reads sessions, accounts and keys on the owner's
 * connection: who the viewer is has to be known before the viewer's scope can exist.
 */
export class Authenticator {
  readonly tokens: TokenSigner;
  readonly throttle: Throttle;

  constructor(
    private readonly owner: MikroORM,
    settings: AuthSettings,
  ) {
    this.tokens = new TokenSigner(settings.secret, settings.tokenTtlSeconds);
    this.throttle = new Throttle(settings.apiKeyRequestsPerMinute);
  }

  async viewerFrom(authorization: string | undefined): Promise<Viewer> {
    if (!authorization) {
      return ANONYMOUS;
    }
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!match) {
      throw unauthenticated('The Authorization header must read `Bearer <token or API key>`.');
    }
    const credential = match[1];
    return credential.startsWith(API_KEY_MARK)
      ? this.apiKeyViewer(credential)
      : this.sessionViewer(credential);
  }

  private async sessionViewer(token: string): Promise<Viewer> {
    const claims = await this.tokens.verify(token);
    if (!claims) {
      throw unauthenticated('The token is invalid or has expired: log in again.');
    }
    const [row] = await runSql<{
      account_id: number;
      email: string;
      display_name: string;
      live: boolean;
      grants: Grant[];
    }>(
      this.owner.em.fork(),
      'auth.session',
      `select a.id as account_id, a.email, a.display_name,
              (s.revoked_at is null and s.expires_at > now() and a.disabled_at is null) as live,
              coalesce(json_agg(json_build_object('unitId', r.unit_id, 'role', r.role) order by r.id)
                filter (where r.id is not null), '[]') as grants
         from session s join account a on a.id = s.account_id
         left join role_assignment r on r.account_id = a.id
        where s.id = ? and s.account_id = ?
        group by s.id, a.id`,
      [claims.sessionId, claims.accountId],
    );
    if (!row?.live) {
      throw unauthenticated('This session has ended: log in again.');
    }
    return {
      kind: 'account',
      accountId: row.account_id,
      sessionId: claims.sessionId,
      email: row.email,
      displayName: row.display_name,
      grants: row.grants,
    };
  }

  private async apiKeyViewer(key: string): Promise<Viewer> {
    const em = this.owner.em.fork();
    const [row] = await runSql<{
      id: number;
      prefix: string;
      name: string;
      unit_id: number;
      role: Role;
      live: boolean;
      last_used_at: Date | null;
    }>(
      em,
      'auth.apiKey',
      `select id, prefix, name, unit_id, role, last_used_at,
              (revoked_at is null and (expires_at is null or expires_at > now())) as live
         from api_key where key_hash = ?`,
      [hashApiKey(key)],
    );
    if (!row?.live) {
      throw unauthenticated('This API key is unknown, revoked or expired.');
    }
    await this.throttle.apiKeyRequest(row.id);
    if (!row.last_used_at || Date.now() - new Date(row.last_used_at).getTime() > LAST_USE_PRECISION_MS) {
      await runSql(em, 'auth.apiKeyUsed', 'update api_key set last_used_at = now() where id = ?', [row.id]);
    }
    return {
      kind: 'apiKey',
      apiKeyId: row.id,
      prefix: row.prefix,
      name: row.name,
      grants: [{ unitId: row.unit_id, role: row.role }],
    };
  }
}
