import { useDatabase } from './support/graphql';

interface Connection {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
  edges: Array<{ cursor: string; node: { code: string; name: string } }>;
}

describe('the GraphQL read API on the demo data', () => {
  const { api } = useDatabase('demo');

  const SEARCH = `query($q: String!, $asOf: Date) { orgUnit(code: "VN", asOf: $asOf) {
    descendants(search: $q) { totalCount edges { node { code name } } } } }`;
  async function search(q: string, asOf = '2022-12-31'): Promise<string[]> {
    const result = await api().run<{ orgUnit: { descendants: Connection } }>(SEARCH, { q, asOf });
    expect(result.errors).toBeUndefined();
    return result.data!.orgUnit.descendants.edges.map((edge) => edge.node.code);
  }

  it('finds the same units with or without case and Vietnamese diacritics', async () => {
    const plain = await search('quang ninh');
    expect(plain).toEqual(await search('Quảng Ninh'));
    expect(plain).toEqual(await search('QUẢNG NINH'));
    expect(plain).toContain('QN');
    expect(plain).toContain('QN-CDVC');
    // 55 grassroots unions whose names end in "tỉnh Quảng Ninh", the federation and the public-servant union.
    expect(plain).toHaveLength(57);
    expect(await search('thai binh')).toEqual(await search('Thái Bình'));
    expect(await search('đắk lắk')).toEqual(await search('dak lak'));
    expect(await search('dak lak')).toEqual(['DL']);
  });

  it('lists the closest matches first: whole code or name, whole words, higher levels, then by name', async () => {
    const plain = await search('quang ninh');
    // Whole words of the name: the province federation, then the union below it, then the grassroots unions.
    expect(plain.slice(0, 2)).toEqual(['QN', 'QN-CDVC']);
    // The whole code first, whatever its case and punctuation; then the units whose code holds it.
    expect((await search('qn-cdvc'))[0]).toBe('QN-CDVC');
    expect((await search('QN'))[0]).toBe('QN');
    // A whole word at a lower level comes before a part of a word at a higher one: Tiền Hải's district
    // federation before the province federations of Thái Bình and Thái Nguyên.
    expect((await search('hai')).slice(0, 5)).toEqual(['HP', 'HD', 'TB-TIENHAI', 'TB', 'TN']);
  });

  it('pages through a ranked search with cursors, in the same order as one page', async () => {
    const PAGE = `query($after: String) { orgUnit(code: "VN", asOf: "2022-12-31") {
      descendants(search: "quang ninh", first: 10, after: $after) { pageInfo { hasNextPage endCursor } edges { node { code } } } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const result: { data?: { orgUnit: { descendants: Connection } } | null } = await api().run(PAGE, {
        after,
      });
      const descendants = result.data!.orgUnit.descendants;
      seen.push(...descendants.edges.map((edge) => edge.node.code));
      after = descendants.pageInfo.endCursor;
      if (!descendants.pageInfo.hasNextPage) {
        break;
      }
    }
    expect(seen).toEqual(await search('quang ninh'));
  });

  it("names Thừa Thiên Huế's federation as it was named on each date (Huế from 1 July 2025)", async () => {
    const result = await api().run<Record<string, { name: string }>>(
      `{ before: orgUnit(code: "TTH", asOf: "2025-06-30") { name } after: orgUnit(code: "TTH", asOf: "2025-07-01") { name } }`,
    );
    expect(result).toEqual({
      data: {
        before: { name: 'Liên đoàn Lao động tỉnh Thừa Thiên Huế' },
        after: { name: 'Liên đoàn Lao động thành phố Huế' },
      },
    });
  });

  it('treats LIKE wildcards in a search as plain text', async () => {
    expect(await search('%')).toEqual([]);
    expect(await search('_')).toEqual([]);
  });

  it('returns null for an unknown code', async () => {
    const result = await api().run(`{ orgUnit(code: "NOPE") { code } }`);
    expect(result).toEqual({ data: { orgUnit: null } });
  });

  it('pages through children with cursors, without gaps or repeats', async () => {
    const PAGE = `query($after: String) { orgUnit(code: "VN", asOf: "2024-01-01") {
      children(first: 25, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { code name } } } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page++) {
      const result: { data?: { orgUnit: { children: Connection } } | null } = await api().run(PAGE, {
        after,
      });
      const children = result.data!.orgUnit.children;
      expect(children.totalCount).toBe(63);
      expect(children.pageInfo.hasPreviousPage).toBe(after !== null);
      seen.push(...children.edges.map((edge) => edge.node.code));
      after = children.pageInfo.endCursor;
      if (!children.pageInfo.hasNextPage) {
        break;
      }
    }
    expect(seen).toHaveLength(63);
    expect(new Set(seen).size).toBe(63);
  });

  it('answers a bad date with BAD_USER_INPUT, as a literal or a variable', async () => {
    const literal = await api().run(`{ orgUnit(code: "VN", asOf: "2022-13-01") { code } }`);
    expect(literal.errors?.[0]).toMatchObject({
      message: expect.stringContaining('"2022-13-01" is not a date written YYYY-MM-DD.'),
      extensions: { code: 'BAD_USER_INPUT' },
    });
    const variable = await api().run(`query($d: Date) { orgUnit(code: "VN", asOf: $d) { code } }`, {
      d: '31/12/2022',
    });
    expect(variable.errors?.[0]).toMatchObject({
      message: expect.stringContaining('"31/12/2022" is not a date written YYYY-MM-DD.'),
      extensions: { code: 'BAD_USER_INPUT', messageCode: 'DATE_FORMAT', params: { value: '31/12/2022' } },
    });
    const nested = await api().run(`{ orgUnit(code: "VN") { children(asOf: "yesterday") { totalCount } } }`);
    expect(nested.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('answers a page size over the limit or a forged cursor with BAD_USER_INPUT', async () => {
    const big = await api().run(`{ orgUnit(code: "VN") { children(first: 501) { totalCount } } }`);
    expect(big.errors?.[0]).toMatchObject({
      message: '"first" must be between 0 and 500; it was 501.',
      extensions: { code: 'BAD_USER_INPUT', field: 'first' },
    });
    const forged = await api().run(
      `{ orgUnit(code: "VN") { children(after: "bm90IGEgY3Vyc29y") { totalCount } } }`,
    );
    expect(forged.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'after' } });
  });

  it('defaults the tree fields to the date the unit was reached with', async () => {
    const result = await api().run<{
      orgUnit: { children: { edges: Array<{ node: { code: string; parent: { code: string } } }> } };
    }>(
      `{ orgUnit(code: "HY", asOf: "2025-07-01") { children(first: 1, kind: COMMUNE_UNION) { edges { node { code parent { code } } } } } }`,
    );
    expect(result.data!.orgUnit.children.edges).toEqual([
      { node: { code: 'HY-TIENHAI', parent: { code: 'HY' } } },
    ]);
  });
});
