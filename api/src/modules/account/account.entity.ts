import { Entity, ManyToOne, type Opt, PrimaryKey, Property } from '@mikro-orm/core';

import type { Role } from '../../auth/permissions';
import { OrgUnit } from '../org-unit/org-unit.entity';

/** A person who logs in with an email and a password (argon2id hash). */
@Entity({ tableName: 'account' })
export class Account {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'text' })
  email!: string;

  @Property({ type: 'text' })
  displayName!: string;

  @Property({ type: 'text', hidden: true })
  passwordHash!: string;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt?: Date;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  passwordChangedAt?: Date;

  @Property({ type: 'datetime', nullable: true })
  disabledAt: Date | null = null;

  /** Set by an ADMIN's reset: the account holds no role until it chooses its own password. */
  @Property({ type: 'boolean', default: false })
  mustChangePassword: Opt<boolean> = false;
}

/** A role held at a unit, covering its subtree. */
@Entity({ tableName: 'role_assignment' })
export class RoleAssignment {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => Account, { fieldName: 'account_id' })
  account!: Account;

  @ManyToOne(() => OrgUnit, { fieldName: 'unit_id' })
  unit!: OrgUnit;

  @Property({ type: 'string' })
  role!: Role;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  grantedAt?: Date;
}

/** A login; the bearer token names it, so that logout and revocation end it at once. */
@Entity({ tableName: 'session' })
export class Session {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => Account, { fieldName: 'account_id' })
  account!: Account;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt?: Date;

  @Property({ type: 'datetime' })
  expiresAt!: Date;

  @Property({ type: 'datetime', nullable: true })
  revokedAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  address: string | null = null;
}

/** A key for an external tool, read-only, for one unit's subtree. Only its SHA-256 is stored. */
@Entity({ tableName: 'api_key' })
export class ApiKey {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'text' })
  prefix!: string;

  @Property({ type: 'text', hidden: true })
  keyHash!: string;

  @Property({ type: 'text' })
  name!: string;

  @ManyToOne(() => OrgUnit, { fieldName: 'unit_id' })
  unit!: OrgUnit;

  @Property({ type: 'string' })
  role!: Role;

  @ManyToOne(() => Account, { fieldName: 'created_by_id', nullable: true })
  createdBy: Account | null = null;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt?: Date;

  @Property({ type: 'datetime', nullable: true })
  expiresAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  revokedAt: Date | null = null;

  @Property({ type: 'datetime', nullable: true })
  lastUsedAt: Date | null = null;

  /** Requests made with the key, written with its last use (at most a minute late). */
  @Property({ type: 'bigint', default: 0 })
  requestCount: Opt<string> = '0';
}
