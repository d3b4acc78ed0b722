import type { EntityManager } from '@mikro-orm/postgresql';

import type { KeysetQuery } from '../../shared/keyset-pages';
import type { Cursor } from '../../shared/pagination';
import { yearSubtreeSql } from '../statistics/statistics.queries';
import { runPrepared, sql } from '../../shared/sql';

export interface ActivityRow {
  id: number;
  unit_id: number;
  kind: string;
  occurred_on: string;
  quantity: number;
  quantity_qualifier: string | null;
  amount: string;
  amount_qualifier: string | null;
  programme_code: string | null;
  programme_name: string | null;
  programme_phase: number | null;
  note: string | null;
  provenance: string;
}

/** An activity to write: its row's columns. */
export interface ActivityInsert {
  unitId: number;
  kind: string;
  occurredOn: string;
  quantity: number;
  amount: bigint;
  programmeId: number | null;
  programmePhase: number | null;
  note: string | null;
  quantityQualifier: string | null;
  amountQualifier: string | null;
  provenance: string;
}

/**
 * Writes activities in one statement and returns their ids in the order given (an insert from unnest
 * writes and returns its rows in the order unnest yields them). Recording one activity through the ORM's
 * unit of work cost the API ~1 ms of its ~5: an entity, a change set, an insert built for it.
 */
export async function insertActivities(em: EntityManager, rows: ActivityInsert[]): Promise<number[]> {
  const column = <K extends keyof ActivityInsert>(key: K) => rows.map((row) => row[key]);
  const inserted = await runPrepared<{ id: string }>(
    em,
    'activity.insert',
    sql`insert into activity (unit_id, kind, occurred_on, quantity, amount, programme_id, programme_phase, note,
                              quantity_qualifier, amount_qualifier, provenance)
        select * from unnest(${column('unitId')}::integer[], ${column('kind')}::text[],
                             ${column('occurredOn')}::date[], ${column('quantity')}::integer[],
                             ${rows.map((row) => row.amount.toString())}::bigint[], ${column('programmeId')}::integer[],
                             ${column('programmePhase')}::smallint[], ${column('note')}::text[],
                             ${column('quantityQualifier')}::text[], ${column('amountQualifier')}::text[],
                             ${column('provenance')}::text[])
        returning id`,
  );
  return inserted.map((row) => Number(row.id));
}

export interface ActivityListKey {
  ownerId: number;
  year: number;
  kind: string | null;
  first: number;
  after: Cursor | null;
}

/** Activities of a year in the subtree of that year, latest first: the same units the rollup counts. */
export function activitiesOfSubtree({ year, kind, first, after }: ActivityListKey): KeysetQuery {
  const subtree = yearSubtreeSql(year);
  return {
    name: 'activity.ofSubtree',
    candidates: sql`select a.id, a.unit_id, a.kind, a.occurred_on, a.quantity, a.quantity_qualifier, a.amount::text as amount,
                            a.amount_qualifier, a.programme_id, a.programme_phase, a.note, a.provenance,
                            a.occurred_on::text as sort_key
                       from (${subtree}) s
                       join activity a on a.unit_id = s.unit_id and a.occurred_on between ${`${year}-01-01`}::date and ${`${year}-12-31`}::date`,
    // The programmes of the page's activities alone.
    rows: sql`select p.id, p.unit_id, p.kind, p.occurred_on, p.quantity, p.quantity_qualifier, p.amount, p.amount_qualifier,
                     pr.code as programme_code, pr.name as programme_name, p.programme_phase, p.note, p.provenance, p.sort_key
                from p left join programme pr on pr.id = p.programme_id`,
    filter: kind === null ? null : sql`c.kind = ${kind}`,
    first,
    after,
    descending: true,
  };
}
