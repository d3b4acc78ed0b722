import { ERROR_CODES, type ErrorCode, type MessageCode, messageOf } from '@cdvn/domain';
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

/**
 * A refusal a person corrects in a form, by its stable code (@cdvn/domain's MESSAGES): the English text in
 * `message`, the code and its parameters in `extensions` for clients to say it in their own language.
 */
export function refusal(
  code: MessageCode,
  params: Record<string, string | number> = {},
  field?: string,
): GraphQLError {
  return coded('BAD_USER_INPUT', code, params, field);
}

/** An error of any code whose words a client says in its own language: its message code and parameters. */
export function coded(
  errorCode: ErrorCode,
  code: MessageCode,
  params: Record<string, string | number> = {},
  field?: string,
): GraphQLError {
  return appError(errorCode, messageOf(code, params), {
    ...(field ? { field } : {}),
    messageCode: code,
    params,
  });
}

/** An error this API raised on purpose, with one of the codes above. */
export function isAppError(error: unknown): error is GraphQLError {
  return error instanceof GraphQLError && ERROR_CODES.includes(error.extensions?.code as ErrorCode);
}
