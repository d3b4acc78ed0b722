import { useQuery } from 'urql';

import { useLocale } from '../../app/i18n';
import type { Column } from '../../components/DataTable';
import { formatCount, formatDate, formatMoney } from '../../components/format';
import { PagedTable } from '../../components/PagedTable';
import { Problem } from '../../components/Problem';
import { ServerExport } from '../../components/ServerExport';
import { SheetImport } from '../../components/SheetImport';
import { usePages } from '../../components/usePages';
import { useWrite } from '../../components/useWrite';
import {
  DeleteActivityDocument,
  UnitActivitiesDocument,
  type UnitActivitiesQuery,
} from '../../graphql/graphql';
import { useUnitPage } from '../navigator/UnitPage';
import { mayRecord } from '../session/viewer';
import { ActivityForm } from './ActivityForm';
import { FormToggle } from './FormToggle';

type Activity = NonNullable<UnitActivitiesQuery['orgUnit']>['activities']['edges'][number]['node'];

/** The year's activities in the subtree, latest first, and the form to record one of the unit's own. */
export function ActivitiesPage() {
  const { t, locale } = useLocale();
  const { unit, view, role } = useUnitPage();
  const pages = usePages(`${unit.code}/${view.year}`);
  const [{ data, error }] = useQuery({
    query: UnitActivitiesDocument,
    variables: { code: unit.code, year: view.year, after: pages.after },
  });
  const [removal, remove] = useWrite(DeleteActivityDocument);
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
    ...(mayRecord(role)
      ? [
          {
            header: t('records.delete'),
            value: () => null,
            render: (a: Activity) => (
              <button
                type="button"
                aria-label={`${t('records.delete')}: ${t(`activityKind.${a.kind}`)} ${formatDate(a.occurredOn)}`}
                onClick={() => {
                  if (window.confirm(t('records.confirmDelete'))) {
                    void remove({ id: a.id });
                  }
                }}
              >
                {t('records.delete')}
              </button>
            ),
          },
        ]
      : []),
  ];
  return (
    <section aria-labelledby="activities-heading">
      <h2 id="activities-heading">
        {t('tab.activities')} {view.year}
      </h2>
      <FormToggle
        allowed={mayRecord(role)}
        label={t('records.addActivity')}
        form={(close) => <ActivityForm unitCode={unit.code} onDone={close} />}
      />
      {mayRecord(role) && (
        <details>
          <summary>{t('records.importActivities')}</summary>
          <SheetImport kind="activities" hint={t('records.importActivitiesHint')} />
        </details>
      )}
      {error && <Problem error={error} />}
      {removal.form.concat(Object.values(removal.fields)).map((message) => (
        <p key={message} role="alert" className="problem">
          {message}
        </p>
      ))}
      {activities && (
        <PagedTable
          connection={activities}
          pages={pages}
          caption={`${t('tab.activities')} ${view.year}: ${unit.name}`}
          columns={columns}
          rowKey={(a) => a.id}
          fileName={`${unit.code} ${t('tab.activities')} ${view.year}`}
          exports={
            <ServerExport kind="activities" query={{ unitCode: unit.code, year: String(view.year) }} />
          }
        />
      )}
    </section>
  );
}
