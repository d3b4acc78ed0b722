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
  const api = await graphqlRunner(db.orm);
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
      expect(few).toEqual({ statements: 6, provinces: 2, grandchildren: 2 });
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
});
