import { ORG_UNIT_KINDS, type OrgUnitKind } from '@cdvn/domain';
import type { EntityManager } from '@mikro-orm/postgresql';

import type { Scope } from '../../auth/scope';
import { addDays, requireDate, todayIn } from '../../shared/dates';
import { refusal } from '../../shared/errors';
import { inTransaction } from '../../shared/request-writes';
import { recountRollups, unitsAbove } from '../rollups/rollups.queries';
import { OrgUnitParent } from './org-unit-parent.entity';
import { OrgUnitSuccession } from './org-unit-succession.entity';
import { OrgUnit } from './org-unit.entity';
import { isValidOn, unitByCode } from './org-unit.lookup';
import { closeMemberships, keepFormerName, membershipsFrom } from './org-unit.queries';

/**
 * Structural changes to the tree. Every operation keeps history: nothing is deleted, periods are ended
 * and new ones opened. Dates are effective dates: the first day on which the change holds. The database
 * re-checks every invariant when the transaction commits.
 */

export interface NewOrgUnit {
  code: string;
  name: string;
  kind: OrgUnitKind;
  parentCode: string | null;
  validFrom: string;
  provenance: string;
}

/**
 * A change of the tree recounts the rollups of the years it touches. A bulk load that applies many
 * changes may turn that off and recount everything once at the end (rebuildRollups).
 */
export interface TreeChangeOptions {
  today?: string;
  recount?: boolean;
}

/**
 * Runs a change of the tree that touches `codes` from `fromYear` on, then recounts the rollups of the
 * units above them before and after it (unless the caller recounts everything once, at the end).
 */
async function changeTree(
  tx: EntityManager,
  codes: string[],
  fromYear: number,
  recount: boolean,
  change: () => Promise<void>,
): Promise<void> {
  const ids = recount ? (await tx.find(OrgUnit, { code: { $in: codes } })).map((unit) => unit.id) : [];
  const before = recount ? await unitsAbove(tx, ids, fromYear) : [];
  await change();
  if (recount) {
    await recountRollups(tx, [...before, ...(await unitsAbove(tx, ids, fromYear))], fromYear);
  }
}

/** Changes to the tree take effect on the day they are recorded or before, never in the future. */
function requireNotFuture(date: string, today: string, field: string): void {
  if (date > today) {
    throw refusal('TREE_CHANGE_IN_FUTURE', { date }, field);
  }
}

/** Creates units, each under its parent from its first day. Parents may be in the same batch. */
export async function createUnits(
  em: EntityManager,
  scope: Scope,
  inputs: NewOrgUnit[],
  today = todayIn(),
): Promise<OrgUnit[]> {
  for (const input of inputs) {
    requireDate(input.validFrom, 'validFrom');
    requireNotFuture(input.validFrom, today, 'validFrom');
    if (!ORG_UNIT_KINDS.includes(input.kind)) {
      throw refusal('UNIT_KIND_UNKNOWN', { kind: input.kind }, 'kind');
    }
    if (input.name.trim() === '') {
      throw refusal('UNIT_NAME_REQUIRED', {}, 'name');
    }
  }
  return inTransaction(em, async (tx) => {
    const created = new Map<string, OrgUnit>();
    for (const input of inputs) {
      const unit = tx.create(OrgUnit, {
        code: input.code,
        name: input.name.trim(),
        kind: input.kind,
        validFrom: input.validFrom,
        validTo: null,
        provenance: input.provenance,
      });
      created.set(input.code, unit);
    }
    await tx.flush();
    const parentCodes = [
      ...new Set(inputs.flatMap((i) => (i.parentCode && !created.has(i.parentCode) ? [i.parentCode] : []))),
    ];
    const existing = parentCodes.length ? await tx.find(OrgUnit, { code: { $in: parentCodes } }) : [];
    const parents = new Map([...existing.map((unit) => [unit.code, unit] as const), ...created]);
    for (const input of inputs) {
      if (input.parentCode === null) {
        continue;
      }
      const parent = parents.get(input.parentCode);
      if (!parent) {
        throw scope.missing('structure:write', 'UNIT_CODE_UNKNOWN', { code: input.parentCode }, 'parentCode');
      }
      if (!created.has(parent.code)) {
        await scope.require('structure:write', parent.id, input.validFrom);
      }
      if (!isValidOn(parent, input.validFrom)) {
        throw refusal('UNIT_NOT_ON_DATE', { code: parent.code, date: input.validFrom }, 'validFrom');
      }
      tx.create(OrgUnitParent, {
        unit: created.get(input.code)!,
        parent,
        validFrom: input.validFrom,
        validTo: null,
        provenance: input.provenance,
      });
    }
    await tx.flush();
    return [...created.values()];
  });
}

/** The link that places a unit on a date. */
async function linkOn(em: EntityManager, unit: OrgUnit, date: string): Promise<OrgUnitParent> {
  const link = await em.findOne(
    OrgUnitParent,
    { unit, validFrom: { $lte: date }, $or: [{ validTo: null }, { validTo: { $gte: date } }] },
    { populate: ['parent'] },
  );
  if (!link) {
    throw refusal('UNIT_NOT_ON_DATE', { code: unit.code, date }, 'date');
  }
  return link;
}

/** Moves a unit (and so its whole subtree) under another parent from `date` on. It keeps its id and code. */
export async function moveUnit(
  em: EntityManager,
  scope: Scope,
  code: string,
  parentCode: string,
  date: string,
  provenance: string,
  { today = todayIn(), recount = true }: TreeChangeOptions = {},
): Promise<void> {
  requireDate(date, 'date');
  requireNotFuture(date, today, 'date');
  await inTransaction(em, (tx) =>
    changeTree(tx, [code], Number(date.slice(0, 4)), recount, () =>
      moveWithin(tx, scope, code, parentCode, date, provenance),
    ),
  );
}

async function moveWithin(
  tx: EntityManager,
  scope: Scope,
  code: string,
  parentCode: string,
  date: string,
  provenance: string,
): Promise<void> {
  const unit = await unitByCode(tx, scope, code, date, 'code', 'structure:write');
  const parent = await unitByCode(tx, scope, parentCode, date, 'parentCode', 'structure:write');
  if (!isValidOn(parent, date)) {
    throw refusal('UNIT_NOT_ON_DATE', { code: parent.code, date }, 'parentCode');
  }
  const link = await linkOn(tx, unit, date);
  if (link.parent.id === parent.id) {
    throw refusal('UNIT_ALREADY_UNDER', { code: unit.code, parent: parent.code, date }, 'parentCode');
  }
  if (link.validFrom === date) {
    link.parent = parent;
    link.provenance = provenance;
    await tx.flush();
    return;
  }
  const until = link.validTo;
  link.validTo = addDays(date, -1);
  await tx.flush();
  tx.create(OrgUnitParent, { unit, parent, validFrom: date, validTo: until, provenance });
  await tx.flush();
}

/**
 * Closes a unit: `date` is the first day it no longer exists. A unit with child units still open on that
 * day is refused. A successor, when given, is recorded as having taken the unit's place.
 */
export async function closeUnit(
  em: EntityManager,
  scope: Scope,
  code: string,
  date: string,
  options: { successorCode?: string; provenance: string },
  { today = todayIn(), recount = true }: TreeChangeOptions = {},
): Promise<void> {
  requireDate(date, 'date');
  requireNotFuture(date, today, 'date');
  await inTransaction(em, (tx) =>
    changeTree(tx, [code], Number(addDays(date, -1).slice(0, 4)), recount, () =>
      closeWithin(tx, scope, code, date, options),
    ),
  );
}

async function closeWithin(
  tx: EntityManager,
  scope: Scope,
  code: string,
  date: string,
  options: { successorCode?: string; provenance: string },
): Promise<void> {
  const lastDay = addDays(date, -1);
  const unit = await unitByCode(tx, scope, code, lastDay, 'code', 'structure:write');
  if (!isValidOn(unit, lastDay)) {
    throw refusal('CLOSE_UNIT_NOT_ON_DATE', { code: unit.code, lastDay, date }, 'date');
  }
  const openChildren = await tx.count(OrgUnitParent, {
    parent: unit,
    $or: [{ validTo: null }, { validTo: { $gte: date } }],
  });
  if (openChildren > 0) {
    throw refusal('CLOSE_UNIT_WITH_CHILDREN', { code: unit.code, count: openChildren, date }, 'code');
  }
  const later = await membershipsFrom(tx, unit.id, date);
  if (later > 0) {
    throw refusal('CLOSE_UNIT_LATER_MEMBERSHIPS', { code: unit.code, count: later, date }, 'date');
  }
  unit.validTo = lastDay;
  // Members of a dissolved grassroots union leave the union with it (their civil servants ceased to be members).
  await closeMemberships(tx, unit.id, lastDay);
  const laterLinks = await tx.find(OrgUnitParent, { unit, validFrom: { $gte: date } });
  for (const link of laterLinks) {
    tx.remove(link);
  }
  await tx.flush();
  if (unit.kind !== 'NATIONAL_FEDERATION') {
    const link = await linkOn(tx, unit, lastDay);
    link.validTo = lastDay;
  }
  if (options.successorCode) {
    const successor = await unitByCode(
      tx,
      scope,
      options.successorCode,
      date,
      'successorCode',
      'structure:write',
    );
    if (!isValidOn(successor, date)) {
      throw refusal(
        'SUCCESSOR_NOT_ON_DATE',
        { successor: successor.code, date, code: unit.code },
        'successorCode',
      );
    }
    tx.create(OrgUnitSuccession, {
      predecessor: unit,
      successor,
      effectiveDate: date,
      provenance: options.provenance,
    });
  }
  await tx.flush();
}

/**
 * Merges units into an existing one from `date` on: the sources' open child units move under the target,
 * the sources close, and the target is recorded as their successor (Thái Bình into Hưng Yên).
 */
export async function mergeUnits(
  em: EntityManager,
  scope: Scope,
  sourceCodes: string[],
  targetCode: string,
  date: string,
  provenance: string,
  { today = todayIn(), recount = true }: TreeChangeOptions = {},
): Promise<void> {
  requireDate(date, 'date');
  requireNotFuture(date, today, 'date');
  if (sourceCodes.length === 0) {
    throw refusal('MERGE_NEEDS_SOURCES', {}, 'sourceCodes');
  }
  if (sourceCodes.includes(targetCode)) {
    throw refusal('MERGE_INTO_ITSELF', { code: targetCode }, 'targetCode');
  }
  await inTransaction(em, (tx) =>
    changeTree(tx, [...sourceCodes, targetCode], Number(addDays(date, -1).slice(0, 4)), recount, async () => {
      const target = await unitByCode(tx, scope, targetCode, date, 'targetCode', 'structure:write');
      for (const sourceCode of sourceCodes) {
        const source = await unitByCode(
          tx,
          scope,
          sourceCode,
          addDays(date, -1),
          'sourceCodes',
          'structure:write',
        );
        if (source.kind !== target.kind) {
          throw refusal(
            'MERGE_KINDS_DIFFER',
            { source: source.code, sourceKind: source.kind, target: target.code, targetKind: target.kind },
            'sourceCodes',
          );
        }
        const children = await tx.find(
          OrgUnitParent,
          {
            parent: source,
            validFrom: { $lte: date },
            $or: [{ validTo: null }, { validTo: { $gte: date } }],
          },
          { populate: ['unit'] },
        );
        for (const child of children) {
          await moveWithin(tx, scope, child.unit.code, target.code, date, provenance);
        }
        await closeWithin(tx, scope, source.code, date, { successorCode: target.code, provenance });
      }
    }),
  );
}

export interface RenameOptions {
  /**
   * The first day of the new name; earlier dates keep showing the name they had. Null corrects the latest
   * name over the whole of its period (a spelling mistake), keeping the earlier names.
   */
  date: string | null;
  provenance: string;
  today?: string;
}

/**
 * Renames a unit from a date on (names have a history: org_unit_former_name keeps each earlier name with
 * the day its successor took over), or corrects its latest name without a date. A rename comes after the
 * unit's first day and its latest rename, within its life, and is not in the future.
 */
export async function renameUnit(
  em: EntityManager,
  scope: Scope,
  code: string,
  name: string,
  { date, provenance, today = todayIn() }: RenameOptions,
): Promise<void> {
  const newName = name.trim();
  if (newName === '') {
    throw refusal('UNIT_NAME_REQUIRED', {}, 'name');
  }
  if (date !== null) {
    requireDate(date, 'date');
    requireNotFuture(date, today, 'date');
  }
  await inTransaction(em, async (tx) => {
    const unit = await unitByCode(tx, scope, code, date ?? scope.today, 'code', 'structure:write');
    if (date === null || date === unit.validFrom) {
      unit.name = newName;
      return;
    }
    if (date < unit.validFrom || (unit.validTo !== null && date > unit.validTo)) {
      throw unit.validTo
        ? refusal(
            'RENAME_OUTSIDE_CLOSED_LIFE',
            { code: unit.code, from: unit.validFrom, to: unit.validTo, date },
            'date',
          )
        : refusal('RENAME_OUTSIDE_LIFE', { code: unit.code, from: unit.validFrom, date }, 'date');
    }
    if (unit.nameFrom !== null && date <= unit.nameFrom) {
      throw refusal(
        'RENAME_BEFORE_LATEST',
        { code: unit.code, name: unit.name, since: unit.nameFrom },
        'date',
      );
    }
    if (newName === unit.name) {
      throw refusal('RENAME_SAME_NAME', { code: unit.code, name: newName }, 'name');
    }
    await keepFormerName(tx, unit.id, { until: date, name: unit.name }, provenance);
    unit.name = newName;
    unit.nameFrom = date;
  });
}
