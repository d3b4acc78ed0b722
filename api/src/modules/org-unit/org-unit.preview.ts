import type { OrgUnitKind } from '@cdvn/domain';
import { type EntityManager, TransactionPropagation } from '@mikro-orm/postgresql';

import type { Scope } from '../../auth/scope';
import { addDays, requireDate } from '../../shared/dates';
import { inTransaction } from '../../shared/request-writes';
import { OrgUnit } from './org-unit.entity';
import { holdersOf, type PlacedUnit, reportsAbove, subtreesOn, type TouchedReport } from './org-unit.queries';
import { closeUnit, createUnits, mergeUnits, moveUnit, renameUnit } from './org-unit.service';

/** A change of the tree as an office describes it: one operation, its units and its effective date. */
export type TreeChange =
  | { kind: 'CREATE'; code: string; name: string; unitKind: OrgUnitKind; parentCode: string; date: string }
  | { kind: 'MOVE'; code: string; parentCode: string; date: string }
  | { kind: 'MERGE'; sourceCodes: string[]; targetCode: string; date: string }
  | { kind: 'CLOSE'; code: string; successorCode: string | null; date: string }
  | { kind: 'RENAME'; code: string; name: string; date: string };

export interface UnitChange {
  code: string;
  name: string;
  parentBefore: string | null;
  parentAfter: string | null;
}

/** What a change will do, read from the database with the change applied. */
export interface TreeChangePreview {
  /** Units founded by the change, under their parent. */
  created: UnitChange[];
  /** Units whose parent on the date changes (each subtree moves with its root). */
  moved: UnitChange[];
  /** Units that stand no more from the date. */
  closed: UnitChange[];
  renamed: Array<{ code: string; before: string; after: string }>;
  /** Units placed elsewhere or closed, their subtrees included. */
  unitsAffected: number;
  /** Memberships on the date in those units (they move with them, or end). */
  membersAffected: number;
  /** Roles and API keys held at those units: their scopes follow the units. */
  roles: Array<{ email: string | null; apiKey: string | null; role: string; code: string }>;
  /** The years whose figures are counted again (from the effective date's year to today's). */
  years: number[];
  /**
   * The reports whose figures change: those of the units above what moves or closes (before and after),
   * for periods on or after the date. A locked one refuses the change (PERIOD_LOCKED), so these are open.
   */
  reports: Array<{ unitCode: string; unitName: string; period: string; state: string }>;
}

const PROVENANCE = 'recorded through the API';

/** The apply itself: the same services the mutations run. */
export async function applyTreeChange(
  em: EntityManager,
  scope: Scope,
  change: TreeChange,
  today: string,
  provenance = PROVENANCE,
): Promise<void> {
  switch (change.kind) {
    case 'CREATE':
      await createUnits(
        em,
        scope,
        [
          {
            code: change.code,
            name: change.name,
            kind: change.unitKind,
            parentCode: change.parentCode,
            validFrom: change.date,
            provenance,
          },
        ],
        today,
      );
      return;
    case 'MOVE':
      return moveUnit(em, scope, change.code, change.parentCode, change.date, provenance, { today });
    case 'MERGE':
      return mergeUnits(em, scope, change.sourceCodes, change.targetCode, change.date, provenance, { today });
    case 'CLOSE':
      return closeUnit(
        em,
        scope,
        change.code,
        change.date,
        { successorCode: change.successorCode ?? undefined, provenance },
        { today },
      );
    case 'RENAME':
      return renameUnit(em, scope, change.code, change.name, { date: change.date, provenance, today });
  }
}

/**
 * The units whose reports a change may recount, by code: those above the units it names, and the named
 * units themselves where their own rollup changes (all but the unit a MOVE moves; a RENAME recounts
 * nothing).
 */
function reportAnchors(change: TreeChange): Array<{ code: string; self: boolean }> {
  switch (change.kind) {
    case 'MOVE':
      return [
        { code: change.code, self: false },
        { code: change.parentCode, self: true },
      ];
    case 'RENAME':
      return [];
    default:
      return codesOf(change).map((code) => ({ code, self: true }));
  }
}

/**
 * The first date of changes (the tree they start from) and the last (when every one of them has taken
 * effect: the day a plan is applied).
 */
export function datesOf(changes: TreeChange[]): { first: string; last: string } {
  const dates = changes.map((change) => change.date).sort();
  return { first: dates[0], last: dates[dates.length - 1] };
}

/** The codes of the units a change names. */
export function codesOf(change: TreeChange): string[] {
  switch (change.kind) {
    case 'CREATE':
      return [change.parentCode];
    case 'MOVE':
      return [change.code, change.parentCode];
    case 'MERGE':
      return [...change.sourceCodes, change.targetCode];
    case 'CLOSE':
      return [change.code, ...(change.successorCode ? [change.successorCode] : [])];
    case 'RENAME':
      return [change.code];
  }
}

class RolledBack extends Error {
  constructor(readonly preview: TreeChangePreview) {
    super('preview rolled back');
  }
}

/**
 * What changes of the tree will do, computed by applying them with the code that applies them, in order,
 * inside a savepoint that is then rolled back: what is shown is what will happen, and a change the apply
 * refuses (a locked period, a unit outside the viewer's subtree, a bad date) is refused here with the
 * same error. The tree is read on the first change's date before, and on the last change's date after:
 * units whose parent changed or that closed, the memberships and roles held in them the day before, the
 * years recounted.
 */
export async function previewTreeChanges(
  em: EntityManager,
  scope: Scope,
  changes: TreeChange[],
  today: string,
): Promise<TreeChangePreview> {
  for (const change of changes) {
    requireDate(change.date, 'date');
  }
  // The units the viewer may name; one it may not (or that does not exist) is refused by the apply
  // below, with the apply's own answer.
  const units = await em.find(OrgUnit, { code: { $in: [...new Set(changes.flatMap(codesOf))] } });
  const ids = units.map((unit) => unit.id);
  const { first, last } = datesOf(changes);
  const dayBefore = addDays(first, -1);
  const nameOf = new Map(units.map((unit) => [unit.code, unit.name]));
  const idOf = new Map(units.map((unit) => [unit.code, unit.id]));
  const anchors = changes.flatMap(reportAnchors).filter((anchor) => idOf.has(anchor.code));
  const touched = (tx: EntityManager) =>
    reportsAbove(
      tx,
      anchors.map((anchor) => idOf.get(anchor.code)!),
      anchors.filter((anchor) => anchor.self).map((anchor) => idOf.get(anchor.code)!),
      first,
    );
  try {
    await em.transactional(
      async (tx) => {
        // The tree on the date as it stands before the change (what other changes did by then included).
        const before = await subtreesOn(tx, ids, first);
        const reportsBefore = await touched(tx);
        for (const change of changes) {
          await applyTreeChange(tx, scope, change, today);
        }
        const after = new Map((await subtreesOn(tx, ids, last)).map((unit) => [unit.id, unit]));
        const reports = reportsOf([...reportsBefore, ...(await touched(tx))]);
        throw new RolledBack({
          ...(await describe(tx, changes, before, after, nameOf, dayBefore, today)),
          reports,
        });
      },
      { propagation: TransactionPropagation.NESTED },
    );
  } catch (error) {
    if (error instanceof RolledBack) {
      return error.preview;
    }
    throw error;
  }
  throw new Error('unreachable: a preview always rolls back');
}

/** Applies changes of the tree in order, in one transaction: all of them or none. */
export async function applyTreeChanges(
  em: EntityManager,
  scope: Scope,
  changes: TreeChange[],
  today: string,
  provenance = PROVENANCE,
): Promise<void> {
  await inTransaction(em, async (tx) => {
    for (const change of changes) {
      await applyTreeChange(tx, scope, change, today, provenance);
    }
  });
}

/** Each report once, by period and unit; its state as it stands before the change. */
function reportsOf(rows: TouchedReport[]): TreeChangePreview['reports'] {
  const seen = new Map<string, TreeChangePreview['reports'][number]>();
  for (const row of rows) {
    const key = `${row.period} ${row.unit_code}`;
    if (!seen.has(key)) {
      seen.set(key, {
        unitCode: row.unit_code,
        unitName: row.unit_name,
        period: row.period,
        state: row.state,
      });
    }
  }
  return [...seen.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, report]) => report);
}

async function describe(
  tx: EntityManager,
  changes: TreeChange[],
  before: PlacedUnit[],
  after: Map<number, PlacedUnit>,
  nameOf: Map<string, string>,
  dayBefore: string,
  today: string,
): Promise<Omit<TreeChangePreview, 'reports'>> {
  const moved: UnitChange[] = [];
  const closed: UnitChange[] = [];
  const affected = new Set<number>();
  const parents = new Map(before.map((unit) => [unit.code, unit.parent_code]));
  // A unit under the named ones afterwards that was under none of them before is one the change founded.
  const known = new Set(before.map((unit) => unit.id));
  const created = [...after.values()]
    .filter((unit) => !known.has(unit.id))
    .map((unit) => ({ code: unit.code, name: unit.name, parentBefore: null, parentAfter: unit.parent_code }));
  for (const unit of before) {
    const now = after.get(unit.id);
    const entry = {
      code: unit.code,
      name: unit.name,
      parentBefore: unit.parent_code,
      parentAfter: now?.parent_code ?? null,
    };
    if (!now) {
      closed.push(entry);
    } else if (now.parent_code !== unit.parent_code) {
      moved.push(entry);
    }
  }
  // A moved or closed unit takes its subtree with it: every unit below one of them is affected.
  const changed = new Set([...moved, ...closed].map((unit) => unit.code));
  for (const unit of before) {
    for (let code: string | null = unit.code; code !== null; code = parents.get(code) ?? null) {
      if (changed.has(code)) {
        affected.add(unit.id);
        break;
      }
    }
  }
  const holders = await holdersOf(tx, [...affected], dayBefore);
  const recounted = changes.filter((change) => change.kind !== 'RENAME');
  const firstYear = Math.min(...recounted.map((change) => Number(change.date.slice(0, 4))));
  const lastYear = Number(today.slice(0, 4));
  return {
    created,
    moved,
    closed,
    renamed: changes.flatMap((change) =>
      change.kind === 'RENAME'
        ? [{ code: change.code, before: nameOf.get(change.code) ?? '', after: change.name.trim() }]
        : [],
    ),
    unitsAffected: affected.size,
    membersAffected: holders.members,
    roles: holders.roles.map((r) => ({ email: r.email, apiKey: r.api_key, role: r.role, code: r.code })),
    years:
      recounted.length === 0
        ? []
        : Array.from({ length: Math.max(0, lastYear - firstYear + 1) }, (_, i) => firstYear + i),
  };
}
