import { useState } from 'react';

import { useLocale } from '../../app/i18n';
import { DateInput } from '../../components/DateInput';
import { Field } from '../../components/Field';
import { useWrite } from '../../components/useWrite';
import { type AwardKind, GrantAwardDocument } from '../../graphql/graphql';
import { today } from '../../components/calendar';
import { FormShell, given } from './FormShell';

export const AWARD_KINDS: readonly AwardKind[] = [
  'LETTER_OF_COMMENDATION',
  'CERTIFICATE_OF_MERIT',
  'EMULATION_FLAG',
  'COMMEMORATIVE_MEDAL',
  'CREATIVE_LABOUR_CERTIFICATE',
  'TITLE',
];

/** Records an award granted by the unit on screen (the API refuses a kind its level may not grant). */
export function AwardForm({ unitCode, onDone }: { unitCode: string; onDone: (saved: boolean) => void }) {
  const { t } = useLocale();
  const [state, write] = useWrite(GrantAwardDocument);
  const [values, setValues] = useState({
    kind: 'LETTER_OF_COMMENDATION' as AwardKind,
    collective: 'true',
    recipientName: '',
    recipientUnit: unitCode,
    awardedOn: today(),
    reason: '',
  });
  const set = (key: keyof typeof values) => (event: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [key]: event.target.value }));
  const submit = async () => {
    const saved = await write({
      input: {
        kind: values.kind,
        collective: values.collective === 'true',
        recipientName: given(values.recipientName),
        unitCode: values.recipientUnit.trim(),
        issuerCode: unitCode,
        awardedOn: values.awardedOn,
        reason: given(values.reason),
      },
    });
    if (saved) {
      onDone(true);
    }
  };
  const error = state.fields;
  return (
    <FormShell title={t('records.addAward')} state={state} onSubmit={submit} onCancel={() => onDone(false)}>
      <Field label={t('records.kind')} error={error.kind ?? error.issuerCode} required>
        {(props) => (
          <select {...props} value={values.kind} onChange={set('kind')}>
            {AWARD_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`awardKind.${k}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('records.recipientType')} error={error.collective} required>
        {(props) => (
          <select {...props} value={values.collective} onChange={set('collective')}>
            <option value="true">{t('records.collective')}</option>
            <option value="false">{t('records.individual')}</option>
          </select>
        )}
      </Field>
      <Field label={t('records.recipient')} error={error.recipientName}>
        {(props) => <input {...props} value={values.recipientName} onChange={set('recipientName')} />}
      </Field>
      <Field label={t('records.unit')} error={error.unitCode} required>
        {(props) => <input {...props} value={values.recipientUnit} onChange={set('recipientUnit')} />}
      </Field>
      <Field label={t('records.awardedOn')} error={error.awardedOn} required>
        {(props) => (
          <DateInput
            {...props}
            value={values.awardedOn}
            onChange={(value) => set('awardedOn')({ target: { value } })}
          />
        )}
      </Field>
      <Field label={t('records.reason')} error={error.reason}>
        {(props) => <input {...props} value={values.reason} onChange={set('reason')} />}
      </Field>
    </FormShell>
  );
}
