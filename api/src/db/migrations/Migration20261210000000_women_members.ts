import { Migration } from '@mikro-orm/migrations';

/**
 * Women members, a stock of the metric catalogue (issue 20: the share of women members). A membership
 * carries its member's gender (`female`, kept by sql/members.sql when the membership is written and when
 * the member's gender is corrected), so that its rollup rows need no member row: a member deleted with
 * their memberships still takes their figures away. The own totals gain `women_net`; the rollups are
 * emptied so that the next start recounts every year with the current definitions (stat_materialise).
 */
export class Migration20261210000000WomenMembers extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
alter table stat_own add column women_net integer not null default 0;
alter table stat_delta add column women_net integer not null default 0;
alter table stat_rollup add column women_net integer not null default 0;
alter table membership add column female boolean not null default false;

-- A copy of what is already recorded: no audit rows, no rollup deltas, no report locks.
alter table membership disable trigger user;
update membership ms set female = true from member m where m.id = ms.member_id and m.gender = 'FEMALE';
alter table membership enable trigger user;

insert into stat_own as o (unit_id, year, women_net)
select unit_id, year, sum(net) from (
  select unit_id, cast(extract(year from joined_on) as smallint) as year, 1 as net from membership where female
  union all
  select unit_id, cast(extract(year from left_on + 1) as smallint), -1 from membership where female and left_on is not null
) c group by 1, 2
on conflict (unit_id, year) do update set women_net = o.women_net + excluded.women_net;

truncate stat_rollup, stat_rollup_year;
`);
  }
}
