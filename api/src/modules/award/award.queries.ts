import type { EntityManager } from '@mikro-orm/postgresql';

import type { KeysetQuery } from '../../shared/keyset-pages';
import type { Cursor } from '../../shared/pagination';
import { yearSubtreeSql } from '../statistics/statistics.queries';
import { runSql, sql } from '../../shared/sql';

export interface AwardRow {
  id: number;
  kind: string;
  issuer_id: number | null;
  issuer_name: string | null;
  unit_id: number;
  collective: boolean;
  recipient_name: string | null;
  awarded_on: string;
  for_year: number | null;
  reason: string | null;
  provenance: string;
}

export interface AwardListKey {
  ownerId: number;
  year: number;
  collective: boolean | null;
  first: number;
  after: Cursor | null;
}

/** Awards counted in a unit's rollup for a year (by the year they honour), latest first. */
export function awardsOfSubtree({ year, collective, first, after }: AwardListKey): KeysetQuery {
  const subtree = yearSubtreeSql(year);
  return {
    name: 'award.ofSubtree',
    candidates: sql`select w.id, w.kind, w.issuer_id, w.issuer_name, w.unit_id, w.collective, w.recipient_name, w.awarded_on,
                            w.for_year, w.reason, w.provenance, w.awarded_on::text as sort_key
                       from (${subtree}) s
                       join award w on w.unit_id = s.unit_id and coalesce(w.for_year, extract(year from w.awarded_on)) = ${year}`,
    filter: collective === null ? null : sql`c.collective = ${collective}`,
    first,
    after,
    descending: true,
  };
}

/** Which levels of the tree may grant each kind of award (the issuer rule table). */
export function issuerKindRows(
  em: EntityManager,
): Promise<Array<{ award_kind: string; issuer_kind: string }>> {
  return runSql(
    em,
    'award.issuerKinds',
    sql`select award_kind, issuer_kind from award_kind_issuer order by issuer_kind`,
  );
}
