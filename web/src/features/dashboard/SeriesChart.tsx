import { useState } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

import { useLocale } from '../../app/i18n';
import { MetricSelect } from '../../components/MetricSelect';
import { formatMetric, formatMetricShort, metricOf, valueOf } from '../../components/metrics';
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
      <figure className="chart" aria-hidden="true">
        <ResponsiveContainer width="100%" height={240}>
          <LineChart accessibilityLayer={false} data={points} margin={{ left: 24, right: 16, top: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="year" />
            <YAxis tickFormatter={(v: number) => formatMetricShort(locale, metric, v)} width={110} />
            <Tooltip formatter={(v) => formatMetric(locale, metric, Number(v))} />
            <Line
              isAnimationActive={false}
              type="monotone"
              dataKey="value"
              name={t(`metric.${metric.field}`)}
              stroke="#b3261e"
              strokeWidth={2}
            />
          </LineChart>
        </ResponsiveContainer>
      </figure>
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
