import type { Gender } from '@cdvn/domain';
import { BigIntType, Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';

import { OrgUnit } from '../org-unit/org-unit.entity';

export type { Gender } from '@cdvn/domain';

/** A union member (đoàn viên). Personal data: name, birth date, phone, national id (Decree 13/2023). */
@Entity({ tableName: 'member' })
export class Member {
  @PrimaryKey({ type: new BigIntType('number'), autoincrement: true })
  id!: number;

  @Property({ type: 'string' })
  fullName!: string;

  @Property({ type: 'string' })
  gender!: Gender;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  birthDate: string | null = null;

  @Property({ type: 'string', nullable: true })
  phone: string | null = null;

  @Property({ type: 'string', nullable: true })
  nationalId: string | null = null;

  @Property({ type: 'string', nullable: true })
  cardNumber: string | null = null;

  @Property({ type: 'text' })
  provenance!: string;

  /**
   * The union that holds the member now, or held them last: whoever stands over it reads and changes the
   * member's personal data (auth/tenancy.sql.ts). Kept by the database from the memberships.
   */
  @Property({ type: 'integer', nullable: true })
  holderUnitId: number | null = null;
}

/** A period of a member in one grassroots union; a transfer ends one period and opens the next. */
@Entity({ tableName: 'membership' })
export class Membership {
  @PrimaryKey({ type: new BigIntType('number'), autoincrement: true })
  id!: number;

  @ManyToOne(() => Member, { fieldName: 'member_id' })
  member!: Member;

  @ManyToOne(() => OrgUnit, { fieldName: 'unit_id' })
  unit!: OrgUnit;

  @Property({ type: 'string', columnType: 'date' })
  joinedOn!: string;

  /** Last day in this union (inclusive); null while the period is open. */
  @Property({ type: 'string', columnType: 'date', nullable: true })
  leftOn: string | null = null;

  @Property({ type: 'string', nullable: true })
  leaveReason: string | null = null;

  /** True for the member's first period (kết nạp), false for a transfer. */
  @Property({ type: 'boolean' })
  admission!: boolean;
}
