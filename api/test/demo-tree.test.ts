import { useDatabase } from './support/graphql';

interface Connection {
  totalCount: number;
  edges: Array<{ node: { code: string; name: string; kind: string } }>;
}

describe('the demo tree, read as of a date', () => {
  const { api } = useDatabase('demo');

  const codesOf = (connection: Connection) => connection.edges.map((edge) => edge.node.code);

  it('places Thái Bình under the national federation in 2020 and closes it into Hưng Yên in 2025', async () => {
    const result = await api().run<{
      orgUnit: { validTo: string; parent: { code: string } | null; successors: Connection };
    }>(
      `{ orgUnit(code: "TB", asOf: "2020-06-01") { validTo parent { code } successors { totalCount edges { node { code name kind } } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.orgUnit).toEqual({
      validTo: '2025-06-30',
      parent: { code: 'VN' },
      successors: {
        totalCount: 1,
        edges: [
          { node: { code: 'HY', name: 'Liên đoàn Lao động tỉnh Hưng Yên', kind: 'PROVINCIAL_FEDERATION' } },
        ],
      },
    });
    const today = await api().run<{ orgUnit: { parent: null; predecessors: Connection } }>(
      `{ orgUnit(code: "TB") { parent { code } } hy: orgUnit(code: "HY") { predecessors { edges { node { code } } } } }`,
    );
    // Thái Bình's public-servant union also named Hưng Yên's federation, which took its remaining units.
    expect(today.data).toEqual({
      orgUnit: { parent: null },
      hy: { predecessors: { edges: [{ node: { code: 'TB-CDVC' } }, { node: { code: 'TB' } }] } },
    });
  });

  it('counts 63 provincial federations before 1 July 2025 and 34 from that day', async () => {
    const result = await api().run<Record<string, { children: Connection }>>(
      `{ before: orgUnit(code: "VN", asOf: "2025-06-30") { children(kind: PROVINCIAL_FEDERATION, first: 0) { totalCount } }
         after: orgUnit(code: "VN", asOf: "2025-07-01") { children(kind: PROVINCIAL_FEDERATION, first: 0) { totalCount } } }`,
    );
    expect(result.data?.before.children.totalCount).toBe(63);
    expect(result.data?.after.children.totalCount).toBe(34);
  });

  it('shows QN-CDVC with its 55 grassroots unions in 2022, and closed with none today', async () => {
    const in2022 = await api().run<{ orgUnit: { children: Connection; ancestors: Connection } }>(
      `{ orgUnit(code: "QN-CDVC", asOf: "2022-12-21") { children(kind: GRASSROOTS_UNION) { totalCount edges { node { code } } } ancestors { edges { node { code } } } } }`,
    );
    expect(in2022.data?.orgUnit.children.totalCount).toBe(55);
    expect(in2022.data?.orgUnit.children.edges).toHaveLength(55);
    expect(codesOf(in2022.data!.orgUnit.ancestors)).toEqual(['VN', 'QN']);
    const today = await api().run<{
      orgUnit: { validTo: string; children: Connection; successors: Connection };
    }>(
      `{ orgUnit(code: "QN-CDVC") { validTo children { totalCount } successors { edges { node { code } } } } }`,
    );
    expect(today.data?.orgUnit).toEqual({
      validTo: '2025-06-30',
      children: { totalCount: 0 },
      successors: { edges: [{ node: { code: 'QN' } }] },
    });
  });
});
