import { createHash, randomBytes } from 'node:crypto';

import { errors, jwtVerify, SignJWT } from 'jose';

/** Bearer tokens of logins: HS256 JWTs naming the session, so that revoking the session ends them. */
export class TokenSigner {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    readonly ttlSeconds: number,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async sign(accountId: number, sessionId: string, expiresAt: Date): Promise<string> {
    return new SignJWT({ sid: sessionId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(String(accountId))
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.key);
  }

  /** The session id of a valid token; null for a forged, malformed or expired one. */
  async verify(token: string): Promise<{ accountId: number; sessionId: string } | null> {
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'] });
      if (typeof payload.sid !== 'string' || !payload.sub) {
        return null;
      }
      return { accountId: Number(payload.sub), sessionId: payload.sid };
    } catch (error) {
      if (error instanceof errors.JOSEError) {
        return null;
      }
      throw error;
    }
  }
}

/** API keys look like `cdvn_<prefix>_<secret>`; the prefix names the key in listings. */
export const API_KEY_MARK = 'cdvn_';

export function newApiKey(): { key: string; prefix: string; hash: string } {
  const prefix = `${API_KEY_MARK}${randomBytes(6).toString('hex')}`;
  const key = `${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}
