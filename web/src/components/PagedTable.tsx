import type { ReactNode } from 'react';

import { type Column, DataTable } from './DataTable';
import { Pager } from './Pager';
import type { usePages } from './usePages';

interface Connection<Row> {
  /** Absent when the page is asked for without its count (`total` then gives it, once known). */
  totalCount?: number;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  edges: { node: Row }[];
}

/** One page of a Relay connection as a sortable, downloadable table, with the previous and next pages. */
export function PagedTable<Row>({
  connection,
  total = connection.totalCount,
  pages,
  ...table
}: {
  connection: Connection<Row>;
  total?: number;
  pages: ReturnType<typeof usePages>;
  caption: string;
  columns: Column<Row>[];
  rowKey: (row: Row) => string;
  fileName: string;
  exports?: ReactNode;
}) {
  const { endCursor, hasNextPage } = connection.pageInfo;
  return (
    <>
      <DataTable {...table} rows={connection.edges.map((e) => e.node)} />
      <Pager
        page={pages.page}
        total={total}
        hasNext={hasNextPage}
        onPrevious={pages.previous}
        onNext={() => endCursor && pages.next(endCursor)}
      />
    </>
  );
}
