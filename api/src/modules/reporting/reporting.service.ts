import { LOCKING_REPORT_STATES, periodDates, reportingLevelOf, type ReportState } from '@cdvn/domain';
import type { EntityManager } from '@mikro-orm/postgresql';

import type { Scope } from '../../auth/scope';
import { actorOf, grantsOf, type Viewer } from '../../auth/viewer';
import { isIsoDate } from '../../shared/dates';
import { appError, refusal } from '../../shared/errors';
import { inRecordTransaction } from '../../shared/request-writes';
import { isValidOn, unitByCode } from '../org-unit/org-unit.lookup';
import type { OrgUnit } from '../org-unit/org-unit.entity';
import { METRICS } from '../statistics/metrics';
import { type DeclaredField, fieldSums, type FormField } from './reporting.calendar';
import * as queries from './reporting.queries';
import type { FormRow, PeriodRow, ReportRow } from './reporting.queries';

/**
 * The reporting cycle (docs/api.md, "Reports"). Each unit reports for a period on the form of its level;
 * computed fields come from the records (what the unit contributes itself, plus its children's approved
 * reports), declared fields are typed by the unit. A report goes DRAFT → SUBMITTED → APPROVED; the level
 * above approves, returns (with a reason) or reopens (with a reason); a submitted or approved report locks
 * every figure it counts, which PostgreSQL enforces (sql/reporting.sql).
 */

const EDITABLE: readonly ReportState[] = ['DRAFT', 'RETURNED', 'REOPENED'];
const REASON_MAX = 1000;
const TEXT_MAX = 4000;

export type Figures = Record<string, string>;

export interface ReportView {
  unitId: number;
  period: PeriodRow;
  form: FormRow;
  fields: FormField[];
  state: ReportState;
  /** The figures shown: frozen while submitted or approved, live otherwise. */
  figures: Figures;
  declared: Figures;
  row: ReportRow | null;
  deadline: string | null;
}

export function isLocking(state: string): boolean {
  return (LOCKING_REPORT_STATES as readonly string[]).includes(state);
}

/** The period with this code, or BAD_USER_INPUT naming the field. */
export async function requirePeriod(em: EntityManager, code: string, field = 'period'): Promise<PeriodRow> {
  const found = periodDates(code) ? await queries.period(em, code) : null;
  if (!found) {
    throw refusal('PERIOD_UNKNOWN', { code }, field);
  }
  return found;
}

function formLevel(unit: Pick<OrgUnit, 'kind'>): 'GRASSROOTS' | 'UPPER' {
  return unit.kind === 'GRASSROOTS_UNION' ? 'GRASSROOTS' : 'UPPER';
}

async function formOf(em: EntityManager, unit: Pick<OrgUnit, 'kind'>, period: PeriodRow): Promise<FormRow> {
  const form = await queries.formFor(em, formLevel(unit), period.kind, period.as_at);
  if (!form) {
    throw refusal('REPORT_NO_FORM', { period: period.code }, 'period');
  }
  return form;
}

const add = (a: string | undefined, b: string | undefined): string =>
  (BigInt(a ?? '0') + BigInt(b ?? '0')).toString();

/**
 * The figures of a unit's report as they stand: every metric of the catalogue (what the unit contributes
 * itself plus its children's approved reports, whatever their forms show) and the declared fields (own,
 * plus the children's for counts and amounts that sum).
 */
async function liveFigures(
  em: EntityManager,
  unit: Pick<OrgUnit, 'id' | 'kind'>,
  period: PeriodRow,
  fields: FormField[],
  declared: Figures,
): Promise<Figures> {
  const own = await queries.ownFigures(em, unit.id, period);
  const children =
    formLevel(unit) === 'UPPER'
      ? (await queries.childReports(em, unit.id, period)).filter((c) => c.state === 'APPROVED' && c.figures)
      : [];
  const figures: Figures = {};
  for (const metric of METRICS) {
    figures[metric.field] = children.reduce(
      (sum, child) => add(sum, child.figures![metric.field]),
      String(own[metric.column] ?? '0'),
    );
  }
  for (const field of fields) {
    if ('metric' in field) {
      continue;
    }
    const summed = fieldSums(field);
    const mine = declared[field.key];
    if (summed && children.length > 0) {
      figures[field.key] = children.reduce((sum, child) => add(sum, child.figures![field.key]), mine ?? '0');
    } else if (mine !== undefined) {
      figures[field.key] = mine;
    } else {
      // A declared field is the unit's word even where the catalogue computes a figure of that name
      // (the half-year forms ask for the women members): not given, it is missing.
      delete figures[field.key];
    }
  }
  return figures;
}

/** A unit's report for a period as it stands (a draft not yet saved has no row). */
export async function reportOf(
  em: EntityManager,
  unit: Pick<OrgUnit, 'id' | 'kind' | 'validFrom' | 'validTo'>,
  period: PeriodRow,
): Promise<ReportView | null> {
  if (!isValidOn(unit, period.as_at)) {
    return null;
  }
  const row = await queries.report(em, unit.id, period.code);
  const form = row ? await queries.formById(em, row.form_id) : await formOf(em, unit, period);
  const fields = form.fields as FormField[];
  const state = (row?.state ?? 'DRAFT') as ReportState;
  const declared = row?.declared ?? {};
  const figures =
    row?.figures && isLocking(state) ? row.figures : await liveFigures(em, unit, period, fields, declared);
  const level = reportingLevelOf(unit.kind);
  const deadline = level ? await queries.deadlineOf(em, unit.id, period.code, level) : null;
  return { unitId: unit.id, period, form, fields, state, figures, declared, row, deadline };
}

/** The fields whose figures changed since the report was last approved (after a reopening). */
export function changesSinceApproval(
  view: ReportView,
): Array<{ key: string; approved: string | null; current: string | null }> {
  const approved = view.row?.approved_figures;
  if (!approved || view.state === 'APPROVED') {
    return [];
  }
  return view.fields
    .map((field) => ({
      key: field.key,
      approved: approved[field.key] ?? null,
      current: view.figures[field.key] ?? null,
    }))
    .filter((change) => change.approved !== change.current);
}

function lockedError(period: PeriodRow, unit: OrgUnit, state: string, reopenBy: string | null): Error {
  return appError(
    'PERIOD_LOCKED',
    `Period ${period.code} is locked: the report of ${unit.code} (${unit.name}) is ${state}.` +
      (reopenBy
        ? ` An officer of ${reopenBy} or above can ${state === 'APPROVED' ? 'reopen' : 'return'} it.`
        : ' Nobody above it can reopen it.'),
    { period: period.code, unitCode: unit.code, state, reopenBy },
  );
}

function requireReason(reason: string): string {
  const text = reason.trim();
  if (text.length === 0 || text.length > REASON_MAX) {
    throw refusal('REASON_LENGTH', { max: REASON_MAX }, 'reason');
  }
  return text;
}

/** A declared value, checked against its field: digits for counts and amounts, a percentage, or text. */
function checkedValue(field: DeclaredField, value: string): string {
  const text = value.trim();
  if (field.type === 'TEXT') {
    if (text.length > TEXT_MAX) {
      throw refusal('REPORT_TEXT_TOO_LONG', { label: field.label, max: TEXT_MAX }, field.key);
    }
    return text;
  }
  const pattern = field.type === 'PERCENT' ? /^\d{1,3}(\.\d{1,2})?$/ : /^\d{1,18}$/;
  if (!pattern.test(text)) {
    throw refusal(
      field.type === 'PERCENT' ? 'REPORT_PERCENT_FORMAT' : 'REPORT_WHOLE_FORMAT',
      { label: field.label },
      field.key,
    );
  }
  const number = Number(text);
  if ((field.min !== undefined && number < field.min) || (field.max !== undefined && number > field.max)) {
    throw refusal(
      'REPORT_VALUE_RANGE',
      { label: field.label, min: field.min ?? 0, max: field.max ?? '…' },
      field.key,
    );
  }
  return field.type === 'PERCENT' ? String(number) : BigInt(text).toString();
}

/** Who takes a step of the cycle, on which unit's report for which period, and on which day. */
export interface ReportAction {
  unitCode: string;
  period: string;
  viewer: Viewer;
  today: string;
  /** When the step was taken, for steps recorded afterwards (the demo data); now when absent. */
  at?: string;
}

/** The unit (written by the viewer on the period's date), the period and its report, locked for update. */
async function open(tx: EntityManager, scope: Scope, action: ReportAction) {
  const period = await requirePeriod(tx, action.period);
  const unit = await unitByCode(tx, scope, action.unitCode, period.as_at, 'unitCode');
  if (!isValidOn(unit, period.as_at)) {
    throw refusal(
      'REPORT_UNIT_NOT_ON_DATE',
      { code: unit.code, date: period.as_at, period: period.code },
      'period',
    );
  }
  const form = await formOf(tx, unit, period);
  const row = await queries.ensureReport(tx, unit.id, period, form.id);
  return { period, unit, row };
}

/** As `open`, for the level above: the viewer must write at the unit's parent on the period's date. */
async function openFromAbove(tx: EntityManager, scope: Scope, action: ReportAction) {
  const opened = await open(tx, scope, action);
  const parent = await queries.parentOn(tx, opened.unit.id, opened.period.as_at);
  if (!parent) {
    throw refusal('REPORT_NO_LEVEL_ABOVE', { code: opened.unit.code }, 'unitCode');
  }
  if (!(await scope.can('record:write', parent.id, opened.period.as_at))) {
    throw appError(
      'FORBIDDEN',
      `Reports of ${opened.unit.code} are approved, returned and reopened by an officer of ${parent.code} or above; nobody approves their own unit’s report.`,
    );
  }
  // A level above the parent acts in its place (the system, loading data, acts for nobody).
  const onBehalf =
    action.viewer.kind !== 'system' && !grantsOf(action.viewer).some((g) => g.unitId === parent.id);
  return { ...opened, parent, onBehalf };
}

async function move(
  tx: EntityManager,
  row: ReportRow,
  to: ReportState,
  action: ReportAction,
  details: { reason?: string | null; onBehalf?: boolean } = {},
): Promise<void> {
  await queries.addTransition(tx, row, {
    from: row.state,
    to,
    actor: actorOf(action.viewer),
    reason: details.reason ?? null,
    onBehalf: details.onBehalf ?? false,
    at: action.at ?? null,
  });
}

function requireState(
  row: ReportRow,
  allowed: readonly string[],
  doing: 'REPORT_NOT_EDITABLE' | 'REPORT_NOT_SUBMITTABLE' | 'REPORT_NOT_APPROVABLE' | 'REPORT_NOT_MARKABLE',
  period: PeriodRow,
  unit: OrgUnit,
  reopenBy: string | null,
) {
  if (allowed.includes(row.state)) {
    return;
  }
  if (isLocking(row.state)) {
    throw lockedError(period, unit, row.state, reopenBy);
  }
  throw refusal(doing, { code: unit.code, period: period.code, state: row.state }, 'period');
}

/** Saves declared values of a report being edited (an empty value clears the field). */
export async function saveReport(
  em: EntityManager,
  scope: Scope,
  action: ReportAction & { values: Array<{ key: string; value: string }> },
): Promise<number> {
  return inRecordTransaction(em, async (tx) => {
    const { period, unit, row } = await open(tx, scope, action);
    const parent = await queries.parentOn(tx, unit.id, period.as_at);
    requireState(row, EDITABLE, 'REPORT_NOT_EDITABLE', period, unit, parent?.code ?? null);
    const fields = (await queries.formById(tx, row.form_id)).fields as FormField[];
    const declared = { ...row.declared };
    for (const { key, value } of action.values) {
      const field = fields.find((f) => f.key === key);
      if (!field || 'metric' in field) {
        throw field
          ? refusal('REPORT_FIELD_COMPUTED', { label: field.label }, 'values')
          : refusal('REPORT_FIELD_UNKNOWN', { key }, 'values');
      }
      if (value.trim() === '') {
        delete declared[key];
      } else {
        declared[key] = checkedValue(field, value);
      }
    }
    await queries.updateReport(tx, row.id, { declared });
    return unit.id;
  });
}

/** Submits a report: its figures are frozen and locked until the level above returns or reopens it. */
export async function submitReport(em: EntityManager, scope: Scope, action: ReportAction): Promise<number> {
  return inRecordTransaction(em, async (tx) => {
    const { period, unit, row } = await open(tx, scope, action);
    const parent = await queries.parentOn(tx, unit.id, period.as_at);
    requireState(row, EDITABLE, 'REPORT_NOT_SUBMITTABLE', period, unit, parent?.code ?? null);
    if (action.today < period.opens_on) {
      throw refusal('REPORT_NOT_OPEN', { period: period.code, date: period.opens_on }, 'period');
    }
    if (formLevel(unit) === 'UPPER') {
      const waiting = (await queries.childReports(tx, unit.id, period)).filter(
        (c) => c.state !== 'APPROVED' && c.not_reported_reason === null,
      );
      if (waiting.length > 0) {
        const named = waiting
          .slice(0, 10)
          .map((c) => c.code)
          .join(', ');
        throw refusal(
          'REPORT_CHILDREN_WAITING',
          {
            count: waiting.length,
            code: unit.code,
            period: period.code,
            named: `${named}${waiting.length > 10 ? ', …' : ''}`,
          },
          'unitCode',
        );
      }
    }
    const fields = (await queries.formById(tx, row.form_id)).fields as FormField[];
    const figures = await liveFigures(tx, unit, period, fields, row.declared);
    await move(tx, row, 'SUBMITTED', action);
    await queries.updateReport(tx, row.id, { state: 'SUBMITTED', figures, submitted: true, at: action.at });
    return unit.id;
  });
}

/** Approves a submitted report (by the level above): its figures count in the parent's report. */
export async function approveReport(em: EntityManager, scope: Scope, action: ReportAction): Promise<number> {
  return inRecordTransaction(em, async (tx) => {
    const { period, unit, row, parent, onBehalf } = await openFromAbove(tx, scope, action);
    requireState(row, ['SUBMITTED'], 'REPORT_NOT_APPROVABLE', period, unit, parent.code);
    // The parent's submitted or approved report froze the children it counted: approving another would
    // leave it short of its children's sum. Return or reopen it first.
    await refuseIfParentLocked(tx, scope, period, parent);
    await move(tx, row, 'APPROVED', action, { onBehalf });
    await queries.updateReport(tx, row.id, {
      state: 'APPROVED',
      approvedFigures: row.figures,
      notReportedReason: null,
      approved: true,
      at: action.at,
    });
    return unit.id;
  });
}

/** PERIOD_LOCKED when the parent's own report for the period is submitted or approved. */
async function refuseIfParentLocked(
  tx: EntityManager,
  scope: Scope,
  period: PeriodRow,
  parent: { id: number; code: string },
): Promise<void> {
  const above = await queries.report(tx, parent.id, period.code);
  if (above && isLocking(above.state)) {
    const grand = await queries.parentOn(tx, parent.id, period.as_at);
    const parentUnit = await unitByCode(tx, scope, parent.code, period.as_at, 'unitCode', null);
    throw lockedError(period, parentUnit, above.state, grand?.code ?? null);
  }
}

type Opened = Awaited<ReturnType<typeof openFromAbove>>;

/** A step taken by the level above with a reason: the reason checked, the report opened from above. */
function withReason(
  em: EntityManager,
  scope: Scope,
  action: ReportAction & { reason: string },
  step: (tx: EntityManager, opened: Opened, reason: string) => Promise<void>,
): Promise<number> {
  const reason = requireReason(action.reason);
  return inRecordTransaction(em, async (tx) => {
    const opened = await openFromAbove(tx, scope, action);
    await step(tx, opened, reason);
    return opened.unit.id;
  });
}

/** Sends a submitted report back to its unit with a reason. */
export function returnReport(
  em: EntityManager,
  scope: Scope,
  action: ReportAction & { reason: string },
): Promise<number> {
  return withReason(em, scope, action, async (tx, { period, unit, row, onBehalf }, reason) => {
    if (row.state !== 'SUBMITTED') {
      throw refusal(
        row.state === 'APPROVED' ? 'REPORT_RETURN_APPROVED' : 'REPORT_RETURN_NOT_SUBMITTED',
        { code: unit.code, period: period.code, state: row.state },
        'period',
      );
    }
    await move(tx, row, 'RETURNED', action, { reason, onBehalf });
    await queries.updateReport(tx, row.id, { state: 'RETURNED', figures: null });
  });
}

/**
 * Reopens an approved report with a reason: its figures are live again, and what changes is shown against
 * the approved figures. Refused while the parent's own report for the period is submitted or approved (it
 * counts this one): reopen from the top down.
 */
export function reopenReport(
  em: EntityManager,
  scope: Scope,
  action: ReportAction & { reason: string },
): Promise<number> {
  return withReason(em, scope, action, async (tx, { period, unit, row, parent, onBehalf }, reason) => {
    if (row.state !== 'APPROVED') {
      throw refusal(
        'REPORT_REOPEN_NOT_APPROVED',
        { code: unit.code, period: period.code, state: row.state },
        'period',
      );
    }
    await refuseIfParentLocked(tx, scope, period, parent);
    await move(tx, row, 'REOPENED', action, { reason, onBehalf });
    await queries.updateReport(tx, row.id, { state: 'REOPENED', figures: null });
  });
}

/** The level above records that a unit did not report, so that it can submit its own report without it. */
export function markNotReported(
  em: EntityManager,
  scope: Scope,
  action: ReportAction & { reason: string },
): Promise<number> {
  return withReason(em, scope, action, async (tx, { period, unit, row, parent }, reason) => {
    requireState(row, EDITABLE, 'REPORT_NOT_MARKABLE', period, unit, parent.code);
    await queries.updateReport(tx, row.id, { notReportedReason: reason });
  });
}

/**
 * Sets a deadline: the national one of a level (by the national body), or an earlier one a unit sets for
 * its own subtree (by its writers), never later than the national one.
 */
export async function setReportDeadline(
  em: EntityManager,
  scope: Scope,
  input: { period: string; level: string; dueOn: string; unitCode: string | null; source: string | null },
): Promise<PeriodRow> {
  if (!isIsoDate(input.dueOn)) {
    throw refusal('DEADLINE_FORMAT', {}, 'dueOn');
  }
  return inRecordTransaction(em, async (tx) => {
    const period = await requirePeriod(tx, input.period);
    if (input.dueOn < period.as_at) {
      throw refusal('DEADLINE_BEFORE_PERIOD_END', { period: period.code, date: period.as_at }, 'dueOn');
    }
    let unitId: number | null = null;
    if (input.unitCode) {
      const unit = await unitByCode(tx, scope, input.unitCode, period.as_at, 'unitCode');
      const national = (await queries.deadlines(tx, [period.code])).find(
        (d) => d.level === input.level && d.unit_id === null,
      );
      if (national && input.dueOn > national.due_on) {
        throw refusal('DEADLINE_AFTER_NATIONAL', { period: period.code, date: national.due_on }, 'dueOn');
      }
      unitId = unit.id;
    } else if (!scope.isNational('record:write')) {
      throw appError('FORBIDDEN', 'National deadlines are set by the national federation.');
    }
    await queries.upsertDeadline(tx, {
      periodCode: period.code,
      level: input.level,
      unitId,
      dueOn: input.dueOn,
      source: input.source?.trim() || 'set through the API',
    });
    return period;
  });
}
