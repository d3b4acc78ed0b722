/** Years the platform holds figures for: from the first source document's year to the current one. */
export const FIRST_YEAR = 2019;

/** The union's calendar is Viet Nam's: "today" there, whatever the browser's time zone. */
export function today(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
}

/** The selectable years, newest first. */
export function yearsUpTo(current: number): number[] {
  return Array.from({ length: current - FIRST_YEAR + 1 }, (_, i) => current - i);
}
