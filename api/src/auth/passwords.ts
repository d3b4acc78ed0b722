import { hash, verify } from '@node-rs/argon2';

import { refusal } from '../shared/errors';

/** argon2id with the library's defaults (19 MiB, 2 passes), as OWASP recommends. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false);
}

/** A hash to verify against when the account does not exist, so that timing does not tell. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword('not a password of anyone');
  return decoy;
}

export const MIN_PASSWORD_LENGTH = 10;

export function requireStrongPassword(password: string, field = 'password'): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw refusal('PASSWORD_TOO_SHORT', { min: MIN_PASSWORD_LENGTH }, field);
  }
  if (password.length > 200) {
    throw refusal('PASSWORD_TOO_LONG', { max: 200 }, field);
  }
}
