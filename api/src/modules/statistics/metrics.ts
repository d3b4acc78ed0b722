/**
 * The metric catalogue: every UnitStats figure, the own-totals column it is summed from, and whether
 * it is a stock (counted on 31 December: the net changes of every year up to the year are added) or a
 * flow (what happened in the year). Money metrics are whole VND. This is the only list of metrics.
 */
export interface MetricDefinition {
  field: string;
  column: string;
  stock: boolean;
  money: boolean;
  description: string;
}

const metric = (
  field: string,
  column: string,
  description: string,
  options: { stock?: boolean; money?: boolean } = {},
): MetricDefinition => ({
  field,
  column,
  description,
  stock: options.stock ?? false,
  money: options.money ?? false,
});

export const METRICS: readonly MetricDefinition[] = [
  metric(
    'grassrootsUnits',
    'grassroots_net',
    'Grassroots unions (công đoàn cơ sở) on 31 December, or today for the current year.',
    { stock: true },
  ),
  metric('newGrassrootsUnits', 'new_grassroots', 'Grassroots unions founded in the year (thành lập mới).'),
  metric('members', 'members_net', 'Members (đoàn viên) on 31 December, or today for the current year.', {
    stock: true,
  }),
  metric(
    'womenMembers',
    'women_net',
    'Women members (đoàn viên nữ) on 31 December, or today for the current year.',
    { stock: true },
  ),
  metric(
    'newMembers',
    'new_members',
    'Members admitted in the year (kết nạp mới); transfers are not admissions.',
  ),
  metric(
    'welfareParticipants',
    'welfare_participants',
    'Participations (lượt) in the members’ welfare programme.',
  ),
  metric('welfareAmount', 'welfare_amount', 'Benefit of the welfare programme, VND.', { money: true }),
  metric('supportCases', 'support_cases', 'Members in hardship visited or supported (lượt).'),
  metric('supportAmount', 'support_amount', 'Support to members in hardship, VND.', { money: true }),
  metric('giftPackages', 'gift_packages', 'Gift packages (suất quà).'),
  metric('giftAmount', 'gift_amount', 'Value of the gift packages, VND.', { money: true }),
  metric('charityAmount', 'charity_amount', 'Contributions to funds, charity and relief, VND.', {
    money: true,
  }),
  metric('housesBuilt', 'houses_built', 'Union homes (Mái ấm công đoàn) built or supported.'),
  metric('housingAmount', 'housing_amount', 'Value of the union homes, VND.', { money: true }),
  metric('initiatives', 'initiatives', 'Initiatives (sáng kiến).'),
  metric('awardsCollective', 'awards_collective', 'Awards to collectives.'),
  metric('awardsIndividual', 'awards_individual', 'Awards to individuals.'),
  metric('partyReferrals', 'party_referrals', 'Outstanding members referred to the Party.'),
  metric('partyAdmissions', 'party_admissions', 'Members admitted to the Party.'),
];

export const METRIC_BY_FIELD = new Map(METRICS.map((m) => [m.field, m]));

/** GRASSROOTS_UNITS for grassrootsUnits: the GraphQL enum value of a metric. */
export function metricEnumValue(field: string): string {
  return field.replace(/([A-Z])/g, '_$1').toUpperCase();
}

export type StatsValues = Record<string, number | bigint>;
