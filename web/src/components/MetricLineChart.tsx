import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

import { useLocale } from '../app/i18n';
import { formatMetric, formatMetricShort, type Metric } from './metrics';

/**
 * One figure over the years, one line per series (a unit, or the unit alone): points are
 * `{ year, [key]: value }`. Hidden from screen readers: its pages give the same values in a table.
 */
export function MetricLineChart({
  points,
  lines,
  metric,
  height = 240,
  legend = false,
}: {
  points: Array<Record<string, number | null>>;
  lines: Array<{ key: string; name: string; color: string }>;
  metric: Metric;
  height?: number;
  legend?: boolean;
}) {
  const { locale } = useLocale();
  return (
    <figure className="chart" aria-hidden="true">
      <ResponsiveContainer width="100%" height={height}>
        <LineChart accessibilityLayer={false} data={points} margin={{ left: 24, right: 16, top: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="year" />
          <YAxis tickFormatter={(v: number) => formatMetricShort(locale, metric, v)} width={110} />
          <Tooltip formatter={(v) => formatMetric(locale, metric, Number(v))} />
          {legend && <Legend />}
          {lines.map((line) => (
            <Line
              key={line.key}
              isAnimationActive={false}
              type="monotone"
              dataKey={line.key}
              name={line.name}
              stroke={line.color}
              strokeWidth={2}
              connectNulls
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
