import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { refusal } from '../../shared/errors';

/** A sheet as union offices keep it: a header row, then one row per record, every cell as text. */
export interface Table {
  headers: string[];
  rows: string[][];
}

export type FileFormat = 'csv' | 'xlsx';

export const CONTENT_TYPES: Record<FileFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** dd/mm/yyyy, the way the cell shows a date. */
function dayOf(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${pad(date.getUTCMonth() + 1)}/${date.getUTCFullYear()}`;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) {
    return '';
  }
  if (value instanceof Date) {
    return dayOf(value);
  }
  if (typeof value === 'object') {
    if ('richText' in value) {
      return value.richText.map((part) => part.text).join('');
    }
    if ('result' in value) {
      return cellText(value.result as ExcelJS.CellValue);
    }
    if ('text' in value) {
      return String(value.text);
    }
  }
  return String(value);
}

/**
 * A CSV cell that a spreadsheet would run as a formula (=, +, -, @, tab, carriage return: OWASP's list)
 * is written behind an apostrophe, which spreadsheets show as text; reading our own export back drops it.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

function quoteFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

function unquoteFormula(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

export async function readTable(file: Buffer, format: FileFormat): Promise<Table> {
  let cells: string[][];
  if (format === 'csv') {
    cells = parse(file, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as string[][];
    cells = cells.map((row) => row.map(unquoteFormula));
  } else {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    cells = [];
    sheet?.eachRow({ includeEmpty: false }, (row) => {
      const values: string[] = [];
      for (let column = 1; column <= row.cellCount; column += 1) {
        values.push(cellText(row.getCell(column).value).trim());
      }
      cells.push(values);
    });
  }
  const [headers = [], ...rows] = cells;
  return {
    headers: headers.map((header) => header.trim()),
    rows: rows.filter((row) => row.some((cell) => cell !== '')),
  };
}

/** A sheet too large to hold at once (an export): its header row, then its rows as they are read. */
export interface RowStream {
  headers: string[];
  rows: AsyncIterable<string[]>;
}

/** The most rows below the header that a spreadsheet holds (Excel's 1,048,576 rows a sheet). */
export const SHEET_MAX_ROWS = 1_048_575;

async function* csvRows(table: RowStream): AsyncGenerator<string[]> {
  yield table.headers;
  for await (const row of table.rows) {
    yield row.map(quoteFormula);
  }
}

/**
 * A CSV written to `out` as its rows are read: a slow reader holds the rows back (nothing piles up in the
 * API). With a byte-order mark, so that Excel reads the Vietnamese letters as UTF-8.
 */
export async function writeCsv(table: RowStream, out: Writable): Promise<void> {
  await pipeline(Readable.from(csvRows(table)), stringify({ bom: true }), out);
}

/**
 * An XLSX written to a file as its rows are read (a spreadsheet is a zip: it is sent once whole). More rows
 * than a sheet holds are refused (EXPORT_TOO_LARGE_FOR_SHEET) before anything is sent.
 */
export async function writeXlsx(
  table: RowStream,
  path: string,
  sheetName: string,
  maxRows = SHEET_MAX_ROWS,
): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true });
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = table.headers.map(() => ({ width: 22 }));
  const header = sheet.addRow(table.headers);
  header.font = { bold: true };
  header.commit();
  let rows = 0;
  for await (const row of table.rows) {
    rows += 1;
    if (rows > maxRows) {
      throw refusal('EXPORT_TOO_LARGE_FOR_SHEET', { rows: maxRows }, 'format');
    }
    sheet.addRow(row).commit();
  }
  sheet.commit();
  await workbook.commit();
}
