import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { buildSchema, parse, validate } from 'graphql';
import { Client } from 'pg';

import { openOrm } from '../src/db/database';
import { LIMITS, operationLimits } from '../src/graphql/limits';
import { graphqlRunner, useDatabase } from './support/graphql';

const SCHEMA_DIR = join(__dirname, '..', '..', 'schema');

/** Nested `children` connections: each step down the tree is three levels deep. */
function nested(levels: number, fields = 'code', first = 2): string {
  let selection = fields;
  for (let i = 0; i < levels; i += 1) {
    selection = `${fields} children(first: ${first}) { edges { node { ${selection} } } }`;
  }
  return `{ orgUnit(code: "VN") { ${selection} } }`;
}

describe('operation limits, with clear errors', () => {
  const { api, db } = useDatabase('demo');

  const refused = async (query: string, pattern: RegExp, code = 'BAD_USER_INPUT') => {
    const result = await api().run(query);
    expect(result.data).toBeUndefined();
    const error = result.errors?.find((e) => pattern.test(e.message));
    expect({
      message: error?.message,
      code: error?.extensions?.code,
      messageCode: error?.extensions?.messageCode,
    }).toEqual({
      message: expect.stringMatching(pattern),
      code,
      // Every refusal has a message code for clients' own words; the limits share one.
      messageCode: code === 'BAD_USER_INPUT' ? 'REQUEST_REFUSED' : undefined,
    });
  };

  it('allows three steps down the tree at once and refuses deeper operations', async () => {
    // 1 + 3 × 3 + 1 = 11 levels: VN, provinces, their unions, their grassroots unions.
    const ok = await api().run(nested(3));
    expect(ok.errors).toBeUndefined();
    await refused(nested(4), /depth/i);
  });

  it('refuses too many aliases, directives or tokens, and too high a cost', async () => {
    const aliases = Array.from({ length: LIMITS.aliases + 1 }, (_, i) => `a${i}: viewer { kind }`).join(' ');
    await refused(`{ ${aliases} }`, /aliases/i);
    const directives = Array.from({ length: LIMITS.directives + 1 }, () => '@include(if: true)').join(' ');
    await refused(`{ viewer ${directives} { kind } }`, /directives/i);
    const tokens = Array.from({ length: LIMITS.tokens }, () => 'kind').join(' ');
    await refused(`{ viewer { ${tokens} } }`, /tokens/i, 'GRAPHQL_PARSE_FAILED');
    // Three steps down the tree with every unit's stats: within the depth limit, over the cost limit.
    await refused(
      nested(3, 'code name stats(year: 2022) { members initiatives supportAmount }', 20),
      /cost/i,
    );
  });

  it('accepts every trusted document (the web client’s), so that the limits never refuse our own pages', () => {
    const schema = buildSchema(readFileSync(join(SCHEMA_DIR, 'schema.graphql'), 'utf8'));
    const { validationRules } = operationLimits();
    const refusals = readdirSync(join(SCHEMA_DIR, 'documents'))
      .filter((file) => file.endsWith('.graphql'))
      .flatMap((file) => {
        const document = parse(readFileSync(join(SCHEMA_DIR, 'documents', file), 'utf8'));
        return validate(schema, document, validationRules).map((error) => `${file}: ${error.message}`);
      });
    expect(refusals).toEqual([]);
    // The check itself refuses: a page of 500 members with their memberships is over the cost limit.
    const heavy = parse(
      '{ orgUnit(code: "VN") { members(first: 500) { edges { node { fullName memberships { unit { code name } } } } } } }',
    );
    expect(validate(schema, heavy, validationRules).map((e) => e.message)).toEqual([
      expect.stringMatching(/Query Cost limit of 10000 exceeded/),
    ]);
  });

  it('never suggests field names', async () => {
    const result = await api().run('{ orgUnit(code: "VN") { nam } }');
    expect(result.errors?.[0].message).not.toMatch(/Did you mean/);
    expect(result.errors?.[0].message).toMatch(/Cannot query field "nam"/);
  });

  it('refuses a body over 1 MB and a body that is not JSON, in GraphQL’s shape', async () => {
    const url = await api().url('/graphql');
    const big = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ viewer { kind } }`, variables: { pad: 'x'.repeat(1_100_000) } }),
    });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({
      errors: [{ extensions: { code: 'BAD_USER_INPUT', messageCode: 'BODY_TOO_LARGE' } }],
    });
    const broken = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({
      errors: [{ extensions: { code: 'BAD_USER_INPUT', messageCode: 'BODY_NOT_JSON' } }],
    });
  });

  it('refuses batched requests', async () => {
    const answer = await fetch(await api().url('/graphql'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ viewer { kind } }' }, { query: '{ viewer { kind } }' }]),
    });
    expect(answer.status).toBe(400);
  });

  it('stops a statement that runs past the time limit with TIMEOUT', async () => {
    // A limit of 500 ms for the application role in this database only, on fresh connections, and a
    // statement that cannot finish within it: another session holds the members' table locked, so the
    // count waits past the limit and PostgreSQL cancels it as it cancels a count that runs too long
    // (the same SQLSTATE 57014). Nothing to load, so the test costs the limit, not a bulk insert.
    const name = new URL(db().url).pathname.slice(1);
    const owner = db().orm.em.getConnection();
    await owner.execute(`alter role cdvn_app in database "${name}" set statement_timeout = 500`);
    const slow = await openOrm(db().appUrl, { pool: { min: 1, max: 1 } });
    const runner = await graphqlRunner({ orm: db().orm, appOrm: slow });
    const locker = new Client({ connectionString: db().url });
    await locker.connect();
    try {
      // Warmed first, so that only the locked statement can reach the limit.
      expect((await runner.run(`{ orgUnit(code: "VN") { code } }`)).errors).toBeUndefined();
      await locker.query('begin');
      await locker.query('lock table membership in access exclusive mode');
      const result = await runner.run(
        `{ orgUnit(code: "VN", asOf: "2022-12-31") { members(first: 500) { totalCount } } }`,
      );
      expect(result.errors?.[0]).toMatchObject({
        path: ['orgUnit', 'members'],
        extensions: { code: 'TIMEOUT' },
      });
    } finally {
      await locker.end();
      await runner.stop();
      await slow.close(true);
      await db()
        .orm.em.getConnection()
        .execute(`alter role cdvn_app in database "${name}" reset statement_timeout`);
    }
  });
});

describe('introspection', () => {
  const { api } = useDatabase('empty');
  const INTROSPECT = '{ __schema { queryType { name } } }';

  it('is open to callers with credentials, closed to anonymous ones, and __typename is always allowed', async () => {
    const anonymous = await api().as({ kind: 'anonymous' });
    expect((await anonymous(INTROSPECT)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await anonymous('{ t: __type(name: "OrgUnit") { name } }')).errors?.[0].extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    expect(await anonymous('{ __typename }')).toEqual({ data: { __typename: 'Query' } });
    const tool = await api().as({ kind: 'system', label: 'tool', grants: [] });
    expect(await tool(INTROSPECT)).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });
});
