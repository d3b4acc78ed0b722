import { todayIn } from '../src/shared/dates';
import { withRequestScope } from '../src/auth/request-scope';
import type { Viewer } from '../src/auth/viewer';
import { createMemberLoaders, type MemberPage } from '../src/modules/member/member.loaders';
import { type Cursor, decodeCursor } from '../src/shared/pagination';
import { useDatabase } from './support/graphql';

/**
 * A large subtree's member pages come from the name index and the name dictionary (byName); a small
 * one's from reading every membership (whole). Both must give the same members in the same order,
 * page after page, under row-level security.
 */
/** Whether a text is whole words of a name, both without case and diacritics. */
function wholeWords(name: string, text: string): boolean {
  const plain = (value: string) =>
    value
      .normalize('NFD')
      .replace(/\p{Mn}/gu, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .toLowerCase();
  return ` ${plain(name)} `.includes(` ${plain(text)} `);
}

describe('member pages read through the name index', () => {
  const { db, api } = useDatabase('demo');

  const unitId = async (code: string) =>
    Number(
      (
        await db()
          .orm.em.fork()
          .getConnection()
          .execute<Array<{ id: number }>>('select id from org_unit where code = ?', [code])
      )[0].id,
    );

  /** Every page of a list, as [id, name] pairs, read with the given threshold, following the cursors. */
  async function pages(
    viewer: Viewer,
    wholeSubtreeUnits: number,
    key: { ownerId: number; asOf: string; search: string | null },
    first: number,
    maxPages: number,
  ) {
    return withRequestScope(db().appOrm, viewer, 'test', todayIn(), async (em) => {
      const loaders = createMemberLoaders(em, wholeSubtreeUnits);
      const rows: Array<[number, string]> = [];
      let after: Cursor | null = null;
      let page: MemberPage | null = null;
      for (let n = 0; n < maxPages; n++) {
        page = await loaders.membersByOwnerId.load({ ...key, first, after });
        rows.push(...page.nodes.map((row): [number, string] => [Number(row.id), row.full_name]));
        if (!page.hasNextPage) {
          break;
        }
        after = decodeCursor(page.cursors.at(-1)!);
      }
      return { rows, more: page!.hasNextPage, total: page!.totalCount };
    });
  }

  it('gives the same members in the same order as reading the whole subtree, for every text, date and viewer', async () => {
    const [vn, th, thKkt] = [await unitId('VN'), await unitId('TH'), await unitId('TH-KKT')];
    const national: Viewer = { kind: 'system', label: 'test', grants: [{ unitId: vn, role: 'ADMIN' }] };
    const province: Viewer = { kind: 'system', label: 'test', grants: [{ unitId: th, role: 'ADMIN' }] };
    const texts = [
      null,
      'a',
      'an',
      'Lan',
      'nguyễn',
      'NGUYEN THI',
      'thi l',
      'văn a',
      'zz',
      '_',
      '%',
      'n_',
      'h%',
    ];
    let compared = 0;
    for (const viewer of [national, province]) {
      for (const ownerId of [vn, th, thKkt]) {
        for (const asOf of ['2022-12-31', '2026-01-15']) {
          for (const search of texts) {
            const key = { ownerId, asOf, search };
            const whole = await pages(viewer, Number.MAX_SAFE_INTEGER, key, 40, 3);
            const byName = await pages(viewer, 0, key, 40, 3);
            expect({ key, rows: byName.rows, more: byName.more }).toEqual({
              key,
              rows: whole.rows,
              more: whole.more,
            });
            // Names in which the text is whole words come first, then those in which it only starts a word.
            if (search !== null) {
              const ranks = whole.rows.map(([, name]) => (wholeWords(name, search) ? 0 : 1));
              expect({ key, ranks }).toEqual({ key, ranks: [...ranks].sort() });
            }
            // The whole read counts; the index read leaves the count to totalCount.
            expect(whole.total).not.toBeNull();
            expect(byName.total).toBeNull();
            compared += whole.rows.length;
          }
        }
      }
    }
    // The comparisons held real pages, not empty lists.
    expect(compared).toBeGreaterThan(5_000);
  });

  it('lists the names in which the text is whole words before those in which it starts a word', async () => {
    for (const fullName of ['Trần Thị Lành', 'Lanh Văn Lan', 'Lan Anh Đỗ', 'Vũ Lan']) {
      const created = await api().run(
        `mutation($name: String!) { createMember(input: { fullName: $name, gender: FEMALE, unitCode: "TH-CS002", joinedOn: "2024-03-01" }) { id } }`,
        { name: fullName },
      );
      expect(created.errors).toBeUndefined();
    }
    const vn = await unitId('VN');
    const viewer: Viewer = { kind: 'system', label: 'test', grants: [{ unitId: vn, role: 'ADMIN' }] };
    for (const ownerId of [vn, await unitId('TH-CS002')]) {
      for (const wholeSubtreeUnits of [0, Number.MAX_SAFE_INTEGER]) {
        const key = { ownerId, asOf: '2026-01-15', search: 'lan' };
        const { rows } = await pages(viewer, wholeSubtreeUnits, key, 100, 200);
        const names = rows.map(([, name]) => name);
        const ours = names.filter((name) =>
          ['Trần Thị Lành', 'Lanh Văn Lan', 'Lan Anh Đỗ', 'Vũ Lan'].includes(name),
        );
        expect({ key, wholeSubtreeUnits, ours }).toEqual({
          key,
          wholeSubtreeUnits,
          ours: ['Lan Anh Đỗ', 'Lanh Văn Lan', 'Vũ Lan', 'Trần Thị Lành'],
        });
        const ranks = names.map((name) => (wholeWords(name, 'lan') ? 0 : 1));
        expect(ranks).toEqual([...ranks].sort());
      }
    }
  });

  it('finds a name by the start of any word, and a new or renamed member at once', async () => {
    const created = await api().run<{ createMember: { id: string } }>(
      `mutation { createMember(input: { fullName: "Quách Thị Ỷ Lan", gender: FEMALE, unitCode: "TH-CS001", joinedOn: "2024-03-01" }) { id } }`,
    );
    expect(created.errors).toBeUndefined();
    const find = async (text: string) => {
      const { rows } = await pages(
        { kind: 'system', label: 'test', grants: [{ unitId: await unitId('VN'), role: 'ADMIN' }] },
        0,
        { ownerId: await unitId('VN'), asOf: '2026-01-15', search: text },
        50,
        1,
      );
      return rows.filter(([, name]) => name.startsWith('Quách')).map(([, name]) => name);
    };
    for (const text of ['quach', 'Quách Thị', 'y lan', 'QUÁCH THỊ Ỷ', 'thị ỷ l']) {
      expect({ text, found: await find(text) }).toEqual({ text, found: ['Quách Thị Ỷ Lan'] });
    }
    expect(await find('lan y')).toEqual([]);
    const renamed = await api().run(
      `mutation($id: ID!) { updateMember(id: $id, input: { fullName: "Quách Thị Ỷ Vân" }) { fullName } }`,
      { id: created.data!.createMember.id },
    );
    expect(renamed.errors).toBeUndefined();
    expect(await find('y van')).toEqual(['Quách Thị Ỷ Vân']);
    expect(await find('y lan')).toEqual([]);
  });

  it('counts every match when totalCount is asked for, however the page was read', async () => {
    const result = await api().run<{
      vn: { members: { totalCount: number } };
      th: { members: { totalCount: number } };
      g: { members: { totalCount: number; edges: unknown[] } };
    }>(`{ vn: orgUnit(code: "VN", asOf: "2026-01-15") { members(search: "lan", first: 1) { totalCount } }
          th: orgUnit(code: "TH", asOf: "2026-01-15") { members(search: "lan", first: 1) { totalCount } }
          g: orgUnit(code: "TH-CS001", asOf: "2026-01-15") { members(first: 0) { totalCount edges { cursor } } } }`);
    expect(result.errors).toBeUndefined();
    const [counted] = await db()
      .orm.em.fork()
      .getConnection()
      .execute<Array<{ vn: number; th: number; g: number }>>(
        `select count(*) filter (where ms.search_name ~ '(^| )lan')::int as vn,
                count(*) filter (where ms.search_name ~ '(^| )lan' and p.path ~ '*.${await unitId('TH')}.*')::int as th,
                count(*) filter (where u.code = 'TH-CS001')::int as g
           from membership ms join org_unit u on u.id = ms.unit_id
           join org_unit_path p on p.unit_id = ms.unit_id and p.period @> date '2026-01-15'
          where ms.period @> date '2026-01-15'`,
      );
    expect(counted.vn).toBeGreaterThan(0);
    expect(result.data).toEqual({
      vn: { members: { totalCount: counted.vn } },
      th: { members: { totalCount: counted.th } },
      g: { members: { totalCount: counted.g, edges: [] } },
    });
  });
});
