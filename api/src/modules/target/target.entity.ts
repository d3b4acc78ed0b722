import type { Rating } from '@cdvn/domain';
import { BigIntType, Entity, ManyToOne, PrimaryKey, Property, Unique } from '@mikro-orm/core';

import { OrgUnit } from '../org-unit/org-unit.entity';

export { RATINGS, type Rating } from '@cdvn/domain';

/** A target (chỉ tiêu) for a unit, a year and a metric of UnitStats; achievement is computed, never stored. */
@Entity({ tableName: 'target' })
@Unique({ properties: ['unit', 'year', 'metric'] })
export class Target {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => OrgUnit, { fieldName: 'unit_id' })
  unit!: OrgUnit;

  @Property({ type: 'smallint' })
  year!: number;

  /** A UnitStats field name, such as "newMembers". */
  @Property({ type: 'string' })
  metric!: string;

  @Property({ type: new BigIntType('bigint') })
  value!: bigint;

  @ManyToOne(() => OrgUnit, { fieldName: 'set_by_id', nullable: true })
  setBy: OrgUnit | null = null;

  @Property({ type: 'text' })
  provenance!: string;
}

/** The rating (xếp loại) of a unit for a year. */
@Entity({ tableName: 'unit_rating' })
export class UnitRating {
  @ManyToOne(() => OrgUnit, { fieldName: 'unit_id', primary: true })
  unit!: OrgUnit;

  @PrimaryKey({ type: 'smallint' })
  year!: number;

  @Property({ type: 'string' })
  rating!: Rating;

  @Property({ type: 'text' })
  provenance!: string;
}
