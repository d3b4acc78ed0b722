import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';

import { useLocale } from '../../app/i18n';
import { metricOf } from '../../components/metrics';
import { Problem } from '../../components/Problem';
import { type StatsMetric, UnitDashboardDocument } from '../../graphql/graphql';
import { useUnitPage } from '../navigator/UnitPage';
import { ChildrenRanking } from './ChildrenRanking';
import { ClustersPanel } from './ClustersPanel';
import { KpiCards } from './KpiCards';
import { RatingsPanel } from './RatingsPanel';
import { SeriesChart } from './SeriesChart';
import { TargetsPanel } from './TargetsPanel';

/** Years shown in the series: the chosen one and the four before it. */
const SERIES_YEARS = 5;

/** A unit's figures for the chosen year, against the year before, over the years and among its children. */
export function Dashboard() {
  const { t } = useLocale();
  const { unit, view } = useUnitPage();
  const [params, setParams] = useSearchParams();
  const metric = metricOf((params.get('rankBy') ?? 'MEMBERS') as StatsMetric);
  const [{ data, error, fetching }] = useQuery({
    query: UnitDashboardDocument,
    variables: {
      code: unit.code,
      year: view.year,
      previousYear: view.year - 1,
      fromYear: view.year - SERIES_YEARS + 1,
      metric: metric.metric,
    },
  });
  const dashboard = data?.orgUnit;
  if (error) {
    return <Problem error={error} />;
  }
  if (!dashboard) {
    return <p role="status">{fetching ? t('app.loading') : ''}</p>;
  }
  const rankBy = (next: StatsMetric) =>
    setParams((previous) => {
      const copy = new URLSearchParams(previous);
      copy.set('rankBy', next);
      return copy;
    });
  const clusterCodes = new Set([unit.code, ...dashboard.childrenStats.map((c) => c.unit.code)]);
  return (
    <section aria-labelledby="dashboard-heading" aria-busy={fetching}>
      <h2 id="dashboard-heading">{t('dashboard.title', { year: view.year })}</h2>
      {dashboard.annualTheme && (
        <p>
          {t('dashboard.theme')}: <q>{dashboard.annualTheme.theme}</q>
        </p>
      )}
      <KpiCards stats={dashboard.stats} previous={dashboard.previous} />
      <SeriesChart series={dashboard.statsSeries} />
      <ChildrenRanking
        ranking={dashboard.childrenStats}
        metric={metric}
        onMetric={rankBy}
        unitName={unit.name}
      />
      <TargetsPanel targets={dashboard.targets} />
      <RatingsPanel summary={dashboard.ratingSummary} />
      <ClustersPanel
        clusters={data.emulationClusters.filter(
          (cluster) =>
            unit.kind === 'NATIONAL_FEDERATION' || cluster.ranking.some((r) => clusterCodes.has(r.unit.code)),
        )}
        metric={metric}
      />
    </section>
  );
}
