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

  describe('previews', () => {
    const PREVIEW = `mutation($change: TreeChangeInput!) { previewTreeChange(change: $change) {
      created { code parentBefore parentAfter } moved { code parentBefore parentAfter } closed { code parentBefore parentAfter } renamed { code before after }
      unitsAffected membersAffected roles { email role code } years reports { unitCode period state } } }`;
    interface Preview {
      created: Array<{ code: string; parentBefore: string | null; parentAfter: string | null }>;
      moved: Array<{ code: string; parentBefore: string | null; parentAfter: string | null }>;
      closed: Array<{ code: string; parentBefore: string | null; parentAfter: string | null }>;
      renamed: Array<{ code: string; before: string; after: string }>;
      unitsAffected: number;
      membersAffected: number;
      roles: Array<{ email: string; role: string; code: string }>;
      years: number[];
      reports: Array<{ unitCode: string; period: string; state: string }>;
    }
    const preview = async (change: Record<string, unknown>) =>
      api().run<{ previewTreeChange: Preview }>(PREVIEW, { change });
    const apply = async (change: Record<string, unknown>) =>
      api().run(`mutation($change: TreeChangeInput!) { applyTreeChange(change: $change) }`, { change });
    const parentsOn = async (date: string) => {
      const rows = await db()
        .orm.em.fork()
        .getConnection()
        .execute<Array<{ code: string; parent: string }>>(
          `select u.code, p.code as parent from org_unit_parent l join org_unit u on u.id = l.unit_id
             join org_unit p on p.id = l.parent_id where l.period @> ?::date`,
          [date],
        );
      return new Map(rows.map((row) => [row.code, row.parent]));
    };
    const auditRows = async () =>
      Number(
        (
          await db()
            .orm.em.fork()
            .getConnection()
            .execute<Array<{ n: number }>>('select count(*)::int as n from audit_log')
        )[0].n,
      );
    const thisYear = Number(new Date().toISOString().slice(0, 4));

    it('shows what a move and a merge will do, changes nothing, and the apply does exactly that', async () => {
      const treeBefore = await parentsOn('2020-01-01');
      const audited = await auditRows();
      const move = { kind: 'MOVE', code: 'A-CDVC', parentCode: 'B', date: '2020-01-01' };
      const moved = await preview(move);
      expect(moved.errors).toBeUndefined();
      expect(moved.data!.previewTreeChange).toEqual({
        created: [],
        moved: [{ code: 'A-CDVC', parentBefore: 'A', parentAfter: 'B' }],
        closed: [],
        renamed: [],
        unitsAffected: 3,
        membersAffected: 0,
        roles: [],
        years: Array.from({ length: thisYear - 2019 }, (_, i) => 2020 + i),
        reports: [],
      });
      // Nothing was written: the tree and the audit log are as they were.
      expect(await parentsOn('2020-01-01')).toEqual(treeBefore);
      expect(await auditRows()).toBe(audited);

      const merge = { kind: 'MERGE', sourceCodes: ['A'], targetCode: 'C', date: '2021-01-01' };
      const merged = (await preview(merge)).data!.previewTreeChange;
      expect(merged.closed).toEqual([{ code: 'A', parentBefore: 'VN', parentAfter: null }]);
      expect(merged.moved).toEqual([{ code: 'A-CDVC', parentBefore: 'A', parentAfter: 'C' }]);
      expect(merged.unitsAffected).toBe(4);

      // Applied, the tree on the date is what the preview said.
      expect((await apply(merge)).errors).toBeUndefined();
      const after = await parentsOn('2021-01-01');
      for (const unit of merged.moved) {
        expect([unit.code, after.get(unit.code)]).toEqual([unit.code, unit.parentAfter]);
      }
      expect(after.has('A')).toBe(false);
    });

    it('names the open reports whose figures a change counts again, and refuses one that would change a locked report', async () => {
      for (const unitCode of ['B', 'C', 'B-G1']) {
        const saved = await api().run(
          `mutation($unitCode: String!) { saveReport(unitCode: $unitCode, period: "2023", values: []) { state } }`,
          { unitCode },
        );
        expect(saved.errors).toBeUndefined();
      }
      // B-G1 leaves B for C: B's and C's 2023 reports count again; B-G1's own does not change.
      const move = { kind: 'MOVE', code: 'B-G1', parentCode: 'C', date: '2023-03-01' };
      expect((await preview(move)).data!.previewTreeChange.reports).toEqual([
        { unitCode: 'B', period: '2023', state: 'DRAFT' },
        { unitCode: 'C', period: '2023', state: 'DRAFT' },
      ]);
      // From 2024 on, no report of theirs is kept yet.
      expect((await preview({ ...move, date: '2024-01-01' })).data!.previewTreeChange.reports).toEqual([]);
      // C submits: its figures lock, and the move is refused, by the preview as by the apply.
      const submitted = await api().run(`mutation { submitReport(unitCode: "C", period: "2023") { state } }`);
      expect(submitted.errors).toBeUndefined();
      const refused = await preview(move);
      expect(refused.errors?.[0].extensions).toMatchObject({
        code: 'PERIOD_LOCKED',
        unitCode: 'C',
        period: '2023',
      });
      expect((await apply(move)).errors?.[0].extensions?.code).toBe('PERIOD_LOCKED');
    });

    it('previews founding a unit, founds it as previewed, and asks for its kind beside the field', async () => {
      const create = {
        kind: 'CREATE',
        code: 'B-G2',
        name: 'Công đoàn cơ sở mới',
        unitKind: 'GRASSROOTS_UNION',
        parentCode: 'B',
        date: '2024-03-01',
      };
      const previewed = await preview(create);
      expect(previewed.errors).toBeUndefined();
      expect(previewed.data!.previewTreeChange).toMatchObject({
        created: [{ code: 'B-G2', parentBefore: null, parentAfter: 'B' }],
        moved: [],
        closed: [],
        unitsAffected: 0,
        membersAffected: 0,
      });
      expect(await db().orm.em.fork().count(OrgUnit, { code: 'B-G2' })).toBe(0);
      expect((await apply(create)).errors).toBeUndefined();
      expect((await parentsOn('2024-03-01')).get('B-G2')).toBe('B');
      const noKind = await preview({ ...create, code: 'B-G3', unitKind: null });
      expect(noKind.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'unitKind',
        messageCode: 'TREE_CHANGE_FIELD_REQUIRED',
      });
    });

    it('previews a rename, and refuses what the apply would refuse, with the same error', async () => {
      const renamed = await preview({ kind: 'RENAME', code: 'B', name: 'Tỉnh B mới', date: '2025-07-01' });
      expect(renamed.data!.previewTreeChange).toMatchObject({
        renamed: [{ code: 'B', before: 'Unit B', after: 'Tỉnh B mới' }],
        moved: [],
        closed: [],
        years: [],
      });
      const name = await db().orm.em.fork().findOneOrFail(OrgUnit, { code: 'B' });
      expect(name.name).toBe('Unit B');

      const missing = await preview({ kind: 'MOVE', code: 'A-CDVC', date: '2020-01-01' });
      expect(missing.errors?.[0]).toMatchObject({
        message: 'A MOVE names its parentCode.',
        extensions: { code: 'BAD_USER_INPUT', field: 'parentCode' },
      });
      for (const change of [
        { kind: 'MOVE', code: 'A-CDVC', parentCode: 'B', date: '2099-01-01' },
        { kind: 'MOVE', code: 'A-CDVC', parentCode: 'NOPE', date: '2020-01-01' },
        { kind: 'MERGE', sourceCodes: ['A'], targetCode: 'B-G1', date: '2020-01-01' },
      ]) {
        const previewed = await preview(change);
        const applied = await apply(change);
        expect(previewed.errors?.map((e) => [e.message, e.extensions?.code])).toEqual(
          applied.errors?.map((e) => [e.message, e.extensions?.code]),
        );
        expect(previewed.errors).toHaveLength(1);
      }
    });

    it('gives the tree the apply gives, for random moves on a random tree', async () => {
      let seed = 7;
      const random = (n: number) => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed % n;
      };
      const movable = ['A-CDVC', 'A-G1', 'A-G2', 'B-G1'];
      const parents: Record<string, string[]> = {
        'A-CDVC': ['A', 'B', 'C'],
        'A-G1': ['A-CDVC', 'A', 'B', 'C'],
        'A-G2': ['A-CDVC', 'B', 'C'],
        'B-G1': ['A', 'B', 'C', 'A-CDVC'],
      };
      for (let step = 0; step < 12; step++) {
        const code = movable[random(movable.length)];
        const date = `${2001 + step}-0${1 + random(9)}-15`;
        const change = { kind: 'MOVE', code, parentCode: parents[code][random(parents[code].length)], date };
        const previewed = await preview(change);
        const applied = await apply(change);
        expect({ change, error: previewed.errors?.[0]?.message }).toEqual({
          change,
          error: applied.errors?.[0]?.message,
        });
        if (!applied.errors) {
          const tree = await parentsOn(date);
          for (const unit of previewed.data!.previewTreeChange.moved) {
            expect({ change, unit: unit.code, parent: tree.get(unit.code) }).toEqual({
              change,
              unit: unit.code,
              parent: unit.parentAfter,
            });
          }
        }
      }
    });
  });
});
