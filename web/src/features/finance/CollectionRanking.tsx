import { useQuery } from 'urql';

import { useLocale } from '../../app/i18n';
import { type Column, DataTable } from '../../components/DataTable';
import { formatMoney, formatPercent } from '../../components/format';
import { UnitCollectionRankingDocument, type UnitCollectionRankingQuery } from '../../graphql/graphql';
import { add } from './money';

type Ranked = NonNullable<UnitCollectionRankingQuery['orgUnit']>['childrenByCollectionRate'][number];

/** The children ranked by collection rate (collected / due), those with nothing due last. */
export function CollectionRanking({
  ranking,
  unitCode,
  year,
}: {
  ranking: Ranked[];
  unitCode: string;
  year: number;
}) {
  const { t, locale } = useLocale();
  if (ranking.length === 0) {
    return null;
  }
  const money = (header: string, amount: (r: Ranked) => string): Column<Ranked> => ({
    header,
    value: (r) => Number(amount(r)),
    render: (r) => formatMoney(locale, amount(r)),
    numeric: true,
  });
  const columns: Column<Ranked>[] = [
    { header: t('finance.rank'), value: (r) => r.rank ?? '', numeric: true },
    { header: t('records.unit'), value: (r) => r.unit.name },
    {
      header: t('finance.collectionRate'),
      value: (r) => r.collectionRate ?? '',
      render: (r) =>
        r.collectionRate === null ? t('finance.nothingDue') : formatPercent(locale, r.collectionRate),
      numeric: true,
    },
    money(t('finance.collected'), (r) => add(r.stats.duesCollected, r.stats.fundingPaid)),
    money(t('finance.due'), (r) => add(r.stats.duesExpected, r.stats.fundingDue)),
    money(t('finance.arrears'), (r) => r.stats.financeArrears),
  ];
  return (
    <DataTable
      caption={`${t('finance.ranking')} ${year}`}
      columns={columns}
      rows={ranking}
      rowKey={(r) => r.unit.code}
      fileName={`${unitCode} ${t('finance.ranking')} ${year}`}
    />
  );
}

/** The national dashboard's panel: the provinces of the year ranked by collection rate. */
export function CollectionRankingPanel({ unitCode, year }: { unitCode: string; year: number }) {
  const [{ data }] = useQuery({ query: UnitCollectionRankingDocument, variables: { code: unitCode, year } });
  const ranking = data?.orgUnit?.childrenByCollectionRate ?? [];
  return <CollectionRanking ranking={ranking} unitCode={unitCode} year={year} />;
}
