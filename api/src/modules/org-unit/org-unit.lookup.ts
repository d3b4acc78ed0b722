import type { EntityManager } from '@mikro-orm/postgresql';

import type { Permission } from '../../auth/permissions';
import { forbidden, type Scope } from '../../auth/scope';
import { refusal } from '../../shared/errors';
import type { OrgUnitLoaders } from './org-unit.loaders';
import type { OrgUnitRecord } from './org-unit.record';
import { OrgUnit } from './org-unit.entity';

/**
 * Units as the other modules look them up: by code, within the viewer's scope, and checked against the
 * dates of what is read or written about them.
 */

export function isValidOn(unit: Pick<OrgUnit, 'validFrom' | 'validTo'>, date: string): boolean {
  return unit.validFrom <= date && (unit.validTo === null || unit.validTo >= date);
}

/**
 * The unit with this code, where the viewer holds the permission (by default: writing records); with
 * `null`, any unit the viewer may name (its subtrees and their ancestors, such as an award's issuer).
 * A code outside the scope and an unknown code get the same FORBIDDEN, unless the scope is national.
 */
export async function unitByCode(
  em: EntityManager,
  scope: Scope,
  code: string,
  /** The date of what the caller reads or writes about the unit (see auth/scope.ts). */
  date: string,
  field = 'code',
  permission: Permission | null = 'record:write',
): Promise<OrgUnit> {
  const unit = await em.findOne(OrgUnit, { code });
  if (!unit) {
    throw scope.missing(permission ?? 'unit:read', 'UNIT_CODE_UNKNOWN', { code }, field);
  }
  if (permission) {
    await scope.require(permission, unit.id, date);
  }
  return unit;
}

/** The units that have these codes, found in one statement (no scope check: see unitsByCode). */
export async function unitsWithCodes(em: EntityManager, codes: string[]): Promise<Map<string, OrgUnit>> {
  const units = await em.find(OrgUnit, { code: { $in: [...new Set(codes)] } });
  return new Map(units.map((unit) => [unit.code, unit] as const));
}

/**
 * `unitByCode` for many codes in one statement (an import's): each unit by its code; a code that names no
 * unit is refused as unitByCode refuses it. The caller checks the permission at each unit on its dates.
 */
export async function unitsByCode(
  em: EntityManager,
  scope: Scope,
  codes: string[],
  field = 'code',
  permission: Permission = 'record:write',
): Promise<Map<string, OrgUnit>> {
  const units = await unitsWithCodes(em, codes);
  const unknown = codes.find((code) => !units.has(code));
  if (unknown !== undefined) {
    throw scope.missing(permission, 'UNIT_CODE_UNKNOWN', { code: unknown }, field);
  }
  return units;
}

/**
 * A unit asked for by code: null when it does not exist for a national viewer; FORBIDDEN when it lies
 * outside the viewer's subtrees, and also when it does not exist, so that the answer never tells.
 */
export async function readableUnit(
  loaders: OrgUnitLoaders,
  scope: Scope,
  code: string,
  asOf: string,
): Promise<OrgUnitRecord | null> {
  const record = await loaders.unitByCode.load(code);
  if (!record) {
    if (scope.isNational('unit:read')) {
      return null;
    }
    throw forbidden();
  }
  await scope.require('unit:read', record.id, asOf);
  return record;
}

/** A record dated `date` must fall within the unit's life: refused for a closed or not yet founded unit. */
export function requireUnitOn(unit: OrgUnit, date: string, field: string): void {
  if (unit.validTo !== null && date > unit.validTo) {
    throw refusal('UNIT_CLOSED_ON_DATE', { code: unit.code, closed: unit.validTo, date }, field);
  }
  if (date < unit.validFrom) {
    throw refusal('UNIT_NOT_FOUNDED_ON_DATE', { code: unit.code, founded: unit.validFrom, date }, field);
  }
}
