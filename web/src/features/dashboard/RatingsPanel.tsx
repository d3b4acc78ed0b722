import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

import { useLocale } from '../../app/i18n';
import { formatCount, formatPercent } from '../../components/format';
import type { UnitDashboardQuery } from '../../graphql/graphql';

type Summary = NonNullable<UnitDashboardQuery['orgUnit']>['ratingSummary'];

const RATINGS = [
  ['EXCELLENT', 'excellent'],
  ['GOOD', 'good'],
  ['COMPLETED', 'completed'],
  ['NOT_COMPLETED', 'notCompleted'],
] as const;

/** How the grassroots unions of the subtree were rated for the year. */
export function RatingsPanel({ summary }: { summary: Summary }) {
  const { t, locale } = useLocale();
  const bars = RATINGS.map(([rating, field]) => ({ name: t(`rating.${rating}`), value: summary[field] }));
  return (
    <section aria-labelledby="ratings-heading">
      <h3 id="ratings-heading">{t('dashboard.ratings')}</h3>
      <p>
        {t('dashboard.rated', {
          rated: formatCount(locale, summary.rated),
          total: formatCount(locale, summary.grassrootsUnits),
        })}
        {summary.rated > 0 &&
          summary.goodOrBetterShare !== null &&
          summary.goodOrBetterShare !== undefined &&
          ` · ${t('dashboard.goodOrBetter', { share: formatPercent(locale, summary.goodOrBetterShare) })}`}
      </p>
      {summary.rated > 0 && (
        <>
          <figure className="chart" aria-hidden="true">
            <ResponsiveContainer width="100%" height={160}>
              <BarChart accessibilityLayer={false} data={bars} margin={{ left: 8, right: 16 }}>
                <XAxis dataKey="name" tick={{ fontSize: 12 }} />
                <YAxis allowDecimals={false} />
                <Tooltip formatter={(v) => formatCount(locale, Number(v))} />
                <Bar isAnimationActive={false} dataKey="value" fill="#1f6f43" />
              </BarChart>
            </ResponsiveContainer>
          </figure>
          <ul className="inline">
            {bars.map((b) => (
              <li key={b.name}>
                {b.name}: {formatCount(locale, b.value)}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
