import { reportingLevelOf } from '@cdvn/domain';
import { DEMO_APPROVED_REPORTS, DEMO_CURRENT_REPORTS, demoDeclaredValues } from '@cdvn/seeds';
import type { EntityManager } from '@mikro-orm/postgresql';

import { Scope } from '../auth/scope';
import type { Viewer } from '../auth/viewer';
import { OrgUnit } from '../modules/org-unit/org-unit.entity';
import * as queries from '../modules/reporting/reporting.queries';
import type { PeriodRow } from '../modules/reporting/reporting.queries';
import {
  approveReport,
  requirePeriod,
  returnReport,
  saveReport,
  submitReport,
} from '../modules/reporting/reporting.service';

const SYSTEM = Scope.SYSTEM;
const VIEWER: Viewer = { kind: 'system', label: 'demo-data', grants: [] };

/** A moment on a day, in Vietnam's time. */
const on = (day: string, time: string): string => `${day}T${time}:00+07:00`;

async function dueOn(em: EntityManager, unit: OrgUnit, period: PeriodRow): Promise<string> {
  const level = reportingLevelOf(unit.kind);
  return (level && (await queries.deadlineOf(em, unit.id, period.code, level))) ?? period.as_at;
}

/**
 * A report submitted the day before its level's deadline and approved by its parent on that deadline,
 * as a report entered after the fact is stamped (the seeds' past periods).
 */
async function approveOnTime(
  em: EntityManager,
  code: string,
  period: PeriodRow,
  today: string,
): Promise<void> {
  const unit = await em.findOneOrFail(OrgUnit, { code });
  const due = await dueOn(em, unit, period);
  const before = new Date(Date.parse(`${due}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  const action = { unitCode: code, period: period.code, viewer: VIEWER, today };
  await submitReport(em, SYSTEM, { ...action, at: on(before, '09:00') });
  await approveReport(em, SYSTEM, { ...action, at: on(due, '16:00') });
}

/**
 * The reports of the demo data (seeds/src/reports.ts): the source documents' annual reports approved from
 * the bottom up, and the current half-year part-way under two provinces. Through the same services as the
 * API, after the records, so that every figure they freeze is the records'.
 */
export async function loadDemoReports(em: EntityManager, today: string): Promise<void> {
  for (const plan of DEMO_APPROVED_REPORTS) {
    const period = await requirePeriod(em, plan.period);
    const top = await em.findOneOrFail(OrgUnit, { code: plan.unitCode });
    for (const below of await queries.reportersOf(em, top.id, period)) {
      await approveOnTime(em, below.code, period, today);
    }
    await approveOnTime(em, plan.unitCode, period, today);
  }
  const current = (await queries.periods(em, null))
    .filter((p) => p.kind !== 'YEAR' && p.opens_on <= today)
    .at(-1);
  if (!current) {
    return;
  }
  for (const plan of DEMO_CURRENT_REPORTS) {
    const parent = await em.findOneOrFail(OrgUnit, { code: plan.parentCode });
    const children = (await queries.childReports(em, parent.id, current)).sort((a, b) =>
      b.code.localeCompare(a.code),
    );
    for (const [index, state] of plan.states.entries()) {
      const child = children[index];
      if (!child) {
        break;
      }
      const action = { unitCode: child.code, period: current.code, viewer: VIEWER, today };
      const values = Object.entries(demoDeclaredValues(child.code)).map(([key, value]) => ({ key, value }));
      await saveReport(em, SYSTEM, { ...action, values });
      if (state === 'DRAFT') {
        continue;
      }
      await submitReport(em, SYSTEM, action);
      if (state === 'APPROVED') {
        await approveReport(em, SYSTEM, action);
      } else if (state === 'RETURNED') {
        await returnReport(em, SYSTEM, { ...action, reason: plan.returnReason });
      }
    }
  }
}
