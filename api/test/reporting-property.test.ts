import type { EntityManager } from '@mikro-orm/postgresql';
import fc from 'fast-check';

import { Scope } from '../src/auth/scope';
import type { Viewer } from '../src/auth/viewer';
import { recordActivities } from '../src/modules/activity/activity.service';
import {
  approveReport,
  markNotReported,
  reopenReport,
  returnReport,
  submitReport,
} from '../src/modules/reporting/reporting.service';
import { completenessCounts, type CompletenessRow } from '../src/modules/reporting/reporting.queries';
import { isAppError } from '../src/shared/errors';
import { freshSmallTree } from './support/builders';
import { applyHistoryStep } from './support/histories';
import { openTestDatabase, type TestDatabase } from './support/database';

/**
 * Random histories of record writes, tree operations and steps of the reporting cycle never change the
 * figures of a submitted or approved report, every refusal is a readable error (a lock is PERIOD_LOCKED),
 * and an approved upper-level report always equals its own figures plus its approved children's, computed
 * here from the raw records and the parent links of the period's date. The completeness counts kept ready
 * (report_tally), counted midway and moved by every step after, always equal a count of the tree and the
 * reports from scratch.
 */
const TODAY = '2026-11-26';
const PERIODS = ['2024-H1', '2024-H2', '2024'];
const GRASSROOTS = ['G1', 'G2', 'G3', 'G4', 'G5'];
const UPPER = ['S1', 'S2', 'P1', 'P2', 'P3'];
const REPORTERS = [...GRASSROOTS, ...UPPER, 'VN'];
const VIEWER: Viewer = { kind: 'system', label: 'property test', grants: [] };
const NOTE = 'assumption: property test';

const date = fc
  .date({ min: new Date('2023-11-01T00:00:00Z'), max: new Date('2025-02-28T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

type Step = 'submit' | 'approve' | 'submitAndApprove' | 'return' | 'reopen' | 'notReported';
type Command =
  | { op: Step; unit: string; period: string }
  | { op: 'activity'; unit: string; date: string; quantity: number }
  | { op: 'member'; unit: string; date: string }
  | { op: 'transfer'; index: number; unit: string; date: string }
  | { op: 'leave'; index: number; date: string }
  | { op: 'move'; unit: string; parent: string; date: string }
  | { op: 'close'; unit: string; date: string }
  | { op: 'count'; unit: string; period: string }
  | { op: 'deadline'; period: string; days: number; unit: string | null };

const step = (op: Step, weight: number) => ({
  weight,
  arbitrary: fc.record({
    op: fc.constant(op),
    unit: fc.constantFrom(...REPORTERS),
    period: fc.constantFrom(...PERIODS),
  }),
});
const command: fc.Arbitrary<Command> = fc.oneof(
  step('submit', 6),
  step('approve', 4),
  step('submitAndApprove', 8),
  step('return', 1),
  step('reopen', 1),
  step('notReported', 1),
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant('activity' as const),
      unit: fc.constantFrom(...REPORTERS),
      date,
      quantity: fc.integer({ min: 1, max: 9 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({ op: fc.constant('member' as const), unit: fc.constantFrom(...GRASSROOTS), date }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('transfer' as const),
      index: fc.nat(),
      unit: fc.constantFrom(...GRASSROOTS),
      date,
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('leave' as const), index: fc.nat(), date }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('move' as const),
      unit: fc.constantFrom('S1', 'S2', ...GRASSROOTS),
      parent: fc.constantFrom('P1', 'P2', 'P3', 'S1', 'S2'),
      date,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('close' as const), unit: fc.constantFrom(...GRASSROOTS), date }),
  },
  // Completeness read (its counts kept from then on), and a deadline moved (on time or late).
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('count' as const),
      unit: fc.constantFrom(...REPORTERS),
      period: fc.constantFrom(...PERIODS),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('deadline' as const),
      period: fc.constantFrom(...PERIODS),
      days: fc.integer({ min: 1, max: 1200 }),
      unit: fc.constantFrom(null, 'P1', 'S1'),
    }),
  },
);

async function apply(em: EntityManager, cmd: Command, members: number[]): Promise<void> {
  const action = { viewer: VIEWER, today: TODAY };
  switch (cmd.op) {
    case 'submit':
      await submitReport(em.fork(), Scope.SYSTEM, { ...action, unitCode: cmd.unit, period: cmd.period });
      return;
    case 'approve':
      await approveReport(em.fork(), Scope.SYSTEM, { ...action, unitCode: cmd.unit, period: cmd.period });
      return;
    case 'submitAndApprove':
      // The usual path up the tree, so that histories reach approved upper levels.
      await submitReport(em.fork(), Scope.SYSTEM, { ...action, unitCode: cmd.unit, period: cmd.period });
      await approveReport(em.fork(), Scope.SYSTEM, { ...action, unitCode: cmd.unit, period: cmd.period });
      return;
    case 'return':
      await returnReport(em.fork(), Scope.SYSTEM, {
        ...action,
        unitCode: cmd.unit,
        period: cmd.period,
        reason: 'sai số liệu',
      });
      return;
    case 'reopen':
      await reopenReport(em.fork(), Scope.SYSTEM, {
        ...action,
        unitCode: cmd.unit,
        period: cmd.period,
        reason: 'bổ sung',
      });
      return;
    case 'notReported':
      await markNotReported(em.fork(), Scope.SYSTEM, {
        ...action,
        unitCode: cmd.unit,
        period: cmd.period,
        reason: 'không gửi',
      });
      return;
    case 'activity':
      await recordActivities(
        em.fork(),
        Scope.SYSTEM,
        [
          {
            unitCode: cmd.unit,
            kind: 'SUPPORT',
            occurredOn: cmd.date,
            quantity: cmd.quantity,
            amount: BigInt(cmd.quantity) * 100_000n,
            provenance: NOTE,
          },
        ],
        TODAY,
      );
      return;
    case 'count': {
      const [unit] = await em
        .getConnection()
        .execute<Array<{ id: number }>>('select id from org_unit where code = ?', [cmd.unit]);
      const [period] = await em
        .getConnection()
        .execute<Array<{ code: string; as_at: string }>>(
          'select code, kind, starts_on::text, as_at::text, opens_on::text from report_period where code = ?',
          [cmd.period],
        );
      await completenessCounts(em.fork(), unit.id, period as never);
      return;
    }
    case 'deadline':
      // The national deadline of grassroots unions, or an earlier one a unit sets for its subtree.
      await em.getConnection().execute(
        cmd.unit === null
          ? `update report_deadline d set due_on = p.as_at + cast(? as integer) from report_period p
              where p.code = d.period_code and d.period_code = ? and d.level = 'GRASSROOTS' and d.unit_id is null`
          : `insert into report_deadline (period_code, level, unit_id, due_on, assumption, source)
             select p.code, 'GRASSROOTS', u.id, p.as_at + cast(? as integer), false, 'property test'
               from report_period p, org_unit u where p.code = ? and u.code = ?
             on conflict (period_code, level, coalesce(unit_id, 0)) do update set due_on = excluded.due_on`,
        cmd.unit === null ? [cmd.days, cmd.period] : [cmd.days, cmd.period, cmd.unit],
      );
      return;
    case 'member':
    case 'transfer':
    case 'leave':
    case 'move':
    case 'close':
      return applyHistoryStep(em, cmd, members, TODAY);
  }
}

interface LockedReport {
  id: number;
  code: string;
  unit_id: number;
  kind: string;
  period_code: string;
  state: string;
  starts_on: string;
  as_at: string;
  figures: Record<string, string>;
}

/**
 * Every submitted or approved report's frozen figures against the records now: the unit's own figures from
 * the raw rows (activities dated in the period, members on its date and admitted in it, itself as a
 * grassroots union), plus the approved reports of the units directly under it on the period's date.
 */
async function violations(em: EntityManager): Promise<string[]> {
  const conn = em.getConnection();
  const locked = await conn.execute<LockedReport[]>(
    `select r.id, u.code, r.unit_id, u.kind, r.period_code, r.state, pr.starts_on::text, pr.as_at::text, r.figures
       from report r join org_unit u on u.id = r.unit_id join report_period pr on pr.code = r.period_code
      where r.state in ('SUBMITTED', 'APPROVED')`,
  );
  const found: string[] = [];
  for (const report of locked) {
    const [own] = await conn.execute<Array<Record<string, string>>>(
      `select
         (select count(*) from membership m where m.unit_id = ? and m.period @> ?::date) as "members",
         (select count(*) from membership m where m.unit_id = ? and m.admission and m.joined_on between ? and ?) as "newMembers",
         (select count(*) from org_unit u where u.id = ? and u.kind = 'GRASSROOTS_UNION' and u.validity @> ?::date) as "grassrootsUnits",
         (select coalesce(sum(quantity), 0) from activity a where a.unit_id = ? and a.kind = 'SUPPORT' and a.occurred_on between ? and ?) as "supportCases",
         (select coalesce(sum(amount), 0) from activity a where a.unit_id = ? and a.kind = 'SUPPORT' and a.occurred_on between ? and ?) as "supportAmount"`,
      [
        report.unit_id,
        report.as_at,
        report.unit_id,
        report.starts_on,
        report.as_at,
        report.unit_id,
        report.as_at,
        report.unit_id,
        report.starts_on,
        report.as_at,
        report.unit_id,
        report.starts_on,
        report.as_at,
      ],
    );
    const children = await conn.execute<Array<{ figures: Record<string, string> }>>(
      `select r.figures from org_unit_parent l join report r on r.unit_id = l.unit_id and r.period_code = ?
        where l.parent_id = ? and l.period @> ?::date and r.state = 'APPROVED'`,
      [report.period_code, report.unit_id, report.as_at],
    );
    for (const field of Object.keys(own)) {
      const expected = children.reduce(
        (sum, child) => sum + BigInt(child.figures[field]),
        BigInt(own[field]),
      );
      if (BigInt(report.figures[field]) !== expected) {
        found.push(
          `${report.code} ${report.period_code} ${report.state}: ${field} frozen ${report.figures[field]}, now ${expected}`,
        );
      }
    }
  }
  return found;
}

/** Completeness counted from scratch: the tree of the period's date and the reports (the query before tallies). */
function countedFromScratch(em: EntityManager, unitId: number, period: { code: string; as_at: string }) {
  return em.getConnection().execute<CompletenessRow[]>(
    `with root as (select path from org_unit_path where unit_id = ? and period @> ?::date),
     reporters as (
       select p.unit_id, u.kind, cast(cast(subpath(p.path, nlevel(root.path), 1) as text) as integer) as child_id,
              case when u.kind = 'GRASSROOTS_UNION' then 'GRASSROOTS'
                   when u.kind = 'PROVINCIAL_FEDERATION' then 'PROVINCE' else 'UPPER_DIRECT' end as level, p.path
         from root join org_unit_path p on p.path <@ root.path and p.path <> root.path and p.period @> ?::date
         join org_unit u on u.id = p.unit_id),
     rows as (
       select e.child_id, e.kind, e.level, r.state, r.not_reported_reason is not null as not_reported,
              r.submitted_at is not null and cast(r.submitted_at at time zone 'Asia/Ho_Chi_Minh' as date) <= (
                select min(d.due_on) from report_deadline d where d.period_code = ? and d.level = e.level
                   and (d.unit_id is null or d.unit_id = any(cast(string_to_array(ltree2text(e.path), '.') as integer[])))
              ) as on_time
         from reporters e left join report r on r.unit_id = e.unit_id and r.period_code = ?)
     select child_id, kind, level, count(*)::int as expected,
            count(*) filter (where state = 'DRAFT')::int as draft,
            count(*) filter (where state = 'SUBMITTED')::int as submitted,
            count(*) filter (where state = 'APPROVED')::int as approved,
            count(*) filter (where state = 'RETURNED')::int as returned,
            count(*) filter (where state = 'REOPENED')::int as reopened,
            count(*) filter (where state is null)::int as not_started,
            count(*) filter (where not_reported)::int as not_reported,
            count(*) filter (where on_time)::int as on_time
       from rows group by grouping sets ((kind, level), (child_id, kind, level))
      order by child_id nulls first, kind`,
    [unitId, period.as_at, period.as_at, period.code, period.code],
  );
}

/** Every unit's completeness of every period, from the counts kept, against the same counted from scratch. */
async function countsAgainstScratch(em: EntityManager): Promise<string[]> {
  const conn = em.getConnection();
  const found: string[] = [];
  const periods = await conn.execute<
    Array<{ code: string; kind: string; starts_on: string; as_at: string; opens_on: string }>
  >(
    'select code, kind, starts_on::text, as_at::text, opens_on::text from report_period where code in (?, ?, ?)',
    PERIODS,
  );
  for (const period of periods) {
    const units = await conn.execute<Array<{ id: number; code: string }>>(
      'select u.id, u.code from org_unit u where u.validity @> ?::date order by u.code',
      [period.as_at],
    );
    for (const unit of units) {
      const kept = await completenessCounts(em.fork(), unit.id, period);
      const scratch = await countedFromScratch(em, unit.id, period);
      if (JSON.stringify(kept) !== JSON.stringify(scratch)) {
        found.push(
          `${unit.code} ${period.code}: kept ${JSON.stringify(kept)}, from scratch ${JSON.stringify(scratch)}`,
        );
      }
    }
  }
  return found;
}

describe('the reporting cycle after random histories', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase('empty');
  });
  afterAll(() => db.close());

  it('never changes a locked figure, refuses with PERIOD_LOCKED, and keeps upper reports the sum of their children', async () => {
    const outcomes = { applied: 0, locked: 0, approved: 0, upperApproved: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 10, maxLength: 40 }), async (commands) => {
        const em = db.orm.em.fork();
        await em
          .getConnection()
          .execute(
            'truncate report, report_transition, report_tally, report_tally_period restart identity cascade',
          );
        await freshSmallTree(em);
        const members: number[] = [];
        for (const cmd of commands) {
          try {
            await apply(em, cmd, members);
            outcomes.applied++;
          } catch (error) {
            // Every refusal is one the API explains; a change that would alter a locked report is PERIOD_LOCKED.
            if (!isAppError(error)) {
              throw error;
            }
            const code = error.extensions.code;
            expect(['PERIOD_LOCKED', 'BAD_USER_INPUT']).toContain(code);
            if (code === 'PERIOD_LOCKED') {
              outcomes.locked++;
            }
          }
          expect(await violations(em)).toEqual([]);
        }
        expect(await countsAgainstScratch(em)).toEqual([]);
        const [counts] = await em.getConnection().execute<Array<{ approved: string; upper: string }>>(
          `select count(*) as approved, count(*) filter (where u.kind <> 'GRASSROOTS_UNION') as upper
             from report r join org_unit u on u.id = r.unit_id where r.state = 'APPROVED'`,
        );
        outcomes.approved += Number(counts.approved);
        outcomes.upperApproved += Number(counts.upper);
      }),
      { numRuns: 25, seed: 19 },
    );
    // The histories reached what the property is about: approvals, and writes refused by their locks.
    expect(outcomes.approved).toBeGreaterThan(10);
    expect(outcomes.upperApproved).toBeGreaterThan(0);
    expect(outcomes.locked).toBeGreaterThan(5);
  }, 180_000);
});
