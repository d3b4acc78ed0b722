import type { FinanceRuleKind } from '../../graphql/graphql';
import { useLocale } from '../../app/i18n';
import { formatMoney, formatPercent } from '../../components/format';

const LEVELS = ['grassroots', 'directUpper', 'province', 'national'] as const;

/** A rule as the finance documents select it: its kind and the figures that kind gives. */
export interface RuleFigures {
  kind: FinanceRuleKind;
  amount?: string | null;
  rate?: number | null;
  cap?: number | null;
  shares?: Record<(typeof LEVELS)[number], number> | null;
}

/** What a rule sets, said in one line: "0,5% tiền lương đóng BHXH, tối đa 10% lương cơ sở". */
export function useRuleFigure(): (rule: RuleFigures) => string {
  const { t, locale } = useLocale();
  // Rates, caps and shares are per 10,000: 7500 is 75%.
  const percent = (parts: number | null | undefined) => formatPercent(locale, (parts ?? 0) / 10_000);
  return (rule) => {
    switch (rule.kind) {
      case 'BASE_SALARY':
        return formatMoney(locale, rule.amount ?? '0');
      case 'DUES_RATE':
        return t('finance.duesRateText', { rate: percent(rule.rate), cap: percent(rule.cap) });
      case 'FUNDING_RATE':
        return percent(rule.rate);
      case 'COLLECTION_STOP':
        return t('finance.stopped');
      default:
        return rule.shares
          ? t('finance.sharesText', Object.fromEntries(LEVELS.map((l) => [l, percent(rule.shares![l])])))
          : '';
    }
  };
}
