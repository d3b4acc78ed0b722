import { unitsUnder } from '../src/modules/org-unit/org-unit.queries';
import { runSql, sql } from '../src/shared/sql';
import { openTestDatabase, type TestDatabase } from './support/database';

/**
 * unitsUnder reads a subtree as a range of the paths in their order instead of by path containment (`<@`):
 * on the demo data's both trees, on every day a path begins and the day before, every unit's subtree is
 * the same both ways (ids such as 1, 12 and 123, whose labels start alike, are among them).
 */
describe('a subtree read as a range of the paths in order', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await openTestDatabase('demo');
  });
  afterAll(() => db.close());

  it('holds the units that path containment finds, for every unit on every day the tree changed', async () => {
    const em = db.orm.em.fork();
    const days = await runSql<{ day: string }>(
      em,
      'test.days',
      sql`select distinct d::text as day
            from org_unit_path p, unnest(array[lower(p.period), lower(p.period) - 1]) d
           where d is not null order by 1`,
    );
    expect(days.length).toBeGreaterThan(2);
    let compared = 0;
    for (const { day } of days) {
      const rows = await runSql<{ unit_id: number; ranged: number[]; contained: number[] }>(
        em,
        'test.subtrees',
        sql`select r.unit_id,
                   array(select x.unit_id from (${unitsUnder(sql`r.unit_id`, day)}) x order by 1) as ranged,
                   array(select g.unit_id from org_unit_path top
                           join org_unit_path g on g.path <@ top.path and g.period @> ${day}::date
                          where top.unit_id = r.unit_id and top.period @> ${day}::date order by 1) as contained
              from org_unit_path r where r.period @> ${day}::date`,
      );
      const differing = rows.filter((row) => row.ranged.join() !== row.contained.join());
      expect({ day, differing }).toEqual({ day, differing: [] });
      compared += rows.length;
    }
    // Not a comparison of empty sets: the national federation's subtree on the last day of 2022.
    const [national] = await runSql<{ units: number }>(
      em,
      'test.national',
      sql`select count(*)::integer as units from (${unitsUnder(
        sql`(select id from org_unit where code = 'VN')`,
        '2022-12-31',
      )}) x`,
    );
    expect(national.units).toBeGreaterThan(100);
    expect(compared).toBeGreaterThan(1_000);
  });
});
