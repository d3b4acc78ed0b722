/** The five source documents (in ../shared/source-documents), by the name the product cites them with. */
export const SOURCES = {
  qnCdvc2022: '000_f18ed5ada7bba3e7.txt',
  p001Cdvc2024: '001_3b8b1c7983160771.txt',
  thanhHoa2022: '002_7fa7c23532cff7a9.txt',
  thaiBinhCdvc2020: '003_8f75c0cebc29d540.txt',
  haTinhCdvc2021: '004_27c87e7a21f18b74.txt',
} as const;

/** Cites a phrase of a source document. */
export function cite(file: string, phrase: string): string {
  return `${file}: «${phrase}»`;
}

export function assumption(reason: string): string {
  return `assumption: ${reason}`;
}

/** The first day of the seeded history: Hà Tây joined Hà Nội on 1 August 2008, leaving 63 provinces. */
export const HISTORY_START = '2008-08-01';
export const HISTORY_START_NOTE = assumption(
  'the seeded tree starts on 2008-08-01, when the map of 63 provinces was complete; earlier history is not modelled',
);

/** The 2025 restructuring took effect on this day (resolution 202/2025/QH15). */
export const MERGER_DAY = '2025-07-01';
export const MERGER_NOTE = 'National Assembly resolution 202/2025/QH15 (provinces-2025.tsv)';
