import { useQuery } from 'urql';

import { useLocale } from '../../app/i18n';
import type { Column } from '../../components/DataTable';
import { formatDate } from '../../components/format';
import { PagedTable } from '../../components/PagedTable';
import { Problem } from '../../components/Problem';
import { usePages } from '../../components/usePages';
import { UnitAwardsDocument, type UnitAwardsQuery } from '../../graphql/graphql';
import { useUnitPage } from '../navigator/UnitPage';
import { mayRecord } from '../session/viewer';
import { AwardForm } from './AwardForm';
import { FormToggle } from './FormToggle';

type Award = NonNullable<UnitAwardsQuery['orgUnit']>['awards']['edges'][number]['node'];

/** Awards honouring the year in the subtree. */
export function AwardsPage() {
  const { t } = useLocale();
  const { unit, view, role } = useUnitPage();
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
      <FormToggle
        allowed={mayRecord(role)}
        label={t('records.addAward')}
        form={(close) => <AwardForm unitCode={unit.code} onDone={close} />}
      />
      {error && <Problem error={error} />}
      {awards && (
        <PagedTable
          connection={awards}
          pages={pages}
          caption={`${t('tab.awards')} ${view.year}: ${unit.name}`}
          columns={columns}
          rowKey={(a) => a.id}
          fileName={`${unit.code} ${t('tab.awards')} ${view.year}`}
        />
      )}
    </section>
  );
}
