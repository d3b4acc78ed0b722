import { todayIn } from '../src/shared/dates';
import { useDatabase } from './support/graphql';

/**
 * Figures on the tree of another day (issue 20): Thái Bình (TB) merged into Hưng Yên (HY) on 1 July 2025,
 * so on today's map HY's 2024 figures hold TB's; without `onTreeOf` they are HY's as it was.
 */
describe('figures on the map of another date', () => {
  const { api } = useDatabase('demo');
  const today = todayIn();
  const FIELDS = 'members newMembers grassrootsUnits supportAmount giftAmount initiatives awardsCollective';

  it('counts Thái Bình’s 2024 records under Hưng Yên on today’s map, and no longer under a Thái Bình', async () => {
    const result = await api().run<{
      hy: { asItWas: Record<string, unknown>; onMap: Record<string, unknown> };
      tb: { asItWas: Record<string, unknown>; onMap: null };
    }>(
      `query ($day: Date!) {
        hy: orgUnit(code: "HY") { asItWas: stats(year: 2024) { ${FIELDS} } onMap: stats(year: 2024, onTreeOf: $day) { ${FIELDS} } }
        tb: orgUnit(code: "TB") { asItWas: stats(year: 2024) { ${FIELDS} } onMap: stats(year: 2024, onTreeOf: $day) { members } }
      }`,
      { day: today },
    );
    expect(result.errors).toBeUndefined();
    const { hy, tb } = result.data!;
    // Thái Bình's grassroots unions of 2024 stand under Hưng Yên today.
    expect(Number(tb.asItWas.grassrootsUnits)).toBeGreaterThan(0);
    expect(tb.onMap).toBeNull();
    for (const field of FIELDS.split(' ')) {
      expect({ field, value: String(hy.onMap[field]) }).toEqual({
        field,
        value: String(BigInt(String(hy.asItWas[field])) + BigInt(String(tb.asItWas[field]))),
      });
    }
  });

  it('lists today’s provinces under the national federation for 2022, and with the remainder adds up to it', async () => {
    const result = await api().run<{
      orgUnit: {
        asItWas: Array<{ unit: { code: string } }>;
        children: Array<{ unit: { code: string }; stats: { members: number; supportAmount: string } }>;
        remainderStats: { members: number; supportAmount: string };
        stats: { members: number; supportAmount: string };
      };
    }>(
      `query ($day: Date!) { orgUnit(code: "VN") {
        asItWas: childrenStats(year: 2022) { unit { code } }
        children: childrenStats(year: 2022, onTreeOf: $day) { unit { code } stats { members supportAmount } }
        remainderStats(year: 2022, onTreeOf: $day) { members supportAmount }
        stats(year: 2022) { members supportAmount }
      } }`,
      { day: today },
    );
    expect(result.errors).toBeUndefined();
    const vn = result.data!.orgUnit;
    const codes = vn.children.map((child) => child.unit.code);
    expect(codes).toContain('HY');
    expect(codes).not.toContain('TB');
    expect(vn.asItWas.map((child) => child.unit.code)).toContain('TB');
    expect(vn.children.length).toBeLessThan(vn.asItWas.length);
    const members = vn.children.reduce((total, child) => total + child.stats.members, 0);
    const support = vn.children.reduce((total, child) => total + BigInt(child.stats.supportAmount), 0n);
    expect(members + vn.remainderStats.members).toBe(vn.stats.members);
    expect(String(support + BigInt(vn.remainderStats.supportAmount))).toBe(String(vn.stats.supportAmount));
  });

  it('refuses a map day after today and the approved basis on another tree, saying which argument', async () => {
    const result = await api().run(
      `{ hy: orgUnit(code: "HY") { stats(year: 2022, onTreeOf: "2999-01-01") { members } } }`,
    );
    expect(result.errors?.[0].extensions).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
    expect(result.errors?.[0].message).toMatch(/onTreeOf may not be after today/);
    const approved = await api().run(
      `{ hy: orgUnit(code: "HY") { stats(year: 2022, basis: APPROVED, onTreeOf: "${today}") { members } } }`,
    );
    expect(approved.errors?.[0].extensions).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
    expect(approved.errors?.[0].message).toMatch(/Approved reports are read on the tree of their year/);
  });
});
