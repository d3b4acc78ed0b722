import { ACTIVITY_METRIC_SOURCES } from '@cdvn/domain';

import { provinceMergers, provincesBefore2025 } from './provinces';

/**
 * The national dataset for benchmarks, as SQL run by `npm run seed:national` (bench/src/seed-national.ts):
 * the 63 provincial federations before 1 July 2025 and the 34 after it (from provinces-2025.tsv), 18
 * intermediate unions under each (a public-servant union, 11 district federations, 6 sectoral unions:
 * 1,134 in all) and 693 commune unions from 1 July 2025, about 127,000 grassroots unions, about 11.8
 * million members (sizes log-normal: median about 54, a long tail to 8,000, mean about 98 with former members), five years of
 * activities (about 5 million), awards, ratings and targets.
 *
 * The 2025 restructuring is applied: the 29 merged federations close on 30 June 2025 and their units move
 * to the continuing one; district federations close and their grassroots unions move to the commune
 * union that succeeds each; public-servant unions close, 70% of their grassroots unions close with them
 * (members leave, UNIT_CLOSED) and the others move to the province.
 *
 * Deterministic: every "random" choice is a hash of the row's numbers (`hashint8`), so a scale gives the
 * same dataset every time. Figures are synthetic; nothing here comes from the source documents.
 */
export interface NationalOptions {
  /** 1 for the full dataset; 0.01 for 1,270 grassroots unions and ~118,000 members. */
  scale: number;
  /** The last day records may carry (today). */
  today: string;
}

export const NATIONAL_PROVENANCE = 'synthetic: national benchmark dataset (seeds/src/national.ts)';
const P = `'${NATIONAL_PROVENANCE}'`;

export const GRASSROOTS = 127_000;
const DISTRICTS = 11;
const SECTORS = 6;
/** Slots of a province's grassroots unions: 0 the public-servant union, then districts, then sectors. */
export const SLOTS = 1 + DISTRICTS + SECTORS;

/** A uniform number in [0, 1) from a hash of the expression. */
export const uniform = (expression: string) =>
  `((hashint8(${expression})::bigint & 2147483647) / 2147483648.0)`;

export function sqlText(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** The provinces before 2025, each with the federation that continues it from 1 July 2025. */
function provinceRows(): string {
  const successor = new Map<string, string>();
  for (const merger of provinceMergers()) {
    successor.set(merger.continuingCode, merger.continuingCode);
    for (const code of merger.closingCodes) {
      successor.set(code, merger.continuingCode);
    }
  }
  return provincesBefore2025()
    .map(
      (p, i) =>
        `(${i + 1}, ${sqlText(p.code)}, ${sqlText(p.federationName)}, ${sqlText(successor.get(p.code) ?? p.code)})`,
    )
    .join(',\n  ');
}

/**
 * One statement of the records, as the statements that run it: the large ones (members, memberships,
 * activities: millions of rows) in ranges of grassroots unions, so that the runner can show rows done,
 * rate and time left; `label` names what it writes.
 */
export interface RecordStep {
  label: string;
  statements: string[];
  /** Its statements write disjoint ranges of grassroots unions: the runner may run them side by side. */
  ranged: boolean;
}

/** Ranges of grassroots unions a large statement is cut into. */
const RANGES = 40;

/** A statement with `$1 and $2` (a range of grassroots unions) cut into RANGES statements; others whole. */
export function recordStep(text: string, grassroots: number): RecordStep {
  const label =
    /^\s*(?:insert into|create table|update|alter table|select)\s+(\w+)?/i.exec(text)?.[0].trim() ?? text;
  if (!text.includes('$1 and $2')) {
    return { label, statements: [text], ranged: false };
  }
  const width = Math.ceil(grassroots / RANGES);
  return {
    label,
    ranged: true,
    statements: Array.from({ length: Math.ceil(grassroots / width) }, (_, i) =>
      text.replace('$1 and $2', `${i * width + 1} and ${(i + 1) * width}`),
    ),
  };
}

/** The statements, in order; each is run on its own (the records with triggers off, see the runner). */
/** The own totals of every unit's activities, set-based, summed as the domain's metric sources say. */
function activityOwnTotals(): string {
  const columns = ACTIVITY_METRIC_SOURCES.map((source) => source.column);
  const sums = ACTIVITY_METRIC_SOURCES.map(
    (source) => `coalesce(sum(${source.figure}) filter (where kind = ${sqlText(source.kind)}), 0)`,
  );
  return `insert into stat_own as o (unit_id, year, ${columns.join(', ')})
       select unit_id, extract(year from occurred_on)::smallint, ${sums.join(', ')}
         from activity group by 1, 2
       on conflict (unit_id, year) do update set
         ${columns.map((column) => `${column} = o.${column} + excluded.${column}`).join(', ')}`;
}

export function nationalDatasetSql({ scale, today }: NationalOptions): {
  tree: string[];
  records: RecordStep[];
  stats: string[];
} {
  const grassroots = Math.max(SLOTS * 63, Math.round(GRASSROOTS * scale));
  const tree = [
    `create table nat_province (n int primary key, code text not null, name text not null, successor text not null)`,
    `insert into nat_province values\n  ${provinceRows()}`,
    `insert into org_unit (code, name, kind, valid_from, provenance)
       values ('VN', 'Tổng Liên đoàn Lao động Việt Nam', 'NATIONAL_FEDERATION', '1929-07-28', ${P})`,
    `insert into org_unit (code, name, kind, valid_from, valid_to, provenance)
       select code, name, 'PROVINCIAL_FEDERATION', '1976-01-01', case when successor <> code then date '2025-06-30' end, ${P}
         from nat_province order by n`,
    // Intermediate unions before 2025 (slot 0: public-servant; 1..11 districts; 12..17 sectors), communes after.
    `create table nat_intermediate as
       select p.n as province, s as slot, p.code || case when s = 0 then '-CDVC' when s <= ${DISTRICTS} then '-H' || s else '-N' || (s - ${DISTRICTS}) end as code,
              case when s = 0 then 'Công đoàn Viên chức ' || substr(p.name, 20)
                   when s <= ${DISTRICTS} then 'Liên đoàn Lao động huyện số ' || s || ', ' || substr(p.name, 20)
                   else 'Công đoàn ngành số ' || (s - ${DISTRICTS}) || ', ' || substr(p.name, 20) end as name,
              case when s = 0 then 'PUBLIC_SERVANT_UNION' when s <= ${DISTRICTS} then 'DISTRICT_FEDERATION' else 'SECTORAL_UNION' end as kind,
              p.code as parent, p.successor
         from nat_province p cross join generate_series(0, ${SLOTS - 1}) s`,
    `insert into org_unit (code, name, kind, valid_from, valid_to, provenance)
       select code, name, kind, '1990-01-01', case when kind = 'SECTORAL_UNION' then null else date '2025-06-30' end, ${P}
         from nat_intermediate order by province, slot`,
    `insert into org_unit (code, name, kind, valid_from, provenance)
       select parent || '-X' || slot, 'Công đoàn xã số ' || slot || ', ' || substr(name, position(', ' in name) + 2), 'COMMUNE_UNION', '2025-07-01', ${P}
         from nat_intermediate where kind = 'DISTRICT_FEDERATION' order by province, slot`,
    // Grassroots unions: a province and a slot each, founded 1995-2024; public-servant ones mostly close.
    `create table nat_grassroots as
       select g, 1 + g % 63 as province, (g / 63) % ${SLOTS} as slot,
              (date '1995-01-01' + (${uniform('g * 3')} * 10950)::int) as valid_from,
              ${uniform('g * 5')} < 0.7 as closes
         from generate_series(1, ${grassroots}) g`,
    `insert into org_unit (code, name, kind, valid_from, valid_to, provenance)
       select 'G' || g, 'Công đoàn cơ sở ' || (array['Công ty', 'Trường', 'Bệnh viện', 'Hợp tác xã', 'Sở', 'Nhà máy'])[1 + g % 6] || ' số ' || g,
              'GRASSROOTS_UNION', valid_from, case when slot = 0 and closes then date '2025-06-30' end, ${P}
         from nat_grassroots order by g`,
    // Links with their periods; the hierarchy's triggers derive the paths.
    `insert into org_unit_parent (unit_id, parent_id, valid_from, valid_to, provenance)
       select u.id, vn.id, u.valid_from, u.valid_to, ${P}
         from org_unit u, org_unit vn where u.kind = 'PROVINCIAL_FEDERATION' and vn.code = 'VN'
       union all
       select u.id, p.id, u.valid_from, case when i.kind <> 'SECTORAL_UNION' or i.successor <> i.parent then date '2025-06-30' end, ${P}
         from nat_intermediate i join org_unit u on u.code = i.code join org_unit p on p.code = i.parent
       union all
       select u.id, s.id, '2025-07-01', null, ${P}
         from nat_intermediate i join org_unit u on u.code = i.code join org_unit s on s.code = i.successor
        where i.kind = 'SECTORAL_UNION' and i.successor <> i.parent
       union all
       select u.id, s.id, '2025-07-01', null, ${P}
         from nat_intermediate i join org_unit u on u.code = i.parent || '-X' || i.slot join org_unit s on s.code = i.successor
        where i.kind = 'DISTRICT_FEDERATION'`,
    `insert into org_unit_parent (unit_id, parent_id, valid_from, valid_to, provenance)
       select u.id, parent.id, g.valid_from, case when g.slot <= ${DISTRICTS} then date '2025-06-30' end, ${P}
         from nat_grassroots g join nat_intermediate i on i.province = g.province and i.slot = g.slot
         join org_unit u on u.code = 'G' || g.g join org_unit parent on parent.code = i.code
       union all
       select u.id, after.id, '2025-07-01', null, ${P}
         from nat_grassroots g join nat_intermediate i on i.province = g.province and i.slot = g.slot
         join org_unit u on u.code = 'G' || g.g
         join org_unit after on after.code = case when g.slot = 0 then i.successor else i.parent || '-X' || i.slot end
        where g.slot <= ${DISTRICTS} and not (g.slot = 0 and g.closes)`,
    `insert into org_unit_succession (predecessor_id, successor_id, effective_date, provenance)
       select a.id, b.id, date '2025-07-01', ${P} from nat_province p join org_unit a on a.code = p.code join org_unit b on b.code = p.successor
        where p.successor <> p.code
       union all
       select a.id, b.id, date '2025-07-01', ${P} from nat_intermediate i join org_unit a on a.code = i.code join org_unit b on b.code = i.parent || '-X' || i.slot
        where i.kind = 'DISTRICT_FEDERATION'`,
  ];

  const recordStatements = [
    // Sizes: log-normal, median 50 (Box-Muller on two hashes), 3 to 8,000; the first member id of each union.
    `create table nat_size as
       select g.g, u.id as unit_id, g.valid_from, u.valid_to,
              least(8000, greatest(3, round(exp(ln(54) + 1.1 * sqrt(-2 * ln(1 - ${uniform('g.g * 7')})) * cos(2 * pi() * ${uniform('g.g * 11')})))))::int as size
         from nat_grassroots g join org_unit u on u.code = 'G' || g.g`,
    `alter table nat_size add column first_member bigint`,
    `update nat_size s set first_member = f.first from (select g, 1 + coalesce(sum(size) over (order by g rows between unbounded preceding and 1 preceding), 0) as first from nat_size) f where f.g = s.g`,
    `insert into member (id, full_name, gender, birth_date, national_id, provenance, holder_unit_id)
       overriding system value
       select s.first_member + i - 1,
              (array['Nguyễn','Nguyễn','Nguyễn','Trần','Lê','Phạm','Hoàng','Huỳnh','Phan','Vũ','Võ','Đặng','Bùi','Đỗ','Hồ','Ngô','Dương','Lý'])[1 + (hashint8(s.first_member + i) & 1023) % 18]
              || ' ' || case when (s.first_member + i) % 2 = 0 then 'Thị' else (array['Văn','Hữu','Đức','Minh','Quang','Xuân','Thanh','Ngọc'])[1 + (hashint8(s.first_member + i + 1) & 1023) % 8] end
              || ' ' || (array['An','Bình','Cường','Dũng','Giang','Hà','Hải','Hạnh','Hoa','Hùng','Hương','Khánh','Lan','Linh','Long','Mai','Minh','Nam','Nga','Ngọc','Phương','Quân','Sơn','Tâm','Thảo','Thủy','Trang','Tuấn','Tuyết','Vân','Việt','Yến'])[1 + (hashint8(s.first_member + i + 2) & 1023) % 32],
              case when (s.first_member + i) % 2 = 0 then 'FEMALE' else 'MALE' end,
              date '1962-01-01' + ((hashint8(s.first_member + i + 3) & 1048575) % 15000)::int,
              lpad((s.first_member + i - 1)::text, 12, '0'),
              ${P},
              s.unit_id
         from nat_size s cross join generate_series(1, s.size) i
        where s.g between $1 and $2`,
    `select setval(pg_get_serial_sequence('member', 'id'), (select max(id) from member))`,
    // Joined between the union's founding and 30 June 2025; 4% left earlier; a closing union's members leave with it.
    // Triggers are off: the member's search name and gender are copied here, as membership_from_member would.
    `insert into membership (member_id, unit_id, joined_on, left_on, leave_reason, admission, search_name, female)
       select m, unit_id, joined, left_on, case when left_on is null then null when left_on = valid_to then 'UNIT_CLOSED' else 'Nghỉ việc' end, true,
              n.search_name, n.gender = 'FEMALE'
         from (select s.first_member + i - 1 as m, s.unit_id, s.valid_to, j.joined,
                      case when (hashint8(s.first_member + i + 5) & 1023) < 41 and j.joined < date '2025-06-01'
                           then least(coalesce(s.valid_to, date '2025-06-30'), j.joined + 30 + ((hashint8(s.first_member + i + 6) & 4095) % 3000)::int)
                           else s.valid_to end as left_on
                 from nat_size s cross join generate_series(1, s.size) i
                 cross join lateral (select greatest(s.valid_from, least(date '2025-06-30', date '2000-01-01' + ((hashint8(s.first_member + i + 4) & 16383) % 9300)::int)) as joined) j
                where s.g between $1 and $2) x
         join member n on n.id = x.m`,
    // The name dictionary membership_name_suffixes would keep.
    `insert into member_name_suffix (suffix, search_name)
       select distinct s, n.search_name from (select distinct search_name from membership) n, name_suffixes(n.search_name) s`,
    // Five years of activities, eight or nine a union a year, within the union's life and not after today.
    `insert into activity (unit_id, kind, occurred_on, quantity, amount, note, provenance)
       select s.unit_id, k.kind, d.day, k.quantity, k.amount, null, ${P}
         from nat_size s cross join generate_series(2021, 2025) y cross join generate_series(1, 9) n
         cross join lateral (select make_date(y, 1, 1) + ((hashint8(s.g * 100 + y * 10 + n) & 1023) % 365)::int as day) d
         cross join lateral (select (array['SUPPORT','SUPPORT','WELFARE','GIFT','INITIATIVE','CHARITY','PARTY_REFERRAL','SUPPORT','UNION_HOME'])[n] as kind,
                                    1 + ((hashint8(s.g * 7 + y * 3 + n) & 1023) % (case when n = 9 then 1 else 20 end)) as quantity,
                                    case when n in (5, 7) then 0 else (1 + (hashint8(s.g * 13 + y + n) & 1023) % 40) * 500000 end as amount) k
        where d.day >= s.valid_from and d.day <= least(coalesce(s.valid_to, date ${sqlText(today)}), date ${sqlText(today)})
          and (n < 9 or (hashint8(s.g + y) & 15) = 0) and s.g between $1 and $2`,
    // Letters of commendation from each union, 2021-2024, for four in ten unions a year.
    `insert into award (kind, issuer_id, issuer_kind, unit_id, collective, recipient_name, awarded_on, provenance)
       select 'LETTER_OF_COMMENDATION', s.unit_id, 'GRASSROOTS_UNION', s.unit_id, (hashint8(s.g * 17 + y) & 1) = 0,
              case when (hashint8(s.g * 17 + y) & 1) = 1 then 'Đoàn viên ' || s.first_member end, make_date(y, 12, 15), ${P}
         from nat_size s cross join generate_series(2021, 2024) y
        where (hashint8(s.g * 19 + y) & 1023) < 410 and make_date(y, 12, 15) >= s.valid_from`,
    `insert into unit_rating (unit_id, year, rating, provenance)
       select s.unit_id, y, case when r < 0.2 then 'EXCELLENT' when r < 0.8 then 'GOOD' when r < 0.97 then 'COMPLETED' else 'NOT_COMPLETED' end, ${P}
         from nat_size s cross join generate_series(2021, 2024) y cross join lateral (select ${uniform('s.g * 23 + y')} as r) x
        where make_date(y, 12, 31) >= s.valid_from`,
    `insert into target (unit_id, year, metric, value, set_by_id, provenance)
       select u.id, y, m, case when m = 'newMembers' then 2000 + (hashint8(u.id + y) & 4095) else 500 + (hashint8(u.id * 3 + y) & 2047) end,
              (select id from org_unit where code = 'VN'), ${P}
         from org_unit u cross join generate_series(2021, 2025) y cross join unnest(array['newMembers', 'initiatives']) m
        where u.kind = 'PROVINCIAL_FEDERATION' and u.validity @> make_date(y, 1, 1)`,
  ];

  const records = recordStatements.map((text) => recordStep(text, grassroots));

  // The own totals the records' triggers would have kept, written set-based, then every rollup recounted.
  const stats = [
    `insert into stat_own as o (unit_id, year, members_net, new_members, women_net)
       select unit_id, year, sum(net), sum(admitted), sum(women) from (
         select unit_id, extract(year from joined_on)::smallint as year, 1 as net, case when admission then 1 else 0 end as admitted,
                case when female then 1 else 0 end as women from membership
         union all
         select unit_id, extract(year from left_on + 1)::smallint, -1, 0, case when female then -1 else 0 end from membership where left_on is not null
       ) c group by 1, 2
       on conflict (unit_id, year) do update set members_net = o.members_net + excluded.members_net, new_members = o.new_members + excluded.new_members,
         women_net = o.women_net + excluded.women_net`,
    activityOwnTotals(),
    `insert into stat_own as o (unit_id, year, awards_collective, awards_individual)
       select unit_id, coalesce(for_year, extract(year from awarded_on))::smallint, count(*) filter (where collective), count(*) filter (where not collective)
         from award group by 1, 2
       on conflict (unit_id, year) do update set awards_collective = o.awards_collective + excluded.awards_collective,
         awards_individual = o.awards_individual + excluded.awards_individual`,
    `drop table nat_size, nat_grassroots, nat_intermediate, nat_province`,
  ];
  return { tree, records, stats };
}
