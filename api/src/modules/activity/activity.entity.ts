import { BigIntType, Entity, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';

import type { ActivityKind, Qualifier } from '@cdvn/domain';

import type { Money } from '../../shared/money';
import { OrgUnit } from '../org-unit/org-unit.entity';

export { ACTIVITY_KINDS, type ActivityKind, QUALIFIERS, type Qualifier } from '@cdvn/domain';

/** A named programme (chương trình) that activities belong to, such as "1 triệu sáng kiến". */
@Entity({ tableName: 'programme' })
export class Programme {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @Property({ type: 'string', unique: true })
  code!: string;

  @Property({ type: 'string' })
  name!: string;

  @ManyToOne(() => OrgUnit, { fieldName: 'launched_by_id', nullable: true })
  launchedBy: OrgUnit | null = null;

  @Property({ type: 'text' })
  provenance!: string;
}

/** One entry of the metric catalogue, recorded by a unit on a date. */
@Entity({ tableName: 'activity' })
export class Activity {
  @PrimaryKey({ type: new BigIntType('number'), autoincrement: true })
  id!: number;

  @ManyToOne(() => OrgUnit, { fieldName: 'unit_id' })
  unit!: OrgUnit;

  @Property({ type: 'string' })
  kind!: ActivityKind;

  @Property({ type: 'string', columnType: 'date' })
  occurredOn!: string;

  /** People, participations (lượt), packages (suất), houses or initiatives, by kind. */
  @Property({ type: 'integer' })
  quantity = 0;

  @Property({ type: new BigIntType('bigint') })
  amount: Money = 0n;

  @ManyToOne(() => Programme, { fieldName: 'programme_id', nullable: true })
  programme: Programme | null = null;

  @Property({ type: 'smallint', nullable: true })
  programmePhase: number | null = null;

  @Property({ type: 'text', nullable: true })
  note: string | null = null;

  @Property({ type: 'string', nullable: true })
  quantityQualifier: Qualifier | null = null;

  @Property({ type: 'string', nullable: true })
  amountQualifier: Qualifier | null = null;

  @Property({ type: 'text' })
  provenance!: string;
}
