import type { EntityManager } from '@mikro-orm/postgresql';
import fc from 'fast-check';

import { withRequestScope } from '../src/auth/request-scope';
import { Scope } from '../src/auth/scope';
import { recordActivities } from '../src/modules/activity/activity.service';
import { createMember, transferMember } from '../src/modules/member/member.service';
import { closeUnit, mergeUnits, moveUnit } from '../src/modules/org-unit/org-unit.service';
import { isAppError } from '../src/shared/errors';
import { freshSmallTree } from './support/builders';
import { openTestDatabase, type TestDatabase } from './support/database';
import { slicesUnder } from './support/leaks';

/**
 * Random trees through random restructurings (moves, merges, closures with and without a successor) and
 * random transfers: for a role held at every unit, open or closed, the API's checks and the database's
 * rows both equal an oracle of the rule, computed from the parent links with their periods.
 */
const TODAY = '2026-11-26';
const DATES = ['2016-06-01', '2020-06-01', '2023-06-01', '2025-06-01', TODAY];
const GRASSROOTS = ['G1', 'G2', 'G3', 'G4', 'G5'];
const PARENTS = ['P1', 'P2', 'P3', 'S1', 'S2'];
const PROVINCES = ['P1', 'P2', 'P3'];
const VIEWERS = ['P1', 'P2', 'P3', 'S1', 'S2', 'G1', 'G4'];

const date = fc
  .date({ min: new Date('2016-01-01T00:00:00Z'), max: new Date('2025-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

type Command =
  | { op: 'activity'; unit: string; date: string }
  | { op: 'member'; unit: string; date: string }
  | { op: 'transfer'; index: number; unit: string; date: string }
  | { op: 'move'; unit: string; parent: string; date: string }
  | { op: 'close'; unit: string; successor: string | null; date: string }
  | { op: 'merge'; source: string; target: string; date: string };

const command: fc.Arbitrary<Command> = fc.oneof(
  fc.record({ op: fc.constant('activity' as const), unit: fc.constantFrom(...PARENTS, ...GRASSROOTS), date }),
  fc.record({ op: fc.constant('member' as const), unit: fc.constantFrom(...GRASSROOTS), date }),
  fc.record({
    op: fc.constant('transfer' as const),
    index: fc.nat(),
    unit: fc.constantFrom(...GRASSROOTS),
    date,
  }),
  fc.record({
    op: fc.constant('move' as const),
    unit: fc.constantFrom('S1', 'S2', ...GRASSROOTS),
    parent: fc.constantFrom(...PARENTS),
    date,
  }),
  fc.record({
    op: fc.constant('close' as const),
    unit: fc.constantFrom('S1', 'S2', ...GRASSROOTS),
    successor: fc.constantFrom(null, ...PARENTS, ...GRASSROOTS),
    date,
  }),
  fc.record({
    op: fc.constant('merge' as const),
    source: fc.constantFrom(...PROVINCES),
    target: fc.constantFrom(...PROVINCES),
    date,
  }),
);

async function apply(em: EntityManager, cmd: Command, members: number[]): Promise<void> {
  const note = 'assumption: property test';
  switch (cmd.op) {
    case 'activity':
      await recordActivities(
        em.fork(),
        Scope.SYSTEM,
        [{ unitCode: cmd.unit, kind: 'SUPPORT', occurredOn: cmd.date, quantity: 1, provenance: note }],
        TODAY,
      );
      return;
    case 'member':
      members.push(
        (
          await createMember(
            em.fork(),
            Scope.SYSTEM,
            { fullName: 'Thành viên', gender: 'MALE', unitCode: cmd.unit, joinedOn: cmd.date },
            TODAY,
          )
        ).id,
      );
      return;
    case 'transfer':
      if (members.length > 0) {
        await transferMember(
          em.fork(),
          Scope.SYSTEM,
          members[cmd.index % members.length],
          cmd.unit,
          cmd.date,
          TODAY,
        );
      }
      return;
    case 'move':
      return moveUnit(em.fork(), Scope.SYSTEM, cmd.unit, cmd.parent, cmd.date, note, { today: TODAY });
    case 'close':
      return closeUnit(
        em.fork(),
        Scope.SYSTEM,
        cmd.unit,
        cmd.date,
        { provenance: note, ...(cmd.successor ? { successorCode: cmd.successor } : {}) },
        { today: TODAY },
      );
    case 'merge':
      return mergeUnits(em.fork(), Scope.SYSTEM, [cmd.source], cmd.target, cmd.date, note, { today: TODAY });
  }
}

interface Unit {
  id: number;
  code: string;
  from: string;
  to: string | null;
}

/** The periods during which each unit stood under `root` or a unit it took over, from the links. */
async function slicesOfRoot(
  em: EntityManager,
  root: number,
): Promise<Array<{ id: number; lo: string; hi: string }>> {
  return em.getConnection().execute(
    `${slicesUnder('select ?::integer')}
     select id, lower(period)::text as lo, coalesce((upper(period) - 1)::text, '9999-12-31') as hi from below`,
    [root],
  );
}

describe('tenancy after random restructurings', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase('empty');
  });
  afterAll(() => db.close());

  it('gives every role, at open and closed units, exactly what the rule allows, in the API and in the database', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 4, maxLength: 16 }), async (commands) => {
        const em = db.orm.em.fork();
        await freshSmallTree(em);
        const members: number[] = [];
        for (const cmd of commands) {
          try {
            await apply(em, cmd, members);
          } catch (error) {
            if (!isAppError(error)) {
              throw error;
            }
          }
        }
        const units = await em
          .getConnection()
          .execute<Unit[]>(
            `select id, code, valid_from::text as from, valid_to::text as to from org_unit order by id`,
          );
        for (const viewerCode of VIEWERS) {
          const viewer = units.find((u) => u.code === viewerCode)!;
          const slices = await slicesOfRoot(em, viewer.id);
          const under = (unit: Unit, day: string) =>
            slices.some((s) => s.id === unit.id && s.lo <= day && day <= s.hi);
          const within = (unit: Unit, day: string) =>
            day < unit.from ? unit.from : unit.to !== null && day > unit.to ? unit.to : day;
          const open = viewer.from <= TODAY && (viewer.to === null || viewer.to >= TODAY);
          const expected = units.flatMap((unit) =>
            DATES.map((day) => ({
              unit: unit.code,
              day,
              read: under(unit, within(unit, day)),
              write: open && under(unit, within(unit, day)) && under(unit, unit.to ?? TODAY),
            })),
          );
          const grant = {
            kind: 'system' as const,
            label: 'property',
            grants: [{ unitId: viewer.id, role: 'ADMIN' as const }],
          };
          const { actual, rows } = await withRequestScope(
            db.appOrm,
            grant,
            'property',
            TODAY,
            async (tx, scope) => {
              const checks = [];
              for (const unit of units) {
                for (const day of DATES) {
                  checks.push({
                    unit: unit.code,
                    day,
                    read: await scope.can('unit:read', unit.id, day),
                    write: await scope.can('record:write', unit.id, day),
                  });
                }
              }
              const seen = async (sql: string) =>
                (
                  await tx
                    .getConnection()
                    .execute<Array<{ id: string }>>(sql, [], 'all', tx.getTransactionContext())
                ).map((row) => String(row.id));
              return {
                actual: checks,
                rows: {
                  activity: await seen('select id from activity order by id'),
                  membership: await seen('select id from membership order by id'),
                  member: await seen('select id from member order by id'),
                },
              };
            },
          );
          expect({ viewer: viewerCode, commands, checks: actual }).toEqual({
            viewer: viewerCode,
            commands,
            checks: expected,
          });

          const owner = em.getConnection();
          const byId = new Map(units.map((u) => [u.id, u]));
          const activities = await owner.execute<Array<{ id: string; unit_id: number; day: string }>>(
            'select id, unit_id, occurred_on::text as day from activity order by id',
          );
          const memberships = await owner.execute<
            Array<{ id: string; member_id: string; unit_id: number; lo: string; hi: string }>
          >(
            `select id, member_id, unit_id, joined_on::text as lo, coalesce(left_on::text, '9999-12-31') as hi
               from membership order by member_id, joined_on`,
          );
          const overlaps = (m: { unit_id: number; lo: string; hi: string }) =>
            slices.some((s) => s.id === m.unit_id && s.lo <= m.hi && m.lo <= s.hi);
          const holders = new Map<string, number>();
          for (const m of memberships) {
            holders.set(String(m.member_id), m.unit_id);
          }
          expect({ viewer: viewerCode, commands, rows }).toEqual({
            viewer: viewerCode,
            commands,
            rows: {
              activity: activities.filter((a) => under(byId.get(a.unit_id)!, a.day)).map((a) => String(a.id)),
              membership: memberships
                .filter(overlaps)
                .map((m) => String(m.id))
                .sort((a, b) => Number(a) - Number(b)),
              member: [...holders]
                .filter(([, unitId]) => under(byId.get(unitId)!, byId.get(unitId)!.to ?? TODAY))
                .map(([id]) => id)
                .sort((a, b) => Number(a) - Number(b)),
            },
          });
        }
      }),
      { numRuns: 25, seed: 20261204 },
    );
  }, 240_000);
});
