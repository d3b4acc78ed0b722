import { useCallback } from 'react';
import { useParams, useSearchParams } from 'react-router';

import { FIRST_YEAR, today } from '../../components/calendar';

export interface UnitView {
  code: string;
  /** The year the figures are for: the previous year by default, the one annual conferences report. */
  year: number;
  /** The date of the tree shown: the chosen day, else the end of the year (or today for this year). */
  asOf: string;
  /** The URL of a unit's page (a tab of it), keeping the year and an explicitly chosen date. */
  linkTo: (code: string, tab?: string) => string;
  setYear: (year: number) => void;
  setAsOf: (day: string | null) => void;
  /**
   * For a unit that closed before the end of the default year, and a view whose year nobody chose: the
   * last year whose end the unit saw, in place of a year of zeros (the URL is replaced, not pushed).
   */
  landWithin: (validTo: string | null | undefined) => void;
}

/** The last year a unit closed on `validTo` (its last day) was still there at the end of. */
export function lastFullYear(validTo: string): number {
  const year = Number(validTo.slice(0, 4));
  return validTo.endsWith('-12-31') ? year : year - 1;
}

/** The unit, year and date live in the URL, so that a view can be bookmarked, shared and reloaded. */
export function useUnitView(): UnitView {
  const { code = 'VN' } = useParams();
  const [params, setParams] = useSearchParams();
  const now = today();
  const thisYear = Number(now.slice(0, 4));
  const asked = Number(params.get('year'));
  const year = Number.isInteger(asked) && asked >= FIRST_YEAR && asked <= thisYear ? asked : thisYear - 1;
  const chosenDay = params.get('asOf');
  const endOfYear = `${year}-12-31`;
  const asOf =
    chosenDay && /^\d{4}-\d{2}-\d{2}$/.test(chosenDay) ? chosenDay : endOfYear < now ? endOfYear : now;

  const linkTo = useCallback(
    (target: string, tab?: string) => {
      const query = params.toString();
      return `/unit/${encodeURIComponent(target)}${tab ? `/${tab}` : ''}${query ? `?${query}` : ''}`;
    },
    [params],
  );
  const update = (key: string, value: string | null, replace = false) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (value === null) {
          next.delete(key);
        } else {
          next.set(key, value);
        }
        return next;
      },
      { replace },
    );
  const yearChosen = params.has('year') || chosenDay !== null;
  return {
    code,
    year,
    asOf,
    linkTo,
    setYear: (value) => update('year', String(value)),
    setAsOf: (value) => update('asOf', value),
    landWithin: (validTo) => {
      if (validTo && !yearChosen && lastFullYear(validTo) < year && lastFullYear(validTo) >= FIRST_YEAR) {
        update('year', String(lastFullYear(validTo)), true);
      }
    },
  };
}
