import type { StatsFieldsFragment, StatsMetric } from '../graphql/graphql';
import { formatCount, formatMoney, formatMoneyShort, type Locale } from './format';

/** A UnitStats figure as the client shows it: its field, the enum that ranks by it, and whether it is money. */
export interface Metric {
  field: Exclude<keyof StatsFieldsFragment, 'year'>;
  metric: StatsMetric;
  money: boolean;
}

/** `StatsMetric` names the same figures as `UnitStats` fields, written in capitals: MEMBERS is `members`. */
function metric(field: Metric['field'], money = false): Metric {
  return { field, metric: field.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase() as StatsMetric, money };
}

/** In the order of the metric catalogue (DOMAIN.md); labels live in the locales under `metric.<field>`. */
export const METRICS: readonly Metric[] = [
  metric('grassrootsUnits'),
  metric('members'),
  metric('womenMembers'),
  metric('newMembers'),
  metric('newGrassrootsUnits'),
  metric('welfareParticipants'),
  metric('welfareAmount', true),
  metric('supportCases'),
  metric('supportAmount', true),
  metric('giftPackages'),
  metric('giftAmount', true),
  metric('charityAmount', true),
  metric('housesBuilt'),
  metric('housingAmount', true),
  metric('initiatives'),
  metric('awardsCollective'),
  metric('awardsIndividual'),
  metric('partyReferrals'),
  metric('partyAdmissions'),
  metric('duesCollected', true),
  metric('duesExpected', true),
  metric('fundingPaid', true),
  metric('fundingDue', true),
  metric('financeArrears', true),
  metric('financeKept', true),
  metric('financeToDirectUpper', true),
  metric('financeToProvince', true),
  metric('financeToNational', true),
];

export function metricOf(name: StatsMetric): Metric {
  return METRICS.find((m) => m.metric === name) ?? METRICS[1];
}

/** A figure's value as a number, for charts and sorting (money fits a double's exact range here). */
export function valueOf(stats: StatsFieldsFragment, m: Metric): number {
  return Number(stats[m.field]);
}

/** The exact figure: "5.202" or "740.000.000 ₫". */
export function formatMetric(locale: Locale, m: Metric, value: number | string): string {
  return m.money ? formatMoney(locale, String(value)) : formatCount(locale, Number(value));
}

/** For cards and axes: money shortened to "740 triệu đồng". */
export function formatMetricShort(locale: Locale, m: Metric, value: number | string): string {
  return m.money ? formatMoneyShort(locale, value) : formatCount(locale, Number(value));
}
