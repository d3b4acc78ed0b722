import { readFileSync } from 'node:fs';

import type { GraphQLObjectType } from 'graphql';

import { graphqlSchema, schemaSdl } from '../src/graphql/schema';
import { SCHEMA_FILE } from '../src/graphql/write-schema';

describe('schema/schema.graphql', () => {
  it('is what the code generates (run `npm run schema:write -w @cdvn/api` after changing the schema)', async () => {
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    expect(committed).toBe(await schemaSdl());
  });

  it('keeps the names external tools rely on', async () => {
    const schema = await graphqlSchema();
    const orgUnit = schema.getType('OrgUnit') as GraphQLObjectType;
    const fields = orgUnit.getFields();
    expect(Object.keys(fields)).toEqual(
      expect.arrayContaining([
        'id',
        'code',
        'name',
        'kind',
        'validFrom',
        'validTo',
        'parent',
        'ancestors',
        'children',
        'descendants',
        'successors',
        'predecessors',
      ]),
    );
    for (const relation of ['ancestors', 'children', 'descendants']) {
      expect(fields[relation].args.map((arg) => arg.name).sort()).toEqual([
        'after',
        'asOf',
        'first',
        'kind',
        'search',
      ]);
      expect(String(fields[relation].type)).toBe('OrgUnitConnection!');
    }
    const query = schema.getQueryType()!.getFields();
    expect(query.orgUnit.args.map((arg) => `${arg.name}: ${String(arg.type)}`).sort()).toEqual([
      'asOf: Date',
      'code: String!',
    ]);
  });
});
