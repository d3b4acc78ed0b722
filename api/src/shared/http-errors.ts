import type { Response } from 'express';

import type { ErrorCode } from './errors';

const STATUS: Partial<Record<string, number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  BAD_USER_INPUT: 400,
  RATE_LIMITED: 429,
} satisfies Partial<Record<ErrorCode, number>>;

/**
 * An error answered by a file route (imports, exports, reports) in GraphQL's shape, so that a client
 * reads every answer of this server the same way; the HTTP status follows its code.
 */
export function sendError(
  res: Response,
  error: { message: string; extensions: Record<string, unknown> },
): void {
  res
    .status(STATUS[String(error.extensions.code)] ?? 500)
    .json({ errors: [{ message: error.message, extensions: error.extensions }] });
}
