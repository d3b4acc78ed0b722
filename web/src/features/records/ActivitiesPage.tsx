import { useState } from 'react';
import { useQuery } from 'urql';

import { useLocale } from '../../app/i18n';
import { type Column, DataTable } from '../../components/DataTable';
import { formatCount, formatDate, formatMoney } from '../../components/format';
import { Pager } from '../../components/Pager';
import { Problem } from '../../components/Problem';
import { ServerExport } from '../../components/ServerExport';
import { usePages } from '../../components/usePages';
import { UnitActivitiesDocument, type UnitActivitiesQuery } from '../../graphql/graphql';
import { useUnitPage } from '../navigator/UnitPage';
import { mayRecord } from '../session/viewer';
import { ActivityForm } from './ActivityForm';

type Activity = NonNullable<UnitActivitiesQuery['orgUnit']>['activities']['edges'][number]['node'];

/** The year's activities in the subtree, latest first, and the form to record one of the unit's own. */
export function ActivitiesPage() {
  const { t, locale } = useLocale();
  const { unit, view, role } = useUnitPage();
  const [adding, setAdding] = useState(false);
  const pages = usePages(`${unit.code}/${view.year}`);
  const [{ data, error }] = useQuery({
    query: UnitActivitiesDocument,
    variables: { code: unit.code, year: view.year, after: pages.after },
  });
  const activities = data?.orgUnit?.activities;
  const columns: Column<Activity>[] = [
    { header: t('records.date'), value: (a) => a.occurredOn, render: (a) => formatDate(a.occurredOn) },
    { header: t('records.kind'), value: (a) => t(`activityKind.${a.kind}`) },
    { header: t('records.unit'), value: (a) => a.unit.name },
    {
      header: t('records.quantity'),
      value: (a) => a.quantity,
      render: (a) => formatCount(locale, a.quantity),
      numeric: true,
    },
    {
      header: t('records.amount'),
      value: (a) => Number(a.amount),
      render: (a) => formatMoney(locale, a.amount),
      numeric: true,
    },
    { header: t('records.note'), value: (a) => a.note ?? '' },
  ];
  return (
    <section aria-labelledby="activities-heading">
      <h2 id="activities-heading">
        {t('tab.activities')} {view.year}
      </h2>
      {mayRecord(role) &&
        (adding ? (
          <ActivityForm unitCode={unit.code} onDone={() => setAdding(false)} />
        ) : (
          <button type="button" onClick={() => setAdding(true)}>
            {t('records.addActivity')}
          </button>
        ))}
      {error && <Problem error={error} />}
      {activities && (
        <>
          <DataTable
            caption={`${t('tab.activities')} ${view.year}: ${unit.name}`}
            columns={columns}
            rows={activities.edges.map((e) => e.node)}
            rowKey={(a) => a.id}
            fileName={`${unit.code} ${t('tab.activities')} ${view.year}`}
            exports={
              <ServerExport kind="activities" query={{ unitCode: unit.code, year: String(view.year) }} />
            }
          />
          <Pager
            page={pages.page}
            total={activities.totalCount}
            hasNext={activities.pageInfo.hasNextPage}
            onPrevious={pages.previous}
            onNext={() => activities.pageInfo.endCursor && pages.next(activities.pageInfo.endCursor)}
          />
        </>
      )}
    </section>
  );
}
