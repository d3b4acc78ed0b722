/**
 * The refusals a person corrects in a form, by stable code, each with its English text and parameters
 * (`{{date}}`). The API puts the code and the parameters in `extensions.messageCode` and
 * `extensions.params` beside the English `message`; the web client shows its own words for the code in
 * the reader's language (web/src/app/locales), and a test holds both languages to this list.
 */
export const MESSAGES = {
  DATE_FORMAT: '"{{value}}" is not a date written YYYY-MM-DD.',
  ACTIVITY_IN_FUTURE: '{{date}} is in the future: record an activity once it has happened.',
  AWARD_IN_FUTURE: '{{date}} is in the future.',
  MEMBER_EVENT_IN_FUTURE: '{{date}} is in the future: record it on the day it happens.',
  TREE_CHANGE_IN_FUTURE: '{{date}} is in the future: record a change of the tree once it takes effect.',
  QUANTITY_NEGATIVE: 'The number of people or items cannot be negative.',
  AMOUNT_NEGATIVE: 'An amount of money cannot be negative.',
  QUANTITY_OR_AMOUNT: 'Give a number of people or items, an amount, or both.',
  MEMBER_NAME_REQUIRED: 'A member needs a full name.',
  BORN_BEFORE_JOINING: 'A member is born before joining the union.',
  NATIONAL_ID_FORMAT: 'A national id number (CCCD/CMND) has 12 or 9 digits.',
  TARGET_POSITIVE: 'A target is greater than zero.',
  EMAIL_FORMAT: '"{{value}}" is not an email address.',
  ACCOUNT_NAME_REQUIRED: 'An account needs a name.',
  PASSWORD_TOO_SHORT: 'A password has at least {{min}} characters.',
  PASSWORD_TOO_LONG: 'A password has at most {{max}} characters.',
  PASSWORD_WRONG: 'The current password is wrong.',
  PASSWORD_SAME: 'Choose a password other than the current one.',
  VALUE_TAKEN: 'This value is already in use: choose another.',
  UNIT_NAME_REQUIRED: 'A unit needs a name.',
  TREE_CHANGE_FIELD_REQUIRED: 'A {{kind}} names its {{field}}.',
  PLAN_SETTLED: 'This plan is no longer scheduled: it was applied, cancelled or could not be applied.',
  PLAN_DATE_ARRIVED:
    'The plan’s date, {{date}}, has come: it is being applied and can no longer be cancelled.',
  PLAN_AUTHOR_NOT_ALLOWED: 'The account that scheduled the plan may no longer change this part of the tree.',
  CELL_DATE_FORMAT: '"{{value}}" is not a date written dd/mm/yyyy.',
  CELL_NOT_A_DAY: '{{value}} is not a day of the calendar.',
  CELL_WHOLE_NUMBER: '"{{value}}" is not a whole number (write 1.000 or 1000).',
  CELL_ACTIVITY_KIND: '"{{value}}" is not a kind of activity: {{kinds}}.',
  CELL_GENDER: '"{{value}}" is not Nam or Nữ.',
  SHEET_COLUMN_MISSING: 'The sheet needs a column "{{column}}" (or "{{english}}").',
  PLAN_EMPTY: 'The plan has no rows.',
  PLAN_ROW_NO_CODE: 'The row names no unit code.',
  UNIT_CODES_UNKNOWN: 'No unit has the code {{codes}}.',
  PLAN_UNIT_MAPPED_TWICE: '{{code}} is already mapped in row {{row}}: a unit is mapped once.',
  PLAN_TARGET_NOT_STANDING:
    '{{code}} does not stand on {{date}}: the units merged into it would be left without a parent.',
  MERGE_KINDS_DIFFER:
    '{{source}} is a {{sourceKind}} and {{target}} a {{targetKind}}: only units of one kind merge.',
} as const;

export type MessageCode = keyof typeof MESSAGES;

/** The English text of a refusal, its parameters filled in. */
export function messageOf(code: MessageCode, params: Record<string, string | number> = {}): string {
  return MESSAGES[code].replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? ''));
}
