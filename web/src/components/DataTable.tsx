import { type ReactNode, useMemo, useState } from 'react';

import { useLocale } from '../app/i18n';
import { type Cell, downloadCsv, downloadXlsx } from './exportTable';

export interface Column<Row> {
  header: string;
  /** The value sorted on and exported (numbers stay numbers). */
  value: (row: Row) => Cell;
  /** How the cell shows; the value when omitted. */
  render?: (row: Row) => ReactNode;
  numeric?: boolean;
}

interface Props<Row> {
  caption: string;
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  /** The file name of the exports, without extension. */
  fileName: string;
  /** Replaces the client-side export, e.g. by the server's export of every page. */
  exports?: ReactNode;
}

/** A table whose column headers sort it, with its rows downloadable as CSV and Excel. */
export function DataTable<Row>({ caption, columns, rows, rowKey, fileName, exports }: Props<Row>) {
  const { t } = useLocale();
  const [sort, setSort] = useState<{ column: number; ascending: boolean } | null>(null);
  const sorted = useMemo(() => {
    if (!sort) {
      return rows;
    }
    const value = columns[sort.column].value;
    const direction = sort.ascending ? 1 : -1;
    return [...rows].sort((a, b) => {
      const x = value(a);
      const y = value(b);
      if (typeof x === 'number' && typeof y === 'number') {
        return (x - y) * direction;
      }
      return String(x ?? '').localeCompare(String(y ?? ''), 'vi') * direction;
    });
  }, [rows, columns, sort]);

  const header = columns.map((c) => c.header);
  const cells = () => sorted.map((row) => columns.map((c) => c.value(row)));
  return (
    <div className="table">
      <div className="exports">
        {exports ?? (
          <>
            <button type="button" onClick={() => downloadCsv(fileName, header, cells())}>
              {t('records.exportCsv')}
            </button>
            <button type="button" onClick={() => void downloadXlsx(fileName, header, cells())}>
              {t('records.exportXlsx')}
            </button>
          </>
        )}
      </div>
      <div className="scroll" role="region" aria-label={caption} tabIndex={0}>
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              {columns.map((column, index) => {
                const active = sort?.column === index;
                return (
                  <th
                    key={column.header}
                    scope="col"
                    className={column.numeric ? 'numeric' : undefined}
                    aria-sort={active ? (sort.ascending ? 'ascending' : 'descending') : 'none'}
                  >
                    <button
                      type="button"
                      title={t('records.sortBy', { column: column.header })}
                      onClick={() =>
                        setSort({ column: index, ascending: active ? !sort.ascending : !column.numeric })
                      }
                    >
                      {column.header}
                      <span aria-hidden="true">{active ? (sort.ascending ? ' ▲' : ' ▼') : ''}</span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {sorted.length === 0 ? (
              <tr>
                <td colSpan={columns.length}>{t('records.empty')}</td>
              </tr>
            ) : (
              sorted.map((row) => (
                <tr key={rowKey(row)}>
                  {columns.map((column) => (
                    <td key={column.header} className={column.numeric ? 'numeric' : undefined}>
                      {column.render ? column.render(row) : column.value(row)}
                    </td>
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
