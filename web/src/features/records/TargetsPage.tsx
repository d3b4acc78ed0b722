import { useState } from 'react';
import { useQuery } from 'urql';

import { useLocale } from '../../app/i18n';
import { Field } from '../../components/Field';
import { MetricSelect } from '../../components/MetricSelect';
import { metricOf } from '../../components/metrics';
import { Problem } from '../../components/Problem';
import { useWrite } from '../../components/useWrite';
import { SetTargetDocument, UnitTargetsDocument } from '../../graphql/graphql';
import { TargetsTable } from '../dashboard/TargetsPanel';
import { useUnitPage } from '../navigator/UnitPage';
import { mayRecord } from '../session/viewer';
import { FormShell, wholeNumber } from './FormShell';
import { FormToggle } from './FormToggle';

function TargetForm({ unitCode, year, onDone }: { unitCode: string; year: number; onDone: () => void }) {
  const { t } = useLocale();
  const [state, write] = useWrite(SetTargetDocument);
  const [metric, setMetric] = useState(() => metricOf('NEW_MEMBERS'));
  const [value, setValue] = useState('');
  const submit = async () => {
    if (await write({ unitCode, year, metric: metric.metric, value: wholeNumber(value) ?? '' })) {
      onDone();
    }
  };
  return (
    <FormShell title={`${t('records.setTarget')} ${year}`} state={state} onSubmit={submit} onCancel={onDone}>
      <Field label={t('records.metric')} error={state.fields.metric} required>
        {(props) => <MetricSelect {...props} value={metric} onChange={setMetric} />}
      </Field>
      <Field label={t('records.value')} error={state.fields.value} required>
        {(props) => (
          <input
            {...props}
            inputMode="numeric"
            pattern="[0-9. ]*"
            value={value}
            onChange={(event) => setValue(event.target.value)}
          />
        )}
      </Field>
    </FormShell>
  );
}

/** The unit's targets for the year against its rollup, and setting one. */
export function TargetsPage() {
  const { t } = useLocale();
  const { unit, view, role } = useUnitPage();
  const [{ data, error }] = useQuery({
    query: UnitTargetsDocument,
    variables: { code: unit.code, year: view.year },
  });
  const targets = data?.orgUnit?.targets;
  return (
    <section aria-labelledby="targets-page-heading">
      <h2 id="targets-page-heading">
        {t('tab.targets')} {view.year}
      </h2>
      <FormToggle
        allowed={mayRecord(role)}
        label={t('records.setTarget')}
        form={(close) => <TargetForm unitCode={unit.code} year={view.year} onDone={close} />}
      />
      {error && <Problem error={error} />}
      {targets &&
        (targets.length === 0 ? (
          <p>{t('dashboard.noTargets')}</p>
        ) : (
          <TargetsTable targets={targets} fileName={`${unit.code} ${t('tab.targets')} ${view.year}`} />
        ))}
    </section>
  );
}
