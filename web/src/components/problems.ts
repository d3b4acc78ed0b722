import type { ErrorCode } from '@cdvn/domain';
import type { CombinedError } from 'urql';

/**
 * The API's error codes (@cdvn/domain, listed in docs/api.md) that the client explains; any other
 * answer, a network failure included, is "other".
 */
export const KNOWN_CODES = [
  'FORBIDDEN',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'RATE_LIMITED',
  'TIMEOUT',
  'UNAVAILABLE',
  'BAD_USER_INPUT',
  'INTERNAL_SERVER_ERROR',
] as const satisfies readonly ErrorCode[];
export type KnownCode = (typeof KNOWN_CODES)[number];

export function codeOf(error: CombinedError): KnownCode | 'other' {
  const code = error.graphQLErrors[0]?.extensions?.code;
  return KNOWN_CODES.find((known) => known === code) ?? 'other';
}

/**
 * A refused write, split for a form: each BAD_USER_INPUT that names a field goes beside that field, the
 * rest above the form.
 */
export function fieldProblems(
  error: CombinedError,
  /**
   * Words for the refusals the client explains in its own language (a locked period, a refusal with a
   * message code); else the API's.
   */
  explain: (code: string, extensions: Record<string, unknown>) => string | null = () => null,
): { fields: Record<string, string>; form: string[] } {
  const fields: Record<string, string> = {};
  const form: string[] = [];
  for (const e of error.graphQLErrors) {
    const field = e.extensions?.field;
    const explained = explain(String(e.extensions?.code), e.extensions ?? {});
    if (e.extensions?.code === 'BAD_USER_INPUT' && typeof field === 'string') {
      fields[field] = explained ?? e.message;
    } else if (explained) {
      form.push(explained);
    } else {
      form.push(e.message);
    }
  }
  if (error.networkError) {
    form.push(error.networkError.message);
  }
  return { fields, form };
}
