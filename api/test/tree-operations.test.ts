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

  it('renames from a date: a query as of an earlier date shows the name of that date, wherever the unit is reached', async () => {
    const rename = (code: string, name: string, date: string | null) =>
      api().run<{ renameOrgUnit: { name: string } }>(
        `mutation($code: String!, $name: String!, $date: Date) { renameOrgUnit(code: $code, name: $name, date: $date) { name } }`,
        { code, name, date },
      );
    expect((await rename('A', 'Liên đoàn Lao động tỉnh A mới', '2025-07-01')).data).toEqual({
      renameOrgUnit: { name: 'Liên đoàn Lao động tỉnh A mới' },
    });
    expect((await rename('A', 'Liên đoàn Lao động thành phố A', '2026-01-01')).errors).toBeUndefined();
    const NAMES = `query($asOf: Date!, $year: Int!) {
      a: orgUnit(code: "A", asOf: $asOf) { name }
      vn: orgUnit(code: "VN", asOf: $asOf) {
        children(search: "A") { edges { node { code name } } }
        childrenStats(year: $year) { unit { code name } }
      }
      g: orgUnit(code: "A-G1", asOf: $asOf) { ancestors { edges { node { code name } } } parent { parent { name } } }
    }`;
    const namesOn = async (asOf: string) => {
      const result = await api().run<{
        a: { name: string };
        vn: {
          children: { edges: Array<{ node: { code: string; name: string } }> };
          childrenStats: Array<{ unit: { code: string; name: string } }>;
        };
        g: {
          ancestors: { edges: Array<{ node: { code: string; name: string } }> };
          parent: { parent: { name: string } };
        };
      }>(NAMES, { asOf, year: Number(asOf.slice(0, 4)) });
      expect(result.errors).toBeUndefined();
      const { a, vn, g } = result.data!;
      return [
        a.name,
        vn.children.edges.find((edge) => edge.node.code === 'A')!.node.name,
        vn.childrenStats.find((child) => child.unit.code === 'A')!.unit.name,
        g.ancestors.edges.find((edge) => edge.node.code === 'A')!.node.name,
        g.parent.parent.name,
      ];
    };
    // The ranking of a year reads the tree of the year's end: 2025's shows the name of 31 December 2025.
    expect(new Set(await namesOn('2024-12-31'))).toEqual(new Set(['Unit A']));
    expect((await namesOn('2025-06-30')).slice(2, 3)).toEqual(['Liên đoàn Lao động tỉnh A mới']);
    expect(new Set(await namesOn('2025-06-30').then((names) => names.filter((_, i) => i !== 2)))).toEqual(
      new Set(['Unit A']),
    );
    expect(new Set(await namesOn('2025-07-01'))).toEqual(new Set(['Liên đoàn Lao động tỉnh A mới']));
    expect(new Set(await namesOn('2025-12-31'))).toEqual(new Set(['Liên đoàn Lao động tỉnh A mới']));
    expect(new Set(await namesOn('2026-01-01'))).toEqual(new Set(['Liên đoàn Lao động thành phố A']));

    // A correction without a date mends the latest name over its period; the earlier names stay.
    expect((await rename('A', 'Liên đoàn Lao động Thành phố A', null)).errors).toBeUndefined();
    expect(new Set(await namesOn('2026-01-01'))).toEqual(new Set(['Liên đoàn Lao động Thành phố A']));
    expect(new Set(await namesOn('2025-07-01'))).toEqual(new Set(['Liên đoàn Lao động tỉnh A mới']));

    // Refused, writing nothing: before the latest rename, before the unit's first day, in the future, the same name.
    for (const [name, date, message] of [
      [
        'X',
        '2025-10-01',
        'A has been named "Liên đoàn Lao động Thành phố A" since 2026-01-01: a rename comes after its latest one.',
      ],
      ['X', '1999-12-31', 'A exists from 2000-01-01: 1999-12-31 is outside its life.'],
      ['X', '2099-01-01', '2099-01-01 is in the future: record a change of the tree once it takes effect.'],
      [
        'Liên đoàn Lao động Thành phố A',
        '2026-02-01',
        'A is already named "Liên đoàn Lao động Thành phố A".',
      ],
      ['  ', '2026-02-01', 'A unit needs a name.'],
    ]) {
      const refused = await rename('A', name, date);
      expect({ date, errors: refused.errors?.map((e) => [e.message, e.extensions?.code]) }).toEqual({
        date,
        errors: [[message, 'BAD_USER_INPUT']],
      });
    }
    const [{ n }] = await db()
      .orm.em.fork()
      .getConnection()
      .execute<Array<{ n: number }>>('select count(*)::int as n from org_unit_former_name');
    expect(n).toBe(2);
  });
});
