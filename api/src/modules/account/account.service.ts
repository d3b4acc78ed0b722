import { randomUUID } from 'node:crypto';

import type { EntityManager } from '@mikro-orm/postgresql';

import type { Authenticator } from '../../auth/authenticate';
import { unauthenticated } from '../../auth/authenticate';
import { decoyHash, hashPassword, requireStrongPassword, verifyPassword } from '../../auth/passwords';
import { API_KEY_ROLES, type Role, ROLES } from '../../auth/permissions';
import { Scope } from '../../auth/scope';
import type { Throttle } from '../../auth/throttle';
import { newApiKey } from '../../auth/tokens';
import type { Viewer } from '../../auth/viewer';
import { appError, refusal } from '../../shared/errors';
import type { OrgUnit } from '../org-unit/org-unit.entity';
import { Account, ApiKey, RoleAssignment, Session } from './account.entity';
import * as queries from './account.queries';
import { inTransaction } from '../../shared/request-writes';
import { isValidOn, unitByCode } from '../org-unit/org-unit.lookup';
import { requireDate } from '../../shared/dates';

function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * A unit the ADMIN administers where accounts, roles and keys may be created: one that exists today. The
 * national body may still revoke what is held at a unit that has closed; nobody adds to it.
 */
async function unitToGrantAt(tx: EntityManager, scope: Scope, code: string): Promise<OrgUnit> {
  const unit = await unitByCode(tx, scope, code, scope.today, 'unitCode', 'account:admin');
  // Trusted code (the demo data's closed-union administrator, scripts) places accounts anywhere.
  if (scope !== Scope.SYSTEM && !isValidOn(unit, scope.today)) {
    throw appError(
      'FORBIDDEN',
      `${unit.code} has closed: accounts, roles and API keys are created only at units that exist today.`,
    );
  }
  return unit;
}

function requireRole(role: string, allowed: readonly string[] = ROLES): asserts role is Role {
  if (!allowed.includes(role)) {
    throw refusal('ROLE_VALUE', { values: allowed.join(', ') }, 'role');
  }
}

export interface LoginResult {
  token: string;
  expiresAt: Date;
  mustChangePassword: boolean;
}

/** Checks the password (throttled per account and address) and opens a session. */
export async function login(
  em: EntityManager,
  auth: Authenticator,
  input: { email: string; password: string; address: string },
): Promise<LoginResult> {
  const email = normaliseEmail(input.email);
  await auth.throttle.beforeLogin(email, input.address);
  const account = await em.findOne(Account, { email });
  const valid = await verifyPassword(account?.passwordHash ?? (await decoyHash()), input.password);
  if (!account || !valid || account.disabledAt) {
    await auth.throttle.loginFailed(email, input.address);
    throw unauthenticated('Wrong email or password.');
  }
  await auth.throttle.loginSucceeded(email);
  const expiresAt = new Date(Date.now() + auth.tokens.ttlSeconds * 1000);
  const session = em.create(Session, { id: randomUUID(), account, expiresAt, address: input.address });
  await em.flush();
  return {
    token: await auth.tokens.sign(account.id, session.id, expiresAt),
    expiresAt,
    mustChangePassword: account.mustChangePassword,
  };
}

function requireAccount(viewer: Viewer): Extract<Viewer, { kind: 'account' }> {
  if (viewer.kind !== 'account') {
    throw unauthenticated('Only a logged-in account can do this.');
  }
  return viewer;
}

/** Ends the session of the token the request came with. */
export async function logout(em: EntityManager, viewer: Viewer): Promise<void> {
  const account = requireAccount(viewer);
  await queries.revokeSession(em, account.sessionId);
}

/** Changes the viewer's password and ends every other session of the account. */
export async function changePassword(
  em: EntityManager,
  viewer: Viewer,
  currentPassword: string,
  newPassword: string,
  guard: { throttle: Throttle; address: string },
): Promise<void> {
  const me = requireAccount(viewer);
  requireStrongPassword(newPassword, 'newPassword');
  // Guessing the current password is guessing a login: the same counters, per account and address.
  await guard.throttle.beforeLogin(me.email, guard.address);
  const account = await em.findOneOrFail(Account, { id: me.accountId });
  if (!(await verifyPassword(account.passwordHash, currentPassword))) {
    await guard.throttle.loginFailed(me.email, guard.address);
    throw refusal('PASSWORD_WRONG', {}, 'currentPassword');
  }
  await guard.throttle.loginSucceeded(me.email);
  if (newPassword === currentPassword) {
    throw refusal('PASSWORD_SAME', {}, 'newPassword');
  }
  account.passwordHash = await hashPassword(newPassword);
  account.passwordChangedAt = new Date();
  account.mustChangePassword = false;
  await em.flush();
  await queries.revokeSessionsOf(em, me.accountId, { except: me.sessionId });
}

/**
 * Ends every session of an account: the viewer's own, or, for an ADMIN, those of an account whose every
 * role lies within the ADMIN's subtrees (a province cannot log out the national body).
 */
export async function revokeSessions(
  em: EntityManager,
  scope: Scope,
  viewer: Viewer,
  accountId: number | null,
): Promise<number> {
  const me = viewer.kind === 'account' ? viewer.accountId : null;
  const target = accountId ?? me;
  if (target === null) {
    throw unauthenticated('Only a logged-in account can do this.');
  }
  if (target !== me) {
    await requireAdminOver(em, scope, target);
  }
  return queries.revokeSessionsOf(em, target);
}

/** The ADMIN stands over every role of the account: a province cannot act on the national body's. */
async function requireAdminOver(em: EntityManager, scope: Scope, accountId: number): Promise<void> {
  const grants = await queries.grantUnitsOf(em, accountId);
  if (grants.length === 0) {
    throw scope.missing('account:admin', 'ACCOUNT_UNKNOWN', {}, 'accountId');
  }
  for (const unitId of grants) {
    await scope.require('account:admin', unitId, scope.today);
  }
}

/**
 * Gives an account a password chosen by an ADMIN over every role it holds, for a colleague who forgot
 * theirs: its sessions end, and at its next login it holds no role until the person sets their own.
 */
export async function resetPassword(
  em: EntityManager,
  scope: Scope,
  viewer: Viewer,
  accountId: number,
  temporaryPassword: string,
): Promise<Account> {
  if (viewer.kind === 'account' && viewer.accountId === accountId) {
    throw refusal('RESET_OWN_PASSWORD', {}, 'accountId');
  }
  requireStrongPassword(temporaryPassword, 'temporaryPassword');
  const passwordHash = await hashPassword(temporaryPassword);
  return inTransaction(em, async (tx) => {
    await requireAdminOver(tx, scope, accountId);
    const account = await tx.findOneOrFail(Account, { id: accountId });
    account.passwordHash = passwordHash;
    account.passwordChangedAt = new Date();
    account.mustChangePassword = true;
    await tx.flush();
    await queries.revokeSessionsOf(tx, accountId);
    return account;
  });
}

/**
 * Disables an account, for an ADMIN over every role it holds: its sessions end and the API keys it issued
 * stop working at once (auth.queries checks both at every request); or enables it again (its keys work
 * again, its sessions stay ended). Nobody disables their own account.
 */
export async function setAccountDisabled(
  em: EntityManager,
  scope: Scope,
  viewer: Viewer,
  accountId: number,
  disabled: boolean,
): Promise<Account> {
  if (viewer.kind === 'account' && viewer.accountId === accountId) {
    throw refusal('DISABLE_OWN_ACCOUNT', {}, 'accountId');
  }
  return inTransaction(em, async (tx) => {
    await requireAdminOver(tx, scope, accountId);
    const account = await tx.findOneOrFail(Account, { id: accountId });
    account.disabledAt = disabled ? (account.disabledAt ?? new Date()) : null;
    await tx.flush();
    if (disabled) {
      await queries.revokeSessionsOf(tx, accountId);
    }
    return account;
  });
}

export interface NewAccount {
  email: string;
  displayName: string;
  password: string;
  unitCode: string;
  role: string;
}

/** Creates an account with a first role, at a unit the ADMIN administers. */
export async function createAccount(em: EntityManager, scope: Scope, input: NewAccount): Promise<Account> {
  const email = normaliseEmail(input.email);
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) {
    throw refusal('EMAIL_FORMAT', { value: input.email }, 'email');
  }
  if (input.displayName.trim() === '') {
    throw refusal('ACCOUNT_NAME_REQUIRED', {}, 'displayName');
  }
  requireStrongPassword(input.password);
  requireRole(input.role);
  const passwordHash = await hashPassword(input.password);
  return inTransaction(em, async (tx) => {
    const unit = await unitToGrantAt(tx, scope, input.unitCode);
    if (await tx.findOne(Account, { email })) {
      throw refusal('VALUE_TAKEN', {}, 'email');
    }
    const account = tx.create(Account, { email, displayName: input.displayName.trim(), passwordHash });
    tx.create(RoleAssignment, { account, unit, role: input.role as Role });
    await tx.flush();
    return account;
  });
}

async function accountByEmail(em: EntityManager, scope: Scope, email: string): Promise<Account> {
  const account = await em.findOne(Account, { email: normaliseEmail(email) });
  if (!account) {
    throw scope.missing('account:admin', 'ACCOUNT_EMAIL_UNKNOWN', { email }, 'email');
  }
  return account;
}

/** The account, the unit (one the ADMIN administers) and the assignment of the role there, if any. */
async function assignmentOf(tx: EntityManager, scope: Scope, email: string, unitCode: string, role: Role) {
  const unit = await unitToGrantAt(tx, scope, unitCode);
  const account = await accountByEmail(tx, scope, email);
  return { unit, account, existing: await tx.findOne(RoleAssignment, { account, unit, role }) };
}

/** Gives an account a role at a unit the ADMIN administers. */
export async function assignRole(
  em: EntityManager,
  scope: Scope,
  email: string,
  unitCode: string,
  role: string,
): Promise<RoleAssignment> {
  requireRole(role);
  return inTransaction(em, async (tx) => {
    const { unit, account, existing } = await assignmentOf(tx, scope, email, unitCode, role);
    if (existing) {
      return existing;
    }
    const assignment = tx.create(RoleAssignment, { account, unit, role });
    await tx.flush();
    return assignment;
  });
}

/** Takes a role away; true when the account held it. */
export async function revokeRole(
  em: EntityManager,
  scope: Scope,
  email: string,
  unitCode: string,
  role: string,
): Promise<boolean> {
  requireRole(role);
  return inTransaction(em, async (tx) => {
    const unit = await unitByCode(tx, scope, unitCode, scope.today, 'unitCode', 'account:admin');
    // An email that names no account and one whose account holds no such role answer alike.
    const account = await tx.findOne(Account, { email: normaliseEmail(email) });
    const existing = account ? await tx.findOne(RoleAssignment, { account, unit, role }) : null;
    if (!existing) {
      return false;
    }
    tx.remove(existing);
    await tx.flush();
    return true;
  });
}

export interface NewApiKey {
  unitCode: string;
  role: string;
  name: string;
  expiresOn?: string | null;
}

/** Creates a read-only key for a unit's subtree; the key itself is returned once and never stored. */
export async function createApiKey(
  em: EntityManager,
  scope: Scope,
  viewer: Viewer,
  input: NewApiKey,
  today: string,
): Promise<{ key: string; apiKey: ApiKey }> {
  requireRole(input.role, API_KEY_ROLES);
  if (input.name.trim() === '') {
    throw refusal('KEY_NAME_REQUIRED', {}, 'name');
  }
  if (input.expiresOn) {
    requireDate(input.expiresOn, 'expiresOn');
    if (input.expiresOn <= today) {
      throw refusal('KEY_EXPIRY_AFTER_TODAY', {}, 'expiresOn');
    }
  }
  return inTransaction(em, async (tx) => {
    const unit = await unitToGrantAt(tx, scope, input.unitCode);
    const { key, prefix, hash } = newApiKey();
    const apiKey = tx.create(ApiKey, {
      prefix,
      keyHash: hash,
      name: input.name.trim(),
      unit,
      role: input.role as Role,
      createdBy: viewer.kind === 'account' ? tx.getReference(Account, viewer.accountId) : null,
      // The key works through the whole day it expires on (in Viet Nam's time).
      expiresAt: input.expiresOn ? new Date(`${input.expiresOn}T23:59:59.999+07:00`) : null,
    });
    await tx.flush();
    return { key, apiKey };
  });
}

export async function revokeApiKey(em: EntityManager, scope: Scope, id: number): Promise<ApiKey> {
  return inTransaction(em, async (tx) => {
    const apiKey = await tx.findOne(ApiKey, { id });
    if (!apiKey) {
      throw scope.missing('account:admin', 'API_KEY_UNKNOWN', {}, 'id');
    }
    await scope.require('account:admin', apiKey.unit.id, scope.today);
    apiKey.revokedAt ??= new Date();
    await tx.flush();
    return apiKey;
  });
}

/** The keys of a unit's subtree, revoked ones included. */
export async function apiKeysUnder(em: EntityManager, scope: Scope, unitCode: string): Promise<ApiKey[]> {
  const unit = await unitByCode(em, scope, unitCode, scope.today, 'unitCode', 'account:admin');
  const ids = await queries.idsUnder(em, 'api_key', unit.id, scope.today);
  return em.find(ApiKey, { id: { $in: ids } }, { orderBy: { id: 'desc' } });
}

/** Who holds which role in a unit's subtree. */
export async function roleAssignmentsUnder(
  em: EntityManager,
  scope: Scope,
  unitCode: string,
): Promise<RoleAssignment[]> {
  const unit = await unitByCode(em, scope, unitCode, scope.today, 'unitCode', 'account:admin');
  const ids = await queries.idsUnder(em, 'role_assignment', unit.id, scope.today);
  return em.find(RoleAssignment, { id: { $in: ids } }, { orderBy: { id: 'desc' }, populate: ['account'] });
}
