import { ERROR_CODES, type ErrorCode } from '@cdvn/domain';
import { GraphQLError } from 'graphql';

export { ERROR_CODES, type ErrorCode } from '@cdvn/domain';

export function appError(
  code: ErrorCode,
  message: string,
  extra: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extra, code } });
}

/** Input a user can correct: the message says what is wrong, `field` names the argument when known. */
export function badUserInput(message: string, field?: string): GraphQLError {
  return appError('BAD_USER_INPUT', message, field ? { field } : {});
}

/** An error this API raised on purpose, with one of the codes above. */
export function isAppError(error: unknown): error is GraphQLError {
  return error instanceof GraphQLError && ERROR_CODES.includes(error.extensions?.code as ErrorCode);
}
