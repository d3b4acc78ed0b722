import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';

import { OrgUnit } from './org-unit.entity';

/** The unit that took over when another closed or merged (Thái Bình into Hưng Yên). */
@Entity({ tableName: 'org_unit_succession' })
export class OrgUnitSuccession {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => OrgUnit, { fieldName: 'predecessor_id' })
  predecessor!: OrgUnit;

  @ManyToOne(() => OrgUnit, { fieldName: 'successor_id' })
  successor!: OrgUnit;

  /** The first day the successor holds the predecessor's place. */
  @Property({ type: 'string', columnType: 'date' })
  effectiveDate!: string;

  @Property({ type: 'text' })
  provenance!: string;
}
