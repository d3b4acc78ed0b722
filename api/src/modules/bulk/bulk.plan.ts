import { type MessageCode, messageOf } from '@cdvn/domain';
import type { EntityManager } from '@mikro-orm/postgresql';

import { isIsoDate } from '../../shared/dates';
import { OrgUnit } from '../org-unit/org-unit.entity';
import { isValidOn } from '../org-unit/org-unit.lookup';
import type { Scope } from '../../auth/scope';
import type { Viewer } from '../../auth/viewer';
import { toGlobalId } from '../../shared/ids';
import { datesOf, type TreeChange, type TreeChangePreview } from '../org-unit/org-unit.preview';
import { carryOutPlan, previewPlan } from '../plan/plan.service';
import type { Table } from './bulk.format';
import { CellError, parseDay } from './bulk.layout';

/**
 * A row of a restructuring plan that cannot be applied, numbered as the sheet shows it (header = 1): the
 * English text, and its message code and parameters for clients' own words.
 */
export interface PlanRowError {
  row: number;
  message: string;
  messageCode: MessageCode;
  params: Record<string, string | number>;
}

function rowError(
  row: number,
  code: MessageCode,
  params: Record<string, string | number> = {},
): PlanRowError {
  return { row, message: messageOf(code, params), messageCode: code, params };
}

export interface CheckedPlan {
  changes: TreeChange[];
  errors: PlanRowError[];
}

/**
 * The columns of a restructuring plan, one row per unit after the change: the unit that continues (its
 * code), the units it is formed from (the continuing one among them or not), the effective date, and
 * optionally its new name. Vietnamese or English headers, case and diacritics as written.
 */
const COLUMNS = {
  code: ['mã đơn vị', 'code'],
  from: ['hợp nhất từ', 'formed from'],
  date: ['ngày hiệu lực', 'effective date'],
  name: ['tên mới', 'new name'],
} as const;

function dayIn(text: string): string {
  return isIsoDate(text) ? text : parseDay(text);
}

/**
 * Reads and checks a plan whole (issue 21): unknown codes, a unit mapped twice (in two rows, or as the
 * unit of one row and a source of another: a cycle), sources of another kind than the unit they merge
 * into, a unit that does not stand on the date (its children would be left without a parent). A plan
 * with any error gives no change; a good one gives its merges and renames in date order, for the
 * preview and the apply, which run the same code.
 */
export async function checkPlan(em: EntityManager, table: Table): Promise<CheckedPlan> {
  const errors: PlanRowError[] = [];
  const headers = table.headers.map((header) => header.trim().toLowerCase());
  const column = (names: readonly string[]) => headers.findIndex((header) => names.includes(header));
  const at = {
    code: column(COLUMNS.code),
    from: column(COLUMNS.from),
    date: column(COLUMNS.date),
    name: column(COLUMNS.name),
  };
  const missing = (['code', 'from', 'date'] as const).filter((key) => at[key] < 0);
  if (missing.length > 0) {
    return {
      changes: [],
      errors: missing.map((key) =>
        rowError(1, 'SHEET_COLUMN_MISSING', { column: COLUMNS[key][0], english: COLUMNS[key][1] }),
      ),
    };
  }
  const rows = table.rows.map((cells, i) => ({
    row: i + 2,
    code: (cells[at.code] ?? '').trim(),
    from: (cells[at.from] ?? '')
      .split(/[,;]/)
      .map((code) => code.trim())
      .filter(Boolean),
    date: (cells[at.date] ?? '').trim(),
    name: at.name < 0 ? '' : (cells[at.name] ?? '').trim(),
  }));
  if (rows.length === 0) {
    return { changes: [], errors: [rowError(2, 'PLAN_EMPTY')] };
  }
  const codes = [...new Set(rows.flatMap((row) => [row.code, ...row.from]).filter(Boolean))];
  const units = new Map((await em.find(OrgUnit, { code: { $in: codes } })).map((unit) => [unit.code, unit]));
  const mappedIn = new Map<string, number>();
  const changes: Array<TreeChange & { row: number }> = [];
  for (const row of rows) {
    const fail = (code: MessageCode, params: Record<string, string | number> = {}) =>
      errors.push(rowError(row.row, code, params));
    if (!row.code) {
      fail('PLAN_ROW_NO_CODE');
      continue;
    }
    let date: string;
    try {
      date = dayIn(row.date);
    } catch (error) {
      if (!(error instanceof CellError)) {
        throw error;
      }
      fail(error.code, error.params);
      continue;
    }
    const unknown = [row.code, ...row.from].filter((code) => !units.has(code));
    if (unknown.length > 0) {
      fail('UNIT_CODES_UNKNOWN', { codes: unknown.map((code) => `"${code}"`).join(', ') });
      continue;
    }
    for (const code of new Set([row.code, ...row.from])) {
      const earlier = mappedIn.get(code);
      if (earlier !== undefined) {
        fail('PLAN_UNIT_MAPPED_TWICE', { code, row: earlier });
      }
      mappedIn.set(code, row.row);
    }
    const target = units.get(row.code)!;
    if (!isValidOn(target, date)) {
      fail('PLAN_TARGET_NOT_STANDING', { code: row.code, date });
      continue;
    }
    const sources = row.from.filter((code) => code !== row.code);
    for (const code of sources) {
      if (units.get(code)!.kind !== target.kind) {
        fail('MERGE_KINDS_DIFFER', {
          source: code,
          sourceKind: units.get(code)!.kind,
          target: row.code,
          targetKind: target.kind,
        });
      }
    }
    if (sources.length > 0) {
      changes.push({ kind: 'MERGE', sourceCodes: sources, targetCode: row.code, date, row: row.row });
    }
    if (row.name && row.name !== target.name) {
      changes.push({ kind: 'RENAME', code: row.code, name: row.name, date, row: row.row });
    }
  }
  if (errors.length > 0) {
    return { changes: [], errors: errors.sort((a, b) => a.row - b.row) };
  }
  return {
    changes: changes
      .sort((a, b) => a.date.localeCompare(b.date) || a.row - b.row)
      .map(({ row: _row, ...change }) => change as TreeChange),
    errors: [],
  };
}

/** A plan checked whole: its rows' errors, or what it does (preview), did (apply) or will do (scheduled). */
export interface PlanResult {
  errors: PlanRowError[];
  /** The merges and renames the plan makes. */
  changes: number;
  /** Its last date: a plan dated after today is kept until that day, when it is applied. */
  effectiveDate: string | null;
  preview: TreeChangePreview | null;
  applied: boolean;
  /** The plan kept until its date (cancelled until then with `cancelRestructuringPlan`). */
  scheduled: { id: string; effectiveDate: string } | null;
}

/**
 * Checks a plan whole, then previews it (applied and rolled back, writing nothing), or applies it: as one
 * transaction now when every date has come, otherwise kept until its last date (previewed as of that day
 * first, so that what would be refused then is refused now). Nothing happens when any row has an error.
 */
export async function runPlan(
  em: EntityManager,
  scope: Scope,
  viewer: Viewer,
  table: Table,
  { action, today, fileName }: { action: 'preview' | 'apply'; today: string; fileName: string | null },
): Promise<PlanResult> {
  const plan = await checkPlan(em, table);
  const result: PlanResult = {
    errors: plan.errors,
    changes: plan.changes.length,
    effectiveDate: plan.changes.length > 0 ? datesOf(plan.changes).last : null,
    preview: null,
    applied: false,
    scheduled: null,
  };
  if (plan.errors.length > 0 || plan.changes.length === 0) {
    return result;
  }
  if (action === 'preview') {
    return { ...result, preview: await previewPlan(em, scope, plan.changes, today) };
  }
  const done = await carryOutPlan(em, scope, viewer, plan.changes, {
    today,
    fileName,
    provenance: 'restructuring plan uploaded through the API',
  });
  return {
    ...result,
    applied: done.applied,
    preview: done.preview,
    scheduled: done.scheduled && {
      id: toGlobalId('RestructuringPlan', done.scheduled.id),
      effectiveDate: done.scheduled.effectiveDate,
    },
  };
}
