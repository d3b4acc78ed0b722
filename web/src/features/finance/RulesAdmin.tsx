import { EMPLOYER_KINDS, FINANCE_RULE_KINDS } from '@cdvn/domain';
import { useState } from 'react';
import { useQuery } from 'urql';

import { useLocale } from '../../app/i18n';
import { type Column, DataTable } from '../../components/DataTable';
import { DateInput } from '../../components/DateInput';
import { Field } from '../../components/Field';
import { formatDate } from '../../components/format';
import { Problem } from '../../components/Problem';
import { useWrite } from '../../components/useWrite';
import {
  type EmployerKind,
  type FinanceRuleKind,
  FinanceRulesDocument,
  type FinanceRulesQuery,
  SetFinanceRuleDocument,
} from '../../graphql/graphql';
import { FormShell, given, wholeNumber } from '../records/FormShell';
import { useRuleFigure } from './ruleFigure';

type Rule = FinanceRulesQuery['financeRules'][number];

const LEVELS = ['grassroots', 'directUpper', 'province', 'national'] as const;

function RuleForm({ rule, onDone }: { rule: Rule | null; onDone: () => void }) {
  const { t } = useLocale();
  const [state, write] = useWrite(SetFinanceRuleDocument);
  const [kind, setKind] = useState<FinanceRuleKind>(rule?.kind ?? 'BASE_SALARY');
  const [validFrom, setValidFrom] = useState(rule?.validFrom ?? '');
  const [validTo, setValidTo] = useState(rule?.validTo ?? '');
  const [employers, setEmployers] = useState<EmployerKind[]>(rule?.employerKinds ?? []);
  const [amount, setAmount] = useState(rule?.amount ?? '');
  const [rate, setRate] = useState(rule?.rate?.toString() ?? '');
  const [cap, setCap] = useState(rule?.cap?.toString() ?? '');
  const [shares, setShares] = useState<Record<(typeof LEVELS)[number], string>>(
    Object.fromEntries(LEVELS.map((l) => [l, rule?.shares?.[l]?.toString() ?? '0'])) as Record<
      (typeof LEVELS)[number],
      string
    >,
  );
  const [source, setSource] = useState(rule?.source ?? '');
  const [note, setNote] = useState(rule?.note ?? '');
  const [certain, setCertain] = useState(rule?.certain ?? true);
  const sharing = kind === 'DUES_SHARING' || kind === 'FUNDING_SHARING';
  const number = (text: string) => {
    const digits = wholeNumber(text);
    return digits === null ? null : Number(digits);
  };
  const submit = async () => {
    const saved = await write({
      input: {
        id: rule?.id ?? null,
        kind,
        validFrom,
        validTo: given(validTo),
        employerKinds: employers.length > 0 ? employers : null,
        amount: kind === 'BASE_SALARY' ? wholeNumber(amount) : null,
        rate: kind === 'DUES_RATE' || kind === 'FUNDING_RATE' ? number(rate) : null,
        cap: kind === 'DUES_RATE' ? number(cap) : null,
        shares: sharing
          ? (Object.fromEntries(LEVELS.map((l) => [l, number(shares[l]) ?? 0])) as Record<
              (typeof LEVELS)[number],
              number
            >)
          : null,
        source,
        note: given(note),
        certain,
      },
    });
    if (saved) {
      onDone();
    }
  };
  return (
    <FormShell
      title={rule ? t('finance.correctRule') : t('finance.addRule')}
      state={state}
      onSubmit={() => void submit()}
      onCancel={onDone}
    >
      <Field label={t('finance.ruleKind')} error={state.fields.kind} required>
        {(props) => (
          <select
            {...props}
            value={kind}
            onChange={(event) => setKind(event.target.value as FinanceRuleKind)}
          >
            {FINANCE_RULE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`financeRuleKind.${k}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('finance.validFrom')} error={state.fields.validFrom} required>
        {(props) => <DateInput {...props} value={validFrom} onChange={setValidFrom} />}
      </Field>
      <Field label={t('finance.validTo')} error={state.fields.validTo}>
        {(props) => <DateInput {...props} value={validTo} onChange={setValidTo} />}
      </Field>
      <fieldset>
        <legend>{t('finance.employers')}</legend>
        {EMPLOYER_KINDS.map((employer) => (
          <label key={employer} className="inline">
            <input
              type="checkbox"
              checked={employers.includes(employer)}
              onChange={(event) =>
                setEmployers(
                  event.target.checked ? [...employers, employer] : employers.filter((e) => e !== employer),
                )
              }
            />{' '}
            {t(`employerKind.${employer}`)}
          </label>
        ))}
        {state.fields.employerKinds && (
          <span className="field-error" role="alert">
            {state.fields.employerKinds}
          </span>
        )}
      </fieldset>
      {kind === 'BASE_SALARY' && (
        <Field label={t('finance.baseSalary')} error={state.fields.amount} required>
          {(props) => (
            <input
              {...props}
              inputMode="numeric"
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
            />
          )}
        </Field>
      )}
      {(kind === 'DUES_RATE' || kind === 'FUNDING_RATE') && (
        <Field label={t('finance.ratePer10000')} error={state.fields.rate} required>
          {(props) => (
            <input {...props} inputMode="numeric" value={rate} onChange={(e) => setRate(e.target.value)} />
          )}
        </Field>
      )}
      {kind === 'DUES_RATE' && (
        <Field label={t('finance.capPer10000')} error={state.fields.cap} required>
          {(props) => (
            <input {...props} inputMode="numeric" value={cap} onChange={(e) => setCap(e.target.value)} />
          )}
        </Field>
      )}
      {sharing &&
        LEVELS.map((level) => (
          <Field
            key={level}
            label={t(`finance.share.${level}`)}
            error={level === 'grassroots' ? state.fields.shares : undefined}
          >
            {(props) => (
              <input
                {...props}
                inputMode="numeric"
                value={shares[level]}
                onChange={(e) => setShares({ ...shares, [level]: e.target.value })}
              />
            )}
          </Field>
        ))}
      <Field label={t('finance.source')} error={state.fields.source} required>
        {(props) => <input {...props} value={source} onChange={(e) => setSource(e.target.value)} />}
      </Field>
      <Field label={t('finance.note')} error={state.fields.note}>
        {(props) => <input {...props} value={note} onChange={(e) => setNote(e.target.value)} />}
      </Field>
      <label className="inline">
        <input type="checkbox" checked={certain} onChange={(e) => setCertain(e.target.checked)} />{' '}
        {t('finance.certain')}
      </label>
    </FormShell>
  );
}

/**
 * The national federation's finance rules, each with its source and dates, and the form that adds one or
 * corrects one (audited; a month already recorded keeps what was computed for it).
 */
export function RulesAdmin() {
  const { t } = useLocale();
  const figure = useRuleFigure();
  const [{ data, error }, reload] = useQuery({ query: FinanceRulesDocument });
  const [editing, setEditing] = useState<Rule | 'new' | null>(null);
  const columns: Column<Rule>[] = [
    { header: t('finance.ruleKind'), value: (r) => t(`financeRuleKind.${r.kind}`) },
    { header: t('finance.validFrom'), value: (r) => r.validFrom, render: (r) => formatDate(r.validFrom) },
    {
      header: t('finance.validTo'),
      value: (r) => r.validTo ?? '',
      render: (r) => (r.validTo ? formatDate(r.validTo) : '—'),
    },
    {
      header: t('finance.employers'),
      value: (r) =>
        (r.employerKinds ?? []).map((e) => t(`employerKind.${e}`)).join(', ') || t('finance.everyEmployer'),
    },
    { header: t('finance.figure'), value: figure },
    {
      header: t('finance.source'),
      value: (r) => r.source,
      render: (r) => (
        <>
          <cite translate="no">{r.source}</cite>
          {!r.certain && <span className="uncertain"> ({t('finance.uncertain')})</span>}
        </>
      ),
    },
    {
      header: t('finance.correctRule'),
      value: () => null,
      render: (r) => (
        <button type="button" onClick={() => setEditing(r)}>
          {t('finance.correctRule')}
        </button>
      ),
    },
  ];
  const close = () => {
    setEditing(null);
    reload({ requestPolicy: 'network-only' });
  };
  return (
    <section aria-labelledby="finance-rules-admin-heading">
      <h3 id="finance-rules-admin-heading">{t('finance.rulesTitle')}</h3>
      {error && <Problem error={error} />}
      {editing ? (
        <RuleForm
          key={editing === 'new' ? 'new' : editing.id}
          rule={editing === 'new' ? null : editing}
          onDone={close}
        />
      ) : (
        <button type="button" onClick={() => setEditing('new')}>
          {t('finance.addRule')}
        </button>
      )}
      {data && (
        <DataTable
          caption={t('finance.rulesTitle')}
          columns={columns}
          rows={data.financeRules}
          rowKey={(r) => r.id}
          fileName={t('finance.rulesTitle')}
        />
      )}
    </section>
  );
}
