import type { EntityManager } from '@mikro-orm/postgresql';

import type { Scope } from '../../auth/scope';

import { isIsoDate, yearEnd, requireYear } from '../../shared/dates';
import { byUnit } from '../../shared/batching';
import { appError, badUserInput } from '../../shared/errors';
import { runSql, sql, throughAny } from '../../shared/sql';
import { OrgUnit } from '../org-unit/org-unit.entity';
import { inTransaction } from '../../shared/request-writes';
import { requireUnitOn, unitByCode } from '../org-unit/org-unit.lookup';

export const OFFICER_ROLES = ['CHAIR', 'STANDING_VICE_CHAIR', 'VICE_CHAIR'] as const;
export type OfficerRole = (typeof OFFICER_ROLES)[number];

export interface OfficerRow {
  unit_id: number;
  full_name: string;
  role: OfficerRole;
  term_from: string;
  term_to: string | null;
  provenance: string;
}

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
    throw badUserInput(`A role is one of ${OFFICER_ROLES.join(', ')}.`, 'role');
  }
  if (input.fullName.trim() === '') {
    throw badUserInput('An officer needs a full name.', 'fullName');
  }
  for (const [field, value] of [
    ['termFrom', input.termFrom],
    ['termTo', input.termTo],
  ] as const) {
    if (value && !isIsoDate(value)) {
      throw badUserInput(`"${value}" is not a date written YYYY-MM-DD.`, field);
    }
  }
  if (input.termTo && input.termTo < input.termFrom) {
    throw badUserInput('A term ends after it starts.', 'termTo');
  }
  await inTransaction(em, async (tx) => {
    const unit = await unitByCode(tx, scope, input.unitCode, input.termFrom, 'unitCode');
    requireUnitOn(unit, input.termFrom, 'termFrom');
    await runSql(
      tx,
      'organisation.appointOfficer',
      sql`insert into officer (unit_id, full_name, role, term_from, term_to, provenance) values (${unit.id}, ${input.fullName.trim()}, ${input.role}, ${input.termFrom}, ${input.termTo ?? null}, ${input.provenance ?? 'recorded through the API'})`,
    );
  });
}

/** Officers in office on a date (a term that started by then and has not ended). */
export async function officersOf(
  em: EntityManager,
  unitIds: number[],
  { date }: { date: string },
): Promise<Map<number, OfficerRow[]>> {
  const rows = await runSql<OfficerRow>(
    em,
    'organisation.officersOf',
    sql`select unit_id, full_name, role, term_from, term_to, provenance from officer
      where unit_id = any(${unitIds}::integer[]) and term_from <= ${date}::date
      order by unit_id, case role when 'CHAIR' then 0 when 'STANDING_VICE_CHAIR' then 1 else 2 end, full_name`,
  );
  return byUnit(rows);
}

export async function setAnnualTheme(
  em: EntityManager,
  scope: Scope,
  input: { unitCode: string; year: number; theme: string; provenance?: string },
  today: string,
): Promise<void> {
  requireYear(input.year, today);
  if (input.theme.trim() === '') {
    throw badUserInput('A theme cannot be empty.', 'theme');
  }
  await inTransaction(em, async (tx) => {
    const unit = await unitByCode(tx, scope, input.unitCode, yearEnd(input.year), 'unitCode');
    await runSql(
      tx,
      'organisation.setAnnualTheme',
      sql`insert into annual_theme (unit_id, year, theme, provenance) values (${unit.id}, ${input.year}, ${input.theme.trim()}, ${input.provenance ?? 'recorded through the API'})
       on conflict (unit_id, year) do update set theme = excluded.theme, provenance = excluded.provenance`,
    );
  });
}

/** The theme a unit works under in a year: its own, or that of its nearest ancestor with one. */
export interface ThemeRow {
  owner_id: number;
  unit_id: number;
  theme: string;
  provenance: string;
}

/** Each unit's theme for the year: its own, or its nearest ancestor's. */
export async function themesOf(
  em: EntityManager,
  unitIds: number[],
  { year }: { year: number },
): Promise<Map<number, ThemeRow | null>> {
  const rows = await runSql<ThemeRow>(
    em,
    'organisation.themesOf',
    sql`select o.owner_id, t.unit_id, t.theme, t.provenance
       from unnest(${unitIds}::integer[]) as o(owner_id)
       cross join lateral (
         select t.unit_id, t.theme, t.provenance
           from stat_ancestors(o.owner_id, ${year}) with ordinality as a(unit_id, depth)
           join annual_theme t on t.unit_id = a.unit_id and t.year = ${year}
          order by a.depth desc limit 1
       ) t`,
  );
  return new Map(rows.map((row) => [row.owner_id, row]));
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
    throw badUserInput('A congress term runs from one year to a later one, such as 2023-2028.', 'toYear');
  }
  await inTransaction(em, async (tx) => {
    const unit = await unitByCode(tx, scope, input.unitCode, `${input.fromYear}-01-01`, 'unitCode');
    await scope.require('record:write', unit.id, yearEnd(input.toYear));
    await runSql(
      tx,
      'organisation.recordCongressTerm',
      sql`insert into congress_term (unit_id, number, from_year, to_year, provenance) values (${unit.id}, ${input.number ?? null}, ${input.fromYear}, ${input.toYear}, ${input.provenance ?? 'recorded through the API'})`,
    );
  });
}

export async function congressTermsOf(em: EntityManager, unitIds: number[]) {
  const rows = await runSql<{
    unit_id: number;
    number: string | null;
    from_year: number;
    to_year: number;
    provenance: string;
  }>(
    em,
    'organisation.congressTermsOf',
    sql`select unit_id, number, from_year, to_year, provenance from congress_term where unit_id = any(${unitIds}::integer[]) order by unit_id, from_year`,
  );
  return byUnit(rows);
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
    throw badUserInput('A cluster code is upper-case letters, digits and dashes.', 'code');
  }
  await inTransaction(em, async (tx) => {
    const date = yearEnd(input.year);
    const ownerCode =
      input.ownerCode ?? (await tx.findOneOrFail(OrgUnit, { kind: 'NATIONAL_FEDERATION' })).code;
    const owner = await unitByCode(tx, scope, ownerCode, date, 'ownerCode');
    if (owner.kind !== 'NATIONAL_FEDERATION' && owner.kind !== 'PROVINCIAL_FEDERATION') {
      throw badUserInput(
        'A cluster is defined by the national federation or a province federation.',
        'ownerCode',
      );
    }
    const provenance = input.provenance ?? 'recorded through the API';
    const [cluster] = await runSql<{ id: number; owner_id: number }>(
      tx,
      'organisation.upsertCluster',
      sql`insert into emulation_cluster (code, name, provenance, owner_id) values (${input.code}, ${input.name}, ${provenance}, ${owner.id})
       on conflict (code) do update set name = excluded.name where emulation_cluster.owner_id = excluded.owner_id
       returning id, owner_id`,
    );
    if (!cluster) {
      throw appError(
        'FORBIDDEN',
        `The cluster ${input.code} belongs to another unit: only that unit changes it.`,
      );
    }
    await runSql(
      tx,
      'organisation.clearClusterYear',
      sql`delete from emulation_cluster_member where cluster_id = ${cluster.id} and year = ${input.year}`,
    );
    for (const code of input.unitCodes) {
      const unit = await unitByCode(tx, scope, code, date, 'unitCodes');
      const [under] = await runSql<{ under: boolean }>(
        tx,
        'organisation.clusterUnitUnderOwner',
        sql`select exists (select 1 from org_unit_path p where p.unit_id = ${unit.id} and p.path ~ ${throughAny([owner.id])}::lquery
                          and p.period @> least(${date}::date, ${unit.validTo ?? date}::date)) as under`,
      );
      if (!under.under) {
        throw badUserInput(`${unit.code} is not under ${owner.code} in ${input.year}.`, 'unitCodes');
      }
      await runSql(
        tx,
        'organisation.addClusterMember',
        sql`insert into emulation_cluster_member (cluster_id, unit_id, year, provenance) values (${cluster.id}, ${unit.id}, ${input.year}, ${provenance})`,
      );
    }
  });
}

export async function clustersOf(em: EntityManager, year: number) {
  return runSql<{ id: number; code: string; name: string; unit_ids: number[] }>(
    em,
    'organisation.clusters',
    sql`select c.id, c.code, c.name, array_agg(m.unit_id order by m.unit_id) as unit_ids
       from emulation_cluster c join emulation_cluster_member m on m.cluster_id = c.id and m.year = ${year}
      group by c.id order by c.code`,
  );
}
