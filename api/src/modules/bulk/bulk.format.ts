import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';

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

export async function writeTable(table: Table, format: FileFormat, sheetName: string): Promise<Buffer> {
  if (format === 'csv') {
    // With a byte-order mark, so that Excel reads the Vietnamese letters as UTF-8.
    return Buffer.from(
      `\ufeff${stringify([table.headers, ...table.rows].map((row) => row.map(quoteFormula)))}`,
      'utf8',
    );
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow(table.headers).font = { bold: true };
  for (const row of table.rows) {
    sheet.addRow(row);
  }
  sheet.columns.forEach((column) => {
    column.width = 22;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
