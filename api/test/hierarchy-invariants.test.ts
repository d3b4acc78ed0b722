import { Scope } from '../src/auth/scope';
import type { GraphQLError } from 'graphql';

import { OrgUnit } from '../src/modules/org-unit/org-unit.entity';
import { closeUnit, createUnits, moveUnit } from '../src/modules/org-unit/org-unit.service';
import { tree } from './support/builders';
import { openTestDatabase, type TestDatabase } from './support/database';

/** Each invariant is enforced by the database itself; the services turn violations into BAD_USER_INPUT. */
describe('the database refuses a broken tree', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await openTestDatabase('empty');
    await tree()
      .national()
      .province('A')
      .province('B')
      .union('A-CDVC', 'A')
      .grassroots('A-G1', 'A-CDVC')
      .build(db.orm.em);
  });
  afterAll(() => db.close());

  const em = () => db.orm.em.fork();
  const unit = (
    code: string,
    kind: OrgUnit['kind'],
    parentCode: string | null,
    validFrom = '2000-01-01',
  ) => ({
    code,
    name: `Unit ${code}`,
    kind,
    parentCode,
    validFrom,
    provenance: 'assumption: test',
  });

  async function refusal(work: Promise<unknown>): Promise<{ code: unknown; message: string }> {
    const error = (await work.then(
      () => {
        throw new Error('expected a refusal');
      },
      (e: unknown) => e,
    )) as GraphQLError;
    return { code: error.extensions?.code, message: error.message };
  }

  /** Raw SQL bypasses the services: the database alone must refuse. */
  async function rawRefusal(sql: string): Promise<string> {
    const client = em().getConnection();
    const error = await client.execute(`begin; ${sql}; commit;`).then(
      () => null,
      (e: { constraint?: string; message: string }) => e,
    );
    await client.execute('rollback').catch(() => undefined);
    return error ? (error.constraint ?? error.message) : 'accepted';
  }

  it('defers checks to commit on units and their links only, which records-only writes skip', async () => {
    // inTransaction runs the deferred checks before answering, except in inRecordTransaction (activities,
    // awards, targets, members): a deferred check on another table would need them there too.
    const deferred = await db.orm.em
      .fork()
      .getConnection()
      .execute<Array<{ table: string }>>(
        `select distinct c.relname as table from pg_trigger t join pg_class c on c.oid = t.tgrelid
          where t.tgdeferrable and c.relnamespace = 'public'::regnamespace order by 1`,
      );
    expect(deferred.map((row) => row.table)).toEqual(['org_unit', 'org_unit_parent']);
  });

  it('refuses a second unit with the same code', async () => {
    expect(
      await refusal(createUnits(em(), Scope.SYSTEM, [unit('A', 'PROVINCIAL_FEDERATION', 'VN')])),
    ).toEqual({
      code: 'BAD_USER_INPUT',
      message: expect.stringContaining('This value is already in use: choose another.'),
    });
    expect(
      await rawRefusal(
        `insert into org_unit (code, name, kind, valid_from, provenance) values ('A', 'x', 'SECTORAL_UNION', '2001-01-01', 't')`,
      ),
    ).toBe('org_unit_code_unique');
  });

  it('refuses a second national federation', async () => {
    expect(
      await refusal(createUnits(em(), Scope.SYSTEM, [unit('VN2', 'NATIONAL_FEDERATION', null)])),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringContaining('only one'),
    });
  });

  it('refuses parent and child kinds that the rule table does not allow', async () => {
    expect(
      await refusal(createUnits(em(), Scope.SYSTEM, [unit('X-G', 'GRASSROOTS_UNION', 'A-G1')])),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: expect.stringContaining('cannot be placed under'),
    });
    expect(
      await refusal(createUnits(em(), Scope.SYSTEM, [unit('X-P', 'PROVINCIAL_FEDERATION', 'A')])),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(
      await rawRefusal(`insert into org_unit_parent (unit_id, parent_id, valid_from, valid_to, provenance)
      select c.id, p.id, '1990-01-01', '1999-12-31', 't' from org_unit c, org_unit p where c.code = 'B' and p.code = 'A'`),
    ).toBe('org_unit_parent_kind_allowed');
  });

  it('refuses two parents at the same time', async () => {
    expect(
      await rawRefusal(`insert into org_unit_parent (unit_id, parent_id, valid_from, provenance)
      select c.id, p.id, '2010-01-01', 't' from org_unit c, org_unit p where c.code = 'A-CDVC' and p.code = 'B'`),
    ).toBe('org_unit_parent_one_at_a_time');
  });

  it('refuses a unit with no parent for part of its life', async () => {
    expect(
      await rawRefusal(
        `insert into org_unit (code, name, kind, valid_from, provenance) values ('ORPHAN', 'x', 'PROVINCIAL_FEDERATION', '2001-01-01', 't')`,
      ),
    ).toBe('org_unit_parent_covers_validity');
  });

  it('refuses a child that starts before its parent exists', async () => {
    expect(
      await refusal(
        createUnits(em(), Scope.SYSTEM, [unit('EARLY', 'PROVINCIAL_FEDERATION', 'VN', '1990-01-01')]),
      ),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(
      await rawRefusal(`update org_unit set valid_from = '1999-01-01' where code = 'A-G1';
      update org_unit_parent set valid_from = '1999-01-01' where unit_id = (select id from org_unit where code = 'A-G1')`),
    ).toBe('org_unit_reachable_from_root');
  });

  it('refuses a cycle, even where the kinds would allow one', async () => {
    const conn = em().getConnection();
    await conn.execute(`insert into org_unit_kind_rule values ('SECTORAL_UNION', 'SECTORAL_UNION')`);
    try {
      await createUnits(em(), Scope.SYSTEM, [
        unit('S1', 'SECTORAL_UNION', 'VN'),
        unit('S2', 'SECTORAL_UNION', 'S1'),
      ]);
      const result = await refusal(
        moveUnit(em(), Scope.SYSTEM, 'S1', 'S2', '2010-01-01', 'assumption: test'),
      );
      expect(result).toEqual({
        code: 'BAD_USER_INPUT',
        message: expect.stringContaining('under one of its own descendants'),
      });
      // Nothing of the refused move was written.
      const links = await conn.execute(
        `select count(*)::int as n from org_unit_parent l join org_unit u on u.id = l.unit_id where u.code = 'S1'`,
      );
      expect(links[0].n).toBe(1);
    } finally {
      await conn.execute(`begin; delete from org_unit_parent where unit_id in (select id from org_unit where code in ('S1', 'S2'));
        delete from org_unit where code in ('S1', 'S2'); commit`);
      await conn.execute(
        `delete from org_unit_kind_rule where parent_kind = 'SECTORAL_UNION' and child_kind = 'SECTORAL_UNION'`,
      );
    }
  });

  it('refuses to close a unit that still has child units', async () => {
    expect(
      await refusal(
        closeUnit(em(), Scope.SYSTEM, 'A-CDVC', '2020-01-01', { provenance: 'assumption: test' }),
      ),
    ).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'A-CDVC still has 1 child unit(s) on 2020-01-01: move or close them first.',
    });
    expect(
      await rawRefusal(`update org_unit set valid_to = '2019-12-31' where code = 'A-CDVC';
      update org_unit_parent set valid_to = '2019-12-31' where unit_id = (select id from org_unit where code = 'A-CDVC')`),
    ).toBe('org_unit_children_within_validity');
  });

  it('refuses malformed codes, dates and kinds before touching the database', async () => {
    expect(
      await refusal(createUnits(em(), Scope.SYSTEM, [unit('bad code', 'PROVINCIAL_FEDERATION', 'VN')])),
    ).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(
      await refusal(
        createUnits(em(), Scope.SYSTEM, [unit('OK', 'PROVINCIAL_FEDERATION', 'VN', '2020-02-30')]),
      ),
    ).toEqual({
      code: 'BAD_USER_INPUT',
      message: '"2020-02-30" is not a date written YYYY-MM-DD.',
    });
    expect(
      await refusal(createUnits(em(), Scope.SYSTEM, [unit('OK', 'PLANET' as OrgUnit['kind'], 'VN')])),
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(await em().count(OrgUnit, { code: 'OK' })).toBe(0);
  });
});
