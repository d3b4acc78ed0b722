import { GraphQLScalarType, Kind } from 'graphql';

import { refusal } from './errors';

/**
 * Money is whole Vietnamese đồng. It lives in bigint columns and travels as a string of digits, because
 * national totals pass 2^31 and, summed, can pass 2^53: never Float, never Int.
 */
export type Money = bigint;

const DIGITS = /^-?\d{1,19}$/;

export function parseMoney(value: unknown): Money {
  if (typeof value === 'number' && Number.isSafeInteger(value)) {
    return BigInt(value);
  }
  if (typeof value === 'string' && DIGITS.test(value.trim())) {
    return BigInt(value.trim());
  }
  throw refusal('MONEY_FORMAT', { value: String(value) });
}

/** From a database value (pg returns bigint columns as strings). */
export function moneyFromDb(value: string | number | bigint | null | undefined): Money {
  return BigInt(value ?? 0);
}

export const MoneyScalar = new GraphQLScalarType<Money, string>({
  name: 'Money',
  description:
    'Whole Vietnamese đồng (VND) as a string of digits, e.g. "740000000" (740 triệu). Exact at any size.',
  serialize: (value) => moneyFromDb(value as string | number | bigint).toString(),
  parseValue: parseMoney,
  parseLiteral: (ast) => {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT) {
      return parseMoney(ast.value);
    }
    throw refusal('MONEY_LITERAL');
  },
});
