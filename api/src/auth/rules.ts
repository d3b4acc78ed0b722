import { type GraphQLSchema, isObjectType } from 'graphql';
import { applyMiddleware } from 'graphql-middleware';
import { allow, deny, type IRule, type IRules, rule, shield } from 'graphql-shield';

import type { Context } from '../graphql/context';
import type { OrgUnitNode } from '../modules/org-unit/org-unit.types';
import { unauthenticated } from './authenticate';
import { type Permission, PERMISSIONS } from './permissions';
import { forbidden, type Scope } from './scope';
import { isIsoDate, yearEnd } from '../shared/dates';
import { periodDates } from '@cdvn/domain';

// Every rule uses no cache: shield's `contextual` cache keys on the rule's name alone, so a per-object
// rule would answer for one unit what it decided for another.
const authenticated = rule('authenticated', { cache: 'no_cache' })((_parent, _args, ctx: Context) =>
  ctx.viewer.kind === 'anonymous' ? unauthenticated() : true,
);

/** One rule per permission, made once (shield wants one instance per rule name). */
function perPermission(make: (permission: Permission) => IRule): (permission: Permission) => IRule {
  const rules = new Map(PERMISSIONS.map((permission) => [permission, make(permission)]));
  return (permission) => rules.get(permission)!;
}

/** The viewer holds the permission somewhere (true), or the refusal that says why not. */
function held(scope: Scope, permission: Permission): true | Error {
  return scope.has(permission) ? true : scope.refusal(permission);
}

/** The viewer holds the permission somewhere; the service checks the units the operation touches. */
const holds = perPermission((permission) =>
  rule(`holds ${permission}`, { cache: 'no_cache' })((_parent, _args, ctx: Context) =>
    ctx.viewer.kind === 'anonymous' ? unauthenticated() : held(ctx.scope, permission),
  ),
);

/**
 * The file routes (modules/bulk/bulk.routes.ts) have rules like the fields': the permission the viewer
 * must hold somewhere, checked before the file is read, and then at every unit the request names.
 */
export const FILE_ROUTE_RULES = {
  'POST /import/members': 'record:write',
  'POST /import/activities': 'record:write',
  'POST /import/collections': 'record:write',
  'GET /export/members': 'member:read',
  'GET /export/activities': 'unit:read',
  'GET /export/collections': 'finance:read',
  'POST /plan/preview': 'structure:write',
  'POST /plan/apply': 'structure:write',
} as const satisfies Record<string, Permission>;
export type FileRoute = keyof typeof FILE_ROUTE_RULES;

/** `holds` for a file route: its permission, or the refusal thrown. */
export function routePermission(scope: Scope, route: FileRoute): Permission {
  const permission = FILE_ROUTE_RULES[route];
  const verdict = held(scope, permission);
  if (verdict !== true) {
    throw verdict;
  }
  return permission;
}

/**
 * The dates a unit's field reads the unit on: a year's last day for a year's figures (every year of a
 * series), otherwise the field's `asOf` or the date the unit was reached with.
 */
export function datesOfField(unit: OrgUnitNode, args: Record<string, unknown>): string[] {
  if (typeof args.year === 'number') {
    return [yearEnd(args.year)];
  }
  const period = typeof args.period === 'string' ? periodDates(args.period) : null;
  if (period) {
    return [period.asAt];
  }
  if (typeof args.fromYear === 'number' && typeof args.toYear === 'number') {
    const years = Math.min(Math.max(args.toYear - args.fromYear + 1, 1), 31);
    return Array.from({ length: years }, (_, i) => yearEnd((args.fromYear as number) + i));
  }
  return [typeof args.asOf === 'string' && isIsoDate(args.asOf) ? args.asOf : unit.asOf];
}

/** The viewer holds the permission at the unit this field belongs to, on every date the field reads. */
const atUnit = perPermission((permission) =>
  rule(`at unit ${permission}`, { cache: 'no_cache' })(
    async (unit: OrgUnitNode, args: Record<string, unknown>, ctx: Context) => {
      const allowed = await Promise.all(
        datesOfField(unit, args).map((date) => ctx.scope.can(permission, unit.dbId, date)),
      );
      return allowed.every(Boolean) ? true : forbidden();
    },
  ),
);

/** A record's field that only some roles may read: checked at the record's unit, on the record's date. */
const personalDataOfRecord = rule('personal data of a record', { cache: 'no_cache' })(
  async (record: { unit: OrgUnitNode }, _args, ctx: Context) =>
    (await ctx.scope.can('member:read', record.unit.dbId, record.unit.asOf)) ? true : forbidden(),
);

const RECORD_MUTATIONS = [
  'appointOfficer',
  'createMember',
  'deleteActivity',
  'endMembership',
  'grantAward',
  'rateUnit',
  'recordActivity',
  'recordCongressTerm',
  'setAnnualTheme',
  'setClusterMembers',
  'setTarget',
  'transferMember',
  'updateMember',
  'saveReport',
  'submitReport',
  'approveReport',
  'returnReport',
  'reopenReport',
  'markReportNotReported',
  'setReportDeadline',
  'publishReportForm',
  'recordCollections',
  'setFinanceRule',
];
const STRUCTURE_MUTATIONS = [
  'createOrgUnit',
  'moveOrgUnit',
  'closeOrgUnit',
  'mergeOrgUnits',
  'renameOrgUnit',
  'previewTreeChange',
  'applyTreeChange',
  'cancelRestructuringPlan',
  'previewRestructuringPlan',
  'applyRestructuringPlan',
];
const ACCOUNT_MUTATIONS = [
  'createAccount',
  'assignRole',
  'revokeRole',
  'createApiKey',
  'revokeApiKey',
  'setAccountDisabled',
  'resetPassword',
];

const ORG_UNIT_DATA = [
  'children',
  'descendants',
  'successors',
  'predecessors',
  'stats',
  'statsSeries',
  'childrenStats',
  'remainderStats',
  'indicators',
  'activitySummary',
  'awardSummary',
  'targets',
  'rating',
  'ratingSummary',
  'activities',
  'awards',
  'officers',
  'congressTerms',
  'annualTheme',
  'report',
  'completeness',
  'financeRulesInForce',
  'childrenByCollectionRate',
];

/** A rule, or shield's `allow` (a rule of another class in its typings). */
type Rule = IRule | typeof allow;

const all = (fields: string[], value: Rule) => Object.fromEntries(fields.map((field) => [field, value]));

/**
 * Types whose every field is `allow`: their objects are only reached through a field that was checked
 * (a unit's checked field, a checked query or mutation), and any unit inside them carries its own rules.
 */
const REACHED_THROUGH_CHECKED_FIELDS = [
  'Activity',
  'ActivityConnection',
  'ActivityEdge',
  'AnnualTheme',
  'Award',
  'AwardConnection',
  'AwardEdge',
  'CongressTerm',
  'EmulationCluster',
  'Member',
  'MemberConnection',
  'MemberEdge',
  'MembershipNode',
  'Officer',
  'OrgUnitConnection',
  'OrgUnitEdge',
  'PageInfo',
  'Programme',
  'RankedUnitStats',
  'RatingSummary',
  'TargetAchievement',
  'UnitStats',
  'UnitIndicators',
  'ActivityGroup',
  'AwardGroup',
  'YearOnYearChange',
  'PeerRank',
  'ChildCompleteness',
  'Completeness',
  'CompletenessCount',
  'MissingReporter',
  'Report',
  'ReportDeadline',
  'ReportField',
  'ReportFieldChange',
  'ReportForm',
  'ReportFormField',
  'ReportPeriod',
  'ReportTransition',
  'Collection',
  'FinanceMonth',
  'FinanceRule',
  'FinanceRulesInForce',
  'FinanceShares',
  'RankedUnitFinance',
  'ShareAmounts',
  'Account',
  'ApiKey',
  'AuditEntry',
  'AuditEntryConnection',
  'AuditEntryEdge',
  'TreeChangePreview',
  'UnitChange',
  'UnitRename',
  'PreviewRole',
  'TouchedReport',
  'RestructuringPlan',
  'PlannedTreeChange',
  'AppliedRestructuringPlan',
  'CreateApiKeyPayload',
  'LoginPayload',
  'RoleAssignment',
  'Viewer',
];

/** The rule of every field of the schema, by type; anything missing is denied. */
export function ruleTree(schema: GraphQLSchema): Record<string, Record<string, Rule>> {
  const reached = Object.fromEntries(
    REACHED_THROUGH_CHECKED_FIELDS.map((typeName) => {
      const type = schema.getType(typeName);
      if (!type || !isObjectType(type)) {
        throw new Error(`The rule tree names ${typeName}, which the schema does not have.`);
      }
      return [typeName, all(Object.keys(type.getFields()), allow)];
    }),
  );
  return {
    ...reached,
    Query: {
      viewer: allow,
      orgUnit: authenticated,
      emulationClusters: authenticated,
      reportPeriods: authenticated,
      reportForms: authenticated,
      financeRules: authenticated,
      apiKeys: holds('account:admin'),
      roleAssignments: holds('account:admin'),
      auditLog: holds('audit:read'),
      restructuringPlans: holds('structure:write'),
    },
    Mutation: {
      login: allow,
      logout: authenticated,
      changePassword: authenticated,
      revokeSessions: authenticated,
      ...all(ACCOUNT_MUTATIONS, holds('account:admin')),
      ...all(RECORD_MUTATIONS, holds('record:write')),
      ...all(STRUCTURE_MUTATIONS, holds('structure:write')),
    },
    OrgUnit: {
      // Who a unit is: visible for the viewer's subtrees and their ancestors (row-level security
      // returns no other unit).
      ...all(['id', 'code', 'name', 'kind', 'validFrom', 'validTo', 'parent', 'ancestors'], allow),
      ...all(ORG_UNIT_DATA, atUnit('unit:read')),
      members: atUnit('member:read'),
      ...all(['collections', 'financeMonths'], atUnit('finance:read')),
    },
    Award: { ...reached.Award, recipientName: personalDataOfRecord },
  };
}

/**
 * graphql-shield, deny by default, wrapped thinly: a field whose rule is `allow` keeps its own resolver
 * (shield would wrap it in an async middleware; on a 5,000-row list that alone costs several times the
 * execution), every other field gets shield's middleware.
 */
export function applyRules(schema: GraphQLSchema): GraphQLSchema {
  const tree = ruleTree(schema);
  const generated = shield(tree as IRules, {
    fallbackRule: deny,
    fallbackError: () => forbidden(),
    allowExternalErrors: true,
  }).generate(schema) as Record<string, Record<string, unknown>>;
  const checked = Object.fromEntries(
    Object.entries(generated).map(([typeName, fields]) => {
      const rules = (tree as Record<string, Record<string, Rule>>)[typeName] ?? {};
      return [
        typeName,
        Object.fromEntries(Object.entries(fields).filter(([field]) => rules[field] !== allow)),
      ];
    }),
  );
  return applyMiddleware(schema, checked as never);
}
