/**
 * Figures as union offices write them: "5.202 đoàn viên", "740 triệu đồng", "1,1 tỷ đồng", "hơn 1 tỷ
 * đồng" in Vietnamese; "5,202 members", "VND 740 million", "more than VND 1.1 billion" in English. An
 * approximate figure keeps its source's qualifier.
 */
export type Language = 'vi' | 'en';

/** The GraphQL enum `Qualifier`, in words. */
const QUALIFIERS: Record<string, Record<Language, string>> = {
  NEARLY: { vi: 'gần', en: 'almost' },
  MORE_THAN: { vi: 'hơn', en: 'more than' },
  OVER: { vi: 'trên', en: 'over' },
};

const LOCALE: Record<Language, string> = { vi: 'vi-VN', en: 'en-GB' };

/** A whole number with the language's thousands separator: 5.202 / 5,202. */
export function count(value: number | bigint, language: Language): string {
  return new Intl.NumberFormat(LOCALE[language], { maximumFractionDigits: 0 }).format(value);
}

/** A decimal with at most `digits` decimals, trailing zeros dropped: 1,1 / 1.1; 94,58 / 94.58. */
export function decimal(value: number, language: Language, digits = 2): string {
  return new Intl.NumberFormat(LOCALE[language], { maximumFractionDigits: digits }).format(value);
}

/** A share as a percentage: 0.8 → 80%; 0.0364 → 3,6%. */
export function percent(value: number, language: Language): string {
  return `${decimal(value * 100, language, 1)}%`;
}

const MILLION = 1_000_000n;
const BILLION = 1_000_000_000n;

/**
 * An amount of VND in the units of a report: tỷ (billions) from one billion, triệu (millions) from one
 * million, with at most two decimals (1,1 tỷ đồng; 1,15 tỷ đồng); below a million, in đồng.
 */
export function money(amount: bigint, language: Language): string {
  const magnitude = amount < 0n ? -amount : amount;
  const scaled = (unit: bigint) => Number(amount) / Number(unit);
  if (language === 'vi') {
    if (magnitude >= BILLION) {
      return `${decimal(scaled(BILLION), language)} tỷ đồng`;
    }
    if (magnitude >= MILLION) {
      return `${decimal(scaled(MILLION), language)} triệu đồng`;
    }
    return `${count(amount, language)} đồng`;
  }
  if (magnitude >= BILLION) {
    return `VND ${decimal(scaled(BILLION), language)} billion`;
  }
  if (magnitude >= MILLION) {
    return `VND ${decimal(scaled(MILLION), language)} million`;
  }
  return `VND ${count(amount, language)}`;
}

/** A figure with its source's qualifier in front: "gần 1.000", "more than VND 1 billion". */
export function qualified(text: string, qualifier: string | null | undefined, language: Language): string {
  const word = qualifier ? QUALIFIERS[qualifier]?.[language] : undefined;
  return word ? `${word} ${text}` : text;
}

/** A date as dd/mm/yyyy (Vietnamese offices and English readers alike). */
export function day(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/** A signed change: "+202", "−50" (a true minus sign), with the language's separators. */
export function change(value: number | bigint, language: Language): string {
  const text = count(value < 0 ? -value : value, language);
  return value > 0 ? `+${text}` : value < 0 ? `−${text}` : '0';
}
