import { Link } from 'react-router';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

import { useLocale } from '../../app/i18n';
import { type Column, DataTable } from '../../components/DataTable';
import { MetricSelect } from '../../components/MetricSelect';
import { formatMetric, formatMetricShort, type Metric, metricOf, valueOf } from '../../components/metrics';
import type { StatsMetric, UnitDashboardQuery } from '../../graphql/graphql';
import { useUnitPage } from '../navigator/UnitPage';

type Ranked = NonNullable<UnitDashboardQuery['orgUnit']>['childrenStats'][number];

/** Bars for the leaders; the table holds every child. */
const CHART_ROWS = 15;

/** Axis labels drop the level's prefix ("Công đoàn cơ sở Sở Tư pháp" → "Sở Tư pháp") and stay one line. */
function shortName(name: string): string {
  const short = name.replace(/^(Công đoàn cơ sở|Liên đoàn Lao động|Công đoàn)\s+/u, '');
  return short.length > 30 ? `${short.slice(0, 29)}…` : short;
}

/** The children of the year ranked on a chosen figure: a bar chart of the leaders and a sortable table. */
export function ChildrenRanking({
  ranking,
  metric,
  onMetric,
  unitName,
}: {
  ranking: Ranked[];
  metric: Metric;
  onMetric: (metric: StatsMetric) => void;
  unitName: string;
}) {
  const { t, locale } = useLocale();
  const { view } = useUnitPage();
  const label = t(`metric.${metric.field}`);
  const columns: Column<Ranked>[] = [
    { header: t('dashboard.rank'), value: (r) => r.rank, render: (r) => r.rank ?? '—', numeric: true },
    {
      header: t('dashboard.unit'),
      value: (r) => r.unit.name,
      render: (r) => <Link to={view.linkTo(r.unit.code)}>{r.unit.name}</Link>,
    },
    {
      header: label,
      value: (r) => (r.stats ? valueOf(r.stats, metric) : null),
      render: (r) => (r.stats ? formatMetric(locale, metric, r.stats[metric.field]) : t('dashboard.missing')),
      numeric: true,
    },
    ...(metric.field === 'members'
      ? []
      : [
          {
            header: t('metric.members'),
            value: (r: Ranked) => r.stats?.members ?? null,
            render: (r: Ranked) =>
              r.stats ? formatMetric(locale, metricOf('MEMBERS'), r.stats.members) : t('dashboard.missing'),
            numeric: true,
          },
        ]),
  ];
  const bars = ranking
    .flatMap((r) => (r.stats ? [{ name: r.unit.name, value: valueOf(r.stats, metric) }] : []))
    .slice(0, CHART_ROWS);
  return (
    <section aria-labelledby="ranking-heading">
      <h3 id="ranking-heading">{t('dashboard.ranking')}</h3>
      <label>
        {t('dashboard.rankBy')}
        <MetricSelect value={metric} onChange={(m) => onMetric(m.metric)} />
      </label>
      {ranking.length === 0 ? (
        <p>{t('dashboard.noRanking')}</p>
      ) : (
        <>
          <figure className="chart" aria-hidden="true">
            <ResponsiveContainer width="100%" height={Math.max(160, bars.length * 28)}>
              <BarChart
                accessibilityLayer={false}
                data={bars}
                layout="vertical"
                margin={{ left: 8, right: 16 }}
              >
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis type="number" tickFormatter={(v: number) => formatMetricShort(locale, metric, v)} />
                <YAxis
                  type="category"
                  dataKey="name"
                  width={210}
                  interval={0}
                  tick={{ fontSize: 12 }}
                  tickFormatter={(name: string) => shortName(name)}
                />
                <Tooltip formatter={(v) => formatMetric(locale, metric, Number(v))} />
                <Bar isAnimationActive={false} dataKey="value" name={label} fill="#b3261e" />
              </BarChart>
            </ResponsiveContainer>
          </figure>
          <DataTable
            caption={`${t('dashboard.ranking')}: ${label}, ${view.year}`}
            columns={columns}
            rows={ranking}
            rowKey={(r) => r.unit.code}
            fileName={`${unitName} - ${label} - ${view.year}`}
          />
        </>
      )}
    </section>
  );
}
