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
  const update = (key: string, value: string | null) =>
    setParams((previous) => {
      const next = new URLSearchParams(previous);
      if (value === null) {
        next.delete(key);
      } else {
        next.set(key, value);
      }
      return next;
    });
  return {
    code,
    year,
    asOf,
    linkTo,
    setYear: (value) => update('year', String(value)),
    setAsOf: (value) => update('asOf', value),
  };
}
