import { useState } from 'react';

import { useLocale } from '../../app/i18n';
import { MetricLineChart } from '../../components/MetricLineChart';
import { MetricSelect } from '../../components/MetricSelect';
import { formatMetric, metricOf, valueOf } from '../../components/metrics';
import type { StatsFieldsFragment } from '../../graphql/graphql';

/** One figure over the years, with the years' values also in a table for screen readers. */
export function SeriesChart({ series }: { series: StatsFieldsFragment[] }) {
  const { t, locale } = useLocale();
  const [metric, setMetric] = useState(() => metricOf('MEMBERS'));
  const points = series.map((s) => ({ year: s.year, value: valueOf(s, metric) }));
  return (
    <section aria-labelledby="series-heading">
      <h3 id="series-heading">{t('dashboard.series')}</h3>
      <label>
        {t('dashboard.seriesMetric')}
        <MetricSelect value={metric} onChange={setMetric} />
      </label>
      <MetricLineChart
        points={points}
        lines={[{ key: 'value', name: t(`metric.${metric.field}`), color: '#b3261e' }]}
        metric={metric}
      />
      <table className="visually-hidden">
        <caption>{t(`metric.${metric.field}`)}</caption>
        <tbody>
          {points.map((p) => (
            <tr key={p.year}>
              <th scope="row">{p.year}</th>
              <td>{formatMetric(locale, metric, p.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
