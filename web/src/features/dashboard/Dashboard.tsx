import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';

import { useLocale } from '../../app/i18n';
import { metricOf } from '../../components/metrics';
import { Problem } from '../../components/Problem';
import { ServerDownload } from '../../components/ServerExport';
import { today } from '../../components/calendar';
import { formatDate } from '../../components/format';
import { type FigureBasis, type StatsMetric, UnitDashboardDocument } from '../../graphql/graphql';
import { useUnitPage } from '../navigator/UnitPage';
import { CollectionRankingPanel } from '../finance/CollectionRanking';
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
  const { t, locale } = useLocale();
  const { unit, view } = useUnitPage();
  const [params, setParams] = useSearchParams();
  const metric = metricOf((params.get('rankBy') ?? 'MEMBERS') as StatsMetric);
  const basis: FigureBasis = params.get('basis') === 'APPROVED' ? 'APPROVED' : 'LIVE';
  // The national dashboard compares the years on today's map by default (the provinces of today, each
  // with what it took in); other units as they were. Approved reports are read as they were, always.
  const map = params.get('map') ?? (unit.kind === 'NATIONAL_FEDERATION' ? 'today' : 'asItWas');
  const onTreeOf = basis === 'LIVE' && map === 'today' ? today() : null;
  const [{ data, error, fetching }] = useQuery({
    query: UnitDashboardDocument,
    variables: {
      code: unit.code,
      year: view.year,
      previousYear: view.year - 1,
      fromYear: view.year - SERIES_YEARS + 1,
      metric: metric.metric,
      basis,
      onTreeOf,
    },
  });
  const dashboard = data?.orgUnit;
  if (error) {
    return <Problem error={error} />;
  }
  if (!dashboard) {
    return <p role="status">{fetching ? t('app.loading') : ''}</p>;
  }
  const setParam = (name: string, value: string | null) =>
    setParams((previous) => {
      const copy = new URLSearchParams(previous);
      if (value === null) {
        copy.delete(name);
      } else {
        copy.set(name, value);
      }
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
      <p className="downloads">
        {t('dashboard.annualReport', { year: view.year })}{' '}
        <ServerDownload
          path="/reports/annual"
          query={{ unitCode: unit.code, year: String(view.year), lang: locale }}
          formats={[
            { format: 'docx', label: t('dashboard.annualReportDocx') },
            { format: 'pdf', label: t('dashboard.annualReportPdf') },
          ]}
        />
      </p>
      <label>
        {t('dashboard.basis')}
        <select
          value={basis}
          onChange={(event) => setParam('basis', event.target.value === 'APPROVED' ? 'APPROVED' : null)}
        >
          <option value="LIVE">{t('dashboard.basisLive')}</option>
          <option value="APPROVED">{t('dashboard.basisApproved')}</option>
        </select>
      </label>
      {basis === 'LIVE' && (
        <label>
          {t('dashboard.map')}
          <select value={map} onChange={(event) => setParam('map', event.target.value)}>
            <option value="today">{t('dashboard.mapToday')}</option>
            <option value="asItWas">{t('dashboard.mapAsItWas')}</option>
          </select>
        </label>
      )}
      {onTreeOf && <p role="note">{t('dashboard.mapTodayNote', { day: formatDate(onTreeOf) })}</p>}
      {dashboard.stats ? (
        <KpiCards stats={dashboard.stats} previous={dashboard.previous} />
      ) : (
        <p role="note">
          {onTreeOf ? t('dashboard.notOnMap') : t('dashboard.notApproved', { year: view.year })}
        </p>
      )}
      <SeriesChart series={dashboard.statsSeries.filter((s) => s !== null)} />
      <ChildrenRanking
        ranking={dashboard.childrenStats}
        metric={metric}
        onMetric={(next) => setParam('rankBy', next)}
        unitName={unit.name}
      />
      {unit.kind === 'NATIONAL_FEDERATION' && !onTreeOf && (
        <CollectionRankingPanel unitCode={unit.code} year={view.year} />
      )}
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
