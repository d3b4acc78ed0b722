import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';

import { withRequestScope } from '../../auth/request-scope';
import type { Scope } from '../../auth/scope';
import type { Viewer } from '../../auth/viewer';
import { appError, coded, refusal } from '../../shared/errors';
import { inTransaction } from '../../shared/request-writes';
import { OrgUnit } from '../org-unit/org-unit.entity';
import {
  applyTreeChanges,
  codesOf,
  datesOf,
  previewTreeChanges,
  type TreeChange,
  type TreeChangePreview,
} from '../org-unit/org-unit.preview';
import { RestructuringPlan } from './plan.entity';
import * as queries from './plan.queries';

/** Where a plan's changes come from, as the units' provenance records it. */
function provenanceOf(plan: { id: number; fileName: string | null }): string {
  return `restructuring plan ${plan.id}${plan.fileName ? ` (${plan.fileName})` : ''}, applied on its date`;
}

/**
 * What a plan will do, read as of its last date: a plan dated in the future is previewed as the day it
 * is applied will see it (and refused now for what would be refused then).
 */
export function previewPlan(
  em: EntityManager,
  scope: Scope,
  changes: TreeChange[],
  today: string,
): Promise<TreeChangePreview> {
  const { last } = datesOf(changes);
  return previewTreeChanges(em, scope, changes, last > today ? last : today);
}

/**
 * Keeps a plan dated after today until its date (issue 21), after previewing it as of that date: it is
 * kept at the unit whose subtree holds every unit it names, which its author must be able to change.
 */
export async function schedulePlan(
  em: EntityManager,
  scope: Scope,
  viewer: Viewer,
  changes: TreeChange[],
  today: string,
  fileName: string | null,
): Promise<{ plan: RestructuringPlan; preview: TreeChangePreview }> {
  if (viewer.kind !== 'account') {
    throw appError('FORBIDDEN', 'A plan dated in the future is scheduled by a person’s account.');
  }
  const preview = await previewPlan(em, scope, changes, today);
  const { first, last: date } = datesOf(changes);
  const units = await em.find(OrgUnit, { code: { $in: [...new Set(changes.flatMap(codesOf))] } });
  const unitId = await queries.commonUnit(
    em,
    units.map((unit) => unit.id),
    first,
  );
  if (unitId === null || !(await scope.can('structure:write', unitId, today))) {
    throw appError(
      'FORBIDDEN',
      'A plan dated in the future is kept at the unit over all the units it names: you must be able to change that unit’s tree.',
    );
  }
  const plan = await inTransaction(em, async (tx) => {
    const created = tx.create(RestructuringPlan, {
      unitId,
      effectiveDate: date,
      changes,
      fileName,
      createdBy: viewer.accountId,
    });
    await tx.flush();
    return created;
  });
  return { plan, preview };
}

/**
 * Carries a checked plan out: as one transaction now when every date has come, otherwise kept until its
 * last date (previewed as of that day first, so that what would be refused then is refused now).
 */
export async function carryOutPlan(
  em: EntityManager,
  scope: Scope,
  viewer: Viewer,
  changes: TreeChange[],
  { today, fileName, provenance }: { today: string; fileName: string | null; provenance: string },
): Promise<{ applied: boolean; scheduled: RestructuringPlan | null; preview: TreeChangePreview | null }> {
  if (datesOf(changes).last > today) {
    const { plan, preview } = await schedulePlan(em, scope, viewer, changes, today, fileName);
    return { applied: false, scheduled: plan, preview };
  }
  await applyTreeChanges(em, scope, changes, today, provenance);
  return { applied: true, scheduled: null, preview: null };
}

/** Cancels a scheduled plan before its date; the tree was never changed by it. */
export async function cancelPlan(
  em: EntityManager,
  scope: Scope,
  id: number,
  by: string,
): Promise<RestructuringPlan> {
  return inTransaction(em, async (tx) => {
    // Row-level security shows a plan only to those who may change its unit's subtree.
    const plan = await tx.findOne(RestructuringPlan, { id });
    if (!plan || !(await scope.can('structure:write', plan.unitId, scope.today))) {
      throw appError('NOT_FOUND', 'No restructuring plan you may change has this id.', { field: 'id' });
    }
    if (plan.status !== 'SCHEDULED') {
      throw refusal('PLAN_SETTLED', {}, 'id');
    }
    if (plan.effectiveDate <= scope.today) {
      throw refusal('PLAN_DATE_ARRIVED', { date: plan.effectiveDate }, 'id');
    }
    plan.status = 'CANCELLED';
    plan.settledAt = new Date();
    plan.settledBy = by;
    await tx.flush();
    return plan;
  });
}

/**
 * The plans the viewer may see, latest date first: row-level security (auth/tenancy.sql.ts) shows only
 * those kept at units whose subtree the viewer may change today, the rule `scope.can('structure:write')`
 * applies, so the list is one read.
 */
export function visiblePlans(em: EntityManager): Promise<RestructuringPlan[]> {
  return em.find(RestructuringPlan, {}, { orderBy: { effectiveDate: 'desc', id: 'desc' } });
}

/**
 * Applies every scheduled plan whose date has come, each in one transaction with its author's roles as
 * they are today (a plan whose author may no longer change that subtree, or that the tree no longer
 * allows, is marked FAILED with the reason and changes nothing). Several API instances may run this at
 * once: each plan is locked for its apply and applied once. Returns the ids applied.
 */
export async function applyDuePlans(owner: MikroORM, app: MikroORM, today: string): Promise<number[]> {
  const applied: number[] = [];
  for (const due of await queries.duePlans(owner.em.fork(), today)) {
    const author = await queries.liveGrantsOf(owner.em.fork(), due.created_by);
    const viewer: Viewer = {
      kind: 'system',
      label: `restructuring plan ${due.id} of ${author?.email ?? 'a removed account'}`,
      grants: author?.grants ?? [],
    };
    try {
      const done = await withRequestScope(
        app,
        viewer,
        'restructuring plan on its date',
        today,
        async (em, scope) => {
          const plan = await em.findOne(RestructuringPlan, { id: due.id });
          if (!plan || !(await scope.can('structure:write', plan.unitId, today))) {
            throw coded('FORBIDDEN', 'PLAN_AUTHOR_NOT_ALLOWED');
          }
          if ((await queries.lockScheduledPlan(em, due.id)) === null) {
            return false;
          }
          await applyTreeChanges(em, scope, plan.changes, today, provenanceOf(plan));
          plan.status = 'APPLIED';
          plan.settledAt = new Date();
          plan.settledBy = 'system: on its date';
          await em.flush();
          return true;
        },
      );
      if (done) {
        applied.push(due.id);
      }
    } catch (error) {
      await queries.markPlanFailed(owner.em.fork(), due.id, failureOf(error));
    }
  }
  return applied;
}

/** Why a plan failed: its refusal's English text, and its message code (else error code) and parameters. */
function failureOf(error: unknown): Parameters<typeof queries.markPlanFailed>[2] {
  if (!(error instanceof GraphQLError)) {
    return { message: error instanceof Error ? error.message : String(error), code: null, params: null };
  }
  const { messageCode, code, params } = error.extensions ?? {};
  return {
    message: error.message,
    code: typeof messageCode === 'string' ? messageCode : typeof code === 'string' ? code : null,
    params: typeof params === 'object' && params !== null ? (params as Record<string, unknown>) : null,
  };
}

/** Applies plans as their dates come: at start and every `intervalMs`. */
export function startPlanScheduler(
  owner: MikroORM,
  app: MikroORM,
  today: () => string,
  onApplied: () => Promise<void>,
  intervalMs = 60_000,
): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = running.then(async () => {
      try {
        if ((await applyDuePlans(owner, app, today())).length > 0) {
          await onApplied();
        }
      } catch (error) {
        console.error('applying the plans due today failed; retried at the next check', error);
      }
    });
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
