import { unwrapResolverError } from '@apollo/server/errors';
import type { MessageCode } from '@cdvn/domain';
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

/**
 * A refusal of the request as written (a variable of the wrong type, a limit of depth, aliases or cost)
 * has its own English words and no message code of ours: it gets the one these share, for clients' own
 * words, so that every BAD_USER_INPUT carries one.
 */
function withMessageCode(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const extensions = formatted.extensions;
  if (extensions?.code !== 'BAD_USER_INPUT' || extensions.messageCode !== undefined) {
    return formatted;
  }
  return {
    ...formatted,
    extensions: { ...extensions, messageCode: 'REQUEST_REFUSED' satisfies MessageCode, params: {} },
  };
}

function formatError(
  formatted: GraphQLFormattedError,
  error: unknown,
  logger: Logger,
): GraphQLFormattedError {
  return withMessageCode(shapedError(formatted, error, logger));
}

function shapedError(
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
