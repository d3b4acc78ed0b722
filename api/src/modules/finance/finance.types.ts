import { EMPLOYER_KINDS, FINANCE_RULE_KINDS } from '@cdvn/domain';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

import { DateScalar } from '../../graphql/scalars';
import { type Money, MoneyScalar } from '../../shared/money';
import { OrgUnitNode } from '../org-unit/org-unit.types';
import { UnitStats } from '../statistics/statistics.types';

export const EmployerKindValue = Object.fromEntries(EMPLOYER_KINDS.map((k) => [k, k]));
registerEnumType(EmployerKindValue, {
  name: 'EmployerKind',
  description: 'The kind of employer a grassroots union is in: what decides whether it collects at all.',
  valuesConfig: {
    ADMINISTRATIVE_AGENCY: { description: 'Cơ quan hành chính nhà nước' },
    STATE_FUNDED_PUBLIC_UNIT: {
      description: 'Đơn vị sự nghiệp công lập do ngân sách bảo đảm toàn bộ chi thường xuyên',
    },
    ARMED_FORCES: { description: 'Lực lượng vũ trang' },
    SELF_FINANCED_PUBLIC_UNIT: { description: 'Đơn vị sự nghiệp công lập tự chủ một phần hoặc toàn bộ' },
    STATE_ENTERPRISE: { description: 'Doanh nghiệp nhà nước' },
    PRIVATE_ENTERPRISE: { description: 'Doanh nghiệp ngoài nhà nước' },
    FOREIGN_INVESTED_ENTERPRISE: { description: 'Doanh nghiệp có vốn đầu tư nước ngoài' },
    OTHER: { description: 'Hợp tác xã, hội và đơn vị sử dụng lao động khác' },
  },
});

export const FinanceRuleKindValue = Object.fromEntries(FINANCE_RULE_KINDS.map((k) => [k, k]));
registerEnumType(FinanceRuleKindValue, {
  name: 'FinanceRuleKind',
  description: 'What a finance rule sets.',
  valuesConfig: {
    BASE_SALARY: { description: 'Lương cơ sở: the base of the dues’ cap (amount).' },
    DUES_RATE: {
      description:
        'Đoàn phí: rate on the social-insurance salary and the cap per member (share of the base salary).',
    },
    FUNDING_RATE: { description: 'Kinh phí công đoàn: rate on the employer’s social-insurance payroll.' },
    COLLECTION_STOP: { description: 'Neither dues nor union funding collected from the employers named.' },
    DUES_SHARING: { description: 'How collected dues are shared between the levels.' },
    FUNDING_SHARING: { description: 'How paid union funding is shared between the levels.' },
  },
});

@ObjectType('FinanceShares', {
  description: 'Shares between the levels, per 10,000 (7500 is 75%); they add up to 10,000.',
})
export class FinanceSharesNode {
  @Field(() => Int, { description: 'The grassroots union (công đoàn cơ sở).' })
  grassroots!: number;

  @Field(() => Int, { description: 'The union directly above the grassroots (cấp trên trực tiếp cơ sở).' })
  directUpper!: number;

  @Field(() => Int, { description: 'The province federation (LĐLĐ tỉnh).' })
  province!: number;

  @Field(() => Int, { description: 'The national federation (Tổng Liên đoàn).' })
  national!: number;
}

@InputType({ description: 'Shares between the levels, per 10,000; they add up to 10,000.' })
export class FinanceSharesInput {
  @Field(() => Int)
  grassroots!: number;

  @Field(() => Int)
  directUpper!: number;

  @Field(() => Int)
  province!: number;

  @Field(() => Int)
  national!: number;
}

@ObjectType('FinanceRule', { description: 'A dated finance rule with its legal source.' })
export class FinanceRuleNode {
  @Field(() => ID)
  id!: string;

  @Field(() => FinanceRuleKindValue)
  kind!: string;

  @Field(() => DateScalar, { description: 'The first day it applies on.' })
  validFrom!: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'The last day it applies on; null while it stands.',
  })
  validTo!: string | null;

  @Field(() => [EmployerKindValue], {
    nullable: true,
    description: 'The employers it applies to; null for all.',
  })
  employerKinds!: string[] | null;

  @Field(() => MoneyScalar, { nullable: true, description: 'BASE_SALARY: whole VND a month.' })
  amount!: Money | null;

  @Field(() => Int, { nullable: true, description: 'DUES_RATE, FUNDING_RATE: per 10,000 (100 is 1%).' })
  rate!: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'DUES_RATE: the most a member pays a month, per 10,000 of the base salary (1000 is 10%).',
  })
  cap!: number | null;

  @Field(() => FinanceSharesNode, { nullable: true, description: 'DUES_SHARING, FUNDING_SHARING.' })
  shares!: FinanceSharesNode | null;

  @Field({ description: 'The legal text it comes from.' })
  source!: string;

  @Field(() => String, { nullable: true, description: 'What is uncertain or assumed about it.' })
  note!: string | null;

  @Field({ description: 'False where the figure comes from a secondary source or is an assumption.' })
  certain!: boolean;
}

@InputType({
  description: 'A finance rule to add, or to correct (with its id). Only the national body sets them.',
})
export class FinanceRuleInput {
  @Field(() => ID, { nullable: true, description: 'The rule to correct; absent to add one.' })
  id?: string | null;

  @Field(() => FinanceRuleKindValue)
  kind!: string;

  @Field(() => DateScalar)
  validFrom!: string;

  @Field(() => DateScalar, { nullable: true })
  validTo?: string | null;

  @Field(() => [EmployerKindValue], { nullable: true })
  employerKinds?: string[] | null;

  @Field(() => MoneyScalar, { nullable: true })
  amount?: Money | null;

  @Field(() => Int, { nullable: true })
  rate?: number | null;

  @Field(() => Int, { nullable: true })
  cap?: number | null;

  @Field(() => FinanceSharesInput, { nullable: true })
  shares?: FinanceSharesInput | null;

  @Field()
  source!: string;

  @Field(() => String, { nullable: true })
  note?: string | null;

  @Field({ defaultValue: true })
  certain!: boolean;
}

@ObjectType('FinanceRulesInForce', {
  description: 'What applies to a grassroots union on a day: one rule of each kind, with its source.',
})
export class FinanceRulesInForce {
  @Field(() => DateScalar)
  asOf!: string;

  @Field(() => EmployerKindValue, { description: 'The employer kind the rules were chosen for.' })
  employerKind!: string;

  @Field(() => FinanceRuleNode)
  baseSalary!: FinanceRuleNode;

  @Field(() => FinanceRuleNode)
  dues!: FinanceRuleNode;

  @Field(() => FinanceRuleNode)
  funding!: FinanceRuleNode;

  @Field(() => FinanceRuleNode, {
    nullable: true,
    description: 'Set when neither dues nor union funding is collected from this employer on that day.',
  })
  stop!: FinanceRuleNode | null;

  @Field(() => FinanceRuleNode)
  duesSharing!: FinanceRuleNode;

  @Field(() => FinanceRuleNode)
  fundingSharing!: FinanceRuleNode;
}

@ObjectType('ShareAmounts', { description: 'An amount split between the levels; the parts add up to it.' })
export class ShareAmounts {
  @Field(() => MoneyScalar)
  grassroots!: Money;

  @Field(() => MoneyScalar)
  directUpper!: Money;

  @Field(() => MoneyScalar)
  province!: Money;

  @Field(() => MoneyScalar)
  national!: Money;
}

@ObjectType('Collection', {
  description:
    'A grassroots union’s month: members paying, the salary base and payroll, what was collected and paid, and what was due under the rules in force that month (computed when the month was recorded).',
})
export class CollectionNode {
  @Field({ description: 'The month, YYYY-MM.' })
  month!: string;

  /** The union's id and the month's first day, for `unit`. */
  unitId!: number;
  firstDay!: string;

  @Field(() => EmployerKindValue)
  employerKind!: string;

  @Field(() => Int)
  membersPaying!: number;

  @Field(() => MoneyScalar, { description: 'The paying members’ social-insurance salaries, summed.' })
  salaryBase!: Money;

  @Field(() => MoneyScalar, { description: 'The employer’s social-insurance payroll for the month.' })
  payroll!: Money;

  @Field(() => MoneyScalar)
  duesCollected!: Money;

  @Field(() => MoneyScalar)
  duesExpected!: Money;

  @Field(() => MoneyScalar)
  fundingPaid!: Money;

  @Field(() => MoneyScalar)
  fundingDue!: Money;

  @Field(() => MoneyScalar, { description: 'Dues and funding due but not collected this month.' })
  arrears!: Money;

  @Field(() => ShareAmounts, { description: 'The dues collected, shared under the rule in force.' })
  duesShares!: ShareAmounts;

  @Field(() => ShareAmounts, { description: 'The union funding paid, shared under the rule in force.' })
  fundingShares!: ShareAmounts;

  @Field(() => [FinanceRuleNode], { description: 'The rules the month was computed with.' })
  rules!: FinanceRuleNode[];

  @Field()
  provenance!: string;
}

@ObjectType('FinanceMonth', {
  description: 'A month of a unit’s subtree: its grassroots unions’ collections summed.',
})
export class FinanceMonth {
  @Field({ description: 'YYYY-MM.' })
  month!: string;

  @Field(() => Int, { description: 'Grassroots unions whose month is recorded.' })
  unionsRecorded!: number;

  @Field(() => MoneyScalar)
  duesCollected!: Money;

  @Field(() => MoneyScalar)
  duesExpected!: Money;

  @Field(() => MoneyScalar)
  fundingPaid!: Money;

  @Field(() => MoneyScalar)
  fundingDue!: Money;

  @Field(() => MoneyScalar)
  arrears!: Money;

  @Field(() => MoneyScalar, { description: 'Kept by the grassroots unions.' })
  kept!: Money;

  @Field(() => MoneyScalar, { description: 'Sent up to the levels above them.' })
  sentUp!: Money;
}

@InputType({ description: 'A grassroots union’s month of collections; recording a month again replaces it.' })
export class CollectionInput {
  @Field()
  unitCode!: string;

  @Field({ description: 'YYYY-MM.' })
  month!: string;

  @Field(() => EmployerKindValue, {
    nullable: true,
    description: 'Absent: the kind recorded for the union’s latest earlier month.',
  })
  employerKind?: string | null;

  @Field(() => Int)
  membersPaying!: number;

  @Field(() => MoneyScalar)
  salaryBase!: Money;

  @Field(() => MoneyScalar)
  payroll!: Money;

  @Field(() => MoneyScalar)
  duesCollected!: Money;

  @Field(() => MoneyScalar)
  fundingPaid!: Money;

  @Field(() => String, { nullable: true })
  provenance?: string | null;
}

@ObjectType('RankedUnitFinance', { description: 'A child unit ranked by its collection rate for a year.' })
export class RankedUnitFinance {
  @Field(() => Int, {
    nullable: true,
    description: 'Competition rank; null when nothing was due (listed last).',
  })
  rank!: number | null;

  @Field(() => OrgUnitNode)
  unit!: OrgUnitNode;

  @Field(() => Float, {
    nullable: true,
    description:
      '(dues collected + funding paid) / (dues expected + funding due); null when nothing was due.',
  })
  collectionRate!: number | null;

  @Field(() => UnitStats)
  stats!: UnitStats;
}
