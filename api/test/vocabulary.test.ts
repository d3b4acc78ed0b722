import { ACTIVITY_KINDS, ACTIVITY_METRIC_SOURCES, AWARD_KINDS, ORG_UNIT_KINDS } from '@cdvn/domain';

import { awardIssuerPairs, CHECKED_COLUMNS } from '../src/db/vocabulary.sql';
import { METRICS } from '../src/modules/statistics/metrics';
import { openTestDatabase, type TestDatabase } from './support/database';

/** The values of a constraint `col = ANY (ARRAY['a'::text, ...])`, or the pattern of `col ~ '...'`. */
function constrained(definition: string): { values?: string[]; pattern?: string } {
  const array = /ARRAY\[(.*)\]/.exec(definition);
  if (array) {
    return { values: [...array[1].matchAll(/'((?:[^']|'')*)'::text/g)].map((m) => m[1].replace(/''/g, "'")) };
  }
  return { pattern: /~ '((?:[^']|'')*)'::text/.exec(definition)?.[1] };
}

describe('the vocabulary', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase('empty');
  });
  afterAll(async () => {
    await db.close();
  });
  const rows = <T>(text: string) => db.orm.em.fork().execute<T[]>(text);

  it("holds the database's checks to the domain's lists and patterns", async () => {
    const found = await rows<{ name: string; definition: string }>(
      `select conname as name, pg_get_constraintdef(oid) as definition from pg_constraint where contype = 'c'`,
    );
    const definitions = new Map(found.map((row) => [row.name, row.definition]));
    for (const checked of CHECKED_COLUMNS) {
      const definition = definitions.get(checked.constraint);
      expect(definition).toBeDefined();
      expect(constrained(definition!)).toEqual(
        checked.values ? { values: [...checked.values] } : { pattern: checked.pattern },
      );
    }
    expect(constrained(definitions.get('activity_kind')!).values).toEqual([...ACTIVITY_KINDS]);
  });

  it("has the reference tables' rows from the domain: unit kinds, and who may grant each award", async () => {
    const kinds = await rows<{ kind: string }>('select kind from org_unit_kind');
    expect(kinds.map((row) => row.kind).sort()).toEqual([...ORG_UNIT_KINDS].sort());
    const pairs = await rows<{ award_kind: string; issuer_kind: string }>(
      'select award_kind, issuer_kind from award_kind_issuer',
    );
    const key = ([award, issuer]: [string, string]) => `${award} ${issuer}`;
    expect(pairs.map((row) => key([row.award_kind, row.issuer_kind])).sort()).toEqual(
      awardIssuerPairs().map(key).sort(),
    );
    expect(new Set(awardIssuerPairs().map(([award]) => award))).toEqual(new Set(AWARD_KINDS));
  });

  it('sums each metric of activities from the kind and figure the domain names', async () => {
    const [{ definition }] = await rows<{ definition: string }>(
      `select pg_get_functiondef('activity_stat_rows'::regproc) as definition`,
    );
    const summed = [
      ...definition.matchAll(
        /sum\(a\.(quantity|amount)\) filter \(where a\.kind = '([A-Z_]+)'\), 0\) as bigint\) as (\w+)/g,
      ),
    ].map(([, figure, kind, column]) => ({ column, kind, figure }));
    expect(summed).toEqual([...ACTIVITY_METRIC_SOURCES]);
    // Every source is a column of the metric catalogue.
    const columns = new Set(METRICS.map((metric) => metric.column));
    expect(ACTIVITY_METRIC_SOURCES.filter((source) => !columns.has(source.column))).toEqual([]);
  });
});
