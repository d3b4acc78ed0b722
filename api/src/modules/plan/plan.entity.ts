import { Entity, type Opt, PrimaryKey, Property } from '@mikro-orm/core';

import type { TreeChange } from '../org-unit/org-unit.preview';

export type PlanStatus = 'SCHEDULED' | 'APPLIED' | 'CANCELLED' | 'FAILED';

/** A restructuring plan dated in the future, kept until its date (migration 20261214). */
@Entity({ tableName: 'restructuring_plan' })
export class RestructuringPlan {
  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  /** The unit whose subtree holds every unit the plan names. */
  @Property({ type: 'integer', fieldName: 'unit_id' })
  unitId!: number;

  /** The plan's last date: the day it is applied. */
  @Property({ type: 'date', fieldName: 'effective_date' })
  effectiveDate!: string;

  @Property({ type: 'json' })
  changes!: TreeChange[];

  @Property({ type: 'text', nullable: true })
  fileName: string | null = null;

  @Property({ type: 'text' })
  status: Opt<PlanStatus> = 'SCHEDULED';

  @Property({ type: 'integer', fieldName: 'created_by' })
  createdBy!: number;

  @Property({ type: 'datetime', defaultRaw: 'now()' })
  createdAt?: Date;

  @Property({ type: 'datetime', nullable: true })
  settledAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  settledBy: string | null = null;

  @Property({ type: 'text', nullable: true })
  failure: string | null = null;

  /** Why it failed, by message code (or error code) and parameters, for clients' own words. */
  @Property({ type: 'text', nullable: true })
  failureCode: Opt<string> | null = null;

  @Property({ type: 'json', nullable: true })
  failureParams: Opt<Record<string, string | number>> | null = null;
}
