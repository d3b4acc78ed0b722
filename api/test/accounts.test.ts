import { toGlobalId } from '../src/shared/ids';
import { useDatabase } from './support/graphql';

const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token expiresAt } }`;
const VIEWER = `{ viewer { kind account { email } apiKey { prefix } roles { role unit { code } } } }`;
const QN_CDVC = `{ orgUnit(code: "QN-CDVC", asOf: "2022-12-31") { code children { totalCount } } }`;

describe('accounts, sessions and API keys over HTTP', () => {
  const { api, db } = useDatabase('demo', { each: true });

  async function login(email: string, password = 'demo-password'): Promise<string> {
    const answer = await api().http({ query: LOGIN, variables: { email, password } });
    expect(answer.json.errors).toBeUndefined();
    return (answer.json.data as { login: { token: string } }).login.token;
  }
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('logs a demo admin in and tells who they are and where they may act', async () => {
    const token = await login('QN-CDVC@demo.example');
    const answer = await api().http({ query: VIEWER }, bearer(token));
    expect(answer.json).toEqual({
      data: {
        viewer: {
          kind: 'ACCOUNT',
          account: { email: 'qn-cdvc@demo.example' },
          apiKey: null,
          roles: [{ role: 'ADMIN', unit: { code: 'QN-CDVC' } }],
        },
      },
    });
    const unit = await api().http({ query: QN_CDVC }, bearer(token));
    expect(unit.json.data).toEqual({ orgUnit: { code: 'QN-CDVC', children: { totalCount: 55 } } });
    const anonymous = await api().http({ query: VIEWER });
    expect(anonymous.json).toEqual({ data: { viewer: null } });
  });

  it("shows a closed union's admin the successor on its path, and no successor beyond it", async () => {
    const SUCCESSORS = `query($code: String!) { orgUnit(code: $code) { validTo successors { edges { node { code name } } } } }`;
    const qn = await api().http(
      { query: SUCCESSORS, variables: { code: 'QN-CDVC' } },
      bearer(await login('qn-cdvc@demo.example')),
    );
    expect(qn.json).toEqual({
      data: {
        orgUnit: {
          validTo: '2025-06-30',
          successors: { edges: [{ node: { code: 'QN', name: 'Liên đoàn Lao động tỉnh Quảng Ninh' } }] },
        },
      },
    });
    // Thái Bình's public-servant unions went to Hưng Yên, which was never above this admin's union.
    const tb = await api().http(
      { query: SUCCESSORS, variables: { code: 'TB-CDVC' } },
      bearer(await login('tb-cdvc@demo.example')),
    );
    expect(tb.json).toEqual({ data: { orgUnit: { validTo: '2025-06-30', successors: { edges: [] } } } });
    // The national admin sees where it went.
    const vn = await api().http(
      { query: SUCCESSORS, variables: { code: 'TB-CDVC' } },
      bearer(await login('vn@demo.example')),
    );
    expect(vn.json.data).toEqual({
      orgUnit: {
        validTo: '2025-06-30',
        successors: { edges: [{ node: { code: 'HY', name: 'Liên đoàn Lao động tỉnh Hưng Yên' } }] },
      },
    });
  });

  it('refuses a wrong password with the same answer as an unknown account, and throttles', async () => {
    for (const email of ['qn-cdvc@demo.example', 'nobody@demo.example']) {
      const answer = await api().http({ query: LOGIN, variables: { email, password: 'wrong-password' } });
      expect(answer.json.errors?.[0]).toMatchObject({
        message: 'Wrong email or password.',
        extensions: { code: 'UNAUTHENTICATED' },
      });
    }
    for (let attempt = 0; attempt < 4; attempt += 1) {
      await api().http({
        query: LOGIN,
        variables: { email: 'qn-cdvc@demo.example', password: 'nope-nope-1' },
      });
    }
    // Five failures lock the account for a while, even with the right password.
    const locked = await api().http({
      query: LOGIN,
      variables: { email: 'qn-cdvc@demo.example', password: 'demo-password' },
    });
    expect(locked.json.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(
      (locked.json.errors?.[0].extensions as { retryAfterSeconds: number }).retryAfterSeconds,
    ).toBeGreaterThan(0);
    // Another account from the same address is not locked yet.
    expect(await login('th@demo.example')).toMatch(/^ey/);
  });

  it('refuses forged, malformed, expired and revoked tokens with UNAUTHENTICATED and status 401', async () => {
    const token = await login('th@demo.example');
    const [header, payload] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forgedPayload = Buffer.from(JSON.stringify({ ...claims, sub: '1' })).toString('base64url');
    const expired = await api().app.auth.tokens.sign(
      Number(claims.sub),
      claims.sid as string,
      new Date(Date.now() - 1000),
    );
    const refused = async (authorization: string) => {
      const answer = await api().http({ query: VIEWER }, { authorization });
      expect(answer.status).toBe(401);
      expect(answer.json.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(answer.json.data).toBeUndefined();
    };
    await refused(`Bearer ${header}.${forgedPayload}.${token.split('.')[2]}`);
    await refused(`Bearer ${token}x`);
    await refused('Bearer not-a-token');
    await refused(token);
    await refused(`Bearer ${expired}`);

    // Logout ends this token only; the account's other session still works.
    const other = await login('th@demo.example');
    const out = await api().http({ query: 'mutation { logout }' }, bearer(token));
    expect(out.json).toEqual({ data: { logout: true } });
    await refused(`Bearer ${token}`);
    expect((await api().http({ query: VIEWER }, bearer(other))).status).toBe(200);
  });

  it('applies a change to who the viewer is at the next request, though the viewer was just read', async () => {
    const sql = (text: string, values: unknown[] = []) =>
      db().orm.em.fork().getConnection().execute(text, values);
    const token = await login('th@demo.example');
    const roles = async () =>
      ((await api().http({ query: VIEWER }, bearer(token))).json.data as { viewer: { roles: unknown[] } })
        .viewer.roles;
    expect(await roles()).toEqual([{ role: 'ADMIN', unit: { code: 'TH' } }]);
    expect(await roles()).toEqual([{ role: 'ADMIN', unit: { code: 'TH' } }]);
    // A grant added and an account disabled in SQL, outside the API.
    await sql(
      `insert into role_assignment (account_id, unit_id, role)
       select a.id, u.id, 'VIEWER' from account a, org_unit u where a.email = 'th@demo.example' and u.code = 'HT'`,
    );
    expect(await roles()).toEqual([
      { role: 'ADMIN', unit: { code: 'TH' } },
      { role: 'VIEWER', unit: { code: 'HT' } },
    ]);
    await sql(`update account set disabled_at = now() where email = 'th@demo.example'`);
    expect((await api().http({ query: VIEWER }, bearer(token))).status).toBe(401);

    // A key whose expiry passes while nothing in the data changes.
    const admin = await login('ht@demo.example');
    const created = await api().http(
      { query: 'mutation { createApiKey(input: { unitCode: "HT", role: VIEWER, name: "short" }) { key } }' },
      bearer(admin),
    );
    const { key } = (created.json.data as { createApiKey: { key: string } }).createApiKey;
    await sql(`update api_key set expires_at = now() + interval '1 second' where name = 'short'`);
    // Twice: the first use writes its time (a change), the second is read at the version after it.
    expect((await api().http({ query: VIEWER }, bearer(key))).status).toBe(200);
    expect((await api().http({ query: VIEWER }, bearer(key))).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await api().http({ query: VIEWER }, bearer(key))).status).toBe(401);
  });

  it('changes a password: the old one stops working and every other session ends', async () => {
    const first = await login('ht@demo.example');
    const second = await login('ht@demo.example');
    const weak = await api().http(
      { query: 'mutation { changePassword(currentPassword: "demo-password", newPassword: "short") }' },
      bearer(first),
    );
    expect(weak.json.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newPassword' });
    const changed = await api().http(
      {
        query:
          'mutation { changePassword(currentPassword: "demo-password", newPassword: "a-new-long-password") }',
      },
      bearer(first),
    );
    expect(changed.json).toEqual({ data: { changePassword: true } });
    expect((await api().http({ query: VIEWER }, bearer(first))).status).toBe(200);
    expect((await api().http({ query: VIEWER }, bearer(second))).status).toBe(401);
    const old = await api().http({
      query: LOGIN,
      variables: { email: 'ht@demo.example', password: 'demo-password' },
    });
    expect(old.json.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(await login('ht@demo.example', 'a-new-long-password')).toMatch(/^ey/);
  });

  it('lets an ADMIN revoke the sessions of accounts in the subtree only', async () => {
    const national = await login('vn@demo.example');
    const province = await login('qn@demo.example');
    const unionAdmin = await login('qn-cdvc@demo.example');
    const roles = await api().http(
      { query: '{ roleAssignments(unitCode: "QN") { role unit { code } account { id email } } }' },
      bearer(province),
    );
    const assignments = (
      roles.json.data as { roleAssignments: Array<{ account: { id: string; email: string } }> }
    ).roleAssignments;
    // QN-CDVC closed in 2025: its admin's role is no longer one of the units standing under QN today.
    expect(assignments.map((a) => a.account.email).sort()).toEqual(['qn@demo.example']);
    const [{ id: unionAccount }] = await db()
      .orm.em.fork()
      .getConnection()
      .execute(`select id from account where email = 'qn-cdvc@demo.example'`);
    const fromProvince = await api().http(
      {
        query: 'mutation($id: ID!) { revokeSessions(accountId: $id) }',
        variables: { id: toGlobalId('Account', unionAccount) },
      },
      bearer(province),
    );
    expect(fromProvince.json.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const revoked = await api().http(
      {
        query: 'mutation($id: ID!) { revokeSessions(accountId: $id) }',
        variables: { id: toGlobalId('Account', unionAccount) },
      },
      bearer(national),
    );
    expect(revoked.json).toEqual({ data: { revokeSessions: 1 } });
    expect((await api().http({ query: VIEWER }, bearer(unionAdmin))).status).toBe(401);

    const vnId = (
      (
        await api().http(
          { query: '{ roleAssignments(unitCode: "VN") { account { id email } } }' },
          bearer(national),
        )
      ).json.data as { roleAssignments: Array<{ account: { id: string; email: string } }> }
    ).roleAssignments.find((a) => a.account.email === 'vn@demo.example')!.account.id;
    const refused = await api().http(
      { query: 'mutation($id: ID!) { revokeSessions(accountId: $id) }', variables: { id: vnId } },
      bearer(province),
    );
    expect(refused.json.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await api().http({ query: VIEWER }, bearer(national))).status).toBe(200);
  });

  it('creates accounts and roles within the subtree, and refuses outside it', async () => {
    const admin = await login('qn@demo.example');
    const create = (unitCode: string, role = 'OFFICER') =>
      api().http(
        {
          query: `mutation($input: CreateAccountInput!) { createAccount(input: $input) { email displayName } }`,
          variables: {
            input: {
              email: `officer.${unitCode}@qn.example`,
              displayName: 'Cán bộ',
              password: 'officer-password',
              unitCode,
              role,
            },
          },
        },
        bearer(admin),
      );
    // Accounts are created only at units that stand under the ADMIN's unit today: not at closed QN-CDVC.
    expect((await create('QN-CDVC')).json.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await create('QN')).json).toEqual({
      data: { createAccount: { email: 'officer.qn@qn.example', displayName: 'Cán bộ' } },
    });
    expect((await create('TH')).json.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // An unknown code and a unit outside the subtree cannot be told apart.
    expect((await create('NO-SUCH-UNIT')).json.errors?.[0]).toMatchObject(
      (await create('TH')).json.errors![0] as object,
    );
    const officer = await login('officer.qn@qn.example', 'officer-password');
    const viewer = await api().http({ query: VIEWER }, bearer(officer));
    expect((viewer.json.data as { viewer: { roles: unknown[] } }).viewer.roles).toEqual([
      { role: 'OFFICER', unit: { code: 'QN' } },
    ]);
    // The ADMIN adds a role within the subtree and takes it back; not outside it.
    const assign = (unitCode: string) =>
      api().http(
        {
          query: `mutation($unit: String!) { assignRole(email: "officer.qn@qn.example", unitCode: $unit, role: VIEWER) { role unit { code } } }`,
          variables: { unit: unitCode },
        },
        bearer(admin),
      );
    expect((await assign('QN')).json.data).toEqual({ assignRole: { role: 'VIEWER', unit: { code: 'QN' } } });
    expect((await assign('TH')).json.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const revoke = () =>
      api().http(
        {
          query: `mutation { revokeRole(email: "officer.qn@qn.example", unitCode: "QN", role: VIEWER) }`,
        },
        bearer(admin),
      );
    expect((await revoke()).json.data).toEqual({ revokeRole: true });
    expect((await revoke()).json.data).toEqual({ revokeRole: false });
    // An officer records data but manages no accounts.
    const denied = await api().http(
      { query: '{ roleAssignments(unitCode: "QN") { role } }' },
      bearer(officer),
    );
    expect(denied.json.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('issues API keys shown once, lists them with their last use, limits their rate, and revokes them', async () => {
    const admin = await login('qn@demo.example');
    const created = await api().http(
      {
        query: `mutation { createApiKey(input: { unitCode: "QN", role: ANALYST, name: "Bảng tính" }) {
          key apiKey { id prefix role unit { code } lastUsedAt revokedAt } } }`,
      },
      bearer(admin),
    );
    const { key, apiKey } = (
      created.json.data as { createApiKey: { key: string; apiKey: { id: string; prefix: string } } }
    ).createApiKey;
    expect(key.startsWith(`${apiKey.prefix}_`)).toBe(true);
    const stored = await db()
      .orm.em.getConnection()
      .execute('select key_hash from api_key where prefix = ?', [apiKey.prefix]);
    // The secret is everything after the prefix: base64url, so it may itself hold "_" (splitting on "_"
    // once took an empty fragment, which every string contains).
    const secret = key.slice(apiKey.prefix.length + 1);
    expect(secret).toHaveLength(43);
    expect(stored[0].key_hash).not.toContain(secret);
    expect(stored[0].key_hash).toHaveLength(64);

    const asKey = await api().http({ query: VIEWER }, bearer(key));
    expect(asKey.json.data).toEqual({
      viewer: {
        kind: 'API_KEY',
        account: null,
        apiKey: { prefix: apiKey.prefix },
        roles: [{ role: 'ANALYST', unit: { code: 'QN' } }],
      },
    });
    // An analyst key reads rollups but never members, and cannot write.
    const stats = await api().http(
      { query: '{ orgUnit(code: "QN-CDVC") { stats(year: 2022) { members } } }' },
      bearer(key),
    );
    expect(stats.json.data).toEqual({ orgUnit: { stats: { members: 5202 } } });
    const members = await api().http(
      { query: '{ orgUnit(code: "QN-CDVC", asOf: "2022-12-31") { members(first: 1) { totalCount } } }' },
      bearer(key),
    );
    expect(members.json.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const write = await api().http(
      { query: 'mutation { rateUnit(unitCode: "QN-CDVC", year: 2022, rating: GOOD) { code } }' },
      bearer(key),
    );
    expect(write.json.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const listed = await api().http(
      { query: '{ apiKeys(unitCode: "QN") { prefix name lastUsedAt revokedAt requestCount } }' },
      bearer(admin),
    );
    const [entry] = (
      listed.json.data as { apiKeys: Array<{ prefix: string; name: string; lastUsedAt: string | null }> }
    ).apiKeys;
    // Four requests so far: the first is written at once with the last use, the others within the minute.
    expect(entry).toMatchObject({
      prefix: apiKey.prefix,
      name: 'Bảng tính',
      revokedAt: null,
      requestCount: 1,
    });
    expect(Date.now() - Date.parse(entry.lastUsedAt!)).toBeLessThan(60_000);

    const revoked = await api().http(
      { query: 'mutation($id: ID!) { revokeApiKey(id: $id) { revokedAt } }', variables: { id: apiKey.id } },
      bearer(admin),
    );
    expect(
      (revoked.json.data as { revokeApiKey: { revokedAt: string } }).revokeApiKey.revokedAt,
    ).toBeTruthy();
    const after = await api().http({ query: VIEWER }, bearer(key));
    expect(after.status).toBe(401);
    expect(after.json.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const unknown = await api().http({ query: VIEWER }, bearer(`${apiKey.prefix}_${'A'.repeat(43)}`));
    expect(unknown.status).toBe(401);
  });

  it('disables an account: its sessions and the API keys it issued stop at once; enabled, it works again', async () => {
    const qn = await login('qn@demo.example');
    const run = async (token: string, query: string, variables: Record<string, unknown> = {}) =>
      (await api().http({ query, variables }, bearer(token))).json;
    const created = await run(
      qn,
      `mutation { createAccount(input: { email: "admin2.qn@demo.example", displayName: "Quản trị 2",
         password: "another-password", role: ADMIN, unitCode: "QN" }) { id disabled } }`,
    );
    const { id } = (created.data as { createAccount: { id: string; disabled: boolean } }).createAccount;
    expect(created.data).toEqual({ createAccount: { id, disabled: false } });
    const second = await login('admin2.qn@demo.example', 'another-password');
    const issued = await run(
      second,
      'mutation { createApiKey(input: { unitCode: "QN", role: ANALYST, name: "script" }) { key } }',
    );
    const { key } = (issued.data as { createApiKey: { key: string } }).createApiKey;
    const works = async (token: string) => (await api().http({ query: VIEWER }, bearer(token))).status;
    expect([await works(second), await works(key)]).toEqual([200, 200]);

    const SET =
      'mutation($id: ID!, $disabled: Boolean!) { setAccountDisabled(accountId: $id, disabled: $disabled) { email disabled } }';
    expect((await run(qn, SET, { id, disabled: true })).data).toEqual({
      setAccountDisabled: { email: 'admin2.qn@demo.example', disabled: true },
    });
    expect([await works(second), await works(key)]).toEqual([401, 401]);
    const refused = await api().http({
      query: LOGIN,
      variables: { email: 'admin2.qn@demo.example', password: 'another-password' },
    });
    expect(refused.json.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const listed = await run(qn, '{ roleAssignments(unitCode: "QN") { account { email disabled } } }');
    expect(
      (listed.data as { roleAssignments: Array<{ account: { email: string; disabled: boolean } | null }> })
        .roleAssignments,
    ).toContainEqual({
      account: { email: 'admin2.qn@demo.example', disabled: true },
    });

    expect((await run(qn, SET, { id, disabled: false })).data).toEqual({
      setAccountDisabled: { email: 'admin2.qn@demo.example', disabled: false },
    });
    // Its key works again; its sessions stay ended, and it logs in anew.
    expect([await works(second), await works(key)]).toEqual([401, 200]);
    expect(await works(await login('admin2.qn@demo.example', 'another-password'))).toBe(200);

    // A province cannot touch the national body's account, and nobody their own.
    const [{ vn, me }] = await db()
      .orm.em.getConnection()
      .execute<Array<{ vn: number; me: number }>>(
        `select (select id from account where email = 'vn@demo.example') as vn,
                (select id from account where email = 'qn@demo.example') as me`,
      );
    const national = await run(qn, SET, { id: toGlobalId('Account', vn), disabled: true });
    expect(national.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const own = await run(qn, SET, { id: toGlobalId('Account', me), disabled: true });
    expect(own.errors?.[0]).toMatchObject({
      message: 'You cannot disable or enable your own account.',
      extensions: { code: 'BAD_USER_INPUT', field: 'accountId' },
    });
    // Each change is in the audit log, at the unit of the account's role.
    const [{ changes }] = await db()
      .orm.em.getConnection()
      .execute<Array<{ changes: number }>>(
        `select count(*)::int as changes from audit_log
          where entity = 'account' and action = 'UPDATE' and after ->> 'email' = 'admin2.qn@demo.example'`,
      );
    expect(changes).toBe(2);
  });

  it("resets a colleague's password: sessions end, and the account holds no role until it sets its own", async () => {
    const qn = await login('qn@demo.example');
    const run = async (token: string, query: string, variables: Record<string, unknown> = {}) =>
      (await api().http({ query, variables }, bearer(token))).json;
    const created = await run(
      qn,
      `mutation { createAccount(input: { email: "forgetful@demo.example", displayName: "Hay quên",
         password: "first-password", role: OFFICER, unitCode: "QN" }) { id } }`,
    );
    const { id } = (created.data as { createAccount: { id: string } }).createAccount;
    const before = await login('forgetful@demo.example', 'first-password');

    const RESET =
      'mutation($id: ID!, $p: String!) { resetPassword(accountId: $id, temporaryPassword: $p) { email } }';
    const weak = await run(qn, RESET, { id, p: 'short' });
    expect(weak.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'temporaryPassword' });
    expect((await run(qn, RESET, { id, p: 'given-by-admin' })).data).toEqual({
      resetPassword: { email: 'forgetful@demo.example' },
    });
    expect((await api().http({ query: VIEWER }, bearer(before))).status).toBe(401);
    const oldPassword = await api().http({
      query: LOGIN,
      variables: { email: 'forgetful@demo.example', password: 'first-password' },
    });
    expect(oldPassword.json.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    const LOGIN_FLAG = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token mustChangePassword } }`;
    const given = await api().http({
      query: LOGIN_FLAG,
      variables: { email: 'forgetful@demo.example', password: 'given-by-admin' },
    });
    const { token, mustChangePassword } = (
      given.json.data as { login: { token: string; mustChangePassword: boolean } }
    ).login;
    expect(mustChangePassword).toBe(true);
    const ME = '{ viewer { mustChangePassword roles { role unit { code } } } }';
    expect((await run(token, ME)).data).toEqual({ viewer: { mustChangePassword: true, roles: [] } });
    const read = await run(token, '{ orgUnit(code: "QN") { stats(year: 2024) { members } } }');
    expect(read.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const CHANGE =
      'mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }';
    const same = await run(token, CHANGE, { c: 'given-by-admin', n: 'given-by-admin' });
    expect(same.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newPassword' });
    expect((await run(token, CHANGE, { c: 'given-by-admin', n: 'my-own-password' })).data).toEqual({
      changePassword: true,
    });
    expect((await run(token, ME)).data).toEqual({
      viewer: { mustChangePassword: false, roles: [{ role: 'OFFICER', unit: { code: 'QN' } }] },
    });

    // Nobody resets their own this way, and a province never the national body's.
    const [{ vn, me }] = await db()
      .orm.em.getConnection()
      .execute<Array<{ vn: number; me: number }>>(
        `select (select id from account where email = 'vn@demo.example') as vn,
                (select id from account where email = 'qn@demo.example') as me`,
      );
    const national = await run(qn, RESET, { id: toGlobalId('Account', vn), p: 'given-by-admin' });
    expect(national.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const own = await run(qn, RESET, { id: toGlobalId('Account', me), p: 'given-by-admin' });
    expect(own.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'accountId' });
  });

  it('refuses an expired key and rate-limits a key with 429 and RATE_LIMITED', async () => {
    const admin = await login('ht@demo.example');
    const created = await api().http(
      {
        query:
          'mutation { createApiKey(input: { unitCode: "HT", role: VIEWER, name: "script" }) { key apiKey { prefix } } }',
      },
      bearer(admin),
    );
    const { key, apiKey } = (
      created.json.data as { createApiKey: { key: string; apiKey: { prefix: string } } }
    ).createApiKey;
    const past = await api().http(
      {
        query:
          'mutation { createApiKey(input: { unitCode: "HT", role: VIEWER, name: "old", expiresOn: "2020-01-01" }) { key } }',
      },
      bearer(admin),
    );
    expect(past.json.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'expiresOn' });
    const writer = await api().http(
      {
        query: 'mutation { createApiKey(input: { unitCode: "HT", role: OFFICER, name: "writer" }) { key } }',
      },
      bearer(admin),
    );
    expect(writer.json.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'role' });

    await db()
      .orm.em.getConnection()
      .execute(`update api_key set expires_at = now() - interval '1 second' where prefix = ?`, [
        apiKey.prefix,
      ]);
    expect((await api().http({ query: VIEWER }, bearer(key))).status).toBe(401);
    await db()
      .orm.em.getConnection()
      .execute('update api_key set expires_at = null where prefix = ?', [apiKey.prefix]);

    let status = 200;
    let answer: Awaited<ReturnType<ReturnType<typeof api>['http']>> | undefined;
    // The test environment allows 600 requests a minute per key.
    for (let i = 0; i < 601 && status === 200; i += 1) {
      answer = await api().http({ query: '{ viewer { kind } }' }, bearer(key));
      status = answer.status;
    }
    expect(status).toBe(429);
    expect(answer!.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(answer!.json.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED' });
  });
});
