import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useClient, useQuery } from 'urql';

import { useLocale } from '../../app/i18n';
import { FIRST_YEAR, today } from '../../components/calendar';
import { type Column, DataTable } from '../../components/DataTable';
import { formatCount, formatPercent } from '../../components/format';
import { MetricLineChart } from '../../components/MetricLineChart';
import { MetricSelect } from '../../components/MetricSelect';
import { formatMetric, metricOf, valueOf } from '../../components/metrics';
import {
  CompareUnitDocument,
  type CompareUnitQuery,
  SearchUnitsDocument,
  type StatsMetric,
  UnitPeersDocument,
} from '../../graphql/graphql';
import { useUnitPage } from '../navigator/UnitPage';
import { useViewer } from '../session/viewer';

/** At most this many units side by side: a chart of more lines reads as noise. */
const MAX_UNITS = 40;
/** Beyond this many lines the legend hides the chart: the table names every unit. */
const MAX_LEGEND = 8;
const COLORS = ['#b3261e', '#1f6f8b', '#2e7d32', '#8e24aa', '#ef6c00', '#3949ab', '#6d4c41', '#00897b'];

type Compared = { code: string; unit: NonNullable<CompareUnitQuery['orgUnit']> | null; refused: boolean };

/**
 * Units side by side over years: picked among the unit's siblings, an emulation cluster, or by search; one
 * figure in a table and a chart, "as it was" (each year on its own tree) or on today's map (every year on
 * today's tree, so that a merged province's past holds the provinces it took in). The link keeps the view.
 */
export function ComparePage() {
  const { t, locale } = useLocale();
  const { unit, view } = useUnitPage();
  const viewer = useViewer();
  const client = useClient();
  const [params, setParams] = useSearchParams();
  const codes = useMemo(
    () => (params.get('units') ?? unit.code).split(',').filter(Boolean).slice(0, MAX_UNITS),
    [params, unit.code],
  );
  const metric = metricOf((params.get('metric') ?? 'MEMBERS') as StatsMetric);
  const toYear = view.year;
  const fromYear = Math.min(toYear, Number(params.get('from') ?? toYear - 3));
  const onTodaysMap = params.get('map') !== 'asItWas';
  const onTreeOf = onTodaysMap ? today() : null;
  const set = (changes: Record<string, string | null>) =>
    setParams((previous) => {
      const copy = new URLSearchParams(previous);
      for (const [name, value] of Object.entries(changes)) {
        if (value === null) {
          copy.delete(name);
        } else {
          copy.set(name, value);
        }
      }
      return copy;
    });
  const setCodes = (next: string[]) => set({ units: [...new Set(next)].slice(0, MAX_UNITS).join(',') });

  const [compared, setCompared] = useState<Compared[] | null>(null);
  useEffect(() => {
    let current = true;
    setCompared(null);
    void Promise.all(
      codes.map(async (code) => {
        const result = await client
          .query(CompareUnitDocument, { code, fromYear, toYear, onTreeOf, metric: metric.metric })
          .toPromise();
        return { code, unit: result.data?.orgUnit ?? null, refused: !result.data?.orgUnit };
      }),
    ).then((rows) => current && setCompared(rows));
    return () => {
      current = false;
    };
  }, [client, codes, fromYear, toYear, onTreeOf, metric.metric]);

  const [{ data: peers }] = useQuery({
    query: UnitPeersDocument,
    variables: { code: unit.code, year: toYear, onTreeOf },
  });
  const [search, setSearch] = useState('');
  const searchRoot = viewer.roles[0]?.unit.code ?? unit.code;
  const [{ data: found }] = useQuery({
    query: SearchUnitsDocument,
    variables: { code: searchRoot, text: search },
    pause: search.trim().length < 2,
  });

  const years = Array.from({ length: toYear - fromYear + 1 }, (_, i) => fromYear + i);
  const shown = (compared ?? []).filter(
    (row): row is Compared & { unit: NonNullable<Compared['unit']> } => !!row.unit,
  );
  const yearValue = (row: (typeof shown)[number], year: number) => {
    const stats = row.unit.statsSeries.find((s) => s?.year === year);
    return stats ? valueOf(stats, metric) : null;
  };
  const columns: Column<(typeof shown)[number]>[] = [
    { header: t('compare.unit'), value: (row) => row.unit.name },
    ...years.map((year) => ({
      header: String(year),
      numeric: true,
      value: (row: (typeof shown)[number]) => yearValue(row, year),
      render: (row: (typeof shown)[number]) => {
        const value = yearValue(row, year);
        return value === null ? '—' : formatMetric(locale, metric, value);
      },
    })),
    {
      header: t('compare.change', { year: toYear - 1 }),
      numeric: true,
      value: (row) => (row.unit.indicators?.change.ratio == null ? null : row.unit.indicators.change.ratio),
      render: (row) =>
        row.unit.indicators?.change.ratio == null
          ? '—'
          : formatPercent(locale, row.unit.indicators.change.ratio),
    },
    {
      header: t('compare.membersPerUnion'),
      numeric: true,
      value: (row) => row.unit.indicators?.membersPerGrassrootsUnion ?? null,
      render: (row) =>
        row.unit.indicators?.membersPerGrassrootsUnion == null
          ? '—'
          : formatCount(locale, Math.round(row.unit.indicators.membersPerGrassrootsUnion)),
    },
    {
      header: t('compare.womenShare'),
      numeric: true,
      value: (row) => row.unit.indicators?.womenShare ?? null,
      render: (row) =>
        row.unit.indicators?.womenShare == null ? '—' : formatPercent(locale, row.unit.indicators.womenShare),
    },
    {
      header: t('compare.newPer100'),
      numeric: true,
      value: (row) => row.unit.indicators?.newMembersPer100Members ?? null,
      render: (row) =>
        row.unit.indicators?.newMembersPer100Members == null
          ? '—'
          : (Math.round(row.unit.indicators.newMembersPer100Members * 10) / 10).toLocaleString(
              locale === 'vi' ? 'vi-VN' : 'en-GB',
            ),
    },
  ];
  const points = years.map((year) => ({
    year,
    ...Object.fromEntries(shown.map((row) => [row.code, yearValue(row, year)])),
  }));

  const siblings = peers?.orgUnit?.parent?.childrenStats?.map((c) => c.unit) ?? [];
  const clusters = peers?.emulationClusters ?? [];
  return (
    <section aria-labelledby="compare-heading">
      <h2 id="compare-heading">{t('compare.title')}</h2>
      <fieldset className="filters">
        <legend>{t('compare.view')}</legend>
        <label>
          {t('compare.metric')}
          <MetricSelect value={metric} onChange={(next) => set({ metric: next.metric })} />
        </label>
        <label>
          {t('compare.from')}
          <input
            type="number"
            min={FIRST_YEAR}
            max={toYear}
            value={fromYear}
            onChange={(event) => set({ from: event.target.value })}
          />
        </label>
        <span>{t('compare.to', { year: toYear })}</span>
        <label>
          <input type="radio" name="map" checked={onTodaysMap} onChange={() => set({ map: null })} />
          {t('compare.onTodaysMap')}
        </label>
        <label>
          <input type="radio" name="map" checked={!onTodaysMap} onChange={() => set({ map: 'asItWas' })} />
          {t('compare.asItWas')}
        </label>
      </fieldset>
      <p role="note">
        {onTodaysMap ? t('compare.onTodaysMapNote', { day: onTreeOf }) : t('compare.asItWasNote')}
      </p>
      <fieldset className="filters">
        <legend>{t('compare.units', { n: codes.length })}</legend>
        <ul className="chips">
          {codes.map((code) => (
            <li key={code}>
              {(compared ?? []).find((row) => row.code === code)?.unit?.name ?? code}{' '}
              <button
                type="button"
                aria-label={t('compare.remove', { code })}
                onClick={() => setCodes(codes.filter((c) => c !== code))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        {siblings.length > 0 && (
          <button type="button" onClick={() => setCodes([...codes, ...siblings.map((s) => s.code)])}>
            {t('compare.addSiblings', { n: siblings.length })}
          </button>
        )}
        {clusters.length > 0 && (
          <label>
            {t('compare.addCluster')}
            <select
              value=""
              onChange={(event) => {
                const cluster = clusters.find((c) => c.code === event.target.value);
                if (cluster) {
                  setCodes([...codes, ...cluster.ranking.map((r) => r.unit.code)]);
                }
              }}
            >
              <option value="">—</option>
              {clusters.map((cluster) => (
                <option key={cluster.code} value={cluster.code}>
                  {cluster.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {t('compare.search')}
          <input type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
        </label>
        {search.trim().length >= 2 && (
          <ul aria-label={t('compare.searchResults')}>
            {(found?.orgUnit?.descendants.edges ?? []).map(({ node }) => (
              <li key={node.code}>
                <button type="button" onClick={() => setCodes([...codes, node.code])}>
                  {t('compare.add', { name: node.name })}
                </button>
              </li>
            ))}
          </ul>
        )}
      </fieldset>
      {compared === null ? (
        <p role="status">{t('app.loading')}</p>
      ) : (
        <>
          {compared.some((row) => row.refused) && (
            <p role="alert">
              {t('compare.refused', {
                codes: compared
                  .filter((row) => row.refused)
                  .map((row) => row.code)
                  .join(', '),
              })}
            </p>
          )}
          <MetricLineChart
            points={points}
            lines={shown.map((row, index) => ({
              key: row.code,
              name: row.unit.name,
              color: COLORS[index % COLORS.length],
            }))}
            metric={metric}
            height={280}
            legend={shown.length <= MAX_LEGEND}
          />
          <DataTable
            caption={t('compare.caption', {
              metric: t(`metric.${metric.field}`),
              from: fromYear,
              to: toYear,
              map: onTodaysMap ? t('compare.onTodaysMap') : t('compare.asItWas'),
            })}
            columns={columns}
            rows={shown}
            rowKey={(row) => row.code}
            fileName={`so-sanh-${metric.field}-${fromYear}-${toYear}${onTodaysMap ? '-ban-do-hien-nay' : ''}`}
          />
        </>
      )}
    </section>
  );
}
