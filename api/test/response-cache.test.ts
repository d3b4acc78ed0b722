import { tree } from './support/builders';
import { graphqlRunner, useDatabase } from './support/graphql';

/**
 * Answers served again from the response cache: only to the viewer they were computed for, and never
 * once a write has returned, whoever wrote it (this instance, another one, SQL).
 */
describe('the response cache', () => {
  const { db, api } = useDatabase('empty');

  beforeAll(async () => {
    await tree('2010-01-01')
      .national()
      .province('A')
      .province('B')
      .grassroots('A-G1', 'A')
      .grassroots('B-G1', 'B')
      .build(db().orm.em);
  });

  const UNIT = `query($code: String!) { orgUnit(code: $code) { code name stats(year: 2024) { members } } }`;
  const ADD_MEMBER = `mutation($unit: String!, $name: String!) {
    createMember(input: { fullName: $name, gender: FEMALE, unitCode: $unit, joinedOn: "2024-01-01", birthDate: "1990-01-01" }) { id } }`;

  async function counted(result: 'hit' | 'miss'): Promise<number> {
    const values = (await api().app.metrics.responseCache.get()).values;
    return values.find((value) => value.labels.result === result)?.value ?? 0;
  }
  const hits = () => counted('hit');

  async function unit(code: string) {
    const answer = await api().run<{ orgUnit: { name: string; stats: { members: number } } }>(UNIT, { code });
    expect(answer.errors).toBeUndefined();
    return answer.data!.orgUnit;
  }

  const ownerSql = (sql: string, values: unknown[] = []) =>
    db().orm.em.fork().getConnection().execute(sql, values);

  it('serves a query again while nothing changes, and computes it afresh after a mutation returns', async () => {
    const before = await unit('A');
    const hitsBefore = await hits();
    expect(await unit('A')).toEqual(before);
    expect(await hits()).toBe(hitsBefore + 1);

    const added = await api().run(ADD_MEMBER, { unit: 'A-G1', name: 'Lê Thị Hoa' });
    expect(added.errors).toBeUndefined();
    expect((await unit('A')).stats.members).toBe(before.stats.members + 1);
    expect(await hits()).toBe(hitsBefore + 1);
  });

  it('computes identical queries that arrive together once, and serves the others its answer', async () => {
    await ownerSql(`update org_unit set name = 'Province A' where code = 'A'`);
    const [hitsBefore, missesBefore] = [await hits(), await counted('miss')];
    const answers = await Promise.all(Array.from({ length: 8 }, () => unit('A')));
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
    expect(answers[0].name).toBe('Province A');
    expect(await counted('miss')).toBe(missesBefore + 1);
    expect(await hits()).toBe(hitsBefore + 7);
  });

  it('sees a change committed in SQL outside the API at the next request', async () => {
    await unit('B');
    await unit('B');
    await ownerSql(`update org_unit set name = 'Renamed in psql' where code = 'B'`);
    expect((await unit('B')).name).toBe('Renamed in psql');
  });

  it("sees another instance's write at the next request", async () => {
    const other = await graphqlRunner(db());
    try {
      const before = await unit('B');
      await unit('B');
      const added = await other.run(ADD_MEMBER, { unit: 'B-G1', name: 'Phạm Văn Nam' });
      expect(added.errors).toBeUndefined();
      expect((await unit('B')).stats.members).toBe(before.stats.members + 1);
    } finally {
      await other.stop();
    }
  });

  it('never serves one viewer an answer computed for another, whatever their grants', async () => {
    const national = await unit('A-G1');
    const provinceA = await api().as([{ code: 'A', role: 'VIEWER' }]);
    const provinceB = await api().as([{ code: 'B', role: 'VIEWER' }]);
    // The same document and variables, asked by viewers whose scopes differ.
    const asA = await provinceA(UNIT, { code: 'A-G1' });
    expect(asA.data).toEqual({ orgUnit: national });
    const asB = await provinceB(UNIT, { code: 'A-G1' });
    expect(asB.data).toEqual({ orgUnit: null });
    expect(asB.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // Asked again (now that each viewer's answer could be cached), still their own.
    expect((await provinceB(UNIT, { code: 'A-G1' })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await provinceA(UNIT, { code: 'A-G1' })).data).toEqual({ orgUnit: national });
    const anonymous = await api().as({ kind: 'anonymous' });
    const asAnonymous = await anonymous(UNIT, { code: 'A-G1' });
    expect(asAnonymous.data?.orgUnit ?? null).toBeNull();
    expect(asAnonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('serves nothing from the cache while it cannot hear of changes, and resumes once reconnected', async () => {
    await unit('A');
    await unit('A');
    // The listening connection is cut; a change made meanwhile sends a notification nobody hears.
    const listener = `from pg_stat_activity where application_name = 'cdvn-data-version' and datname = current_database()`;
    await ownerSql(`select pg_terminate_backend(pid) ${listener}`);
    while (((await ownerSql(`select count(*)::int as n ${listener}`)) as Array<{ n: number }>)[0].n > 0) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await ownerSql(`update org_unit set name = 'Renamed while deaf' where code = 'A'`);
    const hitsBefore = await hits();
    expect((await unit('A')).name).toBe('Renamed while deaf');
    expect(await hits()).toBe(hitsBefore);

    const deadline = Date.now() + 10_000;
    while ((await api().app.dataVersion.read()) === null && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await api().app.dataVersion.read()).not.toBeNull();
    await unit('A');
    expect((await unit('A')).name).toBe('Renamed while deaf');
    expect(await hits()).toBe(hitsBefore + 1);
  });

  it("keeps a province's answers through a write in another province, and forgets those above the write", async () => {
    const provinceA = await api().as([{ code: 'A', role: 'VIEWER' }]);
    const provinceB = await api().as([{ code: 'B', role: 'VIEWER' }]);
    const grassrootsB = await api().as([{ code: 'B-G1', role: 'VIEWER' }]);
    const read = async (run: typeof provinceA, code: string) => {
      const answer = await run<{ orgUnit: { stats: { members: number } } }>(UNIT, { code });
      expect(answer.errors).toBeUndefined();
      return answer.data!.orgUnit.stats.members;
    };
    const [a, b, g] = [
      await read(provinceA, 'A'),
      await read(provinceB, 'B'),
      await read(grassrootsB, 'B-G1'),
    ];
    const national = (await unit('B')).stats.members;
    const [hitsBefore, missesBefore] = [await hits(), await counted('miss')];

    // A member joins B's grassroots union: B, its union and the national body read it at once; A's
    // answer, which it cannot have changed, is served again.
    expect((await api().run(ADD_MEMBER, { unit: 'B-G1', name: 'Trần Văn Bình' })).errors).toBeUndefined();
    expect(await read(provinceA, 'A')).toBe(a);
    expect(await hits()).toBe(hitsBefore + 1);
    expect(await read(provinceB, 'B')).toBe(b + 1);
    expect(await read(grassrootsB, 'B-G1')).toBe(g + 1);
    expect((await unit('B')).stats.members).toBe(national + 1);
    expect(await counted('miss')).toBe(missesBefore + 3);
    expect(await hits()).toBe(hitsBefore + 1);
  });

  it('forgets the answers of the units below a unit whose own rows changed, and no others', async () => {
    const version = api().app.dataVersion;
    const [vn, a, aG1, b, bG1] = [1, 2, 3, 4, 5];
    const below = { everything: false, roots: [aG1], reach: [aG1, a, vn] };
    const beside = { everything: false, roots: [bG1], reach: [bG1, b, vn] };
    const nationally = { everything: true, roots: [], reach: [] };
    const before = (await version.read())!;
    // Province A's own rows (a deadline it sets, say) are read by its unions: not by B's, nor by a viewer at
    // B-G1, whose roots are not above A.
    await version.changed({ up: [vn, a], down: [a] });
    expect(version.unchangedSince(before, below)).toBe(false);
    expect(version.unchangedSince(before, beside)).toBe(true);
    expect(version.unchangedSince(before, nationally)).toBe(false);
    const after = (await version.read())!;
    expect(version.unchangedSince(after, below)).toBe(true);
    await version.changed();
    expect(version.unchangedSince(after, beside)).toBe(false);
  });

  it('notes in the request transaction the units a write touched, with every unit above them on any day', async () => {
    const ids = Object.fromEntries(
      ((await ownerSql(`select code, id from org_unit`)) as Array<{ code: string; id: number }>).map(
        (row) => [row.code, row.id],
      ),
    );
    const changes = async (statements: string) => {
      const em = db().orm.em.fork();
      return em
        .transactional(async (tx) => {
          await tx
            .getConnection()
            .execute(`select set_config('app.actor', 'test', true)`, [], 'all', tx.getTransactionContext());
          await tx.getConnection().execute(statements, [], 'all', tx.getTransactionContext());
          const [row] = await tx
            .getConnection()
            .execute(`select app_changes() as changes`, [], 'all', tx.getTransactionContext());
          throw Object.assign(new Error('rolled back'), { changes: row.changes });
        })
        .catch((error: { changes?: unknown }) => error.changes);
    };
    const nothing = await changes(`select 1`);
    expect(nothing).toBeNull();
    const activity = await changes(
      `insert into activity (unit_id, kind, occurred_on, quantity, provenance)
       values (${ids['A-G1']}, 'OTHER', '2024-05-01', 3, 'test')`,
    );
    expect(activity).toEqual({ down: [ids['A-G1']], up: [ids.VN, ids.A, ids['A-G1']].sort((x, y) => x - y) });
    // Rows that belong to no unit (accounts, the tree's vocabulary) are a change to anything.
    expect(await changes(`update org_unit_kind set kind = kind`)).toEqual({ all: true });
  });

  it('has every table announce its changes, except the stores that only speed up reads', async () => {
    const silent = await ownerSql(
      `select t.tablename from pg_tables t
        where t.schemaname = current_schema()
          and t.tablename not in ('mikro_orm_migrations', 'repeatable_sql')
          and not exists (select 1 from pg_trigger g join pg_class c on c.oid = g.tgrelid
                           where c.relname = t.tablename and g.tgname = 'data_changed')
        order by 1`,
    );
    // The migrator's own bookkeeping aside: the rollups (the finance months' too: the months of collections
    // announce their units) and their placements on other maps, the reports' kept counts (reports, deadlines and the
    // tree announce their changes), the scopes' crossers kept per tree version (tree changes announce themselves)
    // and the members' name index (written with the members, who announce it).
    expect(silent.map((row) => row.tablename)).toEqual([
      'finance_month_rollup',
      'member_name_suffix',
      'report_tally',
      'report_tally_period',
      'scope_crossers',
      'stat_delta',
      'stat_map_epoch',
      'stat_map_segment',
      'stat_own',
      'stat_rollup',
      'stat_rollup_year',
      'tree_version',
    ]);
  });
});
