/**
 * Numbers, money and dates the way each language writes them: Vietnamese "5.202", "740.000.000 ₫",
 * the short "740 triệu", "31/12/2022"; English "5,202", "VND 740,000,000", "740 million", "31/12/2022".
 * Money arrives as a string of whole đồng (it exceeds 2^53 only in theory, but never travels as a float
 * in the API); Intl formats BigInt exactly.
 */
export type Locale = 'vi' | 'en';

const cache = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: Locale, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}:${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale === 'vi' ? 'vi-VN' : 'en-GB', options);
    cache.set(key, format);
  }
  return format;
}

export function formatCount(locale: Locale, value: number): string {
  return numberFormat(locale, {}).format(value);
}

export function formatMoney(locale: Locale, value: string): string {
  return numberFormat(locale, { style: 'currency', currency: 'VND' }).format(BigInt(value));
}

/** "740 triệu", "1,6 tỷ": for cards and chart axes, where the exact figure is a tooltip away. */
export function formatMoneyShort(locale: Locale, value: string | number): string {
  const short = numberFormat(locale, {
    notation: 'compact',
    compactDisplay: 'long',
    maximumFractionDigits: 1,
  });
  return `${short.format(Number(value))} ${locale === 'vi' ? 'đồng' : 'VND'}`;
}

export function formatPercent(locale: Locale, ratio: number): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
}

/** "2022-12-31" → "31/12/2022", read as a calendar day (no time zone shifts it). */
export function formatDate(day: string): string {
  const [year, month, date] = day.split('-');
  return `${date}/${month}/${year}`;
}

/** A moment as Vietnamese offices write it, in Viet Nam's time: "06/12/2026 09:30". */
export function formatMoment(iso: string | null | undefined): string {
  if (!iso) {
    return '';
  }
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
  return parts.replace(',', '');
}
