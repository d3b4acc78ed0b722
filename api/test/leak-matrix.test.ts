import { DEMO_ACCOUNT_UNITS } from '@cdvn/seeds';

import { ROLES } from '../src/auth/permissions';
import { graphqlSchema } from '../src/graphql/schema';
import { todayIn } from '../src/shared/dates';
import { useDatabase } from './support/graphql';
import { expectedScope, expectedScopeOn, rootOperations, unitsIn } from './support/leaks';

/**
 * For every role held at every seeded unit (open ones, closed ones such as TB and the public-servant
 * unions, and successors such as HY), every query of the schema (generated from it, every field selected
 * two units deep) asked about every seeded unit, before the 2025 restructuring and today: no unit's data
 * comes back unless it stood under the viewer's units (or those they took over) on that date, units
 * outside show only as the ancestors of its units by code and name; an answer outside the scope is
 * FORBIDDEN and reads exactly like the answer for a code that does not exist.
 */
describe('no role sees outside its subtree, through any query of the schema', () => {
  const { api, db } = useDatabase('demo');
  const TARGETS = [...DEMO_ACCOUNT_UNITS, 'NO-SUCH-UNIT'];

  const today = todayIn();
  const DATES = [
    { asOf: '2022-12-31', year: 2022 },
    { asOf: today, year: Number(today.slice(0, 4)) },
  ];
  const CASES = ROLES.flatMap((role) => DATES.map((at) => [role, at.asOf, at] as const));

  it.each(CASES)(
    'holds for %s at every seeded unit, as of %s',
    async (role, _date, at) => {
      // Members and the months of finance are asked for on their own: only some roles may read them, and
      // a refused non-null field would blank the whole unit for the others.
      const own = ['OrgUnit.members', 'OrgUnit.collections', 'OrgUnit.financeMonths'];
      const operations = [
        ...rootOperations(await graphqlSchema(), own, at),
        // The unit again with the figures of approved reports and the half-year's reports.
        ...rootOperations(await graphqlSchema(), own, {
          ...at,
          arguments: { basis: 'APPROVED', period: `"${at.year}-H2"` },
        })
          .filter((op) => op.field === 'orgUnit')
          .map((op) => ({ ...op, field: 'orgUnit (approved basis, half-year)' })),
        // And on today's map: the year's figures regrouped along today's tree.
        ...rootOperations(await graphqlSchema(), own, {
          ...at,
          arguments: { onTreeOf: `"${today}"` },
        })
          .filter((op) => op.field === 'orgUnit')
          .map((op) => ({ ...op, field: "orgUnit (on today's map)" })),
        {
          field: 'orgUnit.members',
          usesCode: true,
          query: `query($code: String!) { orgUnit(code: $code, asOf: "${at.asOf}") { __typename code
            members(first: 3) { totalCount edges { node { fullName memberships { unit { __typename code } } } } } } }`,
        },
        {
          field: 'orgUnit.collections',
          usesCode: true,
          query: `query($code: String!) { orgUnit(code: $code, asOf: "${at.asOf}") { __typename code
            collections(year: ${at.year}) { month duesCollected unit { __typename code } }
            financeMonths(year: ${at.year}) { month duesCollected unionsRecorded } } }`,
        },
      ];
      expect(operations.map((op) => op.field).sort()).toEqual(
        [
          'apiKeys',
          'auditLog',
          'emulationClusters',
          'financeRules',
          'orgUnit',
          'orgUnit (approved basis, half-year)',
          "orgUnit (on today's map)",
          'orgUnit.members',
          'orgUnit.collections',
          'reportForms',
          'reportPeriods',
          'restructuringPlans',
          'roleAssignments',
          'viewer',
        ].sort(),
      );
      let sightings = 0;
      for (const unitAt of DEMO_ACCOUNT_UNITS) {
        const scope = await expectedScope(db().orm, [unitAt]);
        const visible = await expectedScopeOn(db().orm, [unitAt], at.asOf);
        const run = await api().as([{ code: unitAt, role }]);
        for (const operation of operations) {
          const answers = new Map<string, string>();
          const targets = operation.usesCode ? TARGETS : [null];
          const results = await Promise.all(
            targets.map((code) => run(operation.query, code ? { code } : {})),
          );
          targets.forEach((code, index) => {
            const result = results[index];
            const label = { unitAt, role, date: at.asOf, code, op: operation.field };
            // A national viewer may learn that a code does not exist; nobody else may.
            const expectedCodes = (result.errors ?? [])
              .map((error) => error.extensions?.code)
              .filter(
                (c) =>
                  c !== 'FORBIDDEN' &&
                  !(c === 'BAD_USER_INPUT' && unitAt === 'VN' && code === 'NO-SUCH-UNIT'),
              );
            expect({ ...label, codes: expectedCodes }).toEqual({ ...label, codes: [] });
            for (const unit of unitsIn(result.data)) {
              sightings += 1;
              // Data only of units that stood under the viewer's on the date; others by name at most.
              const allowed = unit.withData
                ? visible.has(unit.code)
                : scope.visible.has(unit.code) || scope.path.has(unit.code);
              expect({ ...label, unit: unit.code, allowed }).toEqual({
                ...label,
                unit: unit.code,
                allowed: true,
              });
            }
            if (code && !visible.has(code) && unitAt !== 'VN') {
              // Outside the scope on that date: refused, and worded exactly as for a code that does not exist.
              expect({ ...label, error: result.errors?.[0]?.extensions?.code }).toEqual({
                ...label,
                error: 'FORBIDDEN',
              });
              if (operation.usesCode && operation.field === 'orgUnit') {
                expect({ ...label, data: result.data }).toEqual({ ...label, data: { orgUnit: null } });
              }
              answers.set(code, JSON.stringify({ data: result.data, errors: result.errors }));
            }
          });
          const unknown = answers.get('NO-SUCH-UNIT');
          for (const [code, answer] of answers) {
            expect({ code, answer }).toEqual({ code, answer: unknown });
          }
        }
      }
      expect(sightings).toBeGreaterThan(300);
    },
    180_000,
  );
});

/**
 * The annual report's download reads through the same GraphQL rules: for every seeded unit's ADMIN (a
 * session) and ANALYST (an API key), the report of every seeded unit, of 2022 and of this year, is given
 * exactly when that unit stood under the viewer's on the year's date, and otherwise refused in the words
 * used for a code that does not exist.
 */
describe('no role downloads an annual report outside its subtree', () => {
  const { api, db } = useDatabase('demo');
  const today = todayIn();
  const YEARS = [2022, Number(today.slice(0, 4))];

  it('holds for sessions and API keys at every seeded unit', async () => {
    const credentials: Array<{ unitAt: string; kind: string; token: string }> = [];
    for (const unitAt of DEMO_ACCOUNT_UNITS) {
      const login = await api().http({
        query: `mutation { login(email: "${unitAt.toLowerCase()}@demo.example", password: "demo-password") { token } }`,
      });
      credentials.push({
        unitAt,
        kind: 'ADMIN',
        token: (login.json.data as { login: { token: string } }).login.token,
      });
      const key = await api().run<{ createApiKey: { key: string } }>(
        `mutation { createApiKey(input: { unitCode: "${unitAt}", role: ANALYST, name: "leak test" }) { key } }`,
      );
      // Keys are issued only at units open today: the closed ones are covered by their sessions.
      if (key.data) {
        credentials.push({ unitAt, kind: 'ANALYST key', token: key.data.createApiKey.key });
      }
    }
    expect(credentials.length).toBeGreaterThan(DEMO_ACCOUNT_UNITS.length + 3);
    let given = 0;
    for (const { unitAt, kind, token } of credentials) {
      for (const year of YEARS) {
        const visible = await expectedScopeOn(
          db().orm,
          [unitAt],
          year === YEARS[1] ? today : `${year}-12-31`,
        );
        const answers = new Map<string, string>();
        for (const code of [...DEMO_ACCOUNT_UNITS, 'NO-SUCH-UNIT']) {
          const response = await fetch(
            await api().url(`/reports/annual?unitCode=${code}&year=${year}&format=docx`),
            { headers: { authorization: `Bearer ${token}` } },
          );
          const label = { unitAt, kind, year, code };
          if (visible.has(code)) {
            expect({ ...label, status: response.status }).toEqual({ ...label, status: 200 });
            given += 1;
            await response.arrayBuffer();
          } else if (unitAt !== 'VN') {
            expect({ ...label, status: response.status }).toEqual({ ...label, status: 403 });
            answers.set(code, await response.text());
          } else {
            await response.arrayBuffer();
          }
        }
        const unknown = answers.get('NO-SUCH-UNIT');
        for (const [code, answer] of answers) {
          expect({ code, answer }).toEqual({ code, answer: unknown });
        }
      }
    }
    expect(given).toBeGreaterThan(40);
  }, 180_000);
});

/**
 * The months of collections (GET /export/collections, finance:read) through the same rule: for every seeded
 * unit's ADMIN (a session) and ANALYST (an API key, which reads sums only), the export of every seeded unit
 * for 2022 and 2024 (before the 2025 restructuring) and this year: an ADMIN gets exactly the units that stood
 * under its own on the year's date, and every row of the file is a union among them; an analyst gets
 * nothing; every refusal reads like the refusal of a code that does not exist.
 */
describe('no role downloads months of collections outside its subtree', () => {
  const { api, db } = useDatabase('demo');
  const today = todayIn();
  const YEARS = [2022, 2024, Number(today.slice(0, 4))];

  it('holds for sessions and API keys at every seeded unit', async () => {
    const credentials: Array<{ unitAt: string; kind: string; token: string }> = [];
    for (const unitAt of DEMO_ACCOUNT_UNITS) {
      const login = await api().http({
        query: `mutation { login(email: "${unitAt.toLowerCase()}@demo.example", password: "demo-password") { token } }`,
      });
      credentials.push({
        unitAt,
        kind: 'ADMIN',
        token: (login.json.data as { login: { token: string } }).login.token,
      });
      const key = await api().run<{ createApiKey: { key: string } }>(
        `mutation { createApiKey(input: { unitCode: "${unitAt}", role: ANALYST, name: "leak test" }) { key } }`,
      );
      if (key.data) {
        credentials.push({ unitAt, kind: 'ANALYST key', token: key.data.createApiKey.key });
      }
    }
    let rows = 0;
    for (const { unitAt, kind, token } of credentials) {
      for (const year of YEARS) {
        const visible = await expectedScopeOn(
          db().orm,
          [unitAt],
          year === YEARS[2] ? today : `${year}-12-31`,
        );
        const answers = new Map<string, string>();
        for (const code of [...DEMO_ACCOUNT_UNITS, 'NO-SUCH-UNIT']) {
          const response = await fetch(
            await api().url(`/export/collections?unitCode=${code}&year=${year}&format=csv`),
            { headers: { authorization: `Bearer ${token}` } },
          );
          const label = { unitAt, kind, year, code };
          const text = await response.text();
          if (kind === 'ADMIN' && visible.has(code)) {
            expect({ ...label, status: response.status }).toEqual({ ...label, status: 200 });
            const units = text
              .split('\n')
              .slice(1)
              .filter((line) => line.trim() !== '')
              .map((line) => line.split(',')[0]);
            rows += units.length;
            expect({ ...label, outside: units.filter((unit) => !visible.has(unit)) }).toEqual({
              ...label,
              outside: [],
            });
          } else if (kind !== 'ADMIN' || unitAt !== 'VN') {
            expect({ ...label, status: response.status }).toEqual({ ...label, status: 403 });
            answers.set(code, text);
          }
        }
        const unknown = answers.get('NO-SUCH-UNIT');
        for (const [code, answer] of answers) {
          expect({ code, answer }).toEqual({ code, answer: unknown });
        }
      }
    }
    expect(rows).toBeGreaterThan(1000);
  }, 300_000);
});
