import { Scope } from '../src/auth/scope';
import { OrgUnit } from '../src/modules/org-unit/org-unit.entity';
import { closeUnit, mergeUnits, moveUnit } from '../src/modules/org-unit/org-unit.service';
import { tree } from './support/builders';
import { useDatabase } from './support/graphql';

interface Unit {
  code: string;
  validTo: string | null;
  parent: { code: string } | null;
  children: { totalCount: number; edges: Array<{ node: { code: string } }> };
  descendants: { totalCount: number };
}

const UNIT = `code validTo parent { code } children { totalCount edges { node { code } } } descendants { totalCount }`;
const note = 'assumption: test';

/** Move, merge and close keep history: the tree of an earlier date is unchanged by a later operation. */
describe('tree operations keep history', () => {
  const { db, api } = useDatabase('empty', { each: true });

  beforeEach(async () => {
    await tree()
      .national()
      .province('A')
      .province('B')
      .province('C')
      .union('A-CDVC', 'A')
      .grassroots('A-G1', 'A-CDVC')
      .grassroots('A-G2', 'A-CDVC')
      .grassroots('B-G1', 'B')
      .build(db().orm.em);
  });

  async function unitAsOf(code: string, asOf: string): Promise<Unit> {
    const result = await api().run<{ orgUnit: Unit }>(
      `query($code: String!, $asOf: Date) { orgUnit(code: $code, asOf: $asOf) { ${UNIT} } }`,
      { code, asOf },
    );
    expect(result.errors).toBeUndefined();
    return result.data!.orgUnit;
  }
  const childCodes = (unit: Unit) => unit.children.edges.map((edge) => edge.node.code);

  it('moves a unit with its whole subtree, keeping its id and code', async () => {
    const before = await db().orm.em.fork().findOneOrFail(OrgUnit, { code: 'A-CDVC' });
    await moveUnit(db().orm.em.fork(), Scope.SYSTEM, 'A-CDVC', 'B', '2020-01-01', note);
    const after = await db().orm.em.fork().findOneOrFail(OrgUnit, { code: 'A-CDVC' });
    expect(after.id).toBe(before.id);

    expect((await unitAsOf('A-CDVC', '2019-12-31')).parent).toEqual({ code: 'A' });
    expect((await unitAsOf('A-CDVC', '2020-01-01')).parent).toEqual({ code: 'B' });
    expect(await unitAsOf('A', '2019-12-31')).toMatchObject({
      descendants: { totalCount: 3 },
      children: { totalCount: 1 },
    });
    expect(await unitAsOf('A', '2020-01-01')).toMatchObject({
      descendants: { totalCount: 0 },
      children: { totalCount: 0 },
    });
    // B now holds its own grassroots union and the moved union with its two.
    expect(await unitAsOf('B', '2020-01-01')).toMatchObject({
      descendants: { totalCount: 4 },
      children: { totalCount: 2 },
    });
    expect((await unitAsOf('A-G1', '2020-06-01')).parent).toEqual({ code: 'A-CDVC' });
    const ancestors = await api().run<{
      orgUnit: { ancestors: { edges: Array<{ node: { code: string } }> } };
    }>(`{ orgUnit(code: "A-G1", asOf: "2020-06-01") { ancestors { edges { node { code } } } } }`);
    expect(ancestors.data!.orgUnit.ancestors.edges.map((edge) => edge.node.code)).toEqual([
      'VN',
      'B',
      'A-CDVC',
    ]);
  });

  it('merges provinces: children move to the target, the sources close with it as successor', async () => {
    await mergeUnits(db().orm.em.fork(), Scope.SYSTEM, ['A', 'C'], 'B', '2025-07-01', note);
    expect(await unitAsOf('A', '2025-06-30')).toMatchObject({
      validTo: '2025-06-30',
      parent: { code: 'VN' },
      children: { totalCount: 1 },
    });
    expect(await unitAsOf('A', '2025-07-01')).toMatchObject({ parent: null, children: { totalCount: 0 } });
    const b = await unitAsOf('B', '2025-07-01');
    expect(childCodes(b).sort()).toEqual(['A-CDVC', 'B-G1']);
    expect(b.descendants.totalCount).toBe(4);
    const vn = await unitAsOf('VN', '2025-07-01');
    expect(childCodes(vn)).toEqual(['B']);
    expect(childCodes(await unitAsOf('VN', '2025-06-30')).sort()).toEqual(['A', 'B', 'C']);
    const links = await api().run<{
      b: { predecessors: { totalCount: number } };
      c: { successors: { edges: Array<{ node: { code: string } }> } };
    }>(
      `{ b: orgUnit(code: "B") { predecessors { totalCount } } c: orgUnit(code: "C") { successors { edges { node { code } } } } }`,
    );
    expect(links.data).toEqual({
      b: { predecessors: { totalCount: 2 } },
      c: { successors: { edges: [{ node: { code: 'B' } }] } },
    });
  });

  it('closes a unit after its children, leaving earlier dates untouched', async () => {
    await closeUnit(db().orm.em.fork(), Scope.SYSTEM, 'A-G1', '2024-01-01', { provenance: note });
    await moveUnit(db().orm.em.fork(), Scope.SYSTEM, 'A-G2', 'A', '2024-01-01', note);
    await closeUnit(db().orm.em.fork(), Scope.SYSTEM, 'A-CDVC', '2024-01-01', {
      successorCode: 'A',
      provenance: note,
    });
    expect(await unitAsOf('A-CDVC', '2023-12-31')).toMatchObject({
      validTo: '2023-12-31',
      children: { totalCount: 2 },
    });
    expect(childCodes(await unitAsOf('A', '2024-01-01'))).toEqual(['A-G2']);
    expect(childCodes(await unitAsOf('A', '2023-06-01'))).toEqual(['A-CDVC']);
    expect(await unitAsOf('A-G1', '2024-01-01')).toMatchObject({ validTo: '2023-12-31', parent: null });
  });

  it('refuses a move to a parent that does not exist on the date, writing nothing', async () => {
    await closeUnit(db().orm.em.fork(), Scope.SYSTEM, 'C', '2010-01-01', { provenance: note });
    await expect(
      moveUnit(db().orm.em.fork(), Scope.SYSTEM, 'B-G1', 'C', '2015-01-01', note),
    ).rejects.toMatchObject({
      message: 'C does not exist on 2015-01-01.',
      extensions: { code: 'BAD_USER_INPUT', field: 'parentCode' },
    });
    expect((await unitAsOf('B-G1', '2015-01-01')).parent).toEqual({ code: 'B' });
  });

  it('refuses a change of the tree dated in the future', async () => {
    await expect(
      moveUnit(db().orm.em.fork(), Scope.SYSTEM, 'B-G1', 'A', '2099-01-01', note, { today: '2026-11-26' }),
    ).rejects.toMatchObject({
      message: '2099-01-01 is in the future: record a change of the tree once it takes effect.',
      extensions: { code: 'BAD_USER_INPUT', field: 'date' },
    });
  });
});
