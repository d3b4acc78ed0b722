import type { ReportState } from '@cdvn/domain';
import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';

import type { Context } from '../../graphql/context';
import { isLocking } from './reporting.service';
import { refusal } from '../../shared/errors';
import { isValidOn } from '../org-unit/org-unit.lookup';
import { OrgUnitNode } from '../org-unit/org-unit.types';
import { fieldSums, fieldType, type FormField } from './reporting.calendar';
import { publishReportForm } from './reporting.forms';
import * as queries from './reporting.queries';
import type { CompletenessRow, FormRow, PeriodRow } from './reporting.queries';
import {
  approveReport,
  changesSinceApproval,
  markNotReported,
  reopenReport,
  reportOf,
  requirePeriod,
  returnReport,
  type ReportAction,
  type ReportView,
  saveReport,
  setReportDeadline,
  submitReport,
} from './reporting.service';
import {
  ChildCompletenessNode,
  CompletenessCountNode,
  CompletenessNode,
  MissingReporterNode,
  ReportFieldChangeNode,
  ReportFormInput,
  ReportFormNode,
  ReportingLevelValue,
  ReportNode,
  ReportPeriodNode,
  ReportTransitionNode,
  ReportValueInput,
} from './reporting.types';

const MAX_MISSING = 500;

async function periodNodes(ctx: Context, rows: PeriodRow[]): Promise<ReportPeriodNode[]> {
  const deadlines = await queries.deadlines(
    ctx.em,
    rows.map((r) => r.code),
  );
  return rows.map((row) =>
    Object.assign(new ReportPeriodNode(), {
      code: row.code,
      kind: row.kind,
      startsOn: row.starts_on,
      asAt: row.as_at,
      opensOn: row.opens_on,
      deadlines: deadlines
        .filter((d) => d.period_code === row.code && d.unit_id === null)
        .map((d) => ({ level: d.level, dueOn: d.due_on, assumption: d.assumption, source: d.source })),
    }),
  );
}

function lockReason(view: ReportView): string | null {
  if (view.state === 'SUBMITTED') {
    return 'Đã gửi, chờ cấp trên duyệt: cấp trên có thể trả lại để sửa. (Submitted: the level above may return it for correction.)';
  }
  if (view.state === 'APPROVED') {
    return 'Đã duyệt: chỉ cấp trên có thể mở lại, kèm lý do. (Approved: only a level above can reopen it, with a reason.)';
  }
  return null;
}

function formNode(form: FormRow): ReportFormNode {
  return Object.assign(new ReportFormNode(), {
    code: form.code,
    version: form.version,
    name: form.name,
    source: form.source,
    periodKind: form.period_kind,
    level: form.level,
    validFrom: form.valid_from,
    fields: (form.fields as FormField[]).map((field) => ({
      key: field.key,
      section: field.section,
      label: field.label,
      labelEn: field.labelEn,
      metric: 'metric' in field ? field.metric : null,
      type: fieldType(field),
      min: 'metric' in field ? null : (field.min ?? null),
      max: 'metric' in field ? null : (field.max ?? null),
      sums: 'metric' in field || fieldSums(field),
    })),
  });
}

async function reportNode(ctx: Context, view: ReportView): Promise<ReportNode> {
  const [period] = await periodNodes(ctx, [view.period]);
  return Object.assign(new ReportNode(), {
    view,
    period,
    state: view.state,
    form: formNode(view.form),
    fields: view.fields.map((field: FormField) => ({
      key: field.key,
      section: field.section,
      label: field.label,
      labelEn: field.labelEn,
      computed: 'metric' in field,
      type: fieldType(field),
      value: view.figures[field.key] ?? null,
      own: 'metric' in field ? null : (view.declared[field.key] ?? null),
      min: 'metric' in field ? null : (field.min ?? null),
      max: 'metric' in field ? null : (field.max ?? null),
    })),
    deadline: view.deadline,
    submittedAt: view.row?.submitted_at ?? null,
    approvedAt: view.row?.approved_at ?? null,
    notReportedReason: view.row?.not_reported_reason ?? null,
    lockReason: isLocking(view.state) ? lockReason(view) : null,
  });
}

/** The report of a unit (by id, after a write) as the viewer now reads it. */
async function reportAfter(ctx: Context, unitId: number, periodCode: string): Promise<ReportNode> {
  const period = await requirePeriod(ctx.em, periodCode);
  const unit = (await ctx.loaders.orgUnit.unitById.load(unitId))!;
  return reportNode(ctx, (await reportOf(ctx.em, unit, period))!);
}

/** Runs a step of the cycle as the viewer, then reads the report back as the viewer now sees it. */
async function step<A extends object>(
  ctx: Context,
  args: A & { unitCode: string; period: string },
  write: (em: Context['em'], scope: Context['scope'], action: A & ReportAction) => Promise<number>,
): Promise<ReportNode> {
  const unitId = await write(ctx.em, ctx.scope, { ...args, viewer: ctx.viewer, today: ctx.today });
  return reportAfter(ctx, unitId, args.period);
}

function countNode(rows: CompletenessRow[], kind: string | null): CompletenessCountNode {
  const sum = (key: keyof CompletenessRow) => rows.reduce((total, row) => total + Number(row[key]), 0);
  const expected = sum('expected');
  const done = sum('approved') + sum('not_reported');
  return Object.assign(new CompletenessCountNode(), {
    kind,
    expected,
    notStarted: sum('not_started'),
    draft: sum('draft'),
    submitted: sum('submitted'),
    approved: sum('approved'),
    returned: sum('returned'),
    reopened: sum('reopened'),
    notReported: sum('not_reported'),
    onTime: sum('on_time'),
    completeness: expected === 0 ? 1 : done / expected,
  });
}

@Resolver()
export class ReportingResolver {
  @Query(() => [ReportPeriodNode], { description: 'The reporting calendar, of one year or every year.' })
  async reportPeriods(
    @Arg('year', () => Int, { nullable: true }) year: number | null,
    @Ctx() ctx: Context,
  ): Promise<ReportPeriodNode[]> {
    return periodNodes(ctx, await queries.periods(ctx.em, year ?? null));
  }

  @Mutation(() => ReportNode, { description: 'Saves declared values of a report being filled in.' })
  async saveReport(
    @Arg('unitCode', () => String) unitCode: string,
    @Arg('period', () => String) period: string,
    @Arg('values', () => [ReportValueInput]) values: ReportValueInput[],
    @Ctx() ctx: Context,
  ): Promise<ReportNode> {
    return step(ctx, { unitCode, period, values }, saveReport);
  }

  @Mutation(() => ReportNode, {
    description: 'Submits a report to the level above; its figures are frozen and locked (PERIOD_LOCKED).',
  })
  async submitReport(
    @Arg('unitCode', () => String) unitCode: string,
    @Arg('period', () => String) period: string,
    @Ctx() ctx: Context,
  ): Promise<ReportNode> {
    return step(ctx, { unitCode, period }, submitReport);
  }

  @Mutation(() => ReportNode, {
    description: 'Approves a submitted report of a unit below (by its parent or above).',
  })
  async approveReport(
    @Arg('unitCode', () => String) unitCode: string,
    @Arg('period', () => String) period: string,
    @Ctx() ctx: Context,
  ): Promise<ReportNode> {
    return step(ctx, { unitCode, period }, approveReport);
  }

  @Mutation(() => ReportNode, { description: 'Sends a submitted report back to its unit, with a reason.' })
  async returnReport(
    @Arg('unitCode', () => String) unitCode: string,
    @Arg('period', () => String) period: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: Context,
  ): Promise<ReportNode> {
    return step(ctx, { unitCode, period, reason }, returnReport);
  }

  @Mutation(() => ReportNode, {
    description:
      'Reopens an approved report with a reason (top down: not while the parent’s report is locked).',
  })
  async reopenReport(
    @Arg('unitCode', () => String) unitCode: string,
    @Arg('period', () => String) period: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: Context,
  ): Promise<ReportNode> {
    return step(ctx, { unitCode, period, reason }, reopenReport);
  }

  @Mutation(() => ReportNode, {
    description: 'Records that a unit below did not report (with a reason), so that its parent can submit.',
  })
  async markReportNotReported(
    @Arg('unitCode', () => String) unitCode: string,
    @Arg('period', () => String) period: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: Context,
  ): Promise<ReportNode> {
    return step(ctx, { unitCode, period, reason }, markNotReported);
  }

  @Query(() => [ReportFormNode], {
    description: 'The report forms, every version (of one code), oldest first.',
  })
  async reportForms(
    @Arg('code', () => String, { nullable: true }) code: string | null,
    @Ctx() ctx: Context,
  ): Promise<ReportFormNode[]> {
    return (await queries.formVersions(ctx.em, code)).map(formNode);
  }

  @Mutation(() => ReportFormNode, {
    description:
      'Publishes the next version of a report form (national federation): it applies to periods from its validFrom; reports already begun keep their version.',
  })
  async publishReportForm(
    @Arg('input', () => ReportFormInput) input: ReportFormInput,
    @Ctx() ctx: Context,
  ): Promise<ReportFormNode> {
    return formNode(await publishReportForm(ctx.em, ctx.scope, input));
  }

  @Mutation(() => ReportPeriodNode, {
    description:
      'Sets a deadline: the national one of a level (national federation), or an earlier one for a unit’s subtree.',
  })
  async setReportDeadline(
    @Arg('period', () => String) period: string,
    @Arg('level', () => ReportingLevelValue) level: string,
    @Arg('dueOn', () => String) dueOn: string,
    @Arg('unitCode', () => String, { nullable: true }) unitCode: string | null,
    @Arg('source', () => String, { nullable: true }) source: string | null,
    @Ctx() ctx: Context,
  ): Promise<ReportPeriodNode> {
    const row = await setReportDeadline(ctx.em, ctx.scope, { period, level, dueOn, unitCode, source });
    const [node] = await periodNodes(ctx, [row]);
    return node;
  }
}

@Resolver(() => OrgUnitNode)
export class OrgUnitReportingResolver {
  @FieldResolver(() => ReportNode, {
    nullable: true,
    description:
      'The unit’s report for a period (a draft until saved); null when the unit did not exist on its date.',
  })
  async report(
    @Root() unit: OrgUnitNode,
    @Arg('period', () => String) period: string,
    @Ctx() ctx: Context,
  ): Promise<ReportNode | null> {
    const row = await requirePeriod(ctx.em, period);
    const view = await reportOf(ctx.em, { ...unit, id: unit.dbId }, row);
    return view ? reportNode(ctx, view) : null;
  }

  @FieldResolver(() => CompletenessNode, {
    nullable: true,
    description:
      'Who under the unit has reported for a period; null when the unit did not exist on its date.',
  })
  async completeness(
    @Root() unit: OrgUnitNode,
    @Arg('period', () => String) period: string,
    @Ctx() ctx: Context,
  ): Promise<CompletenessNode | null> {
    const row = await requirePeriod(ctx.em, period);
    if (!isValidOn(unit, row.as_at)) {
      return null;
    }
    const [counts, reports] = await Promise.all([
      queries.completenessCounts(ctx.em, unit.dbId, row),
      queries.childReports(ctx.em, unit.dbId, row),
    ]);
    const whole = counts.filter((c) => c.child_id === null);
    const children = reports
      .map((child) =>
        Object.assign(new ChildCompletenessNode(), {
          unitId: child.unit_id,
          asAt: row.as_at,
          state: child.state as ReportState | null,
          submittedAt: child.submitted_at,
          notReportedReason: child.not_reported_reason,
          total: countNode(
            counts.filter((c) => c.child_id === child.unit_id),
            null,
          ),
        }),
      )
      .sort((a, b) => b.total.completeness - a.total.completeness || a.unitId - b.unitId);
    const [periodNode] = await periodNodes(ctx, [row]);
    return Object.assign(new CompletenessNode(), {
      period: periodNode,
      total: countNode(whole, null),
      byKind: whole.map((c) => countNode([c], c.kind)),
      children,
      unitId: unit.dbId,
      asAt: row.as_at,
    });
  }
}

@Resolver(() => ReportNode)
export class ReportFieldsResolver {
  @FieldResolver(() => OrgUnitNode)
  async unit(@Root() report: ReportNode, @Ctx() ctx: Context): Promise<OrgUnitNode> {
    return OrgUnitNode.of(
      (await ctx.loaders.orgUnit.unitById.load(report.view.unitId))!,
      report.view.period.as_at,
    );
  }

  @FieldResolver(() => [ReportTransitionNode], { description: 'Every step of the report, oldest first.' })
  async history(@Root() report: ReportNode, @Ctx() ctx: Context): Promise<ReportTransitionNode[]> {
    if (!report.view.row) {
      return [];
    }
    return (await queries.transitions(ctx.em, report.view.row.id)).map((t) => ({
      fromState: t.from_state as ReportTransitionNode['fromState'],
      toState: t.to_state as ReportTransitionNode['toState'],
      actor: t.actor,
      at: t.at,
      reason: t.reason,
      onBehalf: t.on_behalf,
    }));
  }

  @FieldResolver(() => [ReportFieldChangeNode], {
    description: 'After a reopening: the fields whose figures differ from those last approved.',
  })
  changesSinceApproval(@Root() report: ReportNode): ReportFieldChangeNode[] {
    return changesSinceApproval(report.view).map((change) => ({
      ...change,
      difference:
        change.approved !== null &&
        change.current !== null &&
        /^-?\d+$/.test(change.approved) &&
        /^-?\d+$/.test(change.current)
          ? (BigInt(change.current) - BigInt(change.approved)).toString()
          : null,
    }));
  }
}

@Resolver(() => CompletenessNode)
export class CompletenessResolver {
  @FieldResolver(() => [MissingReporterNode], {
    description: 'The units that have not submitted (nor were marked as not reported), by code.',
  })
  async missing(
    @Root() completeness: CompletenessNode,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Ctx() ctx: Context,
  ): Promise<MissingReporterNode[]> {
    if (first < 1 || first > MAX_MISSING) {
      throw refusal('MISSING_UNITS_COUNT', { max: MAX_MISSING }, 'first');
    }
    const period = await requirePeriod(ctx.em, completeness.period.code);
    return (await queries.missingReporters(ctx.em, completeness.unitId, period, first)).map((row) =>
      Object.assign(new MissingReporterNode(), {
        unitId: row.unit_id,
        asAt: period.as_at,
        state: row.state,
        officers: row.officers.map((o) => ({
          fullName: o.full_name,
          role: o.role,
          termFrom: o.term_from,
          termTo: o.term_to,
          provenance: o.provenance,
        })),
      }),
    );
  }
}

@Resolver(() => MissingReporterNode)
export class MissingReporterResolver {
  @FieldResolver(() => OrgUnitNode)
  async unit(@Root() missing: MissingReporterNode, @Ctx() ctx: Context): Promise<OrgUnitNode> {
    return OrgUnitNode.of((await ctx.loaders.orgUnit.unitById.load(missing.unitId))!, missing.asAt);
  }
}

@Resolver(() => ChildCompletenessNode)
export class ChildCompletenessResolver {
  @FieldResolver(() => OrgUnitNode)
  async unit(@Root() child: ChildCompletenessNode, @Ctx() ctx: Context): Promise<OrgUnitNode> {
    return OrgUnitNode.of((await ctx.loaders.orgUnit.unitById.load(child.unitId))!, child.asAt);
  }
}
