import { fieldSums, FORMS } from '../../api/src/modules/reporting/reporting.calendar';
import { METRICS } from '../../api/src/modules/statistics/metrics';

/**
 * The national dataset's reports of 2024 (`npm run seed:national`): every unit of the tree on each period's
 * date reports as a union office would, set-based because they are 380,000 reports. Deterministic, from a
 * hash of unit and period, and consistent with what the services would have written: a submitted or
 * approved report holds its own figures (report_own_figures) plus its children's approved ones, an upper
 * unit submits only once each child is approved or marked as not reported by it, and each step has its
 * history. Written with triggers off, as the records are (no audit of a seed, and nothing is locked yet).
 *
 * How the periods stand: the year 2024 and 2024-H1 are closed (98.5% of grassroots unions reported, the
 * rest marked as not reported by the level above, every upper unit approved); 2024-H2 is as a period
 * looks while the last reports come in (most approved, some submitted and waiting, a few returned or not
 * started, about one upper unit in eight not yet acting on its children). About 8% of submissions are
 * late, by one to five days.
 */

export const NATIONAL_REPORT_PERIODS = ['2024-H1', '2024-H2', '2024'] as const;

interface Shape {
  /** Out of 1000 grassroots unions: below `submitted` they submit, below `returned` were returned, … */
  submitted: number;
  returned: number;
  draft: number;
  /** Out of 1000 upper units: those that act (approve, mark the missing, submit). */
  acting: number;
  /** Out of 1000 provinces: approved by the national federation. */
  nationalApproves: number;
}

const CLOSED: Shape = { submitted: 985, returned: 985, draft: 985, acting: 1000, nationalApproves: 1000 };
const SHAPES: Record<(typeof NATIONAL_REPORT_PERIODS)[number], Shape> = {
  '2024-H1': CLOSED,
  '2024': CLOSED,
  '2024-H2': { submitted: 940, returned: 955, draft: 965, acting: 880, nationalApproves: 900 },
};

const ACTOR = 'seed:national';
const NOT_REPORTED = 'Không gửi báo cáo trước hạn (did not report by the deadline)';
const RETURNED = 'Số liệu lao động chưa khớp, đề nghị kiểm tra lại (labour figures do not add up)';

/** The own figures (a stat_own row `o`) as a report's figures, keyed by metric. */
const OWN_AS_FIGURES = `jsonb_build_object(${METRICS.map((m) => `'${m.field}', (o).${m.column}::text`).join(', ')})`;

/** What a grassroots union declares on the half-year form, plausible against its members `m` and hash `h`. */
const HALF_YEAR_DECLARED = `jsonb_build_object(
  'workers', (m + h % 40)::text,
  'womenWorkers', ((m + h % 40) * (35 + h % 30) / 100)::text,
  'contractWorkers', (m + h % 40 - h % 5)::text,
  'insuredWorkers', (m + h % 40 - h % 5 - h % 3)::text,
  'averageWage', (6500000 + (h % 60) * 100000)::text,
  'wageArrears', (case when h % 50 = 0 then (1 + h % 7) * 10000000 else 0 end)::text,
  'womenMembers', (m * (35 + h % 30) / 100)::text,
  'collectiveAgreements', (case when h % 10 < 7 then 1 else 0 end)::text,
  'labourDisputes', (case when h % 97 = 0 then 1 else 0 end)::text,
  'strikes', '0')`;

/** The statements that write one period's reports (the period's rows must exist: the migrations add them). */
export function nationalReportStatements(period: (typeof NATIONAL_REPORT_PERIODS)[number]): string[] {
  const shape = SHAPES[period];
  const kind = period.includes('-H') ? 'HALF_YEAR' : 'YEAR';
  const sums = FORMS.filter((f) => f.periodKind === kind && f.level === 'UPPER')
    .flatMap((f) => f.fields)
    .filter((f) => 'metric' in f || fieldSums(f))
    .map((f) => `'${f.key}'`);
  const p = `'${period}'`;
  const asAt = `(select as_at from report_period where code = ${p})`;
  const form = (level: string) =>
    `(select id from report_form where level = '${level}' and period_kind = '${kind}'
        and valid_from <= ${asAt} order by valid_from desc, version desc limit 1)`;
  const statements = [
    `create temp table plan on commit drop as
     select p.unit_id, u.kind, nlevel(p.path) as depth,
            (cast(string_to_array(ltree2text(p.path), '.') as integer[]))[nlevel(p.path) - 1] as parent_id,
            abs(hashtext(p.unit_id || ':' || ${p})) % 1000 as h,
            case u.kind when 'GRASSROOTS_UNION' then 'GRASSROOTS' when 'PROVINCIAL_FEDERATION' then 'PROVINCE'
                 else 'UPPER_DIRECT' end as level,
            cast(null as text) as state, false as not_reported, cast(null as jsonb) as declared,
            cast(null as jsonb) as own, cast(null as jsonb) as figures
       from org_unit_path p join org_unit u on u.id = p.unit_id
      where p.period @> ${asAt} and nlevel(p.path) > 1`,
    'create index on plan (parent_id)',
    'create index on plan (depth)',
    'analyze plan',
    `update plan set state = case when h < ${shape.submitted} then 'SUBMITTED' when h < ${shape.returned} then 'RETURNED'
                                  when h < ${shape.draft} then 'DRAFT' end
      where kind = 'GRASSROOTS_UNION'`,
  ];
  // From the deepest parents up: an acting parent approves its submitted children, marks the others as not
  // reported, and submits its own; the national federation approves the provinces.
  const deepest = 12;
  for (let depth = deepest; depth >= 2; depth--) {
    statements.push(
      `update plan c set state = case when c.state = 'SUBMITTED' then 'APPROVED' else coalesce(c.state, 'DRAFT') end,
              not_reported = c.state is distinct from 'SUBMITTED'
         from plan a
        where a.depth = ${depth} and a.kind <> 'GRASSROOTS_UNION' and a.h < ${shape.acting} and c.parent_id = a.unit_id`,
      `update plan set state = 'SUBMITTED' where depth = ${depth} and kind <> 'GRASSROOTS_UNION' and h < ${shape.acting}`,
    );
  }
  statements.push(
    // Another draw than the one that made the province act (h), or every acting province would be approved.
    `update plan set state = 'APPROVED' where depth = 2 and state = 'SUBMITTED' and (h * 37 + 11) % 1000 < ${shape.nationalApproves}`,
    // What each unit counts itself and declares; then, from the bottom up, its figures: those plus its
    // approved children's.
    `update plan set own = (select ${OWN_AS_FIGURES} from report_period pr, report_own_figures(plan.unit_id, pr.starts_on, pr.as_at) o
                             where pr.code = ${p})
      where state is not null`,
    `update plan set declared = ${kind === 'HALF_YEAR' ? HALF_YEAR_DECLARED : `jsonb_build_object('remarks', 'Hoàn thành nhiệm vụ năm')`}
       from (select unit_id as id, cast(own ->> 'members' as bigint) as m from plan where state is not null) s
      where plan.unit_id = s.id and plan.kind = 'GRASSROOTS_UNION'`,
  );
  for (let depth = deepest; depth >= 2; depth--) {
    statements.push(
      `update plan u set figures = coalesce(u.declared, '{}') || (
         select jsonb_object_agg(k, v::text) from (
           select k, sum(v) as v from (
             select e.key as k, cast(e.value as numeric) as v from jsonb_each_text(u.own) e
             union all
             select e.key, cast(e.value as numeric) from plan c, jsonb_each_text(c.figures) e
              where c.parent_id = u.unit_id and c.state = 'APPROVED' and e.key in (${sums.join(', ')})
           ) x group by k) y)
        where u.depth = ${depth} and u.state in ('SUBMITTED', 'APPROVED')`,
    );
  }
  const due = `(select due_on from report_deadline d where d.period_code = ${p} and d.level = plan.level and d.unit_id is null)`;
  const submittedAt = `(case when (h / 7) % 100 < 8 then ${due} + 1 + h % 5 else ${due} - 1 - h % 7 end
                        + time '09:00') at time zone 'Asia/Ho_Chi_Minh'`;
  statements.push(
    `insert into report (unit_id, period_code, as_at, form_id, state, declared, figures, approved_figures,
                         not_reported_reason, submitted_at, approved_at, updated_at)
     select unit_id, ${p}, ${asAt}, case when kind = 'GRASSROOTS_UNION' then ${form('GRASSROOTS')} else ${form('UPPER')} end,
            state, coalesce(declared, '{}'), case when state in ('SUBMITTED', 'APPROVED') then figures end,
            case when state = 'APPROVED' then figures end, case when not_reported then '${NOT_REPORTED}' end,
            case when state in ('SUBMITTED', 'APPROVED', 'RETURNED') then ${submittedAt} end,
            case when state = 'APPROVED' then ${submittedAt} + interval '2 days' end,
            case when state in ('SUBMITTED', 'APPROVED', 'RETURNED') then ${submittedAt} + interval '2 days' else ${asAt} end
       from plan where state is not null`,
    `insert into report_transition (report_id, unit_id, as_at, from_state, to_state, actor, at, reason)
     select r.id, r.unit_id, r.as_at, null, 'SUBMITTED', '${ACTOR}', r.submitted_at, null
       from report r where r.period_code = ${p} and r.submitted_at is not null
     union all
     select r.id, r.unit_id, r.as_at, 'SUBMITTED', r.state, '${ACTOR}', r.submitted_at + interval '2 days',
            case when r.state = 'RETURNED' then '${RETURNED}' end
       from report r where r.period_code = ${p} and r.state in ('APPROVED', 'RETURNED')`,
  );
  return statements;
}
