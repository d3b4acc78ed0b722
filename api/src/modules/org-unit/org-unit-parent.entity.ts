import { Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';

import { OrgUnit } from './org-unit.entity';

/**
 * A unit's parent for a period (validTo inclusive, null while current). The database fills the kind
 * columns from the units and refuses a pair of kinds that is not allowed, or two parents at once.
 */
@Entity({ tableName: 'org_unit_parent' })
export class OrgUnitParent {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => OrgUnit, { fieldName: 'unit_id' })
  unit!: OrgUnit;

  @ManyToOne(() => OrgUnit, { fieldName: 'parent_id' })
  parent!: OrgUnit;

  @Property({ type: 'string', columnType: 'date' })
  validFrom!: string;

  @Property({ type: 'string', columnType: 'date', nullable: true })
  validTo: string | null = null;

  @Property({ type: 'text' })
  provenance!: string;
}
