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
  /** A figure of union finance (issue 23), shown in the finance tab and the year forms' finance section. */
  finance: boolean;
  description: string;
}

const metric = (
  field: string,
  column: string,
  description: string,
  options: { stock?: boolean; money?: boolean; finance?: boolean } = {},
): MetricDefinition => ({
  field,
  column,
  description,
  stock: options.stock ?? false,
  money: options.money ?? false,
  finance: options.finance ?? false,
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
  // Finance (issue 23): sums of the grassroots unions' months of the year (modules/finance).
  metric('duesCollected', 'dues_collected', 'Member dues (đoàn phí) collected, VND.', {
    money: true,
    finance: true,
  }),
  metric(
    'duesExpected',
    'dues_expected',
    'Member dues expected under the rules in force each month (rate, cap, base salary), VND.',
    { money: true, finance: true },
  ),
  metric('fundingPaid', 'funding_paid', 'Union funding (kinh phí công đoàn) paid by employers, VND.', {
    money: true,
    finance: true,
  }),
  metric('fundingDue', 'funding_due', 'Union funding due under the rules in force each month, VND.', {
    money: true,
    finance: true,
  }),
  metric(
    'financeArrears',
    'finance_arrears',
    'Arrears: dues expected and funding due that were not collected, month by month, VND.',
    { money: true, finance: true },
  ),
  metric(
    'financeKept',
    'finance_kept',
    'Of what was collected, what the grassroots unions keep under the sharing rules, VND.',
    { money: true, finance: true },
  ),
  metric(
    'financeToDirectUpper',
    'finance_to_direct_upper',
    'Of what was collected, the share of the unions directly above the grassroots, VND.',
    { money: true, finance: true },
  ),
  metric(
    'financeToProvince',
    'finance_to_province',
    'Of what was collected, the share of the province federations, VND.',
    { money: true, finance: true },
  ),
  metric(
    'financeToNational',
    'finance_to_national',
    'Of what was collected, the share of the national federation, VND.',
    { money: true, finance: true },
  ),
];

export const METRIC_BY_FIELD = new Map(METRICS.map((m) => [m.field, m]));

/** GRASSROOTS_UNITS for grassrootsUnits: the GraphQL enum value of a metric. */
export function metricEnumValue(field: string): string {
  return field.replace(/([A-Z])/g, '_$1').toUpperCase();
}

export type StatsValues = Record<string, number | bigint>;
