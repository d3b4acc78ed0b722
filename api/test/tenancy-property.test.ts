import type { MikroORM } from '@mikro-orm/postgresql';
import fc from 'fast-check';

import { type Role, ROLES, permissionsOf } from '../src/auth/permissions';
import { openOrm } from '../src/db/database';
import { openTestDatabase, type TestDatabase } from './support/database';
import { graphqlRunner, type GraphQLRunner, type GraphQLResult } from './support/graphql';
import { expectedScope, unitsIn } from './support/leaks';
import { fromGlobalId } from '../src/shared/ids';

/**
 * Random viewers run random operations (aliases, fragments, nested edges, search filters, other
 * viewers' cursors and member ids) concurrently, on a pool of ONE connection, so that tenants'
 * transactions follow each other on the same connection. Every answer is checked against an SQL oracle
 * computed on the owner's connection: no unit, member or figure outside the viewer's scope; members
 * only for roles that may read them; member counts equal to the oracle's.
 */
const VIEWER_UNITS = ['VN', 'QN', 'QN-CDVC', 'TH', 'TB', 'HY', 'HT-CDVC', 'P001-CDVC-SKHCN'];
const TARGETS = [...VIEWER_UNITS, 'TB-CDVC', 'P001', 'HT', 'NO-SUCH-UNIT'];
const DATES = ['2021-12-31', '2022-12-31', '2024-06-30', '2026-01-01'];

type Operation =
  | { kind: 'tree'; target: string; asOf: string; search: string | null; first: number }
  | {
      kind: 'members';
      target: string;
      asOf: string;
      search: string | null;
      first: number;
      borrowCursor: boolean;
    }
  | { kind: 'records'; target: string; year: number }
  | { kind: 'foreignMember'; target: string };

interface Step {
  role: Role;
  at: string;
  operation: Operation;
}

const step: fc.Arbitrary<Step> = fc.record({
  role: fc.constantFrom(...ROLES),
  at: fc.constantFrom(...VIEWER_UNITS),
  operation: fc.oneof(
    fc.record({
      kind: fc.constant('tree' as const),
      target: fc.constantFrom(...TARGETS),
      asOf: fc.constantFrom(...DATES),
      search: fc.constantFrom(null, 'quang', 'sở', 'tỉnh'),
      first: fc.integer({ min: 1, max: 20 }),
    }),
    fc.record({
      kind: fc.constant('members' as const),
      target: fc.constantFrom(...TARGETS),
      asOf: fc.constantFrom(...DATES),
      search: fc.constantFrom(null, 'nguyen', 'thị', 'lê'),
      first: fc.integer({ min: 1, max: 20 }),
      borrowCursor: fc.boolean(),
    }),
    fc.record({
      kind: fc.constant('records' as const),
      target: fc.constantFrom(...TARGETS),
      year: fc.constantFrom(2020, 2021, 2022, 2024),
    }),
    fc.record({ kind: fc.constant('foreignMember' as const), target: fc.constantFrom(...TARGETS) }),
  ),
});

const TREE = `query($code: String!, $asOf: Date!, $search: String, $first: Int) {
  a: orgUnit(code: $code, asOf: $asOf) { ...U
    kids: children(search: $search, first: $first) { totalCount edges { cursor node { ...U parent { ...U } } } }
    below: descendants(search: $search, first: $first) { edges { node { ...U ancestors { edges { node { ...U } } } } } }
    successors { edges { node { ...U } } } predecessors { edges { node { ...U } } } }
}
fragment U on OrgUnit { __typename code name }`;

const MEMBERS = `query($code: String!, $asOf: Date!, $search: String, $first: Int, $after: String) {
  orgUnit(code: $code, asOf: $asOf) { __typename code
    members(search: $search, first: $first, after: $after) { totalCount
      edges { cursor node { id fullName nationalId memberships { unit { __typename code } } } } } }
}`;

const RECORDS = `query($code: String!, $year: Int!) {
  orgUnit(code: $code) { __typename code
    stats(year: $year) { members initiatives }
    activities(year: $year, first: 20) { edges { node { amount unit { __typename code } } } }
    awards(year: $year, first: 20) { edges { node { kind unit { __typename code } issuer { __typename code } } } }
    childrenStats(year: $year) { rank unit { __typename code } stats { members } } }
}`;

describe('tenants interleaved on one connection never see each other’s data', () => {
  let db: TestDatabase;
  let onePool: MikroORM;
  let api: GraphQLRunner;
  const scopes = new Map<string, Awaited<ReturnType<typeof expectedScope>>>();
  const scopeOf = async (at: string) => {
    if (!scopes.has(at)) {
      scopes.set(at, await expectedScope(db.orm, [at]));
    }
    return scopes.get(at)!;
  };
  /** Members of a unit's subtree on a day, by walking parent links with their periods (the oracle). */
  const memberOracle = async (code: string, asOf: string, search: string | null) => {
    const [row] = await db.orm.em
      .fork()
      .getConnection()
      .execute(
        `with recursive below(id, period) as (
         select id, validity from org_unit where code = ?
         union
         select l.unit_id, b.period * l.period from org_unit_parent l join below b on l.parent_id = b.id and l.period && b.period
       )
       select count(distinct ms.member_id)::int as n
         from below b join membership ms on ms.unit_id = b.id and ms.period @> ?::date and b.period @> ?::date
         join member m on m.id = ms.member_id
        where ?::text is null or m.search_name like search_normalize(?) || '%' or m.search_name like '% ' || search_normalize(?) || '%'`,
        [code, asOf, asOf, search, search, search],
      );
    return row.n as number;
  };
  const cursors: string[] = [];
  const memberIds: string[] = [];

  beforeAll(async () => {
    db = await openTestDatabase('demo');
    onePool = await openOrm(db.appUrl, { pool: { min: 0, max: 1 } });
    api = await graphqlRunner({ orm: db.orm, appOrm: onePool });
    // Ids of members across the country, to be tried by viewers of other units.
    const everywhere = await api.run<{
      orgUnit: { members: { edges: Array<{ cursor: string; node: { id: string } }> } };
    }>(
      `{ orgUnit(code: "VN", asOf: "2022-12-31") { members(first: 60, search: "nguyen") { edges { cursor node { id } } } } }`,
    );
    for (const edge of everywhere.data!.orgUnit.members.edges) {
      memberIds.push(edge.node.id);
      cursors.push(edge.cursor);
    }
  });
  afterAll(async () => {
    await api.stop();
    await onePool.close(true);
    await db.close();
  });

  async function check(s: Step, result: GraphQLResult<Record<string, unknown>>): Promise<void> {
    const scope = await scopeOf(s.at);
    const label = { role: s.role, at: s.at, op: s.operation };
    const unexpected = (result.errors ?? [])
      .map((error) => error.extensions?.code)
      .filter((code) => code !== 'FORBIDDEN' && !(code === 'BAD_USER_INPUT' && s.at === 'VN'));
    expect({ ...label, unexpected }).toEqual({ ...label, unexpected: [] });
    for (const unit of unitsIn(result.data)) {
      const allowed = scope.visible.has(unit.code) || (!unit.withData && scope.path.has(unit.code));
      expect({ ...label, unit: unit.code, allowed }).toEqual({ ...label, unit: unit.code, allowed: true });
    }
    const target = 'target' in s.operation ? s.operation.target : null;
    if (target && !scope.visible.has(target) && s.at !== 'VN' && s.operation.kind !== 'foreignMember') {
      expect({ ...label, code: result.errors?.[0]?.extensions?.code }).toEqual({
        ...label,
        code: 'FORBIDDEN',
      });
    }
    if (s.operation.kind === 'members' && target && scope.visible.has(target)) {
      const mayRead = permissionsOf(s.role).includes('member:read');
      const members = (result.data?.orgUnit as { members?: { totalCount: number } } | null)?.members;
      if (!mayRead) {
        expect({ ...label, code: result.errors?.[0]?.extensions?.code }).toEqual({
          ...label,
          code: 'FORBIDDEN',
        });
      } else {
        expect({ ...label, total: members?.totalCount }).toEqual({
          ...label,
          total: await memberOracle(target, s.operation.asOf, s.operation.search),
        });
      }
    }
  }

  function run(s: Step, runAs: Awaited<ReturnType<GraphQLRunner['as']>>) {
    const o = s.operation;
    switch (o.kind) {
      case 'tree':
        return runAs(TREE, { code: o.target, asOf: o.asOf, search: o.search, first: o.first });
      case 'members':
        return runAs(MEMBERS, {
          code: o.target,
          asOf: o.asOf,
          search: o.search,
          first: o.first,
          // A cursor another viewer was given is only a position: it must not open anything.
          after: o.borrowCursor ? cursors[o.first % cursors.length] : null,
        });
      case 'records':
        return runAs(RECORDS, { code: o.target, year: o.year });
      case 'foreignMember':
        return runAs(
          `mutation($id: ID!) { updateMember(id: $id, input: { phone: "0900000000" }) { id phone } }`,
          {
            id: memberIds[o.target.length % memberIds.length],
          },
        );
    }
  }

  it('holds for random viewers and operations, run concurrently', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 2, maxLength: 8 }), async (steps) => {
        const runners = await Promise.all(steps.map((s) => api.as([{ code: s.at, role: s.role }])));
        const results = await Promise.all(steps.map((s, i) => run(s, runners[i])));
        for (const [i, s] of steps.entries()) {
          await check(s, results[i]);
          if (s.operation.kind === 'foreignMember') {
            // Allowed exactly where the member's union is in the viewer's scope and the role may write.
            const id = memberIds[s.operation.target.length % memberIds.length];
            const [{ code }] = await db.orm.em
              .fork()
              .getConnection()
              .execute(
                `select u.code from membership ms join org_unit u on u.id = ms.unit_id
                  where ms.member_id = ? order by ms.joined_on desc limit 1`,
                [fromGlobalId(id)!.id],
              );
            const allowed =
              permissionsOf(s.role).includes('record:write') && (await scopeOf(s.at)).visible.has(code);
            expect({ step: s, member: code, written: Boolean(results[i].data) }).toEqual({
              step: s,
              member: code,
              written: allowed,
            });
          }
        }
      }),
      { numRuns: 100 },
    );
  }, 120_000);
});
