import { lexicographicSortSchema, type GraphQLSchema, printSchema } from 'graphql';
import { buildSchema } from 'type-graphql';

import { applyRules } from '../auth/rules';
import { AccountResolver } from '../modules/account/account.resolver';
import { ActivityResolver, OrgUnitActivitiesResolver } from '../modules/activity/activity.resolver';
import { AuditResolver } from '../modules/audit/audit.resolver';
import { AwardResolver, OrgUnitAwardsResolver } from '../modules/award/award.resolver';
import {
  MemberConnectionResolver,
  MemberResolver,
  OrgUnitMembersResolver,
} from '../modules/member/member.resolver';
import { OrgUnitStructureResolver } from '../modules/org-unit/org-unit-structure.resolver';
import { OrgUnitResolver } from '../modules/org-unit/org-unit.resolver';
import {
  EmulationClusterResolver,
  OrganisationResolver,
} from '../modules/organisation/organisation.resolver';
import { StatisticsResolver } from '../modules/statistics/statistics.resolver';
import { SummaryResolver } from '../modules/annual-report/summary.resolver';
import {
  UnitIndicatorsFieldResolver,
  UnitIndicatorsResolver,
} from '../modules/statistics/indicators.resolver';
import {
  ChildCompletenessResolver,
  CompletenessResolver,
  MissingReporterResolver,
  OrgUnitReportingResolver,
  ReportFieldsResolver,
  ReportingResolver,
} from '../modules/reporting/reporting.resolver';
import { OrgUnitRatingResolver, TargetResolver } from '../modules/target/target.resolver';
import { PlanResolver } from '../modules/plan/plan.resolver';
import {
  CollectionResolver,
  FinanceResolver,
  OrgUnitFinanceResolver,
} from '../modules/finance/finance.resolver';

let built: Promise<GraphQLSchema> | undefined;

/** The executable schema, built once per process from the resolvers. */
export function graphqlSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers: [
      AccountResolver,
      AuditResolver,
      OrgUnitResolver,
      OrgUnitStructureResolver,
      StatisticsResolver,
      SummaryResolver,
      UnitIndicatorsFieldResolver,
      UnitIndicatorsResolver,
      MemberResolver,
      OrgUnitMembersResolver,
      MemberConnectionResolver,
      ActivityResolver,
      OrgUnitActivitiesResolver,
      AwardResolver,
      OrgUnitAwardsResolver,
      TargetResolver,
      OrgUnitRatingResolver,
      OrganisationResolver,
      EmulationClusterResolver,
      ReportingResolver,
      OrgUnitReportingResolver,
      ReportFieldsResolver,
      CompletenessResolver,
      MissingReporterResolver,
      ChildCompletenessResolver,
      PlanResolver,
      FinanceResolver,
      CollectionResolver,
      OrgUnitFinanceResolver,
    ],
    validate: false,
  });
  return built;
}

let secured: Promise<GraphQLSchema> | undefined;

/** The schema the server runs: every field behind its authorization rule (auth/rules.ts). */
export function securedSchema(): Promise<GraphQLSchema> {
  secured ??= graphqlSchema().then(applyRules);
  return secured;
}

/** The SDL committed as schema/schema.graphql: sorted, so that it diffs well. */
export async function schemaSdl(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await graphqlSchema()))}\n`;
}
