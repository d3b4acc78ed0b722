import { ACTIVITY_METRIC_SOURCES, EMPLOYER_KINDS, type EmployerKind } from '@cdvn/domain';
import { Scope } from '../src/auth/scope';
import type { EntityManager } from '@mikro-orm/postgresql';
import fc from 'fast-check';

import { recordActivities, deleteActivity } from '../src/modules/activity/activity.service';
import { grantAwards } from '../src/modules/award/award.service';
import { mergeUnits } from '../src/modules/org-unit/org-unit.service';
import { METRICS } from '../src/modules/statistics/metrics';
import { recordCollections } from '../src/modules/finance/finance.service';
import { ownStats, subtreeStats, subtreeStatsOnMap } from '../src/modules/statistics/statistics.queries';
import { isAppError } from '../src/shared/errors';
import { freshSmallTree } from './support/builders';
import { applyHistoryStep } from './support/histories';
import { openTestDatabase, type TestDatabase } from './support/database';
import { foldRollups, rebuildRollups } from '../src/modules/rollups/rollups.queries';

/**
 * After any sequence of writes, transfers, moves, merges, closures and deletions, every unit's rollup
 * for every year equals a brute-force sum over the raw records with that year's tree, computed here by
 * walking parent links (not the materialised paths the rollups use).
 */
const TODAY = '2026-11-26';
const YEARS = [2016, 2018, 2020, 2021, 2022, 2023, 2024, 2025];
const GRASSROOTS = ['G1', 'G2', 'G3', 'G4', 'G5'];
const MOVABLE = ['S1', 'S2', ...GRASSROOTS];
const PARENTS = ['P1', 'P2', 'P3', 'S1', 'S2'];
const PROVINCES = ['P1', 'P2', 'P3'];
/** The kinds some metric counts (the others are kept but counted nowhere). */
const COUNTED_KINDS = [...new Set(ACTIVITY_METRIC_SOURCES.map((source) => source.kind))];

const date = fc
  .date({ min: new Date('2016-01-01T00:00:00Z'), max: new Date('2025-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

type Command =
  | {
      op: 'activity';
      unit: string;
      kind: (typeof COUNTED_KINDS)[number];
      date: string;
      quantity: number;
      amount: bigint;
    }
  | { op: 'deleteActivity'; index: number }
  | {
      op: 'collection';
      unit: string;
      month: string;
      employer: EmployerKind;
      members: number;
      salaryBase: bigint;
      duesCollected: bigint;
      fundingPaid: bigint;
    }
  | { op: 'member'; unit: string; date: string; male: boolean }
  | { op: 'gender'; index: number }
  | { op: 'erase'; index: number }
  | { op: 'transfer'; index: number; unit: string; date: string }
  | { op: 'leave'; index: number; date: string }
  | { op: 'award'; unit: string; collective: boolean; date: string }
  | { op: 'move'; unit: string; parent: string; date: string }
  | { op: 'close'; unit: string; date: string }
  | { op: 'merge'; source: string; target: string; date: string };

const everyUnit = ['VN', ...PARENTS, ...GRASSROOTS];
const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant('activity' as const),
      unit: fc.constantFrom(...everyUnit),
      kind: fc.constantFrom(...COUNTED_KINDS),
      date,
      quantity: fc.integer({ min: 0, max: 40 }),
      amount: fc.bigInt({ min: 0n, max: 10n ** 13n }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('deleteActivity' as const), index: fc.nat() }) },
  {
    // A grassroots union's month (recorded again, it replaces the one before).
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('collection' as const),
      unit: fc.constantFrom(...GRASSROOTS),
      month: fc
        .tuple(fc.integer({ min: 2020, max: 2025 }), fc.integer({ min: 1, max: 12 }))
        .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`),
      employer: fc.constantFrom(...EMPLOYER_KINDS),
      members: fc.integer({ min: 0, max: 500 }),
      salaryBase: fc.bigInt({ min: 0n, max: 10n ** 10n }),
      duesCollected: fc.bigInt({ min: 0n, max: 10n ** 8n }),
      fundingPaid: fc.bigInt({ min: 0n, max: 10n ** 8n }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('member' as const),
      unit: fc.constantFrom(...GRASSROOTS),
      date,
      male: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('gender' as const), index: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('erase' as const), index: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('transfer' as const),
      index: fc.nat(),
      unit: fc.constantFrom(...GRASSROOTS),
      date,
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('leave' as const), index: fc.nat(), date }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('award' as const),
      unit: fc.constantFrom(...everyUnit),
      collective: fc.boolean(),
      date,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('move' as const),
      unit: fc.constantFrom(...MOVABLE),
      parent: fc.constantFrom(...PARENTS),
      date,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('close' as const), unit: fc.constantFrom(...GRASSROOTS), date }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('merge' as const),
      source: fc.constantFrom(...PROVINCES),
      target: fc.constantFrom(...PROVINCES),
      date,
    }),
  },
);

async function apply(
  em: EntityManager,
  cmd: Command,
  members: number[],
  activities: number[],
): Promise<void> {
  const note = 'assumption: property test';
  switch (cmd.op) {
    case 'activity': {
      const [a] = await recordActivities(
        em.fork(),
        Scope.SYSTEM,
        [
          {
            unitCode: cmd.unit,
            kind: cmd.kind,
            occurredOn: cmd.date,
            quantity: cmd.quantity,
            amount: cmd.amount,
            provenance: note,
          },
        ],
        TODAY,
      );
      activities.push(a.id);
      return;
    }
    case 'collection':
      await recordCollections(
        em.fork(),
        Scope.SYSTEM,
        [
          {
            unitCode: cmd.unit,
            month: cmd.month,
            employerKind: cmd.employer,
            membersPaying: cmd.members,
            salaryBase: cmd.salaryBase,
            payroll: cmd.salaryBase,
            duesCollected: cmd.duesCollected,
            fundingPaid: cmd.fundingPaid,
            provenance: note,
          },
        ],
        TODAY,
      );
      return;
    case 'deleteActivity':
      if (activities.length > 0) {
        await deleteActivity(em.fork(), Scope.SYSTEM, activities.splice(cmd.index % activities.length, 1)[0]);
      }
      return;
    case 'award':
      await grantAwards(
        em.fork(),
        Scope.SYSTEM,
        [
          {
            kind: 'CERTIFICATE_OF_MERIT',
            issuerCode: 'VN',
            unitCode: cmd.unit,
            collective: cmd.collective,
            awardedOn: cmd.date,
            provenance: note,
          },
        ],
        TODAY,
      );
      return;
    case 'erase':
      // A person's record erased outright (their memberships go with it): their figures go too.
      if (members.length > 0) {
        const [id] = members.splice(cmd.index % members.length, 1);
        await em.getConnection().execute('delete from member where id = ?', [id]);
      }
      return;
    case 'member':
    case 'gender':
    case 'transfer':
    case 'leave':
    case 'move':
    case 'close':
      return applyHistoryStep(em, cmd, members, TODAY);
    case 'merge':
      return mergeUnits(em.fork(), Scope.SYSTEM, [cmd.source], cmd.target, cmd.date, note);
  }
}

/**
 * A history on a fresh small tree (every run starts from an empty database of its own history), refusals
 * of the application skipped; the units it leaves. The years from 2020 are folded; earlier ones are summed
 * from the own totals when read.
 */
async function replay(em: EntityManager, commands: Command[]): Promise<Array<{ id: number; code: string }>> {
  await freshSmallTree(em);
  await rebuildRollups(em, 2020, TODAY);
  const members: number[] = [];
  const activities: number[] = [];
  for (const cmd of commands) {
    try {
      await apply(em, cmd, members, activities);
    } catch (error) {
      if (!isAppError(error)) {
        throw error;
      }
    }
  }
  return em.execute<Array<{ id: number; code: string }>>('select id, code from org_unit');
}

/** The rollups of every unit for a year, from the raw records and the parent links of that year. */
async function oracle(em: EntityManager, year: number): Promise<Map<string, Record<string, string>>> {
  const end = `${year}-12-31`;
  const start = `${year}-01-01`;
  // A month of collections counts in its year, at its union and every unit above it on the year's tree.
  const money = (expression: string) =>
    `coalesce((select sum(${expression}) from up join finance_collection f on f.unit_id = up.unit_id where up.anc = u.id and extract(year from f.month) = ${year}), 0)`;
  const shared = (level: string) =>
    `(f.dues_shares ->> '${level}')::bigint + (f.funding_shares ->> '${level}')::bigint`;
  const kinds = (kind: string, column: string) =>
    `coalesce((select sum(a.${column}) from activity a join up on up.unit_id = a.unit_id where up.anc = u.id and a.kind = '${kind}' and extract(year from a.occurred_on) = ${year}), 0)`;
  const rows = await em.getConnection().execute(
    `with recursive placed as (
       select g.id, least('${end}'::date, coalesce(g.valid_to, '${end}'::date)) as d from org_unit g
        where g.valid_from <= '${end}' and (g.valid_to is null or g.valid_to >= '${start}')
     ), up(unit_id, anc, d) as (
       select id, id, d from placed
       union all
       select up.unit_id, l.parent_id, up.d from up join org_unit_parent l on l.unit_id = up.anc and l.period @> up.d
     )
     select u.code,
       (select count(*) from up join org_unit g on g.id = up.unit_id where up.anc = u.id and g.kind = 'GRASSROOTS_UNION' and g.validity @> '${end}'::date) as "grassrootsUnits",
       (select count(*) from up join org_unit g on g.id = up.unit_id where up.anc = u.id and g.kind = 'GRASSROOTS_UNION' and extract(year from g.valid_from) = ${year}) as "newGrassrootsUnits",
       (select count(*) from up join membership m on m.unit_id = up.unit_id where up.anc = u.id and m.period @> '${end}'::date) as "members",
       (select count(*) from up join membership m on m.unit_id = up.unit_id where up.anc = u.id and m.admission and extract(year from m.joined_on) = ${year}) as "newMembers",
       (select count(*) from up join membership m on m.unit_id = up.unit_id join member p on p.id = m.member_id
         where up.anc = u.id and p.gender = 'FEMALE' and m.period @> '${end}'::date) as "womenMembers",
       ${kinds('WELFARE', 'quantity')} as "welfareParticipants", ${kinds('WELFARE', 'amount')} as "welfareAmount",
       ${kinds('SUPPORT', 'quantity')} as "supportCases", ${kinds('SUPPORT', 'amount')} as "supportAmount",
       ${kinds('GIFT', 'quantity')} as "giftPackages", ${kinds('GIFT', 'amount')} as "giftAmount",
       ${kinds('CHARITY', 'amount')} as "charityAmount",
       ${kinds('UNION_HOME', 'quantity')} as "housesBuilt", ${kinds('UNION_HOME', 'amount')} as "housingAmount",
       ${kinds('INITIATIVE', 'quantity')} as "initiatives",
       (select count(*) from up join award w on w.unit_id = up.unit_id where up.anc = u.id and w.collective and coalesce(w.for_year, extract(year from w.awarded_on)) = ${year}) as "awardsCollective",
       (select count(*) from up join award w on w.unit_id = up.unit_id where up.anc = u.id and not w.collective and coalesce(w.for_year, extract(year from w.awarded_on)) = ${year}) as "awardsIndividual",
       ${kinds('PARTY_REFERRAL', 'quantity')} as "partyReferrals", ${kinds('PARTY_ADMISSION', 'quantity')} as "partyAdmissions",
       ${money('f.dues_collected')} as "duesCollected", ${money('f.dues_expected')} as "duesExpected",
       ${money('f.funding_paid')} as "fundingPaid", ${money('f.funding_due')} as "fundingDue",
       ${money('greatest(f.dues_expected - f.dues_collected, 0) + greatest(f.funding_due - f.funding_paid, 0)')} as "financeArrears",
       ${money(shared('grassroots'))} as "financeKept", ${money(shared('directUpper'))} as "financeToDirectUpper",
       ${money(shared('province'))} as "financeToProvince", ${money(shared('national'))} as "financeToNational"
     from org_unit u`,
  );
  return new Map(
    rows.map((row: Record<string, unknown>) => [
      row.code as string,
      Object.fromEntries(METRICS.map((m) => [m.field, String(row[m.field])])),
    ]),
  );
}

describe('rollups after random histories', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase('empty');
  });
  afterAll(() => db.close());

  it('equal a brute-force sum over the raw records with each year’s tree', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 5, maxLength: 30 }), async (commands) => {
        const em = db.orm.em.fork();
        const units = await replay(em, commands);
        const ids = new Map(units.map((row) => [row.id, row.code]));
        // Once with deltas pending on the folded years, once after folding them.
        for (const stage of ['pending', 'folded']) {
          if (stage === 'folded') {
            await foldRollups(em, TODAY);
          }
          for (const year of YEARS) {
            const expected = await oracle(em, year);
            const actual = await subtreeStats(em, [...ids.keys()], year);
            for (const [id, code] of ids) {
              const values = actual.get(id);
              const got = Object.fromEntries(METRICS.map((m) => [m.field, String(values?.[m.field] ?? 0)]));
              expect({ stage, code, year, ...got }).toEqual({ stage, code, year, ...expected.get(code) });
            }
            // The months of every subtree (finance_month_rollup) add up to the year's finance figures.
            const months = await em.getConnection().execute<Array<Record<string, string>>>(
              `select u.code, coalesce(sum(r.dues_collected), 0)::text as "duesCollected",
                      coalesce(sum(r.dues_expected), 0)::text as "duesExpected",
                      coalesce(sum(r.funding_paid), 0)::text as "fundingPaid",
                      coalesce(sum(r.funding_due), 0)::text as "fundingDue",
                      coalesce(sum(r.arrears), 0)::text as "financeArrears",
                      coalesce(sum(r.kept), 0)::text as "financeKept"
                 from org_unit u left join finance_month_rollup r
                   on r.unit_id = u.id and extract(year from r.month) = ${year}
                group by u.code`,
            );
            for (const row of months) {
              const all = expected.get(row.code)!;
              const want = Object.fromEntries(
                Object.keys(row).map((key) => [key, key === 'code' ? row.code : all[key]]),
              );
              expect({ stage, year, months: row }).toEqual({ stage, year, months: want });
            }
          }
        }
      }),
      { numRuns: 60, seed: 20261126 },
    );
  }, 180_000);

  it('on the tree of another day equal the records of every unit of the year summed where it stands on that tree, and lose nothing', async () => {
    const sum = (parts: Array<Record<string, unknown> | undefined>) =>
      Object.fromEntries(
        METRICS.map((m) => [
          m.field,
          String(parts.reduce((total, part) => total + BigInt(String(part?.[m.field] ?? 0)), 0n)),
        ]),
      );
    await fc.assert(
      fc.asyncProperty(
        fc.array(command, { minLength: 5, maxLength: 30 }),
        fc.constantFrom('2018-06-30', '2021-12-31', '2023-03-15', TODAY),
        async (commands, day) => {
          const em = db.orm.em.fork();
          const units = await replay(em, commands);
          const ids = units.map((row) => row.id);
          const vn = units.find((row) => row.code === 'VN')!.id;
          for (const year of YEARS) {
            // The oracle: each unit of the year, placed by stat_map_holder one by one, its own records
            // added to every unit above its place on that day's tree.
            const placements: Array<{ owner_id: number; unit_id: number }> = await em.getConnection().execute(
              `select o.unit_id as owner_id, g.id as unit_id
                 from org_unit g cross join lateral stat_map_holder(g.id, ?::date) h
                 join org_unit_path hp on hp.unit_id = h.holder and hp.period @> ?::date
                 join org_unit_path o on o.period @> ?::date and hp.path <@ o.path
                where g.valid_from <= make_date(?, 12, 31) and (g.valid_to is null or g.valid_to >= make_date(?, 1, 1))`,
              [day, day, day, year, year],
            );
            const own = await ownStats(em, ids, year);
            const onMap = await subtreeStatsOnMap(em, ids, { year, day });
            for (const [id, values] of onMap) {
              const expected = sum(
                placements.filter((p) => p.owner_id === id).map((p) => own.get(p.unit_id)),
              );
              expect({ year, day, id, ...sum([values]) }).toEqual({ year, day, id, ...expected });
            }
            // The national federation on any tree holds every unit of the year, as on the year's own.
            expect({ year, day, ...sum([onMap.get(vn)]) }).toEqual({
              year,
              day,
              ...sum([(await subtreeStats(em, [vn], year)).get(vn)]),
            });
          }
        },
      ),
      { numRuns: 30, seed: 20261205 },
    );
  }, 180_000);
});
