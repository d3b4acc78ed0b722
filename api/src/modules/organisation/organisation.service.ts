import { OFFICER_ROLES, type OfficerRole } from '@cdvn/domain';
import type { EntityManager } from '@mikro-orm/postgresql';

import type { Scope } from '../../auth/scope';

import { isIsoDate, yearEnd, requireYear } from '../../shared/dates';
import { appError, refusal } from '../../shared/errors';
import { OrgUnit } from '../org-unit/org-unit.entity';
import { inTransaction } from '../../shared/request-writes';
import { requireUnitOn, unitByCode } from '../org-unit/org-unit.lookup';
import * as queries from './organisation.queries';

export { OFFICER_ROLES, type OfficerRole } from '@cdvn/domain';

/** The earlier of two dates written YYYY-MM-DD. */
const least = (a: string, b: string): string => (a < b ? a : b);

export async function appointOfficer(
  em: EntityManager,
  scope: Scope,
  input: {
    unitCode: string;
    fullName: string;
    role: OfficerRole;
    termFrom: string;
    termTo?: string | null;
    provenance?: string;
  },
): Promise<void> {
  if (!OFFICER_ROLES.includes(input.role)) {
    throw refusal('OFFICER_ROLE_VALUE', { values: OFFICER_ROLES.join(', ') }, 'role');
  }
  if (input.fullName.trim() === '') {
    throw refusal('OFFICER_NAME_REQUIRED', {}, 'fullName');
  }
  for (const [field, value] of [
    ['termFrom', input.termFrom],
    ['termTo', input.termTo],
  ] as const) {
    if (value && !isIsoDate(value)) {
      throw refusal('DATE_FORMAT', { value }, field);
    }
  }
  if (input.termTo && input.termTo < input.termFrom) {
    throw refusal('TERM_ORDER', {}, 'termTo');
  }
  await inTransaction(em, async (tx) => {
    const unit = await unitByCode(tx, scope, input.unitCode, input.termFrom, 'unitCode');
    requireUnitOn(unit, input.termFrom, 'termFrom');
    await queries.insertOfficer(tx, {
      unitId: unit.id,
      fullName: input.fullName.trim(),
      role: input.role,
      termFrom: input.termFrom,
      termTo: input.termTo ?? null,
      provenance: input.provenance ?? 'recorded through the API',
    });
  });
}

export async function setAnnualTheme(
  em: EntityManager,
  scope: Scope,
  input: { unitCode: string; year: number; theme: string; provenance?: string },
  today: string,
): Promise<void> {
  requireYear(input.year, today);
  if (input.theme.trim() === '') {
    throw refusal('THEME_REQUIRED', {}, 'theme');
  }
  await inTransaction(em, async (tx) => {
    const unit = await unitByCode(tx, scope, input.unitCode, yearEnd(input.year), 'unitCode');
    await queries.upsertTheme(tx, {
      unitId: unit.id,
      year: input.year,
      theme: input.theme.trim(),
      provenance: input.provenance ?? 'recorded through the API',
    });
  });
}

export async function recordCongressTerm(
  em: EntityManager,
  scope: Scope,
  input: { unitCode: string; number?: string | null; fromYear: number; toYear: number; provenance?: string },
): Promise<void> {
  if (
    !Number.isInteger(input.fromYear) ||
    !Number.isInteger(input.toYear) ||
    input.toYear <= input.fromYear
  ) {
    throw refusal('CONGRESS_TERM_YEARS', {}, 'toYear');
  }
  await inTransaction(em, async (tx) => {
    const unit = await unitByCode(tx, scope, input.unitCode, `${input.fromYear}-01-01`, 'unitCode');
    await scope.require('record:write', unit.id, yearEnd(input.toYear));
    await queries.insertCongressTerm(tx, {
      unitId: unit.id,
      number: input.number ?? null,
      fromYear: input.fromYear,
      toYear: input.toYear,
      provenance: input.provenance ?? 'recorded through the API',
    });
  });
}

/**
 * Sets a cluster's members for a year, creating the cluster on first use; all or nothing. A cluster
 * belongs to the unit that defines it (the national federation, or a province federation for a cluster of
 * its own units), and only that unit's writers change it.
 */
export async function setClusterMembers(
  em: EntityManager,
  scope: Scope,
  input: {
    code: string;
    name: string;
    year: number;
    unitCodes: string[];
    ownerCode?: string | null;
    provenance?: string;
  },
  today: string,
): Promise<void> {
  requireYear(input.year, today);
  if (!/^[A-Z0-9][A-Z0-9-]*$/.test(input.code)) {
    throw refusal('CLUSTER_CODE_FORMAT', {}, 'code');
  }
  await inTransaction(em, async (tx) => {
    const date = yearEnd(input.year);
    const ownerCode =
      input.ownerCode ?? (await tx.findOneOrFail(OrgUnit, { kind: 'NATIONAL_FEDERATION' })).code;
    const owner = await unitByCode(tx, scope, ownerCode, date, 'ownerCode');
    if (owner.kind !== 'NATIONAL_FEDERATION' && owner.kind !== 'PROVINCIAL_FEDERATION') {
      throw refusal('CLUSTER_OWNER_LEVEL', {}, 'ownerCode');
    }
    const provenance = input.provenance ?? 'recorded through the API';
    const cluster = await queries.upsertCluster(tx, {
      code: input.code,
      name: input.name,
      provenance,
      ownerId: owner.id,
    });
    if (!cluster) {
      throw appError(
        'FORBIDDEN',
        `The cluster ${input.code} belongs to another unit: only that unit changes it.`,
      );
    }
    await queries.clearClusterYear(tx, cluster.id, input.year);
    for (const code of input.unitCodes) {
      const unit = await unitByCode(tx, scope, code, date, 'unitCodes');
      if (!(await queries.stoodUnder(tx, unit.id, owner.id, least(date, unit.validTo ?? date)))) {
        throw refusal(
          'CLUSTER_UNIT_OUTSIDE',
          { code: unit.code, owner: owner.code, year: input.year },
          'unitCodes',
        );
      }
      await queries.addClusterMember(tx, {
        clusterId: cluster.id,
        unitId: unit.id,
        year: input.year,
        provenance,
      });
    }
  });
}
