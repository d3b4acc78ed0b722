import * as indicators from '../src/modules/statistics/indicators';
import { todayIn } from '../src/shared/dates';
import { useDatabase } from './support/graphql';

describe('derived figures against hand-computed values', () => {
  it('divides, and is null where the denominator is zero', () => {
    expect(indicators.newMembersPer100(130, 5202)).toBeCloseTo(2.499, 3);
    expect(indicators.newMembersPer100(3, 0)).toBeNull();
    expect(indicators.membersPerGrassrootsUnion(5202, 55)).toBeCloseTo(94.58, 2);
    expect(indicators.membersPerGrassrootsUnion(10, 0)).toBeNull();
    expect(indicators.womenShare(3121, 5202)).toBeCloseTo(0.6, 3);
    expect(indicators.womenShare(0, 0)).toBeNull();
    expect(indicators.goodOrBetterShare({ excellent: 1, good: 2, rated: 4 }, 5)).toBeCloseTo(0.6, 10);
    expect(indicators.goodOrBetterShare({ excellent: 0, good: 0, rated: 0 }, 5)).toBeNull();
  });

  it('counts the targets reached, a target exactly reached included', () => {
    expect(
      indicators.targetAchievement([
        { target: 100n, actual: 100n },
        { target: 600n, actual: 525n },
        { target: 1_000_000_000n, actual: 1_100_000_000n },
      ]),
    ).toEqual({ set: 3, met: 2, share: 2 / 3 });
    expect(indicators.targetAchievement([])).toEqual({ set: 0, met: 0, share: null });
  });

  it('changes on the previous year, with no ratio from nothing', () => {
    expect(indicators.yearOnYear(5000n, 5202n)).toEqual({ difference: 202n, ratio: 0.0404 });
    expect(indicators.yearOnYear(200n, 150n)).toEqual({ difference: -50n, ratio: -0.25 });
    expect(indicators.yearOnYear(0n, 7n)).toEqual({ difference: 7n, ratio: null });
    expect(indicators.yearOnYear(null, 7n)).toEqual({ difference: null, ratio: null });
  });

  it('places ranks as percentiles, ties sharing one', () => {
    // Values 9, 7, 7, 1: ranks 1, 2, 2, 4.
    expect(indicators.percentile(3, 4)).toBe(1);
    expect(indicators.percentile(1, 4)).toBeCloseTo(1 / 3, 10);
    expect(indicators.percentile(0, 4)).toBe(0);
    expect(indicators.percentile(0, 1)).toBe(1);
  });
});

describe('indicators through GraphQL', () => {
  const { api, db } = useDatabase('demo');
  const today = todayIn();

  it('counts the women among QN-CDVC’s 2022 members from the members’ records, and moves a corrected gender at once', async () => {
    type Figures = { members: number; womenMembers: number };
    const figures = async (code: string, year: number) =>
      (
        await api().run<{ orgUnit: { stats: Figures; indicators: { womenShare: number | null } } }>(
          `{ orgUnit(code: "${code}") { stats(year: ${year}) { members womenMembers } indicators(year: ${year}) { womenShare } } }`,
        )
      ).data!.orgUnit;
    // The oracle: the women among the memberships of the grassroots unions it held on 31 December 2022.
    const [{ women }] = await db()
      .orm.em.getConnection()
      .execute(
        `select count(*)::int as women from membership ms join member m on m.id = ms.member_id
          where m.gender = 'FEMALE' and ms.period @> date '2022-12-31'
            and ms.unit_id in (select l.unit_id from org_unit_parent l join org_unit p on p.id = l.parent_id
                                where p.code = 'QN-CDVC' and l.period @> date '2022-12-31')`,
      );
    const qn = await figures('QN-CDVC', 2022);
    expect(qn.stats).toEqual({ members: 5202, womenMembers: women });
    expect(women).toBeGreaterThan(1000);
    expect(women).toBeLessThan(5202);
    expect(qn.indicators.womenShare).toBeCloseTo(women / 5202, 10);

    // A woman admitted this year, then recorded as a man: the figures follow at once.
    const unit = 'HY';
    const before = (await figures(unit, Number(today.slice(0, 4)))).stats;
    const grassroots = await api().run<{
      orgUnit: { descendants: { edges: Array<{ node: { code: string } }> } };
    }>(
      `{ orgUnit(code: "${unit}") { descendants(kind: GRASSROOTS_UNION, first: 1) { edges { node { code } } } } }`,
    );
    const admitted = await api().run<{ createMember: { id: string } }>(
      `mutation { createMember(input: { fullName: "Nguyễn Thị Hoa", gender: FEMALE, joinedOn: "${today}",
        unitCode: "${grassroots.data!.orgUnit.descendants.edges[0].node.code}" }) { id } }`,
    );
    expect(admitted.errors).toBeUndefined();
    const id = admitted.data!.createMember.id;
    const year = Number(today.slice(0, 4));
    expect((await figures(unit, year)).stats).toEqual({
      members: before.members + 1,
      womenMembers: before.womenMembers + 1,
    });
    const corrected = await api().run(
      `mutation { updateMember(id: "${id}", input: { gender: MALE }) { gender } }`,
    );
    expect(corrected).toEqual({ data: { updateMember: { gender: 'MALE' } } });
    expect((await figures(unit, year)).stats).toEqual({
      members: before.members + 1,
      womenMembers: before.womenMembers,
    });

    // A member counted in QN-CDVC's approved 2022 report: correcting the gender would change a locked figure.
    const locked = await api().run<{
      orgUnit: {
        descendants: {
          edges: Array<{ node: { members: { edges: Array<{ node: { id: string; gender: string } }> } } }>;
        };
      };
    }>(
      `{ orgUnit(code: "QN-CDVC", asOf: "2022-12-31") { descendants(kind: GRASSROOTS_UNION, first: 1) { edges { node {
          members(first: 1) { edges { node { id gender } } } } } } } }`,
    );
    const member = locked.data!.orgUnit.descendants.edges[0].node.members.edges[0].node;
    const refused = await api().run(
      `mutation { updateMember(id: "${member.id}", input: { gender: ${member.gender === 'FEMALE' ? 'MALE' : 'FEMALE'} }) { gender } }`,
    );
    expect(refused.errors?.[0].extensions?.code).toBe('PERIOD_LOCKED');
    expect((await figures('QN-CDVC', 2022)).stats).toEqual({ members: 5202, womenMembers: women });
  });

  it('derives QN-CDVC’s 2022 figures (source 000: 55 grassroots unions, 5.202 members) with its targets and ratings', async () => {
    const units = await api().run<{ orgUnit: { descendants: { edges: Array<{ node: { code: string } }> } } }>(
      `{ orgUnit(code: "QN-CDVC", asOf: "2022-12-31") { descendants(kind: GRASSROOTS_UNION, first: 5) { edges { node { code } } } } }`,
    );
    const [first, second, third] = units.data!.orgUnit.descendants.edges.map((edge) => edge.node.code);
    const writes = await api().run(
      `mutation {
        a: rateUnit(unitCode: "${first}", year: 2022, rating: EXCELLENT) { code }
        b: rateUnit(unitCode: "${second}", year: 2022, rating: GOOD) { code }
        c: rateUnit(unitCode: "${third}", year: 2022, rating: COMPLETED) { code }
        d: setTarget(unitCode: "QN-CDVC", year: 2022, metric: MEMBERS, value: "5000") { code }
        e: setTarget(unitCode: "QN-CDVC", year: 2022, metric: INITIATIVES, value: "600") { code }
      }`,
    );
    expect(writes.errors).toBeUndefined();
    const result = await api().run<{ orgUnit: { indicators: Record<string, unknown> } }>(
      `{ orgUnit(code: "QN-CDVC") { indicators(year: 2022) {
          year membersPerGrassrootsUnion goodOrBetterShare targetsSet targetsMet targetAchievement
          change(metric: INITIATIVES) { metric previous current difference }
          rank(among: SIBLINGS) { among rank of percentile }
      } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.orgUnit.indicators).toEqual({
      year: 2022,
      membersPerGrassrootsUnion: 5202 / 55,
      goodOrBetterShare: 2 / 55,
      targetsSet: 2,
      targetsMet: 1,
      targetAchievement: 0.5,
      change: { metric: 'INITIATIVES', previous: '0', current: '525', difference: '525' },
      rank: { among: 'SIBLINGS', rank: 1, of: 1, percentile: 1 },
    });
  });

  it('ranks Hưng Yên among the 34 provinces of today’s map, with its year-on-year change on that map', async () => {
    const result = await api().run<{
      orgUnit: {
        stats: { members: number };
        before: { members: number };
        indicators: { change: { previous: string; current: string }; rank: { of: number; rank: number } };
      };
    }>(
      `query ($day: Date!) { orgUnit(code: "HY") {
          stats(year: 2025, onTreeOf: $day) { members } before: stats(year: 2024, onTreeOf: $day) { members }
          indicators(year: 2025, onTreeOf: $day) { change(metric: MEMBERS) { previous current } rank(among: KIND) { rank of } }
      } }`,
      { day: today },
    );
    expect(result.errors).toBeUndefined();
    const { stats, before, indicators: derived } = result.data!.orgUnit;
    expect(derived.change).toEqual({ previous: String(before.members), current: String(stats.members) });
    expect(derived.rank.of).toBe(34);
    expect(derived.rank.rank).toBeGreaterThanOrEqual(1);
  });

  it('ranks Thanh Hóa within its emulation cluster of the year', async () => {
    const result = await api().run<{ orgUnit: { indicators: { rank: Record<string, unknown> } } }>(
      `{ orgUnit(code: "TH") { indicators(year: 2024) { rank(among: CLUSTER) { among clusterCode of rank } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.orgUnit.indicators.rank).toMatchObject({
      among: 'CLUSTER',
      clusterCode: 'CUM-BAC-TRUNG-BO',
      of: 6,
    });
  });

  it('refuses a rank among peers the viewer may not read, and gives an analyst the unit’s own derived figures', async () => {
    const officer = await api().as([{ code: 'QN', role: 'ANALYST' }]);
    const result = await officer<{
      orgUnit: { indicators: { membersPerGrassrootsUnion: number; rank: null } };
    }>(
      `{ orgUnit(code: "QN") { indicators(year: 2022) { membersPerGrassrootsUnion rank(among: SIBLINGS) { rank of } } } }`,
    );
    expect(result.data!.orgUnit.indicators.membersPerGrassrootsUnion).toBeGreaterThan(0);
    expect(result.data!.orgUnit.indicators.rank).toBeNull();
    expect(result.errors?.map((error) => [error.path?.join('.'), error.extensions?.code])).toEqual([
      ['orgUnit.indicators.rank', 'FORBIDDEN'],
    ]);
    const kind = await officer(
      `{ orgUnit(code: "QN") { indicators(year: 2022) { rank(among: KIND) { rank } } } }`,
    );
    expect(kind.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
