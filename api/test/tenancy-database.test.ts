import {
  PERMISSIONS,
  type Role,
  permissionsOf,
  settingKey,
  WRITE_PERMISSIONS,
} from '../src/auth/permissions';
import { todayIn } from '../src/shared/dates';
import { useDatabase } from './support/graphql';
import { slicesUnder } from './support/leaks';

/**
 * The database on its own: with a request's settings and nothing else (no API in front), the
 * application's role sees in every tenant table exactly the rows the rule allows, for roles held at
 * open, closed, merged and successor units. The oracle is computed on the owner's connection from the
 * rule as stated (README, "Who sees what"), walking parent links with their periods: not from the
 * policies, the paths they read, or the columns the rule keeps (`standing`, `holder_unit_id`).
 */
describe('row-level security on its own equals the rule, table by table', () => {
  const { db } = useDatabase('demo');
  const today = todayIn();

  /** Where a permission's roots come from: the units granted (open ones only, for the writing ones). */
  async function grantsFor(codes: string[], role: Role): Promise<Record<string, number[]>> {
    const units = await db()
      .orm.em.fork()
      .getConnection()
      .execute<Array<{ id: number; open: boolean }>>(
        `select id, validity @> ?::date as open from org_unit where code = any(?::text[])`,
        [today, `{${codes.join(',')}}`],
      );
    return Object.fromEntries(
      PERMISSIONS.map((p) => [
        settingKey(p),
        permissionsOf(role).includes(p)
          ? units.filter((u) => u.open || !WRITE_PERMISSIONS.includes(p)).map((u) => u.id)
          : [],
      ]),
    );
  }

  /** Each permission's slices: the units under its roots (or those they took over), with the periods. */
  async function slicesOf(grants: Record<string, number[]>) {
    const conn = db().orm.em.fork().getConnection();
    const [{ id: national }] = await conn.execute(
      `select id from org_unit where kind = 'NATIONAL_FEDERATION'`,
    );
    const slices: Array<{ perm: string; id: number; lo: string | null; hi: string | null }> = [];
    const everything: string[] = [];
    for (const [perm, units] of Object.entries(grants)) {
      if (units.includes(national)) {
        everything.push(perm);
        continue;
      }
      const rows = await conn.execute<Array<{ id: number; lo: string | null; hi: string | null }>>(
        `${slicesUnder('select unnest(?::integer[])')}
         select id, lower(period)::text as lo, (upper(period) - 1)::text as hi from below`,
        [`{${units.join(',')}}`],
      );
      slices.push(...rows.map((row) => ({ perm, ...row })));
    }
    return { slices, everything };
  }

  /** The rows of each table that the rule lets a viewer read, as conditions on the row `t`. */
  const within = (perm: string, unit: string, when: string) =>
    `exists (select 1 from s where s.perm = '${perm}' and s.id = ${unit} and ${when})`;
  const yearOf = (year: string, unit: string) =>
    `s.period @> least(make_date(${year}, 12, 31), coalesce((select u.valid_to from org_unit u where u.id = ${unit}), 'infinity'))`;
  /** Where a unit stands today, or stood on its last day. */
  const standing = (unit: string) =>
    `s.period @> coalesce((select u.valid_to from org_unit u where u.id = ${unit}), '${today}'::date)`;
  /** The union that holds a member now, or held them last: from the memberships themselves. */
  const holder = `(select ms.unit_id from membership ms where ms.member_id = t.id order by ms.joined_on desc limit 1)`;
  /** The highest member id, read by the owner: every member is asked of `member_names`. */
  let lastMember = 0;
  /**
   * The rows the rule lets a viewer read, from `from` (the table itself by default), against what the
   * application's role reads from `read` (by default the same table).
   */
  const TABLES: Record<
    string,
    { key: string; perm: string; rule: string; from?: string; read?: () => string }
  > = {
    activity: {
      key: 'id',
      perm: 'unit_read',
      rule: within('unit_read', 't.unit_id', 's.period @> t.occurred_on'),
    },
    award: {
      key: 'id',
      perm: 'unit_read',
      rule: within('unit_read', 't.unit_id', 's.period @> t.awarded_on'),
    },
    target: {
      key: 'id',
      perm: 'unit_read',
      rule: within('unit_read', 't.unit_id', yearOf('t.year', 't.unit_id')),
    },
    unit_rating: {
      key: `t.unit_id || '/' || t.year`,
      perm: 'unit_read',
      rule: within('unit_read', 't.unit_id', yearOf('t.year', 't.unit_id')),
    },
    annual_theme: {
      key: `t.unit_id || '/' || t.year`,
      perm: 'unit_read',
      rule: within('unit_read', 't.unit_id', yearOf('t.year', 't.unit_id')),
    },
    emulation_cluster_member: {
      key: `t.cluster_id || '/' || t.unit_id || '/' || t.year`,
      perm: 'unit_read',
      rule: within('unit_read', 't.unit_id', yearOf('t.year', 't.unit_id')),
    },
    officer: { key: 'id', perm: 'unit_read', rule: within('unit_read', 't.unit_id', 's.period && t.term') },
    report: { key: 'id', perm: 'unit_read', rule: within('unit_read', 't.unit_id', 's.period @> t.as_at') },
    report_tally: {
      key: `t.period_code || '/' || t.unit_id || '/' || t.kind || '/' || t.state || '/' || t.not_reported || '/' || t.on_time`,
      perm: 'unit_read',
      rule: within('unit_read', 't.unit_id', 's.period @> t.as_at'),
    },
    report_transition: {
      key: 'id',
      perm: 'unit_read',
      rule: within('unit_read', 't.unit_id', 's.period @> t.as_at'),
    },
    congress_term: {
      key: 'id',
      perm: 'unit_read',
      rule: within(
        'unit_read',
        't.unit_id',
        `s.period && daterange(make_date(t.from_year, 1, 1), make_date(t.to_year, 12, 31), '[]')`,
      ),
    },
    stat_rollup: {
      key: `t.unit_id || '/' || t.year`,
      perm: 'unit_read',
      rule: within('unit_read', 't.unit_id', yearOf('t.year', 't.unit_id')),
    },
    stat_own: {
      key: `t.unit_id || '/' || t.year`,
      perm: 'unit_read',
      rule: within('unit_read', 't.unit_id', yearOf('t.year', 't.unit_id')),
    },
    membership: {
      key: 'id',
      perm: 'member_read',
      rule: within('member_read', 't.unit_id', 's.period && t.period'),
    },
    member: { key: 'id', perm: 'member_read', rule: within('member_read', holder, standing(holder)) },
    // The names a page shows, through `member_names`: asked for every member, it answers for those with a
    // membership the viewer reads (an earlier union reads the names of those it held), and no others.
    member_names: {
      key: 'id',
      perm: 'member_read',
      rule: `exists (select 1 from membership ms where ms.member_id = t.id
                        and ${within('member_read', 'ms.unit_id', 's.period && ms.period')})`,
      from: 'member',
      read: () => `member_names(array(select generate_series(1, ${lastMember})::bigint))`,
    },
    role_assignment: {
      key: 'id',
      perm: 'account_admin',
      rule: within('account_admin', 't.unit_id', `s.period @> '${today}'::date`),
    },
    api_key: {
      key: 'id',
      perm: 'account_admin',
      rule: within('account_admin', 't.unit_id', `s.period @> '${today}'::date`),
    },
    // A grassroots union's months: its finance officers' (ADMIN, OFFICER), on the month's first day.
    finance_collection: {
      key: 'id',
      perm: 'finance_read',
      rule: within('finance_read', 't.unit_id', 's.period @> t.month'),
    },
    finance_month_rollup: {
      key: `t.unit_id || '/' || t.month`,
      perm: 'finance_read',
      rule: within('finance_read', 't.unit_id', yearOf('extract(year from t.month)::integer', 't.unit_id')),
    },
  };

  const VIEWERS: Array<[string, Role]> = [
    ['VN', 'ANALYST'],
    ['QN', 'ADMIN'],
    ['QN-CDVC', 'ADMIN'],
    ['TB', 'ADMIN'],
    ['HY', 'ADMIN'],
    ['TH', 'VIEWER'],
    ['HT-CDVC', 'OFFICER'],
    ['P001-CDVC-SKHCN', 'ADMIN'],
  ];

  beforeAll(async () => {
    // The completeness counts of periods before and after the 2025 restructuring, so that there are rows.
    const owner = db().orm.em.fork().getConnection();
    for (const period of ['2022', '2024-H2', '2026-H2']) {
      await owner.execute('select report_tally_ensure(?)', [period]);
    }
    [{ lastMember }] = await owner.execute<Array<{ lastMember: number }>>(
      'select max(id)::integer as "lastMember" from member',
    );
  });

  it.each(VIEWERS)('for a %s %s', async (code, role) => {
    const grants = await grantsFor([code], role);
    const { slices, everything } = await slicesOf(grants);
    const owner = db().orm.em.fork().getConnection();
    let compared = 0;
    for (const [table, { key, perm, rule, from = table, read = () => table }] of Object.entries(TABLES)) {
      const expected = (
        await owner.execute<Array<{ key: string }>>(
          `with s as (select perm, id, daterange(lo, hi, '[]') as period
                        from json_to_recordset(?::json) as x(perm text, id integer, lo date, hi date))
           select (${key})::text as key from ${from} t
            where ${everything.includes(perm) ? 'true' : grants[perm].length === 0 ? 'false' : rule}
            order by 1`,
          [JSON.stringify(slices)],
        )
      ).map((row) => row.key);
      const seen = await db()
        .appOrm.em.fork()
        .transactional(async (tx) => {
          const conn = tx.getConnection();
          const context = tx.getTransactionContext();
          await conn.execute(
            `select app_begin_request('test', null, ?::jsonb, ?::date)`,
            [JSON.stringify(grants), today],
            'all',
            context,
          );
          return (
            await conn.execute<Array<{ key: string }>>(
              `select (${key})::text as key from ${read()} t order by 1`,
              [],
              'all',
              context,
            )
          ).map((row) => row.key);
        });
      expect({ code, role, table, count: seen.length, same: seen.join() === expected.join() }).toEqual({
        code,
        role,
        table,
        count: expected.length,
        same: true,
      });
      compared += expected.length;
    }
    expect(compared).toBeGreaterThan(0);
  });

  it('lets the application role write a record only where the rule lets it, at the date it bears', async () => {
    const cases: Array<[string, Role, string, string, boolean]> = [
      // TB closed on 2025-06-30: its roles write nothing, not even its past.
      ['TB', 'ADMIN', 'TB-GD', '2022-05-01', false],
      ['TB', 'ADMIN', 'TB-GD', today, false],
      // HY took TB over: TB's past, and the units that moved to it.
      ['HY', 'ADMIN', 'TB-GD', '2022-05-01', true],
      ['HY', 'ADMIN', 'TB-GD', today, true],
      ['HY', 'ADMIN', 'TB-CDVC', '2022-05-01', true],
      // QN-CDVC closed: QN corrects its history (2023: its 2022 report is approved); its own roles do not.
      ['QN', 'OFFICER', 'QN-CDVC', '2023-05-01', true],
      ['QN-CDVC', 'ADMIN', 'QN-CDVC', '2023-05-01', false],
      ['TH', 'OFFICER', 'QN-CDVC', '2023-05-01', false],
      ['TH', 'VIEWER', 'TH', today, false],
    ];
    const results: boolean[] = [];
    for (const [code, role, unit, date] of cases) {
      const grants = await grantsFor([code], role);
      // The unit's id from the owner: a viewer who cannot see the unit could otherwise insert nothing.
      const [{ id: unitId }] = await db()
        .orm.em.fork()
        .getConnection()
        .execute(`select id from org_unit where code = ?`, [unit]);
      const written = await db()
        .appOrm.em.fork()
        .transactional(async (tx) => {
          const conn = tx.getConnection();
          const context = tx.getTransactionContext();
          await conn.execute(
            `select app_begin_request('test', null, ?::jsonb, ?::date)`,
            [JSON.stringify(grants), today],
            'all',
            context,
          );
          await conn.execute('savepoint attempt', [], 'all', context);
          try {
            await conn.execute(
              `insert into activity (unit_id, kind, occurred_on, quantity, amount, provenance)
               values (?, 'SUPPORT', ?::date, 1, 0, 'test')`,
              [unitId, date],
              'all',
              context,
            );
            return true;
          } catch (error) {
            expect(String(error)).toMatch(/row-level security/);
            await conn.execute('rollback to savepoint attempt', [], 'all', context);
            return false;
          }
        });
      results.push(written);
    }
    expect(results).toEqual(cases.map((c) => c[4]));
  });

  it('covers every table that has row-level security', async () => {
    const tables = await db()
      .orm.em.fork()
      .getConnection()
      .execute<Array<{ name: string }>>(
        `select relname as name from pg_class where relrowsecurity and relnamespace = 'public'::regnamespace order by 1`,
      );
    // Tables whose rule is not a unit's date: the units themselves, their names and links (the leak matrix and
    // tenancy tests), clusters (read by all who read units), deltas (folded every second), the audit log,
    // the name dictionary (names only), plans (kept at a unit, see restructuring-plan.test.ts), the
    // finance rules (read by all who read units, see finance.test.ts).
    const elsewhere = [
      'audit_log',
      'emulation_cluster',
      'finance_rule',
      'member_name_suffix',
      'org_unit',
      'org_unit_former_name',
      'org_unit_parent',
      'org_unit_succession',
      'report_deadline',
      'report_form',
      'report_period',
      'restructuring_plan',
      'stat_delta',
    ];
    // `member_names` is the one entry that is not a table (the function that reads members' names).
    expect(tables.map((t) => t.name).filter((t) => !elsewhere.includes(t))).toEqual(
      Object.keys(TABLES)
        .filter((t) => t !== 'member_names')
        .sort(),
    );
  });
});
