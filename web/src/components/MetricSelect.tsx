import type { SelectHTMLAttributes } from 'react';

import { useLocale } from '../app/i18n';
import type { StatsMetric } from '../graphql/graphql';
import { type Metric, METRICS, metricOf } from './metrics';

/** A choice among the metric catalogue, labelled in the user's language; the caller gives it its label. */
export function MetricSelect({
  value,
  onChange,
  ...props
}: { value: Metric; onChange: (metric: Metric) => void } & Omit<
  SelectHTMLAttributes<HTMLSelectElement>,
  'value' | 'onChange'
>) {
  const { t } = useLocale();
  return (
    <select
      {...props}
      value={value.metric}
      onChange={(event) => onChange(metricOf(event.target.value as StatsMetric))}
    >
      {METRICS.map((m) => (
        <option key={m.metric} value={m.metric}>
          {t(`metric.${m.field}`)}
        </option>
      ))}
    </select>
  );
}
