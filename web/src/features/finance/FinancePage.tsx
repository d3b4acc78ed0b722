import { EMPLOYER_KINDS } from '@cdvn/domain';
import { useState } from 'react';
import { useQuery } from 'urql';

import { useLocale } from '../../app/i18n';
import { today } from '../../components/calendar';
import { type Column, DataTable } from '../../components/DataTable';
import { Field } from '../../components/Field';
import { formatMoney, formatPercent } from '../../components/format';
import { Problem } from '../../components/Problem';
import { SheetImport } from '../../components/SheetImport';
import { ServerDownload } from '../../components/ServerExport';
import { useWrite } from '../../components/useWrite';
import {
  type EmployerKind,
  RecordCollectionsDocument,
  UnitFinanceDocument,
  UnitFinanceMonthsDocument,
  type UnitFinanceMonthsQuery,
  type UnitFinanceQuery,
} from '../../graphql/graphql';
import { FormShell, wholeNumber } from '../records/FormShell';
import { FormToggle } from '../records/FormToggle';
import { useUnitPage } from '../navigator/UnitPage';
import { mayRecord } from '../session/viewer';
import { CollectionRanking } from './CollectionRanking';
import { RulesAdmin } from './RulesAdmin';
import { useRuleFigure } from './ruleFigure';
import { add } from './money';

type Finance = NonNullable<UnitFinanceQuery['orgUnit']>;
type Rule = Finance['financeRulesInForce']['dues'];
type Month = NonNullable<UnitFinanceMonthsQuery['orgUnit']>['financeMonths'][number];
type Collection = NonNullable<UnitFinanceMonthsQuery['orgUnit']>['collections'][number];

/** The share of what was due that was collected; null when nothing was due. */
function rate(collected: string, due: string): number | null {
  return BigInt(due) === 0n ? null : Number(collected) / Number(due);
}

function RuleLine({
  label,
  rule,
  value,
}: {
  label: string;
  rule: Pick<Rule, 'source' | 'certain' | 'note'>;
  value: string;
}) {
  const { t } = useLocale();
  return (
    <li>
      <strong>{label}:</strong> {value} — <cite translate="no">{rule.source}</cite>
      {!rule.certain && (
        <span className="uncertain" title={rule.note ?? undefined}>
          {' '}
          ({t('finance.uncertain')})
        </span>
      )}
    </li>
  );
}

/** The rules that apply to the unit on a day, each with the text it comes from. */
function RulesInForce({ rules }: { rules: Finance['financeRulesInForce'] }) {
  const { t } = useLocale();
  const figure = useRuleFigure();
  return (
    <section aria-labelledby="finance-rules-heading">
      <h3 id="finance-rules-heading">
        {t('finance.rulesOn', { day: rules.asOf.split('-').reverse().join('/') })} (
        {t(`employerKind.${rules.employerKind}`)})
      </h3>
      {rules.stop && (
        <p role="note">
          {t('finance.stopped')} — <cite translate="no">{rules.stop.source}</cite>
        </p>
      )}
      <ul>
        {[rules.baseSalary, rules.dues, rules.funding, rules.duesSharing, rules.fundingSharing].map(
          (rule) => (
            <RuleLine
              key={rule.kind}
              label={t(`financeRuleKind.${rule.kind}`)}
              rule={rule}
              value={figure(rule)}
            />
          ),
        )}
      </ul>
    </section>
  );
}

/** The year in figures: what was due and collected, the arrears, and what each level received. */
function YearSummary({ stats, caption }: { stats: NonNullable<Finance['stats']>; caption: string }) {
  const { t, locale } = useLocale();
  const collected = add(stats.duesCollected, stats.fundingPaid);
  const due = add(stats.duesExpected, stats.fundingDue);
  const collectionRate = rate(collected, due);
  const rows: Array<[string, string]> = [
    [t('finance.duesCollected'), stats.duesCollected],
    [t('finance.duesExpected'), stats.duesExpected],
    [t('finance.fundingPaid'), stats.fundingPaid],
    [t('finance.fundingDue'), stats.fundingDue],
    [t('finance.arrears'), stats.financeArrears],
    [t('finance.kept'), stats.financeKept],
    [t('finance.toDirectUpper'), stats.financeToDirectUpper],
    [t('finance.toProvince'), stats.financeToProvince],
    [t('finance.toNational'), stats.financeToNational],
  ];
  return (
    <>
      <p className="kpi">
        {t('finance.collectionRate')}:{' '}
        <strong>
          {collectionRate === null ? t('finance.nothingDue') : formatPercent(locale, collectionRate)}
        </strong>
      </p>
      <table className="figures">
        <caption>{caption}</caption>
        <tbody>
          {rows.map(([label, value]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td className="numeric">{formatMoney(locale, value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function CollectionForm({ unitCode, onDone }: { unitCode: string; onDone: () => void }) {
  const { t } = useLocale();
  const [state, write] = useWrite(RecordCollectionsDocument);
  const [values, setValues] = useState({
    month: today().slice(0, 7),
    employerKind: '' as EmployerKind | '',
    membersPaying: '',
    salaryBase: '',
    payroll: '',
    duesCollected: '',
    fundingPaid: '',
  });
  const set = (key: keyof typeof values) => (event: { target: { value: string } }) =>
    setValues({ ...values, [key]: event.target.value });
  const submit = async () => {
    const done = await write({
      input: [
        {
          unitCode,
          month: values.month,
          employerKind: values.employerKind || null,
          membersPaying: Number(wholeNumber(values.membersPaying) ?? '0'),
          salaryBase: wholeNumber(values.salaryBase) ?? '0',
          payroll: wholeNumber(values.payroll) ?? '0',
          duesCollected: wholeNumber(values.duesCollected) ?? '0',
          fundingPaid: wholeNumber(values.fundingPaid) ?? '0',
        },
      ],
    });
    if (done) {
      onDone();
    }
  };
  const money = (key: 'salaryBase' | 'payroll' | 'duesCollected' | 'fundingPaid') => (
    <Field label={t(`finance.${key}`)} error={state.fields[key]} required>
      {(props) => <input {...props} inputMode="numeric" value={values[key]} onChange={set(key)} />}
    </Field>
  );
  return (
    <FormShell
      title={t('finance.recordMonth')}
      state={state}
      onSubmit={() => void submit()}
      onCancel={onDone}
    >
      <Field label={t('finance.month')} error={state.fields.month} required>
        {(props) => <input {...props} placeholder="yyyy-mm" value={values.month} onChange={set('month')} />}
      </Field>
      <Field label={t('finance.employerKind')} error={state.fields.employerKind}>
        {(props) => (
          <select {...props} value={values.employerKind} onChange={set('employerKind')}>
            <option value="">{t('finance.employerKindLatest')}</option>
            {EMPLOYER_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`employerKind.${kind}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('finance.membersPaying')} error={state.fields.membersPaying} required>
        {(props) => (
          <input
            {...props}
            inputMode="numeric"
            value={values.membersPaying}
            onChange={set('membersPaying')}
          />
        )}
      </Field>
      {money('salaryBase')}
      {money('payroll')}
      {money('duesCollected')}
      {money('fundingPaid')}
    </FormShell>
  );
}

/**
 * A unit's finance for the year: what was due and collected, the arrears and the split between the levels
 * (everyone who reads the unit: these are sums); the rules in force with their sources; the children
 * ranked by collection rate; and, for its finance officers, the year month by month, a grassroots union's
 * own months, the form to record a month, and the spreadsheet import and export.
 */
export function FinancePage() {
  const { t, locale } = useLocale();
  const { unit, view, role } = useUnitPage();
  const officer = mayRecord(role);
  const grassroots = unit.kind === 'GRASSROOTS_UNION';
  const asOf = `${view.year}-12-31` < today() ? `${view.year}-12-31` : today();
  const [{ data, error }, reload] = useQuery({
    query: UnitFinanceDocument,
    variables: { code: unit.code, year: view.year, asOf },
  });
  const [months, reloadMonths] = useQuery({
    query: UnitFinanceMonthsDocument,
    variables: { code: unit.code, year: view.year },
    pause: !officer,
  });
  const refresh = () => {
    reload({ requestPolicy: 'network-only' });
    reloadMonths({ requestPolicy: 'network-only' });
  };
  const finance = data?.orgUnit;
  const money = (value: (m: Month) => string, header: string): Column<Month> => ({
    header,
    value: (m) => Number(value(m)),
    render: (m) => formatMoney(locale, value(m)),
    numeric: true,
  });
  const monthColumns: Column<Month>[] = [
    { header: t('finance.month'), value: (m) => m.month },
    ...(grassroots
      ? []
      : [{ header: t('finance.unionsRecorded'), value: (m: Month) => m.unionsRecorded, numeric: true }]),
    money((m) => m.duesCollected, t('finance.duesCollected')),
    money((m) => m.duesExpected, t('finance.duesExpected')),
    money((m) => m.fundingPaid, t('finance.fundingPaid')),
    money((m) => m.fundingDue, t('finance.fundingDue')),
    money((m) => m.arrears, t('finance.arrears')),
    money((m) => m.kept, t('finance.kept')),
    money((m) => m.sentUp, t('finance.sentUp')),
  ];
  const collectionColumns: Column<Collection>[] = [
    { header: t('finance.month'), value: (c) => c.month },
    { header: t('finance.employerKind'), value: (c) => t(`employerKind.${c.employerKind}`) },
    { header: t('finance.membersPaying'), value: (c) => c.membersPaying, numeric: true },
    ...(
      [
        'salaryBase',
        'payroll',
        'duesCollected',
        'duesExpected',
        'fundingPaid',
        'fundingDue',
        'arrears',
      ] as const
    ).map((key): Column<Collection> => ({
      header: t(`finance.${key}`),
      value: (c) => Number(c[key]),
      render: (c) => formatMoney(locale, c[key]),
      numeric: true,
    })),
    ...(
      [
        ['kept', 'grassroots'],
        ['toProvince', 'province'],
      ] as const
    ).map(([label, level]): Column<Collection> => ({
      header: t(`finance.${label}`),
      value: (c) => Number(add(c.duesShares[level], c.fundingShares[level])),
      render: (c) => formatMoney(locale, add(c.duesShares[level], c.fundingShares[level])),
      numeric: true,
    })),
  ];
  const title = `${t('tab.finance')} ${view.year}`;
  return (
    <section aria-labelledby="finance-heading">
      <h2 id="finance-heading">{title}</h2>
      {error && <Problem error={error} />}
      {finance && (
        <>
          {finance.stats && <YearSummary stats={finance.stats} caption={`${title}: ${unit.name}`} />}
          <RulesInForce rules={finance.financeRulesInForce} />
          <CollectionRanking
            ranking={finance.childrenByCollectionRate}
            unitCode={unit.code}
            year={view.year}
          />
        </>
      )}
      {officer && (
        <>
          {grassroots && (
            <FormToggle
              allowed
              label={t('finance.recordMonth')}
              form={(close) => (
                <CollectionForm
                  unitCode={unit.code}
                  onDone={() => {
                    close();
                    refresh();
                  }}
                />
              )}
            />
          )}
          <details>
            <summary>{t('finance.importTitle')}</summary>
            <SheetImport kind="collections" hint={t('finance.importHint')} />
          </details>
          {months.error && <Problem error={months.error} />}
          {months.data?.orgUnit && (
            <>
              <DataTable
                caption={`${t('finance.byMonth')} ${view.year}: ${unit.name}`}
                columns={monthColumns}
                rows={months.data.orgUnit.financeMonths}
                rowKey={(m) => m.month}
                fileName={`${unit.code} ${t('finance.byMonth')} ${view.year}`}
                exports={
                  <ServerDownload
                    path="/export/collections"
                    query={{ unitCode: unit.code, year: String(view.year) }}
                    formats={[
                      { format: 'csv', label: t('records.exportAllCsv') },
                      { format: 'xlsx', label: t('records.exportAllXlsx') },
                    ]}
                  />
                }
              />
              {grassroots && months.data.orgUnit.collections.length > 0 && (
                <DataTable
                  caption={`${t('finance.collections')} ${view.year}: ${unit.name}`}
                  columns={collectionColumns}
                  rows={months.data.orgUnit.collections}
                  rowKey={(c) => c.month}
                  fileName={`${unit.code} ${t('finance.collections')} ${view.year}`}
                />
              )}
              {months.data.orgUnit.financeMonths.length === 0 && <p>{t('finance.noMonths')}</p>}
            </>
          )}
        </>
      )}
      {!officer && <p className="note">{t('finance.sumsOnly')}</p>}
      {officer && unit.kind === 'NATIONAL_FEDERATION' && <RulesAdmin />}
    </section>
  );
}
