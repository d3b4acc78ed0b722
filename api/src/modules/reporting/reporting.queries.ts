import type { EntityManager } from '@mikro-orm/postgresql';

import { runPrepared, runSql, sql } from '../../shared/sql';
import { pathsUnder } from '../org-unit/org-unit.queries';

export interface PeriodRow {
  code: string;
  kind: string;
  starts_on: string;
  as_at: string;
  opens_on: string;
}

export interface DeadlineRow {
  period_code: string;
  level: string;
  unit_id: number | null;
  due_on: string;
  assumption: boolean;
  source: string;
}

export interface FormRow {
  id: number;
  code: string;
  version: number;
  name: string;
  period_kind: string;
  level: string;
  valid_from: string;
  fields: unknown;
  source: string;
}

const FORM_COLUMNS = sql`id, code, version, name, period_kind, level, valid_from::text, fields, source`;

export interface ReportRow {
  id: number;
  unit_id: number;
  period_code: string;
  as_at: string;
  form_id: number;
  state: string;
  declared: Record<string, string>;
  figures: Record<string, string> | null;
  approved_figures: Record<string, string> | null;
  not_reported_reason: string | null;
  submitted_at: string | null;
  approved_at: string | null;
}

export interface TransitionRow {
  from_state: string | null;
  to_state: string;
  actor: string;
  at: string;
  reason: string | null;
  on_behalf: boolean;
}

const PERIOD_COLUMNS = sql`code, kind, starts_on::text, as_at::text, opens_on::text`;
const REPORT_COLUMNS = sql`id, unit_id, period_code, as_at::text, form_id, state, declared, figures,
  approved_figures, not_reported_reason, submitted_at::text, approved_at::text`;

export function periods(em: EntityManager, year: number | null): Promise<PeriodRow[]> {
  return runPrepared(
    em,
    'reporting.periods',
    sql`select ${PERIOD_COLUMNS} from report_period
         where ${year}::integer is null or extract(year from as_at) = ${year}
         order by as_at, kind desc`,
  );
}

export async function period(em: EntityManager, code: string): Promise<PeriodRow | null> {
  const [row] = await runPrepared<PeriodRow>(
    em,
    'reporting.period',
    sql`select ${PERIOD_COLUMNS} from report_period where code = ${code}`,
  );
  return row ?? null;
}

/** The national deadlines of the periods, and the earlier ones units set for their subtrees. */
export function deadlines(em: EntityManager, periodCodes: string[]): Promise<DeadlineRow[]> {
  return runPrepared(
    em,
    'reporting.deadlines',
    sql`select period_code, level, unit_id, due_on::text, assumption, source from report_deadline
         where period_code = any(${periodCodes}) order by period_code, level, unit_id nulls first`,
  );
}

/** The deadline of a level for a unit: the earliest of the national one and those of its ancestors. */
export async function deadlineOf(
  em: EntityManager,
  unitId: number,
  periodCode: string,
  level: string,
): Promise<string | null> {
  const [row] = await runPrepared<{ due_on: string | null }>(
    em,
    'reporting.deadlineOf',
    sql`select min(d.due_on)::text as due_on
          from report_period pr
          join report_deadline d on d.period_code = pr.code and d.level = ${level}
         where pr.code = ${periodCode}
           and (d.unit_id is null or exists (
             select 1 from org_unit_path p
              where p.unit_id = ${unitId} and p.period @> pr.as_at
                and d.unit_id = any(cast(string_to_array(ltree2text(p.path), '.') as integer[]))))`,
  );
  return row?.due_on ?? null;
}

export async function upsertDeadline(
  em: EntityManager,
  row: { periodCode: string; level: string; unitId: number | null; dueOn: string; source: string },
): Promise<void> {
  await runPrepared(
    em,
    'reporting.upsertDeadline',
    sql`insert into report_deadline (period_code, level, unit_id, due_on, assumption, source)
        values (${row.periodCode}, ${row.level}, ${row.unitId}, ${row.dueOn}::date, false, ${row.source})
        on conflict (period_code, level, coalesce(unit_id, 0))
        do update set due_on = excluded.due_on, assumption = false, source = excluded.source`,
  );
}

/** The version of a form that applies to a level and a kind of period on its date. */
export async function formFor(
  em: EntityManager,
  level: 'GRASSROOTS' | 'UPPER',
  periodKind: string,
  asAt: string,
): Promise<FormRow | null> {
  const [row] = await runPrepared<FormRow>(
    em,
    'reporting.formFor',
    sql`select ${FORM_COLUMNS} from report_form
         where level = ${level} and period_kind = ${periodKind} and valid_from <= ${asAt}::date
         order by valid_from desc, version desc limit 1`,
  );
  return row ?? null;
}

/** Every version of the forms (of one code), oldest first. */
export function formVersions(
  em: EntityManager,
  code: string | null,
  { forUpdate = false }: { forUpdate?: boolean } = {},
): Promise<FormRow[]> {
  return runPrepared<FormRow>(
    em,
    forUpdate ? 'reporting.formVersionsForUpdate' : 'reporting.formVersions',
    sql`select ${FORM_COLUMNS} from report_form
         where ${code == null ? sql`true` : sql`code = ${code}`}
         order by code, version ${forUpdate ? sql`for update` : sql.empty}`,
  );
}

export async function insertForm(
  em: EntityManager,
  form: {
    code: string;
    version: number;
    name: string;
    periodKind: string;
    level: string;
    validFrom: string;
    fields: unknown;
    source: string;
  },
): Promise<FormRow> {
  const [row] = await runPrepared<FormRow>(
    em,
    'reporting.insertForm',
    sql`insert into report_form (code, version, name, period_kind, level, valid_from, fields, source)
        values (${form.code}, ${form.version}, ${form.name}, ${form.periodKind}, ${form.level},
                ${form.validFrom}::date, ${JSON.stringify(form.fields)}::jsonb, ${form.source})
        returning ${FORM_COLUMNS}`,
  );
  return row;
}

export async function formById(em: EntityManager, id: number): Promise<FormRow> {
  const [row] = await runPrepared<FormRow>(
    em,
    'reporting.formById',
    sql`select ${FORM_COLUMNS} from report_form where id = ${id}`,
  );
  return row;
}

export async function report(
  em: EntityManager,
  unitId: number,
  periodCode: string,
  { forUpdate = false }: { forUpdate?: boolean } = {},
): Promise<ReportRow | null> {
  const [row] = await runPrepared<ReportRow>(
    em,
    forUpdate ? 'reporting.reportForUpdate' : 'reporting.report',
    sql`select ${REPORT_COLUMNS} from report where unit_id = ${unitId} and period_code = ${periodCode}
        ${forUpdate ? sql`for update` : sql.empty}`,
  );
  return row ?? null;
}

/** Creates the unit's report for the period if it has none (as a draft), and returns it locked for update. */
export async function ensureReport(
  em: EntityManager,
  unitId: number,
  period: PeriodRow,
  formId: number,
): Promise<ReportRow> {
  await runPrepared(
    em,
    'reporting.ensureReport',
    sql`insert into report (unit_id, period_code, as_at, form_id)
        values (${unitId}, ${period.code}, ${period.as_at}::date, ${formId})
        on conflict (unit_id, period_code) do nothing`,
  );
  return (await report(em, unitId, period.code, { forUpdate: true }))!;
}

export async function updateReport(
  em: EntityManager,
  id: number,
  change: {
    state?: string;
    declared?: Record<string, string>;
    figures?: Record<string, string> | null;
    approvedFigures?: Record<string, string> | null;
    notReportedReason?: string | null;
    /** Stamps the submission or the approval: at `at` (a step recorded afterwards, as the seeds do) or now. */
    submitted?: boolean;
    approved?: boolean;
    at?: string | null;
  },
): Promise<void> {
  const set = [sql`updated_at = now()`];
  if (change.state !== undefined) {
    set.push(sql`state = ${change.state}`);
  }
  if (change.declared !== undefined) {
    set.push(sql`declared = ${JSON.stringify(change.declared)}::jsonb`);
  }
  if (change.figures !== undefined) {
    set.push(sql`figures = ${change.figures === null ? null : JSON.stringify(change.figures)}::jsonb`);
  }
  if (change.approvedFigures !== undefined) {
    set.push(
      sql`approved_figures = ${change.approvedFigures === null ? null : JSON.stringify(change.approvedFigures)}::jsonb`,
    );
  }
  if (change.notReportedReason !== undefined) {
    set.push(sql`not_reported_reason = ${change.notReportedReason}`);
  }
  if (change.submitted) {
    set.push(sql`submitted_at = coalesce(${change.at ?? null}::timestamptz, now())`);
  }
  if (change.approved) {
    set.push(sql`approved_at = coalesce(${change.at ?? null}::timestamptz, now())`);
  }
  await runPrepared(em, 'reporting.updateReport', sql`update report set ${sql.join(set)} where id = ${id}`);
}

export async function addTransition(
  em: EntityManager,
  report: ReportRow,
  t: {
    from: string | null;
    to: string;
    actor: string;
    reason: string | null;
    onBehalf: boolean;
    at: string | null;
  },
): Promise<void> {
  await runPrepared(
    em,
    'reporting.addTransition',
    sql`insert into report_transition (report_id, unit_id, as_at, from_state, to_state, actor, reason, on_behalf, at)
        values (${report.id}, ${report.unit_id}, ${report.as_at}::date, ${t.from}, ${t.to}, ${t.actor},
                ${t.reason}, ${t.onBehalf}, coalesce(${t.at}::timestamptz, now()))`,
  );
}

export function transitions(em: EntityManager, reportId: number): Promise<TransitionRow[]> {
  return runPrepared(
    em,
    'reporting.transitions',
    sql`select from_state, to_state, actor, at::text, reason, on_behalf from report_transition
         where report_id = ${reportId} order by at, id`,
  );
}

/** What the unit contributes itself to the period (its children report their own), by own-totals column. */
export async function ownFigures(
  em: EntityManager,
  unitId: number,
  period: PeriodRow,
): Promise<Record<string, string>> {
  const [row] = await runPrepared<Record<string, string>>(
    em,
    'reporting.ownFigures',
    sql`select * from report_own_figures(${unitId}, ${period.starts_on}::date, ${period.as_at}::date)`,
  );
  return row;
}

export interface ChildReportRow {
  unit_id: number;
  code: string;
  kind: string;
  state: string | null;
  figures: Record<string, string> | null;
  not_reported_reason: string | null;
  submitted_at: string | null;
}

/** The units directly under a unit on the period's date, with their reports for the period. */
export function childReports(
  em: EntityManager,
  unitId: number,
  period: PeriodRow,
): Promise<ChildReportRow[]> {
  return runPrepared(
    em,
    'reporting.childReports',
    sql`select l.unit_id, u.code, u.kind, r.state, r.figures, r.not_reported_reason, r.submitted_at::text
          from org_unit_parent l
          join org_unit u on u.id = l.unit_id
          left join report r on r.unit_id = l.unit_id and r.period_code = ${period.code}
         where l.parent_id = ${unitId} and l.period @> ${period.as_at}::date
         order by u.code`,
  );
}

/** The unit's parent on a date (the level that approves its report). */
export async function parentOn(
  em: EntityManager,
  unitId: number,
  date: string,
): Promise<{ id: number; code: string } | null> {
  const [row] = await runPrepared<{ id: number; code: string }>(
    em,
    'reporting.parentOn',
    sql`select u.id, u.code from org_unit_parent l join org_unit u on u.id = l.parent_id
         where l.unit_id = ${unitId} and l.period @> ${date}::date`,
  );
  return row ?? null;
}

/**
 * The units of a unit's subtree on the period's date, itself left out, as `p` (`unit_id`, `path`) and `u`:
 * a range of the paths' btree (PT's 2,034 units of 2024: 1.2 ms from the index alone, against ~7 through
 * the paths' GiST index and their table).
 */
function reportersUnder(unitId: number, period: PeriodRow) {
  return sql`(${pathsUnder(sql`${unitId}::integer`, period.as_at)}) p
          join org_unit u on u.id = p.unit_id and p.unit_id <> ${unitId}`;
}

/** The units under a unit on the period's date, deepest first (the order reports go up in). */
export function reportersOf(
  em: EntityManager,
  unitId: number,
  period: PeriodRow,
): Promise<Array<{ code: string; kind: string }>> {
  return runSql(
    em,
    'reporting.reportersOf',
    sql`select u.code, u.kind from ${reportersUnder(unitId, period)} order by nlevel(p.path) desc, u.code`,
  );
}

export interface CompletenessRow {
  child_id: number | null;
  kind: string;
  level: string;
  expected: number;
  draft: number;
  submitted: number;
  approved: number;
  returned: number;
  reopened: number;
  not_started: number;
  not_reported: number;
  on_time: number;
}

/**
 * The reporters expected under a unit on the period's date (every unit of its subtree but itself), counted
 * by kind and state, once for the whole subtree (child_id null) and once per direct child's subtree; on
 * time when submitted by the deadline of its level (the earliest of the national one and its ancestors').
 * Read from the counts PostgreSQL keeps per unit and period (report_tally, sql/reporting.sql): the unit's
 * own count less itself, and its children's.
 */
export async function completenessCounts(
  em: EntityManager,
  unitId: number,
  period: PeriodRow,
): Promise<CompletenessRow[]> {
  await runPrepared(em, 'reporting.tallyEnsure', sql`select report_tally_ensure(${period.code})`);
  return runPrepared(
    em,
    'reporting.completeness',
    sql`with own as (
          select u.kind, coalesce(r.state, 'NONE') as state, r.not_reported_reason is not null as not_reported,
                 report_on_time(${period.code}, u.kind, cast(string_to_array(ltree2text(p.path), '.') as integer[]),
                                r.submitted_at) as on_time
            from org_unit u
            join org_unit_path p on p.unit_id = u.id and p.period @> ${period.as_at}::date
            left join report r on r.unit_id = u.id and r.period_code = ${period.code}
           where u.id = ${unitId} and u.kind <> 'NATIONAL_FEDERATION'
        ), counted as (
          select cast(null as integer) as child_id, t.kind, t.state, t.not_reported, t.on_time, t.n
            from report_tally t where t.period_code = ${period.code} and t.unit_id = ${unitId}
          union all
          select null, o.kind, o.state, o.not_reported, o.on_time, -1 from own o
          union all
          select t.unit_id, t.kind, t.state, t.not_reported, t.on_time, t.n
            from org_unit_parent l
            join report_tally t on t.period_code = ${period.code} and t.unit_id = l.unit_id
           where l.parent_id = ${unitId} and l.period @> ${period.as_at}::date
        )
        select child_id, kind,
               case when kind = 'GRASSROOTS_UNION' then 'GRASSROOTS'
                    when kind = 'PROVINCIAL_FEDERATION' then 'PROVINCE' else 'UPPER_DIRECT' end as level,
               sum(n)::int as expected,
               coalesce(sum(n) filter (where state = 'DRAFT'), 0)::int as draft,
               coalesce(sum(n) filter (where state = 'SUBMITTED'), 0)::int as submitted,
               coalesce(sum(n) filter (where state = 'APPROVED'), 0)::int as approved,
               coalesce(sum(n) filter (where state = 'RETURNED'), 0)::int as returned,
               coalesce(sum(n) filter (where state = 'REOPENED'), 0)::int as reopened,
               coalesce(sum(n) filter (where state = 'NONE'), 0)::int as not_started,
               coalesce(sum(n) filter (where not_reported), 0)::int as not_reported,
               coalesce(sum(n) filter (where on_time), 0)::int as on_time
          from counted
         group by child_id, kind
        having sum(n) <> 0
         order by child_id nulls first, kind`,
  );
}

export interface MissingRow {
  unit_id: number;
  state: string | null;
  officers: Array<{
    full_name: string;
    role: string;
    term_from: string;
    term_to: string | null;
    provenance: string;
  }>;
}

/** Reporters under a unit that have not submitted (and were not marked as not reporting), by code. */
export function missingReporters(
  em: EntityManager,
  unitId: number,
  period: PeriodRow,
  first: number,
): Promise<MissingRow[]> {
  return runSql(
    em,
    'reporting.missing',
    sql`select p.unit_id, r.state,
               coalesce((select jsonb_agg(jsonb_build_object('full_name', o.full_name, 'role', o.role,
                                  'term_from', o.term_from, 'term_to', o.term_to, 'provenance', o.provenance) order by o.role)
                           from officer o where o.unit_id = p.unit_id and o.term @> ${period.as_at}::date), '[]') as officers
          from ${reportersUnder(unitId, period)}
          left join report r on r.unit_id = p.unit_id and r.period_code = ${period.code}
         where (r.state is null or r.state in ('DRAFT', 'RETURNED', 'REOPENED')) and r.not_reported_reason is null
         order by u.code
         limit ${first}`,
  );
}
