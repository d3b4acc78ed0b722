import type { Page } from './pagination';

/** A Relay connection from a page of rows. */
export function toConnection<T, N, C = number>(
  page: Omit<Page<T>, 'totalCount'> & { totalCount: C },
  node: (row: T) => N,
) {
  const edges = page.nodes.map((row, index) => ({ cursor: page.cursors[index], node: node(row) }));
  return {
    totalCount: page.totalCount,
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: page.hasPreviousPage,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
