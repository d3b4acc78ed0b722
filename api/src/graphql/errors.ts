import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';

import { databaseRefusal } from '../shared/db-errors';
import { isAppError } from '../shared/errors';

/**
 * Shapes every error leaving the API. Our own errors keep their code and message. A malformed argument
 * that graphql-js reports during validation (a bad date literal) is still the client's input: it keeps
 * BAD_USER_INPUT instead of the generic validation code. Anything unexpected is logged and masked.
 */
export function createFormatError(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown) => formatError(formatted, error, logger);
}

function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  logger: Logger,
): GraphQLFormattedError {
  const unwrapped = unwrapResolverError(error);
  const original =
    unwrapped instanceof GraphQLError && isAppError(unwrapped.originalError)
      ? unwrapped.originalError
      : unwrapped;
  if (isAppError(original)) {
    return { ...formatted, message: original.message, extensions: { ...original.extensions } };
  }
  const refusal = databaseRefusal(original);
  if (refusal) {
    return {
      message: refusal.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: refusal.code },
    };
  }
  if (formatted.extensions?.code === 'INTERNAL_SERVER_ERROR') {
    logger.error({ err: original, path: formatted.path }, 'unexpected error in a GraphQL operation');
    return {
      message: 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  }
  // "Did you mean ...?" would tell any caller the schema's names, and a stack trace the server's files:
  // neither is ever shown, whatever NODE_ENV says.
  return {
    message: formatted.message.replace(/ ?Did you mean .+\?$/s, ''),
    locations: formatted.locations,
    path: formatted.path,
    extensions: Object.fromEntries(
      Object.entries(formatted.extensions ?? {}).filter(
        ([key]) => key !== 'stacktrace' && key !== 'exception',
      ),
    ),
  };
}
