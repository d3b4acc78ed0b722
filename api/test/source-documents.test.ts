import { useDatabase } from './support/graphql';

/** Each source document's figures, read back through GraphQL from the demo data. */
describe('the figures of the source documents', () => {
  const { api } = useDatabase('demo');

  const STATS = `grassrootsUnits newGrassrootsUnits members newMembers welfareParticipants welfareAmount supportCases supportAmount
    giftPackages giftAmount charityAmount housesBuilt housingAmount initiatives awardsCollective awardsIndividual partyReferrals partyAdmissions`;

  async function stats(code: string, year: number): Promise<Record<string, number | string>> {
    const result = await api().run<{ orgUnit: { stats: Record<string, number | string> } }>(
      `query($code: String!, $year: Int!) { orgUnit(code: $code) { stats(year: $year) { year ${STATS} } } }`,
      { code, year },
    );
    expect(result.errors).toBeUndefined();
    return result.data!.orgUnit.stats;
  }

  it('000: Công đoàn Viên chức tỉnh Quảng Ninh in 2022', async () => {
    expect(await stats('QN-CDVC', 2022)).toMatchObject({
      grassrootsUnits: 55,
      members: 5202,
      initiatives: 525,
      welfareParticipants: 15589,
      welfareAmount: '1000000000',
      supportCases: 1000,
      supportAmount: '740000000',
      housesBuilt: 2,
      housingAmount: '500000000',
      awardsCollective: 8,
      awardsIndividual: 4,
    });
    // The province federation's rollup includes its public-servant union's.
    expect(await stats('QN', 2022)).toMatchObject({
      grassrootsUnits: 55,
      members: 5202,
      supportAmount: '740000000',
    });
  });

  it('001: the public-servant union of an unnamed province in 2024', async () => {
    expect(await stats('P001-CDVC', 2024)).toMatchObject({
      grassrootsUnits: 54,
      members: 4535,
      newMembers: 106,
      supportAmount: '464000000',
      giftPackages: 363,
      giftAmount: '186500000',
      // 203 triệu + 1,6 tỷ + 1,5 tỷ
      charityAmount: '3303000000',
      awardsCollective: 54,
      // 5 Kỷ niệm chương and 144 Giấy khen
      awardsIndividual: 149,
    });
  });

  it('002: Thanh Hóa in 2022, with its targets and its national lead in initiatives', async () => {
    expect(await stats('TH', 2022)).toMatchObject({
      newMembers: 32215,
      newGrassrootsUnits: 155,
      initiatives: 170234,
      partyReferrals: 3897,
      partyAdmissions: 2312,
      // 158 collectives, and the Bằng khen to the federation itself for leading phase 1
      awardsCollective: 159,
      // 273 individuals, 25 Bằng Lao động sáng tạo, 76 "Công nhân giỏi xứ Thanh"
      awardsIndividual: 374,
    });
    const targets = await api().run<{
      orgUnit: {
        targets: Array<{
          metric: string;
          target: string;
          actual: string;
          ratio: number;
          setBy: { code: string };
        }>;
      };
    }>(`{ orgUnit(code: "TH") { targets(year: 2022) { metric target actual ratio setBy { code } } } }`);
    const percent = Object.fromEntries(
      targets.data!.orgUnit.targets.map((t) => [t.metric, (t.ratio * 100).toFixed(1)]),
    );
    expect(percent).toEqual({
      NEW_MEMBERS: '107.3',
      NEW_GRASSROOTS_UNITS: '258.3',
      PARTY_ADMISSIONS: '116.3',
    });
    expect(targets.data!.orgUnit.targets.find((t) => t.metric === 'NEW_MEMBERS')).toMatchObject({
      actual: '32215',
      setBy: { code: 'VN' },
    });

    const ranking = await api().run<{
      orgUnit: {
        childrenStats: Array<{ rank: number; unit: { code: string }; stats: { initiatives: number } }>;
      };
    }>(
      `{ orgUnit(code: "VN") { childrenStats(year: 2022, orderBy: INITIATIVES) { rank unit { code } stats { initiatives } } } }`,
    );
    const [first, second] = ranking.data!.orgUnit.childrenStats;
    expect(first).toEqual({ rank: 1, unit: { code: 'TH' }, stats: { initiatives: 170234 } });
    expect(second).toEqual({ rank: 2, unit: { code: 'QN' }, stats: { initiatives: 525 } });
    expect(ranking.data!.orgUnit.childrenStats).toHaveLength(63);

    // The province-wide care total fits no UnitStats field: it is kept as a record with its provenance.
    const care = await api().run<{
      orgUnit: { activities: { edges: Array<{ node: { amount: string; provenance: string } }> } };
    }>(
      `{ orgUnit(code: "TH") { activities(year: 2022, kind: TOTAL_CARE) { edges { node { amount provenance } } } } }`,
    );
    expect(care.data!.orgUnit.activities.edges).toEqual([
      {
        node: {
          amount: '397600000000',
          provenance: expect.stringContaining(
            '002_7fa7c23532cff7a9.txt: «với tổng số tiền, hàng hóa trị giá 397,6 tỷ đồng»',
          ),
        },
      },
    ]);
  });

  it('003: Công đoàn Viên chức tỉnh Thái Bình, 124 collectives and individuals honoured for 2020', async () => {
    const figures = await stats('TB-CDVC', 2020);
    expect(Number(figures.awardsCollective) + Number(figures.awardsIndividual)).toBe(124);
  });

  it('004: Công đoàn Viên chức tỉnh Hà Tĩnh in 2021, its own support and its grassroots unions’', async () => {
    expect(await stats('HT-CDVC', 2021)).toMatchObject({
      // over 200 people for over 150 triệu by the union, 960 lượt for almost 1 tỷ by its grassroots unions
      supportCases: 1160,
      supportAmount: '1150000000',
      giftPackages: 680,
      giftAmount: '400000000',
      charityAmount: '1900000000',
      awardsCollective: 5,
      // 4 Bằng Lao động sáng tạo, 19 Kỷ niệm chương, 28 Bằng khen, 2 families
      awardsIndividual: 53,
    });
    const qualified = await api().run<{
      orgUnit: {
        activities: {
          edges: Array<{
            node: {
              unit: { code: string };
              quantity: number;
              quantityQualifier: string;
              amountQualifier: string;
            };
          }>;
        };
      };
    }>(
      `{ orgUnit(code: "HT-CDVC") { activities(year: 2021, kind: SUPPORT, first: 100) { edges { node { unit { code } quantity quantityQualifier amountQualifier } } } } }`,
    );
    const own = qualified.data!.orgUnit.activities.edges.find((edge) => edge.node.unit.code === 'HT-CDVC');
    expect(own?.node).toMatchObject({ quantity: 200, quantityQualifier: 'OVER', amountQualifier: 'OVER' });
    expect(qualified.data!.orgUnit.activities.edges).toHaveLength(49);
  });

  it('keeps every year in the tree of its year: QN-CDVC has nothing after closing, and QN keeps what moved', async () => {
    expect(await stats('QN-CDVC', 2026)).toMatchObject({ grassrootsUnits: 0, members: 0 });
    const moved = await api().run<{ orgUnit: { children: { totalCount: number } } }>(
      `{ orgUnit(code: "QN") { children(kind: GRASSROOTS_UNION) { totalCount } } }`,
    );
    const qn = await stats('QN', 2026);
    expect(qn.grassrootsUnits).toBe(moved.data!.orgUnit.children.totalCount);
    expect(Number(qn.members)).toBeGreaterThan(0);
    expect(Number(qn.members)).toBeLessThan(5202);
  });

  it('keeps officers, congress terms, themes and the emulation cluster the articles name', async () => {
    const result = await api().run<Record<string, unknown>>(
      `{ th: orgUnit(code: "TH", asOf: "2022-11-25") { officers { fullName role } congressTerms { number fromYear toYear } }
         qn: orgUnit(code: "QN-CDVC", asOf: "2022-12-21") { annualTheme(year: 2023) { unit { code } theme } }
         p001: orgUnit(code: "P001-CDVC", asOf: "2024-12-10") { annualTheme(year: 2025) { unit { code } theme } }
         emulationClusters(year: 2022, orderBy: INITIATIVES) { code name ranking { rank unit { code } stats { initiatives } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toMatchObject({
      th: {
        officers: [{ fullName: 'Vũ Mạnh Sơn', role: 'CHAIR' }],
        congressTerms: [{ number: 'XX', fromYear: 2023, toYear: 2028 }],
      },
      qn: {
        annualTheme: {
          unit: { code: 'VN' },
          theme: 'Tập trung phát triển đoàn viên, thành lập công đoàn cơ sở',
        },
      },
      p001: {
        annualTheme: {
          unit: { code: 'P001-CDVC' },
          theme: 'Tập trung phát triển đoàn viên; tham gia xây dựng Đảng trong sạch, vững mạnh',
        },
      },
    });
    const [cluster] = result.data!.emulationClusters as Array<{
      code: string;
      ranking: Array<{ rank: number; unit: { code: string } }>;
    }>;
    expect(cluster.code).toBe('CUM-BAC-TRUNG-BO');
    expect(cluster.ranking).toHaveLength(6);
    expect(cluster.ranking[0]).toMatchObject({
      rank: 1,
      unit: { code: 'TH' },
      stats: { initiatives: 170234 },
    });
  });

  it('refuses a congress term that ends before it starts', async () => {
    const result = await api().run(
      `mutation { recordCongressTerm(unitCode: "TH", fromYear: 2028, toYear: 2023) }`,
    );
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'toYear' } });
  });

  it('lists the awards a rollup counts and the unit’s own rating', async () => {
    const result = await api().run<{
      orgUnit: {
        rating: string;
        awards: {
          totalCount: number;
          edges: Array<{ node: { kind: string; issuer: { code: string }; collective: boolean } }>;
        };
      };
    }>(
      `{ orgUnit(code: "QN-CDVC") { rating(year: 2022) awards(year: 2022, collective: true, first: 3) { totalCount edges { node { kind issuer { code } collective } } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.orgUnit.rating).toBe('GOOD');
    expect(result.data!.orgUnit.awards.totalCount).toBe(8);
    expect(result.data!.orgUnit.awards.edges[0].node).toEqual({
      kind: 'CERTIFICATE_OF_MERIT',
      issuer: { code: 'QN' },
      collective: true,
    });
  });
});
