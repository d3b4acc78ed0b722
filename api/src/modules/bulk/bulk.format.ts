import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify';
import archiver from 'archiver';
import ExcelJS from 'exceljs';
import { createWriteStream } from 'node:fs';
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

/**
 * The first sheet's cells, read as the zip is inflated (exceljs's streaming reader): the whole workbook's
 * model took ~2 KB of heap a row (206 MB at its peak for a 3.3 MB file of 100,000 members), and a sheet
 * compresses ten times or more, so the upload limit did not bound it. The styles are read, as they say
 * which numbers are dates.
 */
async function xlsxCells(file: Buffer, maxRows: number): Promise<string[][]> {
  const cells: string[][] = [];
  let tooMany = false;
  // Not a zip (its first entry's signature, PK\x03\x04): refused here, as the reader waits forever on no bytes.
  if (file.length < 4 || file.readUInt32LE(0) !== 0x04034b50) {
    throw new Error('not an XLSX file');
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([file], { objectMode: false }), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const values: string[] = [];
      for (let column = 1; column <= row.cellCount; column += 1) {
        values.push(cellText(row.getCell(column).value).trim());
      }
      // Past the limit the rows are only counted: leaving the reader mid-sheet made exceljs fail in its own
      // clean-up now and then, instead of this refusal.
      if (cells.length < maxRows + 1) {
        cells.push(values);
      } else {
        tooMany = true;
      }
    }
    // The first sheet only, as an office's sheet of records is.
    break;
  }
  if (tooMany) {
    throw tooManyRows(maxRows);
  }
  return cells;
}

/**
 * The most rows below the header that an import reads. Its rows are held while every one is checked: a
 * file of 620,000 members peaked at 615 MB of the API's heap, which its default cap (1 GB) holds with room
 * for the requests beside it. A CSV of the upload limit holds about this many of the shortest rows; an
 * XLSX compresses, so the limit is what bounds it.
 */
export const IMPORT_MAX_ROWS = 650_000;

function tooManyRows(maxRows: number): Error {
  return refusal('IMPORT_TOO_MANY_ROWS', { rows: maxRows }, 'file');
}

/**
 * A sheet's header and rows, every cell as text. More than `maxRows` rows are refused
 * (IMPORT_TOO_MANY_ROWS) once that many have been read; anything else that does not read throws.
 */
export async function readTable(file: Buffer, format: FileFormat, maxRows = IMPORT_MAX_ROWS): Promise<Table> {
  let cells: string[][];
  if (format === 'csv') {
    cells = parse(file, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      // The header, the rows allowed, and one more to know there are more.
      to: maxRows + 2,
    }) as string[][];
    if (cells.length > maxRows + 1) {
      throw tooManyRows(maxRows);
    }
    cells = cells.map((row) => row.map(unquoteFormula));
  } else {
    cells = await xlsxCells(file, maxRows);
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
  /** How many rows there are, counted up to `cap` and no further, without reading them. */
  countUpTo?: (cap: number) => Promise<number>;
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

/** Text as XML character data: escaped, without the control characters XML cannot hold. */
function xmlText(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
  );
}

/** A sheet's column letters: A, B, ..., Z, AA, ... */
function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  }
  return name;
}

/** A row of text cells (written inline: no shared-strings table to hold), in style `style` (1: bold). */
function xlsxRow(cells: string[], row: number, style: number): string {
  const written = cells
    .map((cell, i) =>
      cell === ''
        ? ''
        : `<c r="${columnName(i)}${row}" t="inlineStr"${style ? ` s="${style}"` : ''}><is><t xml:space="preserve">${xmlText(cell)}</t></is></c>`,
    )
    .join('');
  return `<row r="${row}">${written}</row>`;
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_RELATIONSHIPS = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** The parts of a workbook of one sheet, besides the sheet. */
function workbookParts(sheetName: string): Array<[string, string]> {
  return [
    [
      '[Content_Types].xml',
      `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
        '</Types>',
    ],
    [
      '_rels/.rels',
      `${XML}<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">` +
        `<Relationship Id="rId1" Type="${RELATIONSHIPS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ],
    [
      'xl/workbook.xml',
      `${XML}<workbook xmlns="${MAIN}" xmlns:r="${RELATIONSHIPS}"><sheets>` +
        `<sheet name="${xmlText(sheetName).replace(/"/g, '&quot;')}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      `${XML}<Relationships xmlns="${PACKAGE_RELATIONSHIPS}">` +
        `<Relationship Id="rId1" Type="${RELATIONSHIPS}/worksheet" Target="worksheets/sheet1.xml"/>` +
        `<Relationship Id="rId2" Type="${RELATIONSHIPS}/styles" Target="styles.xml"/></Relationships>`,
    ],
    [
      'xl/styles.xml',
      `${XML}<styleSheet xmlns="${MAIN}">` +
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
        '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
        '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
        '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
        '</styleSheet>',
    ],
  ];
}

function tooLarge(maxRows: number): Error {
  return refusal('EXPORT_TOO_LARGE_FOR_SHEET', { rows: maxRows }, 'format');
}

/** The sheet's XML as its rows are read: the header in bold, every cell as text. */
async function* sheetXml(table: RowStream, maxRows: number): AsyncGenerator<string> {
  const widths = table.headers.map(
    (_, i) => `<col min="${i + 1}" max="${i + 1}" width="22" customWidth="1"/>`,
  );
  yield `${XML}<worksheet xmlns="${MAIN}"><cols>${widths.join('')}</cols><sheetData>${xlsxRow(table.headers, 1, 1)}`;
  let rows = 0;
  let batch = '';
  for await (const row of table.rows) {
    rows += 1;
    if (rows > maxRows) {
      throw tooLarge(maxRows);
    }
    batch += xlsxRow(row, rows + 1, 0);
    if (rows % 1000 === 0) {
      yield batch;
      batch = '';
    }
  }
  yield `${batch}</sheetData></worksheet>`;
}

/**
 * An XLSX written to a file as its rows are read (a spreadsheet is a zip: it is sent once whole). More rows
 * than a sheet holds are refused (EXPORT_TOO_LARGE_FOR_SHEET) before anything is sent: before any row is
read when the table can count them, or when the sheet's limit is passed (rows added after the count). Written as its
 * parts into a zip stream (archiver), which reads the sheet only as fast as it compresses it: exceljs's
 * streaming writer held the whole sheet outside the heap until its end (~0.76 KB a row: ~500 MB for a
 * province's members).
 */
export async function writeXlsx(
  table: RowStream,
  path: string,
  sheetName: string,
  maxRows = SHEET_MAX_ROWS,
): Promise<void> {
  // Counted first where the rows can be: refused at once rather than after a million rows read.
  if (table.countUpTo && (await table.countUpTo(maxRows + 1)) > maxRows) {
    throw tooLarge(maxRows);
  }
  const zip = archiver('zip');
  const sheet = Readable.from(sheetXml(table, maxRows));
  const failed = new Promise<never>((_, reject) => {
    sheet.on('error', reject);
    zip.on('error', reject);
  });
  for (const [name, xml] of workbookParts(sheetName)) {
    zip.append(xml, { name });
  }
  zip.append(sheet, { name: 'xl/worksheets/sheet1.xml' });
  const finished = Promise.all([zip.finalize(), pipeline(zip, createWriteStream(path))]);
  // Whichever comes second is awaited by nobody: its failure is the first one's, already thrown.
  finished.catch(() => undefined);
  failed.catch(() => undefined);
  try {
    await Promise.race([finished, failed]);
  } catch (error) {
    zip.abort();
    throw error;
  }
}
