import { useState } from 'react';
import { useQuery } from 'urql';

import { useLocale } from '../../app/i18n';
import { type Column, DataTable } from '../../components/DataTable';
import { formatDate } from '../../components/format';
import { Pager } from '../../components/Pager';
import { Problem } from '../../components/Problem';
import { usePages } from '../../components/usePages';
import { UnitAwardsDocument, type UnitAwardsQuery } from '../../graphql/graphql';
import { useUnitPage } from '../navigator/UnitPage';
import { mayRecord } from '../session/viewer';
import { AwardForm } from './AwardForm';

type Award = NonNullable<UnitAwardsQuery['orgUnit']>['awards']['edges'][number]['node'];

/** Awards honouring the year in the subtree. */
export function AwardsPage() {
  const { t } = useLocale();
  const { unit, view, role } = useUnitPage();
  const [adding, setAdding] = useState(false);
  const pages = usePages(`${unit.code}/${view.year}`);
  const [{ data, error }] = useQuery({
    query: UnitAwardsDocument,
    variables: { code: unit.code, year: view.year, after: pages.after },
  });
  const awards = data?.orgUnit?.awards;
  const columns: Column<Award>[] = [
    { header: t('records.awardedOn'), value: (a) => a.awardedOn, render: (a) => formatDate(a.awardedOn) },
    { header: t('records.kind'), value: (a) => t(`awardKind.${a.kind}`) },
    {
      header: t('records.recipientType'),
      value: (a) => t(a.collective ? 'records.collective' : 'records.individual'),
    },
    { header: t('records.recipient'), value: (a) => a.recipientName ?? a.unit.name },
    { header: t('records.issuer'), value: (a) => a.issuer?.name ?? a.issuerName ?? '' },
    { header: t('records.reason'), value: (a) => a.reason ?? '' },
  ];
  return (
    <section aria-labelledby="awards-heading">
      <h2 id="awards-heading">
        {t('tab.awards')} {view.year}
      </h2>
      {mayRecord(role) &&
        (adding ? (
          <AwardForm unitCode={unit.code} onDone={() => setAdding(false)} />
        ) : (
          <button type="button" onClick={() => setAdding(true)}>
            {t('records.addAward')}
          </button>
        ))}
      {error && <Problem error={error} />}
      {awards && (
        <>
          <DataTable
            caption={`${t('tab.awards')} ${view.year}: ${unit.name}`}
            columns={columns}
            rows={awards.edges.map((e) => e.node)}
            rowKey={(a) => a.id}
            fileName={`${unit.code} ${t('tab.awards')} ${view.year}`}
          />
          <Pager
            page={pages.page}
            total={awards.totalCount}
            hasNext={awards.pageInfo.hasNextPage}
            onPrevious={pages.previous}
            onNext={() => awards.pageInfo.endCursor && pages.next(awards.pageInfo.endCursor)}
          />
        </>
      )}
    </section>
  );
}
