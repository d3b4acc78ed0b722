import {
  type AppliedFinanceRules,
  DEFAULT_FINANCE_RULES,
  EMPLOYER_KINDS,
  type EmployerKind,
  type FinanceRule,
  expectedAmounts,
  financeRulesOn,
  partOf,
} from '@cdvn/domain';

import { PROVINCIAL_AGENCIES } from './agencies';
import {
  GRASSROOTS,
  NATIONAL_PROVENANCE,
  recordStep,
  type RecordStep,
  SLOTS,
  sqlText,
  uniform,
} from './national';
import { seededRandom } from './random';
import { assumption } from './sources';

/** A grassroots union of the demo tree as the database holds it after the 2025 restructuring. */
export interface FinanceUnit {
  code: string;
  name: string;
  validFrom: string;
  validTo: string | null;
}

/** A grassroots union's month, as the API's recordCollections takes it. */
export interface SeedCollection {
  unitCode: string;
  month: string;
  employerKind: EmployerKind;
  membersPaying: number;
  salaryBase: bigint;
  payroll: bigint;
  duesCollected: bigint;
  fundingPaid: bigint;
  provenance: string;
}

const ADMINISTRATIVE = /^(Sở|Thanh tra|Văn phòng|Ban |Ủy ban|Chi cục)/;

/**
 * The kind of employer behind a demo grassroots union: the enterprises of Thanh Hóa's 2022 unions, the
 * foreign-invested Hongxi in Tiền Hải, and the provincial agencies of the public-servant unions (paid
 * fully by the state budget or not, as agencies.ts assumes; the administrative ones apart).
 */
export function demoEmployerKind(unit: FinanceUnit): EmployerKind {
  if (unit.code.startsWith('TH-CS')) {
    return 'PRIVATE_ENTERPRISE';
  }
  if (unit.code === 'TB-TIENHAI-HONGXI') {
    return 'FOREIGN_INVESTED_ENTERPRISE';
  }
  const agency = PROVINCIAL_AGENCIES.find((a) => unit.name.includes(a.name));
  if (!agency) {
    return 'OTHER';
  }
  if (!agency.stateFunded) {
    return 'SELF_FINANCED_PUBLIC_UNIT';
  }
  return ADMINISTRATIVE.test(agency.name) ? 'ADMINISTRATIVE_AGENCY' : 'STATE_FUNDED_PUBLIC_UNIT';
}

function hash(text: string): number {
  let h = 2166136261;
  for (const char of text) {
    h = Math.imul(h ^ char.charCodeAt(0), 16777619);
  }
  return h >>> 0;
}

function months(from: string, to: string): string[] {
  const result: string[] = [];
  let [year, month] = from.split('-').map(Number);
  const [lastYear, lastMonth] = to.split('-').map(Number);
  while (year < lastYear || (year === lastYear && month <= lastMonth)) {
    result.push(`${year}-${String(month).padStart(2, '0')}`);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return result;
}

export const DEMO_COLLECTIONS_PROVENANCE = assumption(
  'synthetic collections: members paying, salaries and payroll invented per union, what was collected drawn at 80-100% of what the rules made due',
);

/**
 * Plausible months of collections for each union from `firstMonth` to `lastMonth` (YYYY-MM), on the
 * months the union stood on the first day of: a stable number of paying members and average salary per
 * union, a payroll a little above the members' salaries, and collections drawn at 80-100% of what the
 * platform's starting rules make due (so every month obeys the rules: 1% then 0.5% dues, the cap, 2%
 * funding, nothing due from state-funded employers from June 2025), with a month now and then unpaid.
 */
export function demoCollections(
  units: FinanceUnit[],
  firstMonth: string,
  lastMonth: string,
): SeedCollection[] {
  const rows: SeedCollection[] = [];
  for (const unit of units) {
    const random = seededRandom(hash(unit.code));
    const employerKind = demoEmployerKind(unit);
    const members = 15 + Math.floor(random() * 110);
    const averageSalary = 5_000_000 + Math.floor(random() * 9_000) * 1_000;
    for (const month of months(firstMonth, lastMonth)) {
      const firstDay = `${month}-01`;
      if (firstDay < unit.validFrom || (unit.validTo !== null && firstDay > unit.validTo)) {
        continue;
      }
      const found = financeRulesOn(DEFAULT_FINANCE_RULES, firstDay, employerKind);
      if ('missing' in found) {
        continue;
      }
      const membersPaying = members + Math.floor(random() * 5) - 2;
      const salaryBase = BigInt(membersPaying) * BigInt(averageSalary);
      const payroll = partOf(salaryBase, 11_000 + Math.floor(random() * 2_000));
      const due = expectedAmounts(found.applied, { membersPaying, salaryBase, payroll });
      const unpaid = random() < 0.04;
      rows.push({
        unitCode: unit.code,
        month,
        employerKind,
        membersPaying,
        salaryBase,
        payroll,
        duesCollected: unpaid ? 0n : partOf(due.duesExpected, 8_000 + Math.floor(random() * 2_001)),
        fundingPaid: unpaid ? 0n : partOf(due.fundingDue, 8_000 + Math.floor(random() * 2_001)),
        provenance: DEMO_COLLECTIONS_PROVENANCE,
      });
    }
  }
  return rows;
}

/** The national dataset's months: January 2024 to December 2025, as far as today. */
const NATIONAL_MONTHS = { first: '2024-01', last: '2025-12' };

/** A rule as the database finds it again: its kind, first day and employers (the seeded rules are unique so). */
function ruleKey(rule: FinanceRule): string {
  const employers = rule.employerKinds ? `array[${rule.employerKinds.map(sqlText).join(', ')}]` : 'null';
  return `(r.kind = ${sqlText(rule.kind)} and r.valid_from = date ${sqlText(rule.validFrom)} and r.employer_kinds is not distinct from ${employers})`;
}

/** One month and employer kind: the figures of the rules that apply, as SQL values. */
function ruleRow(month: string, employer: EmployerKind, applied: AppliedFinanceRules): string {
  const cumulative = (shares: NonNullable<FinanceRule['shares']>) => [
    shares.grassroots,
    shares.grassroots + shares.directUpper,
    shares.grassroots + shares.directUpper + shares.province,
  ];
  const rules = Object.values(applied).filter((r): r is FinanceRule => r !== null);
  return `(date '${month}-01', ${sqlText(employer)}, ${applied.stop ? 'true' : 'false'}, ${applied.dues.rate ?? 0},
    ${partOf(applied.baseSalary.amount ?? 0n, applied.dues.cap ?? 10_000)}, ${applied.funding.rate ?? 0},
    array[${cumulative(applied.duesSharing.shares!).join(', ')}], array[${cumulative(applied.fundingSharing.shares!).join(', ')}],
    array(select r.id from finance_rule r where ${rules.map(ruleKey).join(' or ')} order by r.id))`;
}

/** An amount split by cumulative shares (per 10,000) as shareAmount does: each part rounded half up. */
function sharesSql(amount: string, cumulative: string): string {
  const upTo = (i: number) => `round(${amount} * ${cumulative}[${i}] / 10000.0)::bigint`;
  return `jsonb_build_object('grassroots', ${upTo(1)}, 'directUpper', ${upTo(2)} - ${upTo(1)},
    'province', ${upTo(3)} - ${upTo(2)}, 'national', ${amount} - ${upTo(3)})`;
}

/**
 * The national dataset's collections (issue 23): every grassroots union's months of 2024 and 2025 (those it
 * stood on the first day of), computed as the API computes them under the platform's starting rules (the
 * rules of each month and employer kind are found by financeRulesOn, the arithmetic is the same rounding),
 * then the own totals their triggers would keep. The employer kind is drawn per union: the public-servant
 * unions' grassroots unions that closed in 2025 are state-funded or administrative, the others enterprises,
 * self-financed public units and others. Members paying are the union's members on 1 January 2025.
 */
export function nationalFinanceSql({ scale, today }: { scale: number; today: string }): {
  records: RecordStep[];
  stats: string[];
} {
  const grassroots = Math.max(SLOTS * 63, Math.round(GRASSROOTS * scale));
  const last = today.slice(0, 7) < NATIONAL_MONTHS.last ? today.slice(0, 7) : NATIONAL_MONTHS.last;
  const rules = months(NATIONAL_MONTHS.first, last).flatMap((month) =>
    EMPLOYER_KINDS.flatMap((employer) => {
      const found = financeRulesOn(DEFAULT_FINANCE_RULES, `${month}-01`, employer);
      return 'applied' in found ? [ruleRow(month, employer, found.applied)] : [];
    }),
  );
  const P = sqlText(NATIONAL_PROVENANCE);
  const statements = [
    `create table nat_finance_rules (month date, employer_kind text, stop boolean, dues_rate integer, dues_cap bigint,
       funding_rate integer, dues_cumulative integer[], funding_cumulative integer[], rule_ids integer[])`,
    `insert into nat_finance_rules values\n  ${rules.join(',\n  ')}`,
    `create table nat_finance_units as
       select cast(substr(u.code, 2) as integer) as g, u.id as unit_id, u.valid_from, u.valid_to,
              greatest(3, coalesce(c.members, 0))::integer as size,
              case when u.valid_to = date '2025-06-30'
                   then (array['ADMINISTRATIVE_AGENCY', 'STATE_FUNDED_PUBLIC_UNIT', 'STATE_FUNDED_PUBLIC_UNIT'])[1 + (hashint8(u.id * 31) & 1023) % 3]
                   else (array['PRIVATE_ENTERPRISE', 'PRIVATE_ENTERPRISE', 'PRIVATE_ENTERPRISE', 'PRIVATE_ENTERPRISE',
                               'FOREIGN_INVESTED_ENTERPRISE', 'FOREIGN_INVESTED_ENTERPRISE', 'STATE_ENTERPRISE',
                               'SELF_FINANCED_PUBLIC_UNIT', 'SELF_FINANCED_PUBLIC_UNIT', 'OTHER'])[1 + (hashint8(u.id * 31) & 1023) % 10] end
                as employer_kind,
              (5000000 + ((hashint8(u.id * 37) & 8191) % 9000) * 1000)::bigint as salary
         from org_unit u
         -- One pass over the memberships (every national union stands on 1 January 2025).
         left join (select unit_id, count(*) as members from membership where period @> date '2025-01-01' group by unit_id) c
           on c.unit_id = u.id
        where u.kind = 'GRASSROOTS_UNION' and u.code ~ '^G[0-9]+$'`,
    `insert into finance_collection (unit_id, month, employer_kind, members_paying, salary_base, payroll, dues_collected,
        funding_paid, dues_expected, funding_due, dues_shares, funding_shares, rule_ids, provenance)
       select x.unit_id, x.month, x.employer_kind, x.members, x.salary_base, x.payroll, x.dues_collected, x.funding_paid,
              x.dues_expected, x.funding_due, ${sharesSql('x.dues_collected', 'x.dues_cumulative')},
              ${sharesSql('x.funding_paid', 'x.funding_cumulative')}, x.rule_ids, ${P}
         from (select d.*, case when d.unpaid then 0 else round(d.dues_expected * d.rate / 10000.0)::bigint end as dues_collected,
                      case when d.unpaid then 0 else round(d.funding_due * d.rate / 10000.0)::bigint end as funding_paid
                 from (select u.unit_id, r.month, u.employer_kind, c.members, c.salary_base, c.payroll, r.rule_ids,
                              r.dues_cumulative, r.funding_cumulative,
                              case when r.stop then 0 else least(round(c.salary_base * r.dues_rate / 10000.0)::bigint, c.members * r.dues_cap) end as dues_expected,
                              case when r.stop then 0 else round(c.payroll * r.funding_rate / 10000.0)::bigint end as funding_due,
                              8000 + (hashint8(u.unit_id * 41 + extract(epoch from r.month)::bigint) & 4095) % 2001 as rate,
                              ${uniform('u.unit_id * 43 + extract(epoch from r.month)::bigint')} < 0.04 as unpaid
                         from nat_finance_units u
                         join nat_finance_rules r on r.employer_kind = u.employer_kind
                          and r.month >= u.valid_from and (u.valid_to is null or r.month <= u.valid_to)
                         cross join lateral (select greatest(0, u.size + (hashint8(u.unit_id + extract(epoch from r.month)::bigint) & 3) - 1) as members) m
                         cross join lateral (select m.members, m.members * u.salary as salary_base,
                                                    m.members * u.salary * (11000 + (hashint8(u.unit_id * 47) & 1023) % 2000) / 10000 as payroll) c
                        where u.g between $1 and $2) d) x`,
    `drop table nat_finance_rules, nat_finance_units`,
  ];
  const columns = [
    'dues_collected',
    'dues_expected',
    'funding_paid',
    'funding_due',
    'finance_arrears',
    'finance_kept',
    'finance_to_direct_upper',
    'finance_to_province',
    'finance_to_national',
  ];
  const part = (level: string) =>
    `(f.dues_shares ->> '${level}')::bigint + (f.funding_shares ->> '${level}')::bigint`;
  return {
    records: statements.map((text) => recordStep(text, grassroots)),
    stats: [
      // The own totals finance_stat_rows would have kept (sql/rollups.sql), set-based.
      `insert into stat_own as o (unit_id, year, ${columns.join(', ')})
         select f.unit_id, extract(year from f.month)::smallint, sum(f.dues_collected), sum(f.dues_expected),
                sum(f.funding_paid), sum(f.funding_due),
                sum(f.arrears), sum(f.kept), sum(${part('directUpper')}), sum(${part('province')}), sum(${part('national')})
           from finance_collection f group by 1, 2
         on conflict (unit_id, year) do update set
           ${columns.map((c) => `${c} = o.${c} + excluded.${c}`).join(',\n           ')}`,
    ],
  };
}
