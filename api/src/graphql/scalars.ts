import { GraphQLScalarType, Kind } from 'graphql';

import { isIsoDate } from '../shared/dates';
import { refusal } from '../shared/errors';

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isIsoDate(value)) {
    throw refusal('DATE_FORMAT', { value: String(value) });
  }
  return value;
}

/** A calendar day, YYYY-MM-DD, with no time and no time zone. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar day written YYYY-MM-DD, with no time of day and no time zone.',
  serialize: (value) => parseDate(value),
  parseValue: (value) => parseDate(value),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) {
      throw refusal('DATE_LITERAL');
    }
    return parseDate(ast.value);
  },
});
