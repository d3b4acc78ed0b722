import { useLocale } from '../../app/i18n';
import { type Column, DataTable } from '../../components/DataTable';
import { formatPercent } from '../../components/format';
import { formatMetric, metricOf } from '../../components/metrics';
import type { UnitDashboardQuery } from '../../graphql/graphql';

export type Target = NonNullable<UnitDashboardQuery['orgUnit']>['targets'][number];

/** Each target of the year against the rollup: 32.215 of 30.023 new members is 107,3 %. */
export function TargetsTable({ targets, fileName }: { targets: Target[]; fileName: string }) {
  const { t, locale } = useLocale();
  const columns: Column<Target>[] = [
    { header: t('records.metric'), value: (r) => t(`metric.${metricOf(r.metric).field}`) },
    {
      header: t('dashboard.target'),
      value: (r) => Number(r.target),
      render: (r) => formatMetric(locale, metricOf(r.metric), r.target),
      numeric: true,
    },
    {
      header: t('dashboard.actual'),
      value: (r) => Number(r.actual),
      render: (r) => formatMetric(locale, metricOf(r.metric), r.actual),
      numeric: true,
    },
    {
      header: t('dashboard.ratio'),
      value: (r) => r.ratio,
      render: (r) => (
        <>
          <meter min={0} max={1.5} low={0.999} optimum={1.2} value={r.ratio} aria-hidden="true" />{' '}
          {formatPercent(locale, r.ratio)}
        </>
      ),
      numeric: true,
    },
    { header: t('dashboard.setBy'), value: (r) => r.setBy?.name ?? '' },
  ];
  return (
    <DataTable
      caption={t('dashboard.targets')}
      columns={columns}
      rows={targets}
      rowKey={(r) => r.metric}
      fileName={fileName}
    />
  );
}

export function TargetsPanel({ targets }: { targets: Target[] }) {
  const { t } = useLocale();
  return (
    <section aria-labelledby="targets-heading">
      <h3 id="targets-heading">{t('dashboard.targets')}</h3>
      {targets.length === 0 ? (
        <p>{t('dashboard.noTargets')}</p>
      ) : (
        <TargetsTable targets={targets} fileName={t('dashboard.targets')} />
      )}
    </section>
  );
}
