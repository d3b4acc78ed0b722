import { tree } from './support/builders';
import { openTestDatabase, type TestDatabase } from './support/database';
import { graphqlRunner } from './support/graphql';

/** The national federation, its provinces and each province's children: a fixed number of statements. */
const NESTED = `{ orgUnit(code: "VN", asOf: "2022-12-31") {
  code
  children { totalCount edges { node { code parent { code } ancestors { totalCount }
    children { totalCount edges { node { code parent { code } } } } } } } } }`;

async function statementsFor(
  db: TestDatabase,
): Promise<{ statements: number; provinces: number; grandchildren: number }> {
  const api = await graphqlRunner(db);
  try {
    const before = db.statements();
    const result = await api.run<{
      orgUnit: {
        children: { totalCount: number; edges: Array<{ node: { children: { totalCount: number } } }> };
      };
    }>(NESTED);
    expect(result.errors).toBeUndefined();
    const children = result.data!.orgUnit.children;
    return {
      statements: db.statements() - before,
      provinces: children.totalCount,
      grandchildren: children.edges.reduce((sum, edge) => sum + edge.node.children.totalCount, 0),
    };
  } finally {
    await api.stop();
  }
}

describe('SQL statements per nested query', () => {
  it('do not grow with the number of units', async () => {
    const small = await openTestDatabase('empty');
    const demo = await openTestDatabase('demo');
    try {
      await tree()
        .national()
        .province('A')
        .province('B')
        .union('A-CDVC', 'A')
        .grassroots('B-G', 'B')
        .build(small.orm.em);
      const few = await statementsFor(small);
      const many = await statementsFor(demo);
      // 6 for the tree, and 3 for every request: begin, the viewer's scope, commit.
      expect(few).toEqual({ statements: 9, provinces: 2, grandchildren: 2 });
      expect(many.provinces).toBe(63);
      // At the end of 2022 the provinces hold 7 intermediate units (four public-servant unions and three
      // others) and the 95 grassroots unions founded directly under Thanh Hóa's federation that year.
      expect(many.grandchildren).toBe(102);
      // unit by code, its children, the provinces' parents, ancestors and children, the grandchildren's parents
      expect(many.statements).toBe(few.statements);
    } finally {
      await small.close();
      await demo.close();
    }
  });

  it('for rollups nested in a tree do not grow with the number of units either', async () => {
    const demo = await openTestDatabase('demo');
    const api = await graphqlRunner(demo);
    try {
      const before = demo.statements();
      const result = await api.run<{
        orgUnit: { children: { edges: Array<{ node: { stats: { members: number } } }> } };
      }>(
        `{ orgUnit(code: "VN", asOf: "2022-12-31") { stats(year: 2022) { members }
             children { edges { node { code stats(year: 2022) { members initiatives } children { edges { node { stats(year: 2022) { members } } } } } } } } }`,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.orgUnit.children.edges).toHaveLength(63);
      // unit by code, children, grandchildren, and one rollup statement per level for its 1, 63 and 102 units;
      // begin, scope and commit
      expect(demo.statements() - before).toBe(9);
    } finally {
      await api.stop();
      await demo.close();
    }
  });

  it('for what belongs to each unit of a list (officers, terms, themes, targets, ratings) are one per field', async () => {
    const demo = await openTestDatabase('demo');
    const api = await graphqlRunner(demo);
    try {
      const before = demo.statements();
      const result = await api.run<{ orgUnit: { children: { edges: Array<{ node: { code: string } }> } } }>(
        `{ orgUnit(code: "VN", asOf: "2022-12-31") { children { edges { node { code
             officers { fullName } congressTerms { fromYear } annualTheme(year: 2023) { theme }
             targets(year: 2022) { metric ratio } rating(year: 2022) ratingSummary(year: 2022) { rated }
             childrenStats(year: 2022) { rank unit { code } stats { members } } } } } } }`,
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.orgUnit.children.edges).toHaveLength(63);
      // unit by code, children; officers, terms, themes, targets (with their rollups and the units that
      // set them), ratings, rating summaries, each province's ranked children (the children with their
      // units and rollups): one statement each for the 63 provinces; begin, scope and commit. One per
      // unit would be over 400.
      expect(demo.statements() - before).toBe(14);
    } finally {
      await api.stop();
      await demo.close();
    }
  });
});

describe('SQL statements of a grassroots officer’s page', () => {
  it('check the scope of the fields that read the union in one statement, whatever their permissions and dates', async () => {
    const demo = await openTestDatabase('demo');
    // Without the response cache: the second request is computed as the first was.
    const api = await graphqlRunner(demo, { env: { RESPONSE_CACHE_MB: '0' } });
    try {
      const officer = await api.as([{ code: 'QN-CDVC-BQLKKT', role: 'OFFICER' }]);
      const page = `{ orgUnit(code: "QN-CDVC-BQLKKT") {
        name stats(year: 2023) { members } members(first: 50) { edges { node { fullName } } }
        activities(year: 2023, first: 10) { edges { node { kind } } } } }`;
      // Once, so that what a first request prepares is not counted.
      await officer(page);
      const before = demo.statements();
      const result = await officer<{ orgUnit: { name: string; members: { edges: unknown[] } } }>(page);
      expect(result.errors).toBeUndefined();
      expect(result.data!.orgUnit.name).toBe('Công đoàn cơ sở Ban Quản lý Khu kinh tế tỉnh Quảng Ninh');
      expect(result.data!.orgUnit.members.edges.length).toBeGreaterThan(0);
      // begin, scope, the unit by code and its check (unit:read today), then one check for the three
      // fields together (unit:read at the end of 2023 for the figures and activities, member:read today
      // for the members: one per field before), the rollup, the activities, the members (a grassroots
      // union's read whole, its subtree not counted first), commit.
      expect(demo.statements() - before).toBe(9);
    } finally {
      await api.stop();
      await demo.close();
    }
  });
});
