import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { OrgUnitKind } from '@cdvn/domain';

/** A union unit. Its place in the tree lives in OrgUnitParent, period by period. */
@Entity({ tableName: 'org_unit' })
export class OrgUnit {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', unique: true })
  code!: string;

  /** The latest name, in force from `nameFrom` on; earlier names are in org_unit_former_name. */
  @Property({ type: 'string' })
  name!: string;

  /** The first day of the latest name; null when the unit has borne it from its first day. */
  @Property({ type: 'string', columnType: 'date', nullable: true })
  nameFrom: string | null = null;

  @Property({ type: 'string' })
  kind!: OrgUnitKind;

  /** First day of existence (YYYY-MM-DD). */
  @Property({ type: 'string', columnType: 'date' })
  validFrom!: string;

  /** Last day of existence, inclusive; null while the unit exists. */
  @Property({ type: 'string', columnType: 'date', nullable: true })
  validTo: string | null = null;

  @Property({ type: 'text' })
  provenance!: string;
}
