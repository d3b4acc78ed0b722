import type { EntityManager } from '@mikro-orm/postgresql';

import type { Scope } from '../../auth/scope';

import { yearEnd, requireYear } from '../../shared/dates';
import { refusal } from '../../shared/errors';
import { requireMetric } from '../statistics/statistics.service';
import { type Rating, RATINGS, Target, UnitRating } from './target.entity';
import { inRecordTransaction } from '../../shared/request-writes';
import { unitByCode } from '../org-unit/org-unit.lookup';

export interface NewTarget {
  unitCode: string;
  year: number;
  metric: string;
  value: bigint;
  setByCode?: string | null;
  provenance?: string;
}

/** Sets (or replaces) a unit's target for a year and a metric. */
export async function setTarget(
  em: EntityManager,
  scope: Scope,
  input: NewTarget,
  today: string,
): Promise<Target> {
  requireYear(input.year, today);
  requireMetric(input.metric);
  if (input.value <= 0n) {
    throw refusal('TARGET_POSITIVE', {}, 'value');
  }
  return inRecordTransaction(em, async (tx) => {
    const unit = await unitByCode(tx, scope, input.unitCode, yearEnd(input.year), 'unitCode');
    const setBy = input.setByCode
      ? await unitByCode(tx, scope, input.setByCode, yearEnd(input.year), 'setByCode', null)
      : null;
    const existing = await tx.findOne(Target, { unit, year: input.year, metric: input.metric });
    const target =
      existing ??
      tx.create(Target, {
        unit,
        year: input.year,
        metric: input.metric,
        value: input.value,
        setBy,
        provenance: '',
      });
    tx.assign(target, {
      value: input.value,
      setBy,
      provenance: input.provenance ?? 'recorded through the API',
    });
    await tx.flush();
    return target;
  });
}

/** Rates a unit for a year (xếp loại), replacing an earlier rating. */
export async function rateUnit(
  em: EntityManager,
  scope: Scope,
  unitCode: string,
  year: number,
  rating: Rating,
  today: string,
  provenance?: string,
): Promise<UnitRating> {
  requireYear(year, today);
  if (!RATINGS.includes(rating)) {
    throw refusal('RATING_VALUE', { values: RATINGS.join(', ') }, 'rating');
  }
  return inRecordTransaction(em, async (tx) => {
    const unit = await unitByCode(tx, scope, unitCode, yearEnd(year), 'unitCode');
    if (
      Number(unit.validFrom.slice(0, 4)) > year ||
      (unit.validTo !== null && Number(unit.validTo.slice(0, 4)) < year)
    ) {
      throw refusal('UNIT_NOT_IN_YEAR', { code: unit.code, year }, 'year');
    }
    const existing = await tx.findOne(UnitRating, { unit, year });
    const row = existing ?? tx.create(UnitRating, { unit, year, rating, provenance: '' });
    tx.assign(row, { rating, provenance: provenance ?? 'recorded through the API' });
    await tx.flush();
    return row;
  });
}
