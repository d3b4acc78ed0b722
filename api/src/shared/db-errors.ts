import { type MessageCode, messageOf } from '@cdvn/domain';

import { appError, refusal } from './errors';

/** The code sql/reporting.sql raises when a write would change the figures of a submitted report. */
export const PERIOD_LOCKED = 'CDPL1';

/** PostgreSQL's code for a statement stopped by statement_timeout. */
export const QUERY_CANCELED = '57014';

interface PgError {
  code?: string;
  hint?: string;
  constraint?: string;
  detail?: string;
  message: string;
}

function isPgError(error: unknown): error is PgError {
  return typeof error === 'object' && error !== null && typeof (error as PgError).code === 'string';
}

/**
 * A code, email or national id taken by something the caller may not see gets the same words as one the
 * caller can see: the refusal tells neither what holds it nor where.
 */
export const TAKEN = messageOf('VALUE_TAKEN');

/** Messages a union officer understands for the database's invariants, by constraint name. */
const CONSTRAINT_MESSAGES: Record<string, MessageCode> = {
  org_unit_code_unique: 'VALUE_TAKEN',
  org_unit_code_format: 'UNIT_CODE_FORMAT',
  org_unit_name_present: 'UNIT_NAME_REQUIRED',
  org_unit_validity_order: 'UNIT_VALIDITY_ORDER',
  org_unit_one_national_root: 'UNIT_ONE_NATIONAL_ROOT',
  org_unit_parent_kind_allowed: 'UNIT_PARENT_KIND',
  org_unit_parent_not_self: 'UNIT_PARENT_SELF',
  org_unit_parent_one_at_a_time: 'UNIT_ONE_PARENT',
  org_unit_parent_covers_validity: 'UNIT_PARENT_EVERY_DAY',
  org_unit_reachable_from_root: 'UNIT_UNDER_ITSELF',
  org_unit_children_within_validity: 'UNIT_CLOSES_WITH_CHILDREN',
  org_unit_succession_unique: 'SUCCESSION_RECORDED',
  membership_within_unit: 'MEMBERSHIP_WITHIN_UNIT',
  membership_one_at_a_time: 'MEMBERSHIP_ONE_AT_A_TIME',
  member_national_id_unique: 'VALUE_TAKEN',
  member_phone_format: 'PHONE_FORMAT',
  award_issuer_allowed: 'AWARD_ISSUER_LEVEL',
  activity_amount_not_negative: 'AMOUNT_NEGATIVE',
};

/** The input field a constraint's refusal is about, where a form shows it beside that field. */
const CONSTRAINT_FIELDS: Record<string, string> = {
  member_national_id_unique: 'nationalId',
};

/**
 * Turns a violated database invariant into BAD_USER_INPUT with a readable message; anything else is
 * rethrown unchanged (and reported as an internal error).
 */
export function translateDbError(error: unknown): never {
  const cause = isPgError(error)
    ? error
    : isPgError((error as { cause?: unknown })?.cause)
      ? (error as { cause: PgError }).cause
      : null;
  if (cause?.code === PERIOD_LOCKED) {
    // Which period, whose report, its state and who can reopen it, as the database said it.
    const said = cause.message.includes(' - ')
      ? cause.message.slice(cause.message.indexOf(' - ') + 3)
      : cause.message;
    throw appError(
      'PERIOD_LOCKED',
      `${said.split('\n')[0].trim()}${cause.hint ? ` ${cause.hint}` : ''}`,
      cause.detail ? (JSON.parse(cause.detail) as Record<string, unknown>) : {},
    );
  }
  if (cause?.constraint && CONSTRAINT_MESSAGES[cause.constraint]) {
    // Our own checks say which unit and dates (raised in the migrations); PostgreSQL's built-in messages
    // ("... violates foreign key constraint ...") and the SQL that knex puts before them add nothing.
    const said = (
      cause.message.includes(' - ') ? cause.message.slice(cause.message.indexOf(' - ') + 3) : cause.message
    )
      .split('\n')[0]
      .trim();
    const detail = said.includes(' violates ') ? '' : ` (${said})`;
    const code = CONSTRAINT_MESSAGES[cause.constraint];
    const field = CONSTRAINT_FIELDS[cause.constraint];
    if (code === 'VALUE_TAKEN' && detail === '') {
      throw refusal(code, {}, field);
    }
    // The database's own explanation (English) follows the message and is kept apart in `detail`;
    // clients say the message code in their language.
    throw appError('BAD_USER_INPUT', `${messageOf(code)}${detail}`, {
      ...(field ? { field } : {}),
      messageCode: code,
      params: {},
      ...(detail ? { detail: said } : {}),
    });
  }
  throw error;
}

/**
 * The database cannot be reached: refused or reset connections, a server shutting down (57P01-57P03),
 * connection failures (class 08). Requests then fail with UNAVAILABLE and later ones succeed again.
 */
export function isUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (typeof current === 'object' && current !== null && !seen.has(current)) {
    seen.add(current);
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (
      typeof code === 'string' &&
      (/^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT)$/.test(code) || /^(57P0[1-3]|08)/.test(code))
    ) {
      return true;
    }
    if (
      typeof message === 'string' &&
      /Connection terminated|connect ECONNREFUSED|Client has encountered a connection error/.test(message)
    ) {
      return true;
    }
    current =
      (current as { cause?: unknown; originalError?: unknown }).originalError ??
      (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * What to answer when the database itself refused: it could not be reached (UNAVAILABLE), or a statement
 * ran past the time limit (TIMEOUT). Null for any other error.
 */
export function databaseRefusal(error: unknown): { code: 'UNAVAILABLE' | 'TIMEOUT'; message: string } | null {
  if (isUnavailable(error)) {
    return { code: 'UNAVAILABLE', message: 'The database is unavailable for a moment: try again shortly.' };
  }
  if ((error as { code?: string } | null)?.code === QUERY_CANCELED) {
    return {
      code: 'TIMEOUT',
      message: 'The operation ran longer than the time limit and was stopped: ask for less at once.',
    };
  }
  return null;
}
