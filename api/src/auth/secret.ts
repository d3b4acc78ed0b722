import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import type { Env } from '../config/env';

/**
 * AUTH_SECRET when given (production requires it); otherwise a random secret kept in DATA_DIR, so that
 * logins survive a restart of a development server.
 */
export async function authSecret(env: Env): Promise<string> {
  if (env.AUTH_SECRET) {
    return env.AUTH_SECRET;
  }
  const file = join(env.DATA_DIR, 'auth-secret');
  const existing = await readFile(file, 'utf8').catch(() => '');
  if (existing.trim().length >= 32) {
    return existing.trim();
  }
  await mkdir(env.DATA_DIR, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
