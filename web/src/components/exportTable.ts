import { stringify } from 'csv-stringify/browser/esm/sync';

/** A table as files: the header row, then one row per record, each value a string or a number. */
export type Cell = string | number | null;

/** Hands a file to the browser's downloads, as a link click would. */
export function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/** CSV with a byte-order mark, so that Excel reads the Vietnamese letters as UTF-8. */
export function csvOf(header: string[], rows: Cell[][]): string {
  return `\uFEFF${stringify([header, ...rows])}`;
}

export function downloadCsv(fileName: string, header: string[], rows: Cell[][]): void {
  download(new Blob([csvOf(header, rows)], { type: 'text/csv;charset=utf-8' }), `${fileName}.csv`);
}

/** Numbers stay numbers in the sheet, so that it can sum them; whole đồng fit a double exactly here. */
export async function downloadXlsx(fileName: string, header: string[], rows: Cell[][]): Promise<void> {
  const sheet = [
    header.map((value) => ({ value, fontWeight: 'bold' as const })),
    ...rows.map((row) => row.map((value) => (value === null ? null : { value }))),
  ];
  // The XLSX writer loads on the first Excel download only.
  const { default: writeExcelFile } = await import('write-excel-file/browser');
  download(await writeExcelFile(sheet).toBlob(), `${fileName}.xlsx`);
}
