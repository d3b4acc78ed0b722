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

/**
 * A refusal found in one row of many (an import): "Row n: …", with the row's number beside the refusal's
 * code and parameters. Anything that is not a refusal is returned as it is, to be thrown again.
 */
export function atRow(row: number, error: unknown, field: string): unknown {
  if (!(error instanceof GraphQLError)) {
    return error;
  }
  return new GraphQLError(`Row ${row}: ${error.message}`, {
    extensions: { ...error.extensions, field, row },
  });
}

/**
 * Input a person can correct (BAD_USER_INPUT), by its stable code, by its stable code (@cdvn/domain's MESSAGES): the English text in
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
