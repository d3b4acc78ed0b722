import { useLocale } from '../../app/i18n';
import { formatPercent } from '../../components/format';
import { formatMetric, formatMetricShort, METRICS, valueOf } from '../../components/metrics';
import type { StatsFieldsFragment } from '../../graphql/graphql';

/** One card per figure of the year, with its change on the year before. */
export function KpiCards({
  stats,
  previous,
}: {
  stats: StatsFieldsFragment;
  /** Null on the approved basis when the year before has no approved report: no change is shown. */
  previous: StatsFieldsFragment | null;
}) {
  const { t, locale } = useLocale();
  return (
    <section aria-labelledby="kpi-heading">
      <h3 id="kpi-heading">{t('dashboard.kpis')}</h3>
      <ul className="kpis">
        {METRICS.map((m) => {
          const now = valueOf(stats, m);
          const before = previous ? valueOf(previous, m) : 0;
          const change = now - before;
          const sign = change > 0 ? '+' : change < 0 ? '−' : '';
          return (
            <li key={m.field} className="kpi" data-metric={m.field}>
              <span className="label">{t(`metric.${m.field}`)}</span>
              <strong className="value" title={formatMetric(locale, m, stats[m.field])}>
                {formatMetricShort(locale, m, stats[m.field])}
              </strong>
              <span className={`change ${change > 0 ? 'up' : change < 0 ? 'down' : ''}`}>
                {previous === null
                  ? ''
                  : change === 0
                    ? t('dashboard.noChange', { year: previous.year })
                    : `${sign}${formatMetricShort(locale, m, Math.abs(change))}${
                        before > 0 ? ` (${sign}${formatPercent(locale, Math.abs(change) / before)})` : ''
                      } ${t('dashboard.change', { year: previous.year })}`}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
