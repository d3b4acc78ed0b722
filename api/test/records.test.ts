import { Scope } from '../src/auth/scope';
import { closeUnit } from '../src/modules/org-unit/org-unit.service';
import { appError } from '../src/shared/errors';
import { hasWriteFailed, markSoleWrite, inTransaction } from '../src/shared/request-writes';
import { tree } from './support/builders';
import { useDatabase } from './support/graphql';

/** Recording through GraphQL: each write shows in every ancestor's rollup at once; bad input writes nothing. */
describe('records and their rollups', () => {
  const { db, api } = useDatabase('empty');

  beforeAll(async () => {
    await tree('2010-01-01')
      .national()
      .province('A')
      .province('B')
      .union('A-CDVC', 'A')
      .grassroots('A-G1', 'A-CDVC')
      .grassroots('A-G2', 'A-CDVC')
      .grassroots('B-G1', 'B')
      .build(db().orm.em);
    await closeUnit(db().orm.em.fork(), Scope.SYSTEM, 'A-G2', '2023-01-01', {
      provenance: 'assumption: test',
    });
  });

  const count = async (table: string) =>
    Number((await db().orm.em.getConnection().execute(`select count(*)::int as n from ${table}`))[0].n);

  async function stats(code: string, year: number) {
    const result = await api().run<{ orgUnit: { stats: Record<string, number | string> } }>(
      `query($code: String!, $year: Int!) { orgUnit(code: $code) { stats(year: $year) { members newMembers supportCases supportAmount awardsCollective giftPackages } } }`,
      { code, year },
    );
    expect(result.errors).toBeUndefined();
    return result.data!.orgUnit.stats;
  }

  const RECORD = `mutation($input: RecordActivityInput!) { recordActivity(input: $input) { id amount quantity unit { code } } }`;

  it('shows a recorded activity in the rollup of every ancestor as soon as it returns', async () => {
    const before = await stats('VN', 2022);
    const result = await api().run(RECORD, {
      input: {
        unitCode: 'A-G1',
        kind: 'SUPPORT',
        occurredOn: '2022-05-01',
        quantity: 3,
        amount: '9000000000000000',
      },
    });
    expect(result.errors).toBeUndefined();
    for (const code of ['A-G1', 'A-CDVC', 'A', 'VN']) {
      expect(await stats(code, 2022)).toMatchObject({ supportCases: Number(before.supportCases) + 3 });
    }
    // 9 million billion đồng passes 2^53 and stays exact.
    expect((await stats('VN', 2022)).supportAmount).toBe(
      (BigInt(before.supportAmount) + 9_000_000_000_000_000n).toString(),
    );
    expect(await stats('B', 2022)).toMatchObject({ supportCases: 0, supportAmount: '0' });
  });

  it('counts a transfer as one member, admitted once', async () => {
    const created = await api().run<{ createMember: { id: string } }>(
      `mutation { createMember(input: { fullName: "Nguyễn Thị Lan", gender: FEMALE, unitCode: "A-G1", joinedOn: "2021-03-01", birthDate: "1990-02-03" }) { id } }`,
    );
    expect(created.errors).toBeUndefined();
    const moved = await api().run(
      `mutation($id: ID!) { transferMember(memberId: $id, toUnitCode: "B-G1", date: "2022-06-01") { unit { code } joinedOn admission } }`,
      {
        id: created.data!.createMember.id,
      },
    );
    expect(moved.data).toEqual({
      transferMember: { unit: { code: 'B-G1' }, joinedOn: '2022-06-01', admission: false },
    });
    expect(await stats('A', 2021)).toMatchObject({ members: 1, newMembers: 1 });
    expect(await stats('A', 2022)).toMatchObject({ members: 0, newMembers: 0 });
    expect(await stats('B', 2022)).toMatchObject({ members: 1, newMembers: 0 });
    expect(await stats('VN', 2022)).toMatchObject({ members: 1, newMembers: 0 });
    const search = await api().run<{
      orgUnit: {
        members: {
          totalCount: number;
          edges: Array<{ node: { fullName: string; memberships: Array<{ unit: { code: string } }> } }>;
        };
      };
    }>(
      `{ orgUnit(code: "VN", asOf: "2022-12-31") { members(search: "lan") { totalCount edges { node { fullName memberships { unit { code } } } } } } }`,
    );
    expect(search.data!.orgUnit.members).toEqual({
      totalCount: 1,
      edges: [
        {
          node: {
            fullName: 'Nguyễn Thị Lan',
            memberships: [{ unit: { code: 'A-G1' } }, { unit: { code: 'B-G1' } }],
          },
        },
      ],
    });

    // The search reads the name kept with each membership: a new name reaches the past ones too.
    const renamed = await api().run(
      `mutation($id: ID!) { updateMember(id: $id, input: { fullName: "Trần Thị Lệ" }) { fullName } }`,
      { id: created.data!.createMember.id },
    );
    expect(renamed.errors).toBeUndefined();
    const found = async (code: string, asOf: string, text: string) => {
      const result = await api().run<{
        orgUnit: { members: { edges: Array<{ node: { fullName: string } }> } };
      }>(
        `query($code: String!, $asOf: Date!, $text: String!) { orgUnit(code: $code, asOf: $asOf) { members(search: $text) { edges { node { fullName } } } } }`,
        { code, asOf, text },
      );
      expect(result.errors).toBeUndefined();
      return result.data!.orgUnit.members.edges.map((edge) => edge.node.fullName);
    };
    expect(await found('VN', '2022-12-31', 'lan')).toEqual([]);
    expect(await found('B', '2022-12-31', 'le')).toEqual(['Trần Thị Lệ']);
    expect(await found('A', '2021-12-31', 'tran thi')).toEqual(['Trần Thị Lệ']);
    // Typed wildcards are letters: no name holds them.
    expect(await found('VN', '2022-12-31', '%')).toEqual([]);
    expect(await found('VN', '2022-12-31', 'tr_n')).toEqual([]);
    // ...and a name that holds them is found by them, once escaped (not twice).
    const odd = await api().run(
      `mutation($id: ID!) { updateMember(id: $id, input: { fullName: "Trần_Thị Lệ 50%" }) { fullName } }`,
      { id: created.data!.createMember.id },
    );
    expect(odd.errors).toBeUndefined();
    expect(await found('B', '2022-12-31', 'tran_thi')).toEqual(['Trần_Thị Lệ 50%']);
    expect(await found('B', '2022-12-31', '50%')).toEqual(['Trần_Thị Lệ 50%']);
    expect(await found('B', '2022-12-31', 'tranxthi')).toEqual([]);
  });

  it('keeps a mutation whole when a check at its end fails: one field rolls back, two keep the first', async () => {
    // A check deferred to the end of the write, as the tree's invariants are, refusing one name.
    await db().orm.em.getConnection().execute(`
      create function refuse_name() returns trigger language plpgsql as $$
      begin raise exception 'refused by the test'; end $$;
      create constraint trigger org_unit_refuse_name after update on org_unit deferrable initially deferred
        for each row when (new.name = 'refuse') execute function refuse_name();`);
    const RENAME = `mutation($code: String!, $name: String!) { renameOrgUnit(code: $code, name: $name) { name } }`;
    const names = async () =>
      (
        await db()
          .orm.em.fork()
          .getConnection()
          .execute<Array<{ name: string }>>(
            `select name from org_unit where code in ('A-G1', 'B-G1') order by code`,
          )
      ).map((row) => row.name);
    const before = await names();

    const one = await api().run(RENAME, { code: 'B-G1', name: 'refuse' });
    expect(one.errors?.[0].path).toEqual(['renameOrgUnit']);
    expect(await names()).toEqual(before);

    // The fields run one after the other, each in a savepoint: the first stays written (the answer's data
    // is null all the same, since renameOrgUnit is never null).
    const two = await api().run(
      `mutation { kept: renameOrgUnit(code: "A-G1", name: "Kept") { name } refused: renameOrgUnit(code: "B-G1", name: "refuse") { name } }`,
    );
    expect(two.errors?.map((error) => error.path)).toEqual([['refused']]);
    expect(await names()).toEqual(['Kept', before[1]]);
    await db().orm.em.getConnection().execute('drop trigger org_unit_refuse_name on org_unit');
  });

  it('marks a sole mutation that fails after writing, so that its request rolls back instead of committing', async () => {
    const before = await count('activity');
    const em = db().orm.em.fork();
    await em.begin();
    markSoleWrite(em);
    const late = inTransaction(em, async (tx) => {
      await tx.execute(
        `insert into activity (unit_id, kind, occurred_on, quantity, amount, provenance)
         select id, 'GIFT', date '2022-07-02', 1, 0, 'test' from org_unit where code = 'B-G1'`,
      );
      throw appError('BAD_USER_INPUT', 'A check after the write.', { field: 'input' });
    });
    await expect(late).rejects.toThrow('A check after the write.');
    // No savepoint was taken: the row is in the request's transaction, which must not be committed.
    expect(Number((await em.execute(`select count(*)::int as n from activity`))[0].n)).toBe(before + 1);
    expect(hasWriteFailed(em)).toBe(true);
    await em.rollback();
    expect(await count('activity')).toBe(before);
  });

  it.each([
    [
      'a negative amount',
      RECORD,
      { input: { unitCode: 'A-G1', kind: 'SUPPORT', occurredOn: '2022-05-01', amount: '-5' } },
      'An amount of money cannot be negative.',
      'activity',
    ],
    [
      'an amount that is not whole đồng',
      RECORD,
      { input: { unitCode: 'A-G1', kind: 'SUPPORT', occurredOn: '2022-05-01', amount: '1.5' } },
      'is not an amount of money',
      'activity',
    ],
    [
      'an activity before its unit existed',
      RECORD,
      { input: { unitCode: 'A-G1', kind: 'GIFT', occurredOn: '2005-01-01', quantity: 1 } },
      'A-G1 was founded on 2010-01-01',
      'activity',
    ],
    [
      'an activity for a closed unit',
      RECORD,
      { input: { unitCode: 'A-G2', kind: 'GIFT', occurredOn: '2024-01-01', quantity: 1 } },
      'A-G2 closed on 2022-12-31: nothing can be recorded for it on 2024-01-01.',
      'activity',
    ],
    [
      'a member placed in a union that is not grassroots',
      `mutation { createMember(input: { fullName: "Trần Văn Nam", gender: MALE, unitCode: "A-CDVC", joinedOn: "2022-01-01" }) { id } }`,
      {},
      'Members belong to grassroots unions (công đoàn cơ sở) only; A-CDVC is a PUBLIC_SERVANT_UNION.',
      'member',
    ],
    [
      'a Giấy khen from a province federation',
      `mutation { grantAward(input: { kind: LETTER_OF_COMMENDATION, issuerCode: "A", unitCode: "A-G1", collective: true, awardedOn: "2022-12-01" }) { id } }`,
      {},
      'A is a PROVINCIAL_FEDERATION and may not grant a LETTER_OF_COMMENDATION',
      'award',
    ],
    [
      'a Bằng Lao động sáng tạo from anyone but the national federation',
      `mutation { grantAward(input: { kind: CREATIVE_LABOUR_CERTIFICATE, issuerCode: "A", unitCode: "A-G1", collective: false, awardedOn: "2022-12-01" }) { id } }`,
      {},
      'it comes from: NATIONAL_FEDERATION',
      'award',
    ],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_name, query, variables, message, table) => {
    const before = await count(table);
    const result = await api().run(query, variables);
    expect(result.data ?? null).toBeNull();
    expect(result.errors?.[0]).toMatchObject({
      message: expect.stringContaining(message),
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(await count(table)).toBe(before);
  });

  it('names the refusals a form shows by a stable code with their parameters, beside the English words', async () => {
    const future = await api().run(RECORD, {
      input: { unitCode: 'A-G1', kind: 'SUPPORT', occurredOn: '2099-01-01', quantity: 1 },
    });
    expect(future.errors?.[0]).toMatchObject({
      message: '2099-01-01 is in the future: record an activity once it has happened.',
      extensions: {
        code: 'BAD_USER_INPUT',
        field: 'occurredOn',
        messageCode: 'ACTIVITY_IN_FUTURE',
        params: { date: '2099-01-01' },
      },
    });
    const noDay = await api().run(RECORD, {
      input: { unitCode: 'A-G1', kind: 'SUPPORT', occurredOn: '31/02/2022', quantity: 1 },
    });
    // Refused by the Date scalar, before the field is known: the form shows it above its fields.
    expect(noDay.errors?.[0].extensions).toMatchObject({
      messageCode: 'DATE_FORMAT',
      params: { value: '31/02/2022' },
    });
  });

  it('grants an award the issuer may grant, counted in the recipient’s subtree', async () => {
    const result = await api().run(
      `mutation { grantAward(input: { kind: LETTER_OF_COMMENDATION, issuerCode: "A-CDVC", unitCode: "A-G1", collective: true, awardedOn: "2023-01-10", forYear: 2022 }) { kind issuer { code } unit { code } } }`,
    );
    expect(result).toEqual({
      data: {
        grantAward: { kind: 'LETTER_OF_COMMENDATION', issuer: { code: 'A-CDVC' }, unit: { code: 'A-G1' } },
      },
    });
    expect(await stats('A', 2022)).toMatchObject({ awardsCollective: 1 });
    expect(await stats('A', 2023)).toMatchObject({ awardsCollective: 0 });
  });

  it('computes target achievement and never stores it', async () => {
    const set = await api().run(
      `mutation { setTarget(unitCode: "A", year: 2022, metric: SUPPORT_CASES, value: "4", setByCode: "VN") { code } }`,
    );
    expect(set.errors).toBeUndefined();
    const targets = await api().run<{
      orgUnit: { targets: Array<{ metric: string; target: string; actual: string; ratio: number }> };
    }>(`{ orgUnit(code: "A") { targets(year: 2022) { metric target actual ratio } } }`);
    expect(targets.data!.orgUnit.targets).toEqual([
      { metric: 'SUPPORT_CASES', target: '4', actual: '3', ratio: 0.75 },
    ]);
  });

  // Last: the member it admits would change the figures the tests above expect.
  it('admits a member, after the fact, into a union that has since closed: the membership ends with it', async () => {
    const before = { y2021: await stats('VN', 2021), y2023: await stats('VN', 2023) };
    const created = await api().run<{
      createMember: { id: string; memberships: Array<{ leftOn: string | null; leaveReason: string | null }> };
    }>(
      `mutation { createMember(input: { fullName: "Lê Thị Hoa", gender: FEMALE, unitCode: "A-G2", joinedOn: "2021-06-01" }) {
        id memberships { leftOn leaveReason } } }`,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createMember.memberships).toEqual([
      { leftOn: '2022-12-31', leaveReason: 'UNIT_CLOSED' },
    ]);
    expect((await stats('VN', 2021)).members).toBe(Number(before.y2021.members) + 1);
    expect((await stats('VN', 2023)).members).toBe(Number(before.y2023.members));
  });
});
