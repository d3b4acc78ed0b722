import { DEMO_ACCOUNT_UNITS } from '@cdvn/seeds';

import { ROLES } from '../src/auth/permissions';
import { graphqlSchema } from '../src/graphql/schema';
import { useDatabase } from './support/graphql';
import { expectedScope, rootOperations, unitsIn } from './support/leaks';

/**
 * For every role held at every seeded unit, every query of the schema (generated from it, every field
 * selected two units deep) asked about every seeded unit: no unit outside the viewer's subtrees comes
 * back, except the ancestors of its units by code and name; an answer outside the scope is FORBIDDEN
 * and reads exactly like the answer for a code that does not exist.
 */
describe('no role sees outside its subtree, through any query of the schema', () => {
  const { api, db } = useDatabase('demo');
  const TARGETS = [...DEMO_ACCOUNT_UNITS, 'NO-SUCH-UNIT'];

  it.each(ROLES)(
    'holds for %s at every seeded unit',
    async (role) => {
      // Members are asked for on their own: only some roles may read them, and a refused non-null field
      // would blank the whole unit for the others.
      const operations = [
        ...rootOperations(await graphqlSchema(), ['OrgUnit.members']),
        {
          field: 'orgUnit.members',
          usesCode: true,
          query: `query($code: String!) { orgUnit(code: $code, asOf: "2022-12-31") { __typename code
            members(first: 3) { totalCount edges { node { fullName memberships { unit { __typename code } } } } } } }`,
        },
      ];
      expect(operations.map((op) => op.field).sort()).toEqual(
        [
          'apiKeys',
          'auditLog',
          'emulationClusters',
          'orgUnit',
          'orgUnit.members',
          'roleAssignments',
          'viewer',
        ].sort(),
      );
      let sightings = 0;
      for (const at of DEMO_ACCOUNT_UNITS) {
        const scope = await expectedScope(db().orm, [at]);
        const run = await api().as([{ code: at, role }]);
        for (const operation of operations) {
          const answers = new Map<string, string>();
          const targets = operation.usesCode ? TARGETS : [null];
          const results = await Promise.all(
            targets.map((code) => run(operation.query, code ? { code } : {})),
          );
          targets.forEach((code, index) => {
            const result = results[index];
            // A national viewer may learn that a code does not exist; nobody else may.
            const expectedCodes = (result.errors ?? [])
              .map((error) => error.extensions?.code)
              .filter(
                (c) =>
                  c !== 'FORBIDDEN' && !(c === 'BAD_USER_INPUT' && at === 'VN' && code === 'NO-SUCH-UNIT'),
              );
            expect({ at, code, op: operation.field, codes: expectedCodes }).toEqual({
              at,
              code,
              op: operation.field,
              codes: [],
            });
            for (const unit of unitsIn(result.data)) {
              sightings += 1;
              const allowed = scope.visible.has(unit.code) || (!unit.withData && scope.path.has(unit.code));
              expect({ at, role, target: code, op: operation.field, unit: unit.code, allowed }).toEqual({
                at,
                role,
                target: code,
                op: operation.field,
                unit: unit.code,
                allowed: true,
              });
            }
            if (code && !scope.visible.has(code) && at !== 'VN') {
              // Outside the scope: refused, and worded exactly as for a code that does not exist.
              expect({ at, code, op: operation.field, error: result.errors?.[0]?.extensions?.code }).toEqual({
                at,
                code,
                op: operation.field,
                error: 'FORBIDDEN',
              });
              answers.set(code, JSON.stringify({ data: result.data, errors: result.errors }));
            }
          });
          const unknown = answers.get('NO-SUCH-UNIT');
          for (const [code, answer] of answers) {
            expect({ code, answer }).toEqual({ code, answer: unknown });
          }
        }
      }
      expect(sightings).toBeGreaterThan(500);
    },
    180_000,
  );
});
