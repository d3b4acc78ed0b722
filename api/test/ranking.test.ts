import { rank } from '../src/modules/statistics/statistics.service';

/** Competition ranking (1, 2, 2, 4), as the children's rankings and the national comparisons show it. */
describe('rank', () => {
  const row = (code: string, members: number, amount: bigint) => ({ code, stats: { members, amount } });
  const rows = [row('D', 1, 5n), row('C', 7, 2n ** 60n + 1n), row('A', 9, 2n ** 60n), row('B', 7, 0n)];

  it('gives equal values one rank, the next value its place, ties in the order of their codes', () => {
    expect(rank(rows, 'members', 'DESC').map((r) => [r.code, r.rank])).toEqual([
      ['A', 1],
      ['B', 2],
      ['C', 2],
      ['D', 4],
    ]);
    expect(rank(rows, 'members', 'ASC').map((r) => [r.code, r.rank])).toEqual([
      ['D', 1],
      ['B', 2],
      ['C', 2],
      ['A', 4],
    ]);
  });

  it('orders amounts past 2^53 exactly', () => {
    expect(rank(rows, 'amount', 'DESC').map((r) => [r.code, r.rank])).toEqual([
      ['C', 1],
      ['A', 2],
      ['D', 3],
      ['B', 4],
    ]);
  });

  it('ranks a single row first and no rows as none', () => {
    expect(rank([row('A', 0, 0n)], 'members', 'DESC')).toEqual([{ ...row('A', 0, 0n), rank: 1 }]);
    expect(rank([], 'members', 'DESC')).toEqual([]);
  });
});
