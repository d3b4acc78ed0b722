import { useLocale } from '../../app/i18n';
import { type Column, DataTable } from '../../components/DataTable';
import { formatMetric, type Metric, valueOf } from '../../components/metrics';
import type { UnitDashboardQuery } from '../../graphql/graphql';

type Cluster = UnitDashboardQuery['emulationClusters'][number];
type Ranked = Cluster['ranking'][number];

/** The emulation clusters the unit or its children belong to, each ranked on the chosen figure. */
export function ClustersPanel({ clusters, metric }: { clusters: Cluster[]; metric: Metric }) {
  const { t, locale } = useLocale();
  const columns: Column<Ranked>[] = [
    { header: t('dashboard.rank'), value: (r) => r.rank, render: (r) => r.rank ?? '—', numeric: true },
    { header: t('dashboard.unit'), value: (r) => r.unit.name },
    {
      header: t(`metric.${metric.field}`),
      value: (r) => (r.stats ? valueOf(r.stats, metric) : null),
      render: (r) => (r.stats ? formatMetric(locale, metric, r.stats[metric.field]) : t('dashboard.missing')),
      numeric: true,
    },
  ];
  return (
    <section aria-labelledby="clusters-heading">
      <h3 id="clusters-heading">{t('dashboard.clusters')}</h3>
      {clusters.length === 0 && <p>{t('dashboard.noClusters')}</p>}
      {clusters.map((cluster) => (
        <DataTable
          key={cluster.code}
          caption={cluster.name}
          columns={columns}
          rows={cluster.ranking}
          rowKey={(r) => r.unit.code}
          fileName={cluster.name}
        />
      ))}
    </section>
  );
}
