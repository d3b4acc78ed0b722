import {
  type GraphQLField,
  getNamedType,
  type GraphQLInputType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
} from 'graphql';

import { graphqlSchema } from '../src/graphql/schema';
import { useDatabase } from './support/graphql';

/** A literal of the type that passes validation (the values do not matter: the gate must refuse first). */
function literal(type: GraphQLInputType): string {
  if (isNonNullType(type)) {
    return literal(type.ofType);
  }
  if (isListType(type)) {
    return `[${literal(type.ofType)}]`;
  }
  if (isEnumType(type)) {
    return type.getValues()[0].name;
  }
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((field) => isNonNullType(field.type));
    return `{ ${fields.map((field) => `${field.name}: ${literal(field.type)}`).join(', ')} }`;
  }
  const scalar = getNamedType(type);
  if (isScalarType(scalar)) {
    switch (scalar.name) {
      case 'Int':
        return '2024';
      case 'Boolean':
        return 'true';
      case 'Date':
        return '"2024-01-01"';
      case 'Money':
        return '"1"';
      default:
        return '"QN-CDVC"';
    }
  }
  throw new Error(`no literal for ${String(type)}`);
}

/** The mutation with a literal for each required argument, selecting its type name. */
function operationOf(field: GraphQLField<unknown, unknown>): string {
  const args = field.args
    .filter((arg) => isNonNullType(arg.type))
    .map((arg) => `${arg.name}: ${literal(arg.type)}`);
  const named = getNamedType(field.type);
  const selection = 'getFields' in named ? ' { __typename }' : '';
  return `mutation { ${field.name}${args.length ? `(${args.join(', ')})` : ''}${selection} }`;
}

/**
 * Every mutation of the schema (a new one cannot escape): refused without credentials, and refused to a
 * read-only role, before it changes anything.
 */
describe('every mutation is refused to those who may not write', () => {
  const { api, db } = useDatabase('demo');

  it('answers UNAUTHENTICATED without credentials and FORBIDDEN to an ANALYST, and writes nothing', async () => {
    const mutation = (await graphqlSchema()).getMutationType()!;
    const count = async () =>
      (await db().orm.em.fork().getConnection().execute(`select count(*)::int as n from audit_log`))[0]
        .n as number;
    const before = await count();
    const analyst = await api().as([{ code: 'QN-CDVC', role: 'ANALYST' }]);
    const anonymous = await api().as({ kind: 'anonymous' });
    const checked: string[] = [];
    for (const field of Object.values(mutation.getFields())) {
      if (field.name === 'login') {
        continue;
      }
      const operation = operationOf(field);
      const asAnonymous = await anonymous(operation);
      expect({ field: field.name, code: asAnonymous.errors?.[0]?.extensions?.code }).toEqual({
        field: field.name,
        code: 'UNAUTHENTICATED',
      });
      const asAnalyst = await analyst(operation);
      // Session mutations need a logged-in account: an ANALYST's key or test viewer has none.
      const expected = ['logout', 'changePassword', 'revokeSessions'].includes(field.name)
        ? 'UNAUTHENTICATED'
        : 'FORBIDDEN';
      expect({ field: field.name, code: asAnalyst.errors?.[0]?.extensions?.code }).toEqual({
        field: field.name,
        code: expected,
      });
      checked.push(field.name);
    }
    expect(checked.length).toBeGreaterThan(25);
    expect(await count()).toBe(before);
  });

  it.each(['QN-CDVC', 'TB'])(
    'refuses every mutation to an ADMIN of %s, which closed in 2025, saying why, and writes nothing',
    async (closed) => {
      const mutation = (await graphqlSchema()).getMutationType()!;
      const before = await auditRows();
      const admin = await api().as([{ code: closed, role: 'ADMIN' }]);
      const answers: Array<{ field: string; code: unknown; says: boolean }> = [];
      for (const field of Object.values(mutation.getFields())) {
        if (['login', 'logout', 'changePassword', 'revokeSessions'].includes(field.name)) {
          continue;
        }
        const answer = await admin(operationOf(field));
        answers.push({
          field: field.name,
          code: answer.errors?.[0]?.extensions?.code,
          says: /closed/.test(answer.errors?.[0]?.message ?? ''),
        });
      }
      expect(answers.length).toBeGreaterThan(20);
      expect(answers.filter((a) => a.code !== 'FORBIDDEN' || !a.says)).toEqual([]);
      expect(await auditRows()).toBe(before);
    },
  );

  async function auditRows(): Promise<number> {
    return (await db().orm.em.fork().getConnection().execute(`select count(*)::int as n from audit_log`))[0]
      .n as number;
  }
});
