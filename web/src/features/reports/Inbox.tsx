import { Link } from 'react-router';
import { useQuery } from 'urql';

import { useLocale } from '../../app/i18n';
import { type Column, DataTable } from '../../components/DataTable';
import { formatDate, formatPercent } from '../../components/format';
import { Problem } from '../../components/Problem';
import {
  UnitCompletenessDocument,
  type UnitCompletenessQuery,
  UnitMissingReportersDocument,
  type UnitMissingReportersQuery,
} from '../../graphql/graphql';
import { useUnitPage } from '../navigator/UnitPage';

type Completeness = NonNullable<NonNullable<UnitCompletenessQuery['orgUnit']>['completeness']>;
type Child = Completeness['children'][number];
type Missing = NonNullable<
  NonNullable<UnitMissingReportersQuery['orgUnit']>['completeness']
>['missing'][number];

/**
 * An upper level's view of a period: how far its subtree has reported, its children's reports with their
 * states (each opens the child's report, where the level above approves or returns it), and the units that
 * have not submitted, with their officers, to download as CSV or XLSX.
 */
export function Inbox({ unitCode, period }: { unitCode: string; period: string }) {
  const { t, locale } = useLocale();
  const { view } = useUnitPage();
  const [{ data, error }] = useQuery({
    query: UnitCompletenessDocument,
    variables: { code: unitCode, period },
  });
  const [{ data: missingData, error: missingError }] = useQuery({
    query: UnitMissingReportersDocument,
    variables: { code: unitCode, period },
  });
  const completeness = data?.orgUnit?.completeness;
  const missingRows = missingData?.orgUnit?.completeness?.missing ?? [];
  if (error ?? missingError) {
    return <Problem error={(error ?? missingError)!} />;
  }
  if (!completeness) {
    return null;
  }
  const { total } = completeness;
  const state = (s: string | null) => t(`reports.state.${s ?? 'NOT_STARTED'}`);
  const children: Column<Child>[] = [
    {
      header: t('dashboard.unit'),
      value: (c) => c.unit.name,
      render: (c) => <Link to={view.linkTo(c.unit.code, 'reports')}>{c.unit.name}</Link>,
    },
    {
      header: t('reports.stateColumn'),
      value: (c) => (c.notReportedReason ? t('reports.notReported') : state(c.state)),
    },
    {
      header: t('reports.submittedColumn'),
      value: (c) => (c.submittedAt ? formatDate(c.submittedAt.slice(0, 10)) : ''),
    },
    {
      header: t('reports.subtree'),
      value: (c) => c.total.completeness,
      render: (c) => (
        <>
          <progress max={1} value={c.total.completeness} /> {formatPercent(locale, c.total.completeness)} (
          {c.total.approved}/{c.total.expected})
        </>
      ),
      numeric: true,
    },
  ];
  const missing: Column<Missing>[] = [
    { header: t('reports.code'), value: (m) => m.unit.code },
    { header: t('dashboard.unit'), value: (m) => m.unit.name },
    { header: t('reports.stateColumn'), value: (m) => state(m.state) },
    {
      header: t('reports.officers'),
      value: (m) => m.officers.map((o) => `${o.fullName} (${t(`officerRole.${o.role}`)})`).join('; '),
    },
  ];
  return (
    <section aria-labelledby="inbox-heading">
      <h3 id="inbox-heading">{t('reports.inbox')}</h3>
      <p className="completeness">
        <progress max={1} value={total.completeness} aria-label={t('reports.completeness')} />{' '}
        {t('reports.progress', {
          done: total.approved + total.notReported,
          expected: total.expected,
          share: formatPercent(locale, total.completeness),
        })}{' '}
        {t('reports.counts', total)}
      </p>
      <DataTable
        caption={t('reports.children')}
        columns={children}
        rows={completeness.children}
        rowKey={(c) => c.unit.code}
        fileName={`${unitCode} ${period} ${t('reports.children')}`}
      />
      <DataTable
        caption={t('reports.missing', {
          count: total.expected - total.submitted - total.approved - total.notReported,
          shown: missingRows.length,
        })}
        columns={missing}
        rows={missingRows}
        rowKey={(m) => m.unit.code}
        fileName={`${unitCode} ${period} ${t('reports.missingFile')}`}
      />
    </section>
  );
}
