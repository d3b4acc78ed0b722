import { refusal } from './errors';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) {
    return false;
  }
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

/** The zone that decides what "today" is, unless configured otherwise. */
export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

// Building an Intl.DateTimeFormat costs about a quarter of a millisecond, and "today" is asked for by
// many fields of every request (the benchmark harness's profile): one formatter per time zone.
const formats = new Map<string, Intl.DateTimeFormat>();

/** Today's date in the given time zone, as YYYY-MM-DD. */
export function todayIn(timeZone: string = VIETNAM_TIME_ZONE, now: Date = new Date()): string {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formats.set(timeZone, format);
  }
  return format.format(now);
}

export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The last day of a year: the date a year's figures are read on (a unit that closed, on its last day). */
export function yearEnd(year: number): string {
  return `${String(Math.min(Math.max(Math.trunc(year), 1), 9999)).padStart(4, '0')}-12-31`;
}

/** A day, or today when it has not come yet: nothing is read on a day of the future. */
export function notAfter(day: string, today: string): string {
  return day < today ? day : today;
}

export function requireDate(value: string, field: string): void {
  if (!isIsoDate(value)) {
    throw refusal('DATE_FORMAT', { value }, field);
  }
}

export const FIRST_YEAR = 1929;

/** Years before the national federation or more than a year ahead are refused. */
export function requireYear(year: number, today: string, field = 'year'): void {
  const last = Number(today.slice(0, 4)) + 1;
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > last) {
    throw refusal('YEAR_RANGE', { first: FIRST_YEAR, last, value: year }, field);
  }
}
