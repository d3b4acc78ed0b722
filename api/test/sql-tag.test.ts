import { runPrepared, runSql, sql, streamRows, textOf } from '../src/shared/sql';
import { openTestDatabase, type TestDatabase } from './support/database';

describe('the sql tag', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase('empty');
  });
  afterAll(async () => {
    await db.close();
  });

  it('binds each value where it is written, fragments nested with their own values in order', () => {
    const inner = sql`b = ${2} and c = ${'three'}`;
    const statement = sql`select ${1} as a where ${inner} and d = ${4}`;
    expect(statement.text).toBe('select ? as a where b = ? and c = ? and d = ?');
    expect(statement.values).toEqual([1, 2, 'three', 4]);
    expect(sql.join([sql`${1}`, sql`x`, sql`${2}`], sql` or `).text).toBe('? or x or ?');
    expect(sql.join([]).text).toBe('');
    // An argument left out binds as NULL, planned or prepared alike.
    expect(sql`where code = ${undefined}`.values).toEqual([null]);
  });

  it('quotes the names the code chose, and takes no values where a command takes none', () => {
    expect(sql.identifier('s', 'members').text).toBe('"s"."members"');
    expect(sql.identifier('x"; drop table member; --').text).toBe('"x""; drop table member; --"');
    expect(() => textOf(sql`listen ${'channel'}`)).toThrow(/no bound values/);
    expect(textOf(sql`alter role r login password ${sql.literal("it's")}`)).toBe(
      "alter role r login password 'it''s'",
    );
  });

  it('sends values that PostgreSQL reads back unchanged, arrays as one array, planned or prepared', async () => {
    const awkward = ['a"b', 'c,d', "e'f", 'g\\h', '{i}', 'NULL', ''];
    for (const run of [runSql, runPrepared]) {
      const em = db.orm.em.fork();
      const [row] = await run<{ texts: string[]; ids: number[]; one: string; none: null }>(
        em,
        'test.sqlTag',
        sql`select ${awkward}::text[] as texts, ${[3, 1, 2]}::integer[] as ids,
                   ${"x' or '1'='1"}::text as one, ${null}::text as none`,
      );
      expect(row).toEqual({ texts: awkward, ids: [3, 1, 2], one: "x' or '1'='1", none: null });
    }
  });

  it('prepares each text under one name apart (a list with and without its optional conditions)', async () => {
    // One connection: a transaction's.
    await db.orm.em.fork().transactional(async (em) => {
      const shapes = [
        sql`select x from generate_series(1, ${5}) x order by x`,
        sql`select x from generate_series(1, ${5}) x where x > ${2} order by x`,
        sql`select x from generate_series(1, ${5}) x order by x`,
      ];
      const answers = [];
      for (const shape of shapes) {
        answers.push((await runPrepared<{ x: number }>(em, 'test.shapes', shape)).map((row) => row.x));
      }
      expect(answers).toEqual([
        [1, 2, 3, 4, 5],
        [3, 4, 5],
        [1, 2, 3, 4, 5],
      ]);
    });
  });

  it('streams rows through a cursor batch by batch, and closes the cursor when the reader stops early', async () => {
    await db.orm.em.fork().transactional(async (em) => {
      const series = (upTo: number) => sql`select x from generate_series(1, ${upTo}) x order by x`;
      const all: number[] = [];
      for await (const row of streamRows<{ x: number }>(em, 'test.stream', series(25), 10)) {
        all.push(row.x);
      }
      expect(all).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
      // Exactly a batch's multiple: the last fetch comes back empty.
      let counted = 0;
      for await (const _ of streamRows(em, 'test.stream', series(20), 10)) {
        counted += 1;
      }
      expect(counted).toBe(20);

      const open = async () =>
        (
          await runSql<{ n: number }>(
            em,
            'test.cursors',
            sql`select count(*)::integer as n from pg_cursors where name like 'rows_%'`,
          )
        )[0].n;
      const rows = streamRows<{ x: number }>(em, 'test.stream', series(1000), 10);
      expect((await rows.next()).value).toEqual({ x: 1 });
      expect(await open()).toBe(1);
      await rows.return(undefined);
      expect(await open()).toBe(0);
    });
    await expect(
      (async () => {
        for await (const _ of streamRows(db.orm.em.fork(), 'test.stream', sql`select 1`)) {
          // never reached: a cursor needs a transaction
        }
      })(),
    ).rejects.toThrow(/in a transaction/);
  });
});
