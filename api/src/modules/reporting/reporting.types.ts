import { PERIOD_KINDS, REPORT_FIELD_TYPES, REPORTING_LEVELS, type ReportState } from '@cdvn/domain';
import { Field, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';

import { ReportStateValue } from '../../graphql/report-state';
import { DateScalar } from '../../graphql/scalars';
import { OfficerNode } from '../organisation/organisation.types';
import { OrgUnitKind } from '../org-unit/org-unit.types';
import { StatsMetric } from '../statistics/statistics.types';
import type { ReportView } from './reporting.service';

const enumOf = <T extends string>(values: readonly T[]) =>
  Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };

export const PeriodKindValue = enumOf(PERIOD_KINDS);
registerEnumType(PeriodKindValue, {
  name: 'PeriodKind',
  description: 'Half-year periods (as at 31 May and 30 November) and the year (as at 31 December).',
});

export const ReportingLevelValue = enumOf(REPORTING_LEVELS);
registerEnumType(ReportingLevelValue, {
  name: 'ReportingLevel',
  description: 'Who a deadline applies to.',
  valuesConfig: {
    GRASSROOTS: { description: 'Grassroots unions (công đoàn cơ sở).' },
    UPPER_DIRECT: {
      description: 'Unions directly above the grassroots (công đoàn cấp trên trực tiếp cơ sở).',
    },
    PROVINCE: { description: 'Province federations (LĐLĐ tỉnh, thành phố).' },
  },
});

export const ReportFieldTypeValue = enumOf(REPORT_FIELD_TYPES);
registerEnumType(ReportFieldTypeValue, {
  name: 'ReportFieldType',
  description: 'What a field holds: a count, whole VND, a percentage, or text.',
});

@ObjectType('ReportDeadline', { description: 'The last day a level reports for a period.' })
export class ReportDeadlineNode {
  @Field(() => ReportingLevelValue)
  level!: string;

  @Field(() => DateScalar)
  dueOn!: string;

  @Field({ description: 'Whether the date is an assumption (no deadline is published in the sources).' })
  assumption!: boolean;

  @Field()
  source!: string;
}

@ObjectType('ReportPeriod', { description: 'A reporting period (kỳ báo cáo).' })
export class ReportPeriodNode {
  @Field({ description: '"2024" (the year), "2024-H1" (as at 31 May) or "2024-H2" (as at 30 November).' })
  code!: string;

  @Field(() => PeriodKindValue)
  kind!: string;

  @Field(() => DateScalar, { description: 'The first day whose flows (admissions, activities) count.' })
  startsOn!: string;

  @Field(() => DateScalar, { description: 'The day stocks (members, grassroots unions) are counted on.' })
  asAt!: string;

  @Field(() => DateScalar, { description: 'The first day reports of the period can be submitted.' })
  opensOn!: string;

  @Field(() => [ReportDeadlineNode], { description: 'The national deadline of each level.' })
  deadlines!: ReportDeadlineNode[];
}

export const ReportFormLevelValue = enumOf(['GRASSROOTS', 'UPPER'] as const);
registerEnumType(ReportFormLevelValue, {
  name: 'ReportFormLevel',
  description: 'Who reports on a form.',
  valuesConfig: {
    GRASSROOTS: { description: 'Grassroots unions (công đoàn cơ sở).' },
    UPPER: { description: 'Every level above, whose report adds up its children’s approved reports.' },
  },
});

@ObjectType('ReportFormField', { description: 'A field of a form, as the form defines it.' })
export class ReportFormFieldNode {
  @Field({ description: 'The key its value is stored and summed by (a computed field’s is its metric).' })
  key!: string;

  @Field()
  section!: string;

  @Field({ description: 'The label in Vietnamese.' })
  label!: string;

  @Field()
  labelEn!: string;

  @Field(() => StatsMetric, { nullable: true, description: 'The metric a computed field shows.' })
  metric!: string | null;

  @Field(() => ReportFieldTypeValue)
  type!: string;

  @Field(() => Int, { nullable: true })
  min!: number | null;

  @Field(() => Int, { nullable: true })
  max!: number | null;

  @Field({ description: 'Whether an upper level’s figure adds up its children’s.' })
  sums!: boolean;
}

@ObjectType('ReportForm', { description: 'A version of a report form.' })
export class ReportFormNode {
  @Field({ description: 'Such as "1-HĐCĐ" (grassroots, half-year) or "TK-CT" (upper levels, year).' })
  code!: string;

  @Field(() => Int)
  version!: number;

  @Field()
  name!: string;

  @Field({ description: 'Where the form’s rows come from.' })
  source!: string;

  @Field(() => PeriodKindValue)
  periodKind!: string;

  @Field(() => ReportFormLevelValue)
  level!: string;

  @Field(() => DateScalar, {
    description: 'The first period date the version applies to (until a later version’s).',
  })
  validFrom!: string;

  @Field(() => [ReportFormFieldNode])
  fields!: ReportFormFieldNode[];
}

@InputType({ description: 'A field of a form: computed (give a metric) or declared (give a type).' })
export class ReportFormFieldInput {
  @Field({ description: 'Ignored for a computed field, whose key is its metric.' })
  key!: string;

  @Field()
  section!: string;

  @Field()
  label!: string;

  @Field()
  labelEn!: string;

  @Field(() => StatsMetric, { nullable: true })
  metric?: string | null;

  @Field(() => ReportFieldTypeValue, { nullable: true })
  type?: (typeof REPORT_FIELD_TYPES)[number] | null;

  @Field(() => Int, { nullable: true, description: 'Default 0 for numbers.' })
  min?: number | null;

  @Field(() => Int, { nullable: true, description: 'Default 100 for percentages.' })
  max?: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'Whether upper levels add it up; default yes for counts and amounts.',
  })
  sums?: boolean | null;
}

@InputType({ description: 'A new version of a report form (a new code starts at version 1).' })
export class ReportFormInput {
  @Field()
  code!: string;

  @Field()
  name!: string;

  @Field(() => PeriodKindValue)
  periodKind!: (typeof PERIOD_KINDS)[number];

  @Field(() => ReportFormLevelValue)
  level!: 'GRASSROOTS' | 'UPPER';

  @Field(() => DateScalar)
  validFrom!: string;

  @Field({ description: 'The decision or document the rows come from.' })
  source!: string;

  @Field(() => [ReportFormFieldInput])
  fields!: ReportFormFieldInput[];
}

@ObjectType('ReportField', { description: 'A field of a report with its value.' })
export class ReportFieldNode {
  @Field()
  key!: string;

  @Field()
  section!: string;

  @Field({ description: 'The label in Vietnamese.' })
  label!: string;

  @Field()
  labelEn!: string;

  @Field({
    description: 'Computed from the records (and the children’s approved reports), or typed by the unit.',
  })
  computed!: boolean;

  @Field(() => ReportFieldTypeValue)
  type!: string;

  @Field(() => String, {
    nullable: true,
    description:
      'The value: digits for counts and VND, a decimal for a percentage, or text; null when blank.',
  })
  value!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'What the unit declared itself (the value typed in its form); an upper level’s value adds its children’s approved figures to it. Null for computed fields.',
  })
  own!: string | null;

  @Field(() => Int, { nullable: true })
  min!: number | null;

  @Field(() => Int, { nullable: true })
  max!: number | null;
}

@ObjectType('ReportTransition', { description: 'A step of a report’s history.' })
export class ReportTransitionNode {
  @Field(() => ReportStateValue, { nullable: true })
  fromState!: ReportState | null;

  @Field(() => ReportStateValue)
  toState!: ReportState;

  @Field({ description: 'Who took the step (account or API key).' })
  actor!: string;

  @Field()
  at!: string;

  @Field(() => String, { nullable: true })
  reason!: string | null;

  @Field({ description: 'Taken by a level above the parent, in its place.' })
  onBehalf!: boolean;
}

@ObjectType('ReportFieldChange', { description: 'A figure that changed since the report was last approved.' })
export class ReportFieldChangeNode {
  @Field()
  key!: string;

  @Field(() => String, { nullable: true })
  approved!: string | null;

  @Field(() => String, { nullable: true })
  current!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'current − approved, for numbers; null for text.',
  })
  difference!: string | null;
}

@ObjectType('Report', { description: 'A unit’s report for a period (báo cáo).' })
export class ReportNode {
  @Field(() => ReportPeriodNode)
  period!: ReportPeriodNode;

  @Field(() => ReportStateValue)
  state!: ReportState;

  @Field(() => ReportFormNode)
  form!: ReportFormNode;

  @Field(() => [ReportFieldNode])
  fields!: ReportFieldNode[];

  @Field(() => DateScalar, { nullable: true, description: 'The deadline of the unit’s level.' })
  deadline!: string | null;

  @Field(() => String, { nullable: true })
  submittedAt!: string | null;

  @Field(() => String, { nullable: true })
  approvedAt!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Set when the level above recorded that the unit did not report, with its reason.',
  })
  notReportedReason!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Why the report cannot be edited now, and who can change that; null while it can be.',
  })
  lockReason!: string | null;

  /** The view the fields were computed from. */
  view!: ReportView;
}

@InputType('ReportValueInput', { description: 'A declared field’s value; an empty value clears it.' })
export class ReportValueInput {
  @Field()
  key!: string;

  @Field()
  value!: string;
}

@ObjectType('CompletenessCount', { description: 'Expected reporters and their reports, by state.' })
export class CompletenessCountNode {
  @Field(() => OrgUnitKind, { nullable: true, description: 'The kind of unit; null for all kinds together.' })
  kind!: string | null;

  @Field(() => Int)
  expected!: number;

  @Field(() => Int, { description: 'Reports not yet started (no draft saved).' })
  notStarted!: number;

  @Field(() => Int)
  draft!: number;

  @Field(() => Int)
  submitted!: number;

  @Field(() => Int)
  approved!: number;

  @Field(() => Int)
  returned!: number;

  @Field(() => Int)
  reopened!: number;

  @Field(() => Int, { description: 'Marked by the level above as not reported.' })
  notReported!: number;

  @Field(() => Int, { description: 'Submitted by the deadline of their level.' })
  onTime!: number;

  @Field({ description: 'Approved or marked as not reported, as a share of expected (0 to 1).' })
  completeness!: number;
}

@ObjectType('MissingReporter', { description: 'A unit that has not submitted its report.' })
export class MissingReporterNode {
  /** Resolved to the unit by the resolver, as of the period's date. */
  unitId!: number;
  asAt!: string;

  @Field(() => ReportStateValue, { nullable: true, description: 'Null when no draft was saved.' })
  state!: ReportState | null;

  @Field(() => [OfficerNode], { description: 'Its officers on the period’s date, to contact.' })
  officers!: OfficerNode[];
}

@ObjectType('ChildCompleteness', {
  description: 'The completeness of one child’s subtree (the child included).',
})
export class ChildCompletenessNode {
  /** Resolved to the unit by the resolver, as of the period's date. */
  unitId!: number;
  asAt!: string;

  @Field(() => ReportStateValue, {
    nullable: true,
    description: 'The state of the child’s own report (its inbox line); null when not started.',
  })
  state!: ReportState | null;

  @Field(() => String, { nullable: true })
  submittedAt!: string | null;

  @Field(() => String, { nullable: true, description: 'Set when the parent marked it as not reported.' })
  notReportedReason!: string | null;

  @Field(() => CompletenessCountNode, { description: 'The child’s subtree, the child included.' })
  total!: CompletenessCountNode;
}

@ObjectType('Completeness', {
  description: 'Who under a unit has reported for a period: the units of its subtree on the period’s date.',
})
export class CompletenessNode {
  @Field(() => ReportPeriodNode)
  period!: ReportPeriodNode;

  @Field(() => CompletenessCountNode)
  total!: CompletenessCountNode;

  @Field(() => [CompletenessCountNode])
  byKind!: CompletenessCountNode[];

  @Field(() => [ChildCompletenessNode], { description: 'Per direct child, most complete first.' })
  children!: ChildCompletenessNode[];

  unitId!: number;
  asAt!: string;
}
