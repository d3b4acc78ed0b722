import { isObjectType } from 'graphql';

import { ruleTree } from '../src/auth/rules';
import { graphqlSchema } from '../src/graphql/schema';
import { toGlobalId } from '../src/shared/ids';
import { useDatabase } from './support/graphql';

/** Every tenant-owned table (row-level security on each). */
const TENANT_TABLES = [
  'org_unit',
  'org_unit_parent',
  'org_unit_succession',
  'member',
  'membership',
  'activity',
  'award',
  'target',
  'unit_rating',
  'officer',
  'congress_term',
  'annual_theme',
  'emulation_cluster_member',
  'stat_own',
  'stat_rollup',
  'role_assignment',
  'api_key',
  'audit_log',
];

describe('the schema gate', () => {
  it('gives every field of the schema a rule of its own (none falls to the deny fallback)', async () => {
    const schema = await graphqlSchema();
    const tree = ruleTree(schema);
    const uncovered: string[] = [];
    let fields = 0;
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) {
        continue;
      }
      for (const field of Object.keys(type.getFields())) {
        fields += 1;
        if (!tree[type.name]?.[field]) {
          uncovered.push(`${type.name}.${field}`);
        }
      }
    }
    expect(uncovered).toEqual([]);
    expect(fields).toBeGreaterThan(200);
  });
});

describe('the data gate (row-level security)', () => {
  const { db, api } = useDatabase('demo');

  it("runs every one of the owner's plpgsql functions as the owner, with its search path fixed", async () => {
    // A function replaced by a later migration loses both unless it says them again.
    const invoker = await db()
      .orm.em.getConnection()
      .execute(
        `select p.proname from pg_proc p join pg_language l on l.oid = p.prolang
          where p.pronamespace = 'public'::regnamespace and l.lanname = 'plpgsql'
            and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
            and (not p.prosecdef or not coalesce(p.proconfig, '{}') @> '{"search_path=public, pg_temp"}')
          order by 1`,
      );
    expect(invoker).toEqual([]);
    const [count] = await db()
      .orm.em.getConnection()
      .execute(
        `select count(*)::int as n from pg_proc p join pg_language l on l.oid = p.prolang
          where p.pronamespace = 'public'::regnamespace and l.lanname = 'plpgsql'`,
      );
    expect(count.n).toBeGreaterThan(20);
  });

  it("reads the request's settings once per statement in every policy, not once per row", async () => {
    // A bare current_setting() in a policy runs for every row checked (a province's 1.3 million
    // memberships at national scale); in a scalar subquery it runs once per statement.
    const policies = await db()
      .orm.em.getConnection()
      .execute<Array<{ name: string; condition: string }>>(
        `select tablename || '.' || policyname as name, coalesce(qual, '') || ' ' || coalesce(with_check, '') as condition
           from pg_policies where schemaname = 'public' order by 1`,
      );
    expect(policies.length).toBeGreaterThan(50);
    const perRow = policies.filter(({ condition }) =>
      condition.replace(/\( SELECT [A-Za-z_(]*current_setting/g, '').includes('current_setting'),
    );
    expect(perRow.map((p) => p.name)).toEqual([]);
    expect(policies.filter(({ condition }) => condition.includes('current_setting')).length).toBe(
      policies.length,
    );
  });

  it("finds the units that stood under a unit through the unit's own paths, for every unit", async () => {
    // The scope's settings hold its roots' paths ('{1.23.*,1.24.*}', matched with ?), which the index
    // can use; they must name the units that have the root anywhere in a path, at any date.
    const [row] = await db()
      .orm.em.getConnection()
      .execute(
        `select count(*)::int as units, count(*) filter (where by_label is distinct from by_paths)::int as differing
           from (select u.id,
                        array(select distinct p.unit_id from org_unit_path p
                               where p.path ~ cast('*.' || u.id || '.*' as lquery) order by 1) as by_label,
                        array(select distinct p.unit_id from org_unit_path p
                               where p.path ? (select cast(array_agg(ltree2text(r.path) || '.*') as lquery[])
                                                 from org_unit_path r where r.unit_id = u.id)
                               order by 1) as by_paths
                   from org_unit u) t`,
      );
    expect(row.differing).toBe(0);
    expect(row.units).toBeGreaterThan(200);
  });

  it('returns nothing to the application role outside the scoped path', async () => {
    const app = db().appOrm.em.fork().getConnection();
    const owner = db().orm.em.fork().getConnection();
    for (const table of TENANT_TABLES) {
      const [seen] = await app.execute(`select count(*)::int as n from ${table}`);
      const [all] = await owner.execute(`select count(*)::int as n from ${table}`);
      expect({ table, n: seen.n }).toEqual({ table, n: 0 });
      if (!['audit_log', 'api_key'].includes(table)) {
        expect({ table, n: all.n > 0 }).toEqual({ table, n: true });
      }
    }
  });

  it('scopes a raw query in a request transaction to the subtree, and keeps the indexes in use', async () => {
    const app = db().appOrm.em.fork();
    const owner = db().orm.em.fork().getConnection();
    const [{ id: qnCdvc }] = await owner.execute(`select id from org_unit where code = 'QN-CDVC'`);
    // Members' rows follow the union that holds them now (or held them last): those whose last union
    // last stood under QN-CDVC, found here from the memberships and paths themselves.
    const [{ n: expected }] = await owner.execute(
      `select count(*)::int as n from member m
        cross join lateral (select ms.unit_id from membership ms where ms.member_id = m.id
                             order by ms.joined_on desc limit 1) h
        cross join lateral (select p.path from org_unit_path p where p.unit_id = h.unit_id
                             order by lower(p.period) desc limit 1) p
        where p.path ~ ?::lquery`,
      [`*.${qnCdvc}.*`],
    );
    await app.transactional(async (tx) => {
      const conn = tx.getConnection();
      const context = tx.getTransactionContext();
      await conn.execute(
        `select app_begin_request('test', null, ?::jsonb, current_date)`,
        [JSON.stringify({ unit_read: [qnCdvc], member_read: [qnCdvc] })],
        'all',
        context,
      );
      const [{ n }] = await conn.execute('select count(*)::int as n from member', [], 'all', context);
      expect(n).toBe(expected);
      expect(n).toBeGreaterThan(1000);
      const [{ th }] = await conn.execute(
        `select count(*)::int as th from activity a join org_unit u on u.id = a.unit_id where u.code like 'TH%'`,
        [],
        'all',
        context,
      );
      expect(th).toBe(0);
      // With sequential scans priced out, a plan that still scans the members table would show the
      // policies forcing it; the policies must leave the index paths open.
      await conn.execute('set local enable_seqscan = off', [], 'all', context);
      const plan = await conn.execute(
        `explain select m.full_name from member m join membership ms on ms.member_id = m.id
          where ms.unit_id = ? and ms.left_on is null`,
        [qnCdvc + 1],
        'all',
        context,
      );
      const text = (plan as Array<Record<string, string>>).map((row) => row['QUERY PLAN']).join('\n');
      expect(text).not.toMatch(/Seq Scan on member\b/);
      expect(text).not.toMatch(/Seq Scan on membership\b/);
      expect(text).toMatch(/Index Scan using member_pkey on member/);
    });
  });

  it('keeps the audit log append-only for the application role', async () => {
    const app = db().appOrm.em.fork().getConnection();
    await expect(app.execute(`delete from audit_log`)).rejects.toThrow(/permission denied/);
    await expect(app.execute(`update audit_log set actor = 'x'`)).rejects.toThrow(/permission denied/);
    await expect(
      app.execute(`insert into audit_log (actor, entity, action) values ('x', 'y', 'INSERT')`),
    ).rejects.toThrow(/permission denied/);
  });

  it('audits every mutation with actor, operation, entity, before and after, readable by the subtree’s ADMIN', async () => {
    // QN-CDVC closed in 2025: QN, which it stood under, corrects its history.
    const officer = await api().as([{ code: 'QN', role: 'OFFICER' }]);
    const recorded = await officer(
      `mutation RecordVisit { recordActivity(input: { unitCode: "QN-CDVC", kind: SUPPORT, occurredOn: "2024-03-01",
        quantity: 3, amount: "6000000" }) { id } }`,
    );
    expect(recorded.errors).toBeUndefined();
    const rated = await officer(
      `mutation { rateUnit(unitCode: "QN-CDVC", year: 2023, rating: GOOD) { code } }`,
    );
    expect(rated.errors).toBeUndefined();
    const admin = await api().as([{ code: 'QN-CDVC', role: 'ADMIN' }]);
    const log = await admin<{
      auditLog: { edges: Array<{ node: Record<string, unknown> & { unit: { code: string } } }> };
    }>(
      `{ auditLog(unitCode: "QN-CDVC", first: 5) { edges { node { at actor operation entity action before after unit { code } } } } }`,
    );
    expect(log.errors).toBeUndefined();
    const [rating, activity] = log.data!.auditLog.edges.map((edge) => edge.node);
    // When, as an ISO moment: just now.
    expect(Date.now() - Date.parse(String(activity.at))).toBeLessThan(60_000);
    expect(activity).toMatchObject({
      actor: 'system:test',
      operation: 'mutation RecordVisit',
      entity: 'activity',
      action: 'INSERT',
      before: null,
      after: { kind: 'SUPPORT', quantity: 3, amount: 6000000 },
      unit: { code: 'QN-CDVC' },
    });
    expect(rating).toMatchObject({
      entity: 'unit_rating',
      operation: 'mutation rateUnit',
      after: { rating: 'GOOD' },
    });

    // Filters narrow the log: by table, action, actor and Viet Nam's days.
    const filtered = async (filter: string) => {
      const answer = await admin<{ auditLog: { edges: Array<{ node: { entity: string } }> } }>(
        `{ auditLog(unitCode: "QN-CDVC", first: 50, ${filter}) { edges { node { entity } } } }`,
      );
      expect(answer.errors).toBeUndefined();
      return answer.data!.auditLog.edges.map((edge) => edge.node.entity);
    };
    const vnToday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
    expect(await filtered('entity: "unit_rating"')).toEqual(['unit_rating']);
    expect(
      await filtered(
        `entity: "activity", action: "INSERT", actor: "SYSTEM:TE", from: "${vnToday}", to: "${vnToday}"`,
      ),
    ).toEqual(['activity']);
    expect(await filtered('entity: "activity", action: "DELETE"')).toEqual([]);
    expect(await filtered('actor: "account:"')).toEqual([]);
    expect(await filtered(`entity: "activity", to: "2020-01-01"`)).toEqual([]);

    const otherAdmin = await api().as([{ code: 'TH', role: 'ADMIN' }]);
    const refused = await otherAdmin(`{ auditLog(unitCode: "QN-CDVC") { edges { node { actor } } } }`);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const notAdmin = await api().as([{ code: 'QN-CDVC', role: 'OFFICER' }]);
    const refusedToOfficer = await notAdmin(`{ auditLog(unitCode: "QN-CDVC") { edges { node { actor } } } }`);
    expect(refusedToOfficer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const notAdminEither = await officer(`{ auditLog(unitCode: "QN-CDVC") { edges { node { actor } } } }`);
    expect(notAdminEither.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('mutations: allowed within the subtree for the roles that may write, refused elsewhere', () => {
  const { api } = useDatabase('demo');
  const RECORD = (unitCode: string) =>
    `mutation { recordActivity(input: { unitCode: "${unitCode}", kind: INITIATIVE, occurredOn: "2024-05-01", quantity: 1 }) { unit { code } } }`;

  it.each([
    ['ADMIN', 'TH', 'TH', true],
    ['OFFICER', 'QN', 'QN-CDVC', true],
    // HT-CDVC closed on 2025-06-30: roles held there read its history and write nothing.
    ['ADMIN', 'HT-CDVC', 'HT-CDVC', false],
    ['OFFICER', 'HT-CDVC', 'HT-CDVC', false],
    ['OFFICER', 'HT', 'HT-CDVC', true],
    ['OFFICER', 'HT-CDVC', 'HT', false],
    ['OFFICER', 'HT-CDVC', 'TH', false],
    ['OFFICER', 'HT-CDVC', 'NO-SUCH', false],
    ['VIEWER', 'HT-CDVC', 'HT-CDVC', false],
    ['ANALYST', 'HT', 'HT-CDVC', false],
  ] as const)('%s of %s recording for %s: %s', async (role, at, target, allowed) => {
    const run = await api().as([{ code: at, role }]);
    const result = await run(RECORD(target));
    if (allowed) {
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual({ recordActivity: { unit: { code: target } } });
    } else {
      expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(result.data).toBeNull();
    }
  });

  it('refuses another tenant’s member id as if it did not exist, and changes nothing', async () => {
    const national = api().run;
    const th = await national<{
      orgUnit: { members: { edges: Array<{ node: { id: string; fullName: string } }> } };
    }>(
      `{ orgUnit(code: "TH", asOf: "2022-12-31") { members(first: 1) { edges { node { id fullName } } } } }`,
    );
    const member = th.data!.orgUnit.members.edges[0].node;
    const officer = await api().as([{ code: 'QN-CDVC', role: 'OFFICER' }]);
    const changed = await officer(
      `mutation($id: ID!) { updateMember(id: $id, input: { fullName: "Changed" }) { fullName } }`,
      { id: member.id },
    );
    const missing = await officer(
      `mutation($id: ID!) { updateMember(id: $id, input: { fullName: "Changed" }) { fullName } }`,
      { id: toGlobalId('Member', 2_000_000_000) },
    );
    expect(changed.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(changed.errors?.[0].message).toBe(missing.errors?.[0].message);
    const again = await national<{ orgUnit: { members: { edges: Array<{ node: { fullName: string } }> } } }>(
      `{ orgUnit(code: "TH", asOf: "2022-12-31") { members(first: 1) { edges { node { fullName } } } } }`,
    );
    expect(again.data!.orgUnit.members.edges[0].node.fullName).toBe(member.fullName);
  });
});

describe('the tree’s structure: ADMINs change their subtree only', () => {
  const { api, db } = useDatabase('demo');
  const CREATE = (code: string, parentCode: string) =>
    `mutation { createOrgUnit(input: { code: "${code}", name: "Công đoàn cơ sở thử", kind: GRASSROOTS_UNION,
      parentCode: "${parentCode}", validFrom: "2026-01-05" }) { code parent { code } } }`;

  it('lets an ADMIN found, rename, move and close units within the subtree, with history and audit', async () => {
    const admin = await api().as([{ code: 'QN', role: 'ADMIN' }]);
    expect((await admin(CREATE('QN-TEST-1', 'QN'))).data).toEqual({
      createOrgUnit: { code: 'QN-TEST-1', parent: { code: 'QN' } },
    });
    const renamed = await admin(
      `mutation { renameOrgUnit(code: "QN-TEST-1", name: "Công đoàn cơ sở Sở Xây dựng") { name } }`,
    );
    expect(renamed.data).toEqual({ renameOrgUnit: { name: 'Công đoàn cơ sở Sở Xây dựng' } });
    const closed = await admin(
      `mutation { closeOrgUnit(code: "QN-TEST-1", date: "2026-03-31") { validTo } }`,
    );
    // The date is when the closing takes effect: the unit's last day is the day before.
    expect(closed.data).toEqual({ closeOrgUnit: { validTo: '2026-03-30' } });
    const [{ n }] = await db().orm.em.fork().getConnection()
      .execute(`select count(*)::int as n from audit_log where entity = 'org_unit' and entity_id =
        (select id::text from org_unit where code = 'QN-TEST-1')`);
    expect(n).toBe(3);
  });

  it('refuses changes that touch a unit outside the subtree, or from a role without structure rights', async () => {
    const qn = await api().as([{ code: 'QN', role: 'ADMIN' }]);
    const th = await api().as([{ code: 'TH', role: 'ADMIN' }]);
    const officer = await api().as([{ code: 'QN', role: 'OFFICER' }]);
    expect((await th(CREATE('TH-TEST-1', 'QN'))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await officer(CREATE('QN-TEST-2', 'QN'))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await qn(CREATE('QN-TEST-3', 'QN'))).errors).toBeUndefined();
    const intoTh = await qn(
      `mutation { moveOrgUnit(code: "QN-TEST-3", parentCode: "TH", date: "2026-02-01") { code } }`,
    );
    expect(intoTh.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const stolen = await th(
      `mutation { moveOrgUnit(code: "QN-TEST-3", parentCode: "TH", date: "2026-02-01") { code } }`,
    );
    expect(stolen.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const [{ parent }] = await db().orm.em.fork().getConnection()
      .execute(`select p.code as parent from org_unit_parent l join org_unit u on u.id = l.unit_id
        join org_unit p on p.id = l.parent_id where u.code = 'QN-TEST-3' and l.valid_to is null`);
    expect(parent).toBe('QN');
  });
});

describe('previews and plans: outside the subtree, nothing but the answer for an unknown code', () => {
  const { api } = useDatabase('demo');

  it('refuses a preview or a plan touching units outside the subtree, before and after the 2025 restructuring', async () => {
    const PREVIEW = `mutation($change: TreeChangeInput!) { previewTreeChange(change: $change) {
      moved { code name } closed { code name } roles { email code } unitsAffected membersAffected } }`;
    const qn = await api().as([{ code: 'QN', role: 'ADMIN' }]);
    for (const date of ['2022-06-01', '2026-01-05']) {
      const answers = new Map<string, string>();
      for (const outside of ['TH', 'TB', 'NO-SUCH-UNIT']) {
        for (const change of [
          { kind: 'MERGE', sourceCodes: [outside], targetCode: 'QN', date },
          { kind: 'MOVE', code: outside, parentCode: 'QN', date },
          {
            kind: 'CREATE',
            code: 'QN-NEW-UNION',
            name: 'Công đoàn mới',
            unitKind: 'GRASSROOTS_UNION',
            parentCode: outside,
            date,
          },
        ]) {
          const answer = await qn(PREVIEW, { change });
          expect(answer.data ?? null).toBeNull();
          expect(answer.errors?.[0].extensions?.code).toBe('FORBIDDEN');
          answers.set(`${outside} ${change.kind}`, JSON.stringify(answer.errors));
        }
      }
      // The same words whether the unit exists elsewhere or not at all.
      for (const kind of ['MERGE', 'MOVE', 'CREATE']) {
        expect(answers.get(`TH ${kind}`)).toBe(answers.get(`NO-SUCH-UNIT ${kind}`));
        expect(answers.get(`TB ${kind}`)).toBe(answers.get(`NO-SUCH-UNIT ${kind}`));
      }
    }

    const login = await api().http({
      query: 'mutation { login(email: "qn@demo.example", password: "demo-password") { token } }',
    });
    const token = (login.json.data as { login: { token: string } }).login.token;
    const plan = async (action: string, row: string) => {
      const response = await fetch(await api().url(`/plan/${action}`), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
        body: `Mã đơn vị,Hợp nhất từ,Ngày hiệu lực\n${row}`,
      });
      return { status: response.status, body: await response.text() };
    };
    for (const date of ['01/06/2022', '05/01/2026']) {
      for (const action of ['preview', 'apply']) {
        const th = await plan(action, `QN,"QN, TH",${date}`);
        const none = await plan(action, `QN,"QN, NO-SUCH-UNIT",${date}`);
        expect(th.status).toBe(200);
        // Thanh Hóa's federation is refused exactly as a code that does not exist.
        expect(th.body.replaceAll('\\"TH\\"', '\\"NO-SUCH-UNIT\\"')).toBe(none.body);
        expect(th.body).not.toContain('Thanh Hóa');
      }
    }
  });

  it('plans built in a client touching units outside the subtree are refused as unknown codes, before and after the 2025 restructuring', async () => {
    const qn = await api().as([{ code: 'QN', role: 'ADMIN' }]);
    const PLAN_PREVIEW = `mutation($changes: [TreeChangeInput!]!) { previewRestructuringPlan(changes: $changes) {
      moved { code } closed { code } reports { unitCode } } }`;
    const PLAN_APPLY = `mutation($changes: [TreeChangeInput!]!) { applyRestructuringPlan(changes: $changes) {
      applied scheduled { id unitCode } } }`;
    for (const date of ['2022-06-01', '2026-01-05', '2099-01-05']) {
      for (const query of [PLAN_PREVIEW, PLAN_APPLY]) {
        const answers = ['TH', 'TB', 'NO-SUCH-UNIT'].map(async (outside) => {
          const answer = await qn(query, {
            changes: [{ kind: 'MERGE', sourceCodes: [outside], targetCode: 'QN', date }],
          });
          expect(answer.data ?? null).toBeNull();
          return JSON.stringify(answer.errors).replaceAll(outside, 'X');
        });
        const [th, tb, none] = await Promise.all(answers);
        expect({ date, th, tb }).toEqual({ date, th: none, tb: none });
        expect(none).toContain('FORBIDDEN');
      }
    }
  });

  it("names in a preview only the reports the viewer may read: a province's change lists none above it", async () => {
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
    const national = await api().as([{ code: 'VN', role: 'ADMIN' }]);
    const saved = await national(
      `mutation { saveReport(unitCode: "VN", period: "${today.slice(0, 4)}", values: []) { state } }`,
    );
    expect(saved.errors).toBeUndefined();
    const qn = await api().as([{ code: 'QN', role: 'ADMIN' }]);
    const PREVIEW = `mutation($changes: [TreeChangeInput!]!) { previewRestructuringPlan(changes: $changes) {
      created { code } reports { unitCode } } }`;
    const found = (date: string) => ({
      changes: [
        {
          kind: 'CREATE',
          code: 'QN-PREVIEW-NEW',
          name: 'Công đoàn cơ sở mới',
          unitKind: 'GRASSROOTS_UNION',
          parentCode: 'QN',
          date,
        },
      ],
    });
    // The national body sees its own draft counted again; QN's admin, the same change, does not see it.
    const byNation = await national(PREVIEW, found(today));
    expect(byNation.errors).toBeUndefined();
    expect(
      (
        byNation.data as { previewRestructuringPlan: { reports: Array<{ unitCode: string }> } }
      ).previewRestructuringPlan.reports.map((r) => r.unitCode),
    ).toContain('VN');
    for (const date of ['2022-06-01', today]) {
      const answer = await qn(PREVIEW, found(date));
      const reports =
        (answer.data as { previewRestructuringPlan?: { reports: Array<{ unitCode: string }> } } | null)
          ?.previewRestructuringPlan?.reports ?? [];
      expect({ date, outside: reports.filter((r) => !r.unitCode.startsWith('QN')) }).toEqual({
        date,
        outside: [],
      });
      expect(JSON.stringify(answer)).not.toContain('"VN"');
    }
  });
});

describe('a change refused by a check deferred to commit', () => {
  const { api } = useDatabase('demo');

  it('is refused in the mutation’s own answer, and the request’s other changes stand', async () => {
    const admin = await api().as([{ code: 'VN', role: 'ADMIN' }]);
    // A union founded under HT-CDVC with no end: HT-CDVC closed on 2025-06-30, which only the check at
    // commit time sees (the parent existed on the first day).
    const result = await admin(`mutation {
      ok: renameOrgUnit(code: "QN-CDVC", name: "Công đoàn Viên chức tỉnh Quảng Ninh (đổi tên)") { name }
      late: createOrgUnit(input: { code: "HT-CDVC-NEW", name: "Công đoàn cơ sở mới", kind: GRASSROOTS_UNION,
        parentCode: "HT-CDVC", validFrom: "2024-01-01" }) { code }
    }`);
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]).toMatchObject({ path: ['late'], extensions: { code: 'BAD_USER_INPUT' } });
    expect(result.errors?.[0].message).toMatch(/HT-CDVC/);
    const after = await admin(
      `{ late: orgUnit(code: "HT-CDVC-NEW") { code } q: orgUnit(code: "QN-CDVC") { name } }`,
    );
    expect(after.data).toEqual({ late: null, q: { name: 'Công đoàn Viên chức tỉnh Quảng Ninh (đổi tên)' } });
  });
});
