import i18next from 'i18next';

import { formatCount, formatDate } from './format';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * A refusal's parameters as the reader writes them: days dd/mm/yyyy, kinds of unit and states of a report
 * in words, counts of five digits and more with the language's separators (a year's four digits stay bare).
 */
function readable(t: Translate, params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => [
      key,
      typeof value === 'number'
        ? value >= 10_000
          ? formatCount(i18next.language === 'en' ? 'en' : 'vi', value)
          : value
        : typeof value !== 'string'
          ? value
          : /^\d{4}-\d{2}-\d{2}$/.test(value)
            ? formatDate(value)
            : /kind$/i.test(key) && i18next.exists(`${key}.${value}`)
              ? t(`${key}.${value}`)
              : /kind$/i.test(key) && i18next.exists(`kind.${value}`)
                ? t(`kind.${value}`)
                : key === 'state' && i18next.exists(`reports.state.${value}`)
                  ? t(`reports.state.${value}`)
                  : value,
    ]),
  );
}

/**
 * The words for an API message code (@cdvn/domain's MESSAGES) in the reader's language, its parameters
 * filled in; null for a code the client does not know.
 */
export function sayMessage(t: Translate, code: unknown, params: unknown): string | null {
  if (typeof code !== 'string' || !i18next.exists(`messages.${code}`)) {
    return null;
  }
  return t(`messages.${code}`, readable(t, (params as Record<string, unknown> | null) ?? {}));
}

/**
 * A refusal in the reader's words: those of its message code, else those of its error code (`problem.*`),
 * else the words for any other problem.
 */
export function sayRefusal(t: Translate, code: unknown, messageCode: unknown, params: unknown): string {
  return (
    sayMessage(t, messageCode, params) ??
    (typeof code === 'string' && code !== '' ? t(`problem.${code}`) : t('problem.other'))
  );
}
