import type { EntityManager } from '@mikro-orm/postgresql';

import { byUnit } from '../../shared/batching';
import { runSql, sql } from '../../shared/sql';
import { yearSubtreeSql } from '../statistics/statistics.queries';

/** Activities of a subtree's year that one statement of a source (or one entry) recorded, summed. */
export interface ActivityGroupRow {
  unit_id: number;
  kind: string;
  provenance: string;
  records: number;
  quantity: string;
  amount: string;
  quantity_qualifier: string | null;
  amount_qualifier: string | null;
  note: string | null;
}

export interface AwardGroupRow {
  unit_id: number;
  kind: string;
  collective: boolean;
  issuer_id: number | null;
  issuer_name: string | null;
  provenance: string;
  awards: number;
}

/** At most this many groups per kind and unit: the rest are in the totals, not listed. */
const GROUPS_PER_KIND = 12;
/** At most this many groups of awards per unit. */
const AWARD_GROUPS = 60;

/**
 * The year's activities of each unit's subtree (the units its rollup counts), grouped by kind and
 * provenance: an article's figure split among grassroots unions comes back whole, with the qualifier
 * its records share. The largest groups of each kind first.
 */
export async function activityGroupsOf(
  em: EntityManager,
  unitIds: number[],
  { year }: { year: number },
): Promise<Map<number, ActivityGroupRow[]>> {
  const rows = await runSql<ActivityGroupRow>(
    em,
    'annualReport.activityGroups',
    sql`select * from (
       select g.*, row_number() over (partition by g.unit_id, g.kind order by g.amount::numeric desc, g.quantity::numeric desc, g.provenance) as n
         from (
           select o.owner_id as unit_id, a.kind, a.provenance, count(*)::int as records,
                  sum(a.quantity)::text as quantity, sum(a.amount)::text as amount,
                  case when count(distinct a.quantity_qualifier) = 1 and count(a.quantity_qualifier) = count(*) then min(a.quantity_qualifier) end as quantity_qualifier,
                  case when count(distinct a.amount_qualifier) = 1 and count(a.amount_qualifier) = count(*) then min(a.amount_qualifier) end as amount_qualifier,
                  case when count(distinct a.note) = 1 and count(a.note) = count(*) then min(a.note) end as note
             from unnest(${unitIds}::integer[]) as o(owner_id)
             cross join lateral (${yearSubtreeSql(year)}) s
             join activity a on a.unit_id = s.unit_id and a.occurred_on between ${`${year}-01-01`}::date and ${`${year}-12-31`}::date
            group by o.owner_id, a.kind, a.provenance
         ) g
     ) ranked where n <= ${GROUPS_PER_KIND} order by unit_id, kind, n`,
  );
  return byUnit(rows);
}

/** The awards honouring the year in each unit's subtree, grouped by kind, issuer, collective and provenance. */
export async function awardGroupsOf(
  em: EntityManager,
  unitIds: number[],
  { year }: { year: number },
): Promise<Map<number, AwardGroupRow[]>> {
  const rows = await runSql<AwardGroupRow>(
    em,
    'annualReport.awardGroups',
    sql`select * from (
       select o.owner_id as unit_id, w.kind, w.collective, w.issuer_id, w.issuer_name, w.provenance, count(*)::int as awards,
              row_number() over (partition by o.owner_id order by count(*) desc, w.kind, w.provenance) as n
         from unnest(${unitIds}::integer[]) as o(owner_id)
         cross join lateral (${yearSubtreeSql(year)}) s
         join award w on w.unit_id = s.unit_id and coalesce(w.for_year, extract(year from w.awarded_on)) = ${year}
        group by o.owner_id, w.kind, w.collective, w.issuer_id, w.issuer_name, w.provenance
     ) ranked where n <= ${AWARD_GROUPS} order by unit_id, n`,
  );
  return byUnit(rows);
}
