import type { AwardKind } from '@cdvn/domain';
import { BigIntType, Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';

import { Member } from '../member/member.entity';
import { OrgUnit } from '../org-unit/org-unit.entity';

export { AWARD_KINDS, type AwardKind } from '@cdvn/domain';

/** A distinction (khen thưởng) to a collective or a person, counted in the subtree of `unit`. */
@Entity({ tableName: 'award' })
export class Award {
  @PrimaryKey({ type: new BigIntType('number'), autoincrement: true })
  id!: number;

  @Property({ type: 'string' })
  kind!: AwardKind;

  /** The union unit that grants it; null when an authority outside the union does (issuerName). */
  @ManyToOne(() => OrgUnit, { fieldName: 'issuer_id', nullable: true })
  issuer: OrgUnit | null = null;

  @Property({ type: 'string', nullable: true })
  issuerName: string | null = null;

  /** The recipient unit of a collective award; the person's unit for an individual one. */
  @ManyToOne(() => OrgUnit, { fieldName: 'unit_id' })
  unit!: OrgUnit;

  @Property({ type: 'boolean' })
  collective!: boolean;

  @ManyToOne(() => Member, { fieldName: 'member_id', nullable: true })
  member: Member | null = null;

  @Property({ type: 'string', nullable: true })
  recipientName: string | null = null;

  @Property({ type: 'string', columnType: 'date' })
  awardedOn!: string;

  /** The year whose achievements it honours, when granted at the next year's conference; counts in that year. */
  @Property({ type: 'smallint', nullable: true })
  forYear: number | null = null;

  @Property({ type: 'text', nullable: true })
  reason: string | null = null;

  @Property({ type: 'text' })
  provenance!: string;
}
