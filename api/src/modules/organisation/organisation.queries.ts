import type { EntityManager } from '@mikro-orm/postgresql';

import { byUnit } from '../../shared/batching';
import { runSql, sql, throughAny } from '../../shared/sql';
import type { OfficerRole } from './organisation.service';

/** The statements of the organisation records: officers, annual themes, congress terms, clusters. */

export interface OfficerRow {
  unit_id: number;
  full_name: string;
  role: OfficerRole;
  term_from: string;
  term_to: string | null;
  provenance: string;
}

export async function insertOfficer(
  em: EntityManager,
  o: {
    unitId: number;
    fullName: string;
    role: OfficerRole;
    termFrom: string;
    termTo: string | null;
    provenance: string;
  },
): Promise<void> {
  await runSql(
    em,
    'organisation.appointOfficer',
    sql`insert into officer (unit_id, full_name, role, term_from, term_to, provenance)
        values (${o.unitId}, ${o.fullName}, ${o.role}, ${o.termFrom}, ${o.termTo}, ${o.provenance})`,
  );
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

export async function upsertTheme(
  em: EntityManager,
  t: { unitId: number; year: number; theme: string; provenance: string },
): Promise<void> {
  await runSql(
    em,
    'organisation.setAnnualTheme',
    sql`insert into annual_theme (unit_id, year, theme, provenance) values (${t.unitId}, ${t.year}, ${t.theme}, ${t.provenance})
       on conflict (unit_id, year) do update set theme = excluded.theme, provenance = excluded.provenance`,
  );
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

export async function insertCongressTerm(
  em: EntityManager,
  t: { unitId: number; number: string | null; fromYear: number; toYear: number; provenance: string },
): Promise<void> {
  await runSql(
    em,
    'organisation.recordCongressTerm',
    sql`insert into congress_term (unit_id, number, from_year, to_year, provenance)
        values (${t.unitId}, ${t.number}, ${t.fromYear}, ${t.toYear}, ${t.provenance})`,
  );
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
    sql`select unit_id, number, from_year, to_year, provenance from congress_term
         where unit_id = any(${unitIds}::integer[]) order by unit_id, from_year`,
  );
  return byUnit(rows);
}

/** Creates the cluster or renames it; null when the code belongs to another owner's cluster. */
export async function upsertCluster(
  em: EntityManager,
  c: { code: string; name: string; provenance: string; ownerId: number },
): Promise<{ id: number } | null> {
  const [cluster] = await runSql<{ id: number }>(
    em,
    'organisation.upsertCluster',
    sql`insert into emulation_cluster (code, name, provenance, owner_id) values (${c.code}, ${c.name}, ${c.provenance}, ${c.ownerId})
       on conflict (code) do update set name = excluded.name where emulation_cluster.owner_id = excluded.owner_id
       returning id`,
  );
  return cluster ?? null;
}

export async function clearClusterYear(em: EntityManager, clusterId: number, year: number): Promise<void> {
  await runSql(
    em,
    'organisation.clearClusterYear',
    sql`delete from emulation_cluster_member where cluster_id = ${clusterId} and year = ${year}`,
  );
}

/** The unit stood under `ownerId` on the date. */
export async function stoodUnder(
  em: EntityManager,
  unitId: number,
  ownerId: number,
  date: string,
): Promise<boolean> {
  const [row] = await runSql<{ under: boolean }>(
    em,
    'organisation.clusterUnitUnderOwner',
    sql`select exists (select 1 from org_unit_path p where p.unit_id = ${unitId}
                         and p.path ~ ${throughAny([ownerId])}::lquery and p.period @> ${date}::date) as under`,
  );
  return row.under;
}

export async function addClusterMember(
  em: EntityManager,
  m: { clusterId: number; unitId: number; year: number; provenance: string },
): Promise<void> {
  await runSql(
    em,
    'organisation.addClusterMember',
    sql`insert into emulation_cluster_member (cluster_id, unit_id, year, provenance)
        values (${m.clusterId}, ${m.unitId}, ${m.year}, ${m.provenance})`,
  );
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
