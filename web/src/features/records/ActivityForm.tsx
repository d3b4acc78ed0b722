import { useState } from 'react';

import { useLocale } from '../../app/i18n';
import { DateInput } from '../../components/DateInput';
import { Field } from '../../components/Field';
import { useWrite } from '../../components/useWrite';
import { type ActivityKind, RecordActivityDocument } from '../../graphql/graphql';
import { today } from '../../components/calendar';
import { FormShell, given, wholeNumber } from './FormShell';

export const ACTIVITY_KINDS = [
  'SUPPORT',
  'WELFARE',
  'GIFT',
  'CHARITY',
  'UNION_HOME',
  'TOTAL_CARE',
  'INITIATIVE',
  'PARTY_REFERRAL',
  'PARTY_ADMISSION',
  'WORKER_CONFERENCE',
  'OTHER',
] as const satisfies readonly ActivityKind[];
/** The form offers every kind the API knows (the generated types come from the schema, which comes from @cdvn/domain). */
type Unoffered = Exclude<ActivityKind, (typeof ACTIVITY_KINDS)[number]>;
export const EVERY_KIND_OFFERED: [Unoffered] extends [never] ? true : Unoffered = true;

/** Records an activity of the unit itself (its own work; the children record theirs). */
export function ActivityForm({ unitCode, onDone }: { unitCode: string; onDone: (saved: boolean) => void }) {
  const { t } = useLocale();
  const [state, write] = useWrite(RecordActivityDocument);
  const [kind, setKind] = useState<ActivityKind>('SUPPORT');
  const [occurredOn, setOccurredOn] = useState(today());
  const [quantity, setQuantity] = useState('');
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const submit = async () => {
    const count = wholeNumber(quantity);
    const saved = await write({
      input: {
        unitCode,
        kind,
        occurredOn,
        quantity: count === null ? null : Number(count),
        amount: wholeNumber(amount),
        note: given(note),
      },
    });
    if (saved) {
      onDone(true);
    }
  };
  return (
    <FormShell
      title={t('records.addActivity')}
      state={state}
      onSubmit={submit}
      onCancel={() => onDone(false)}
    >
      <Field label={t('records.kind')} error={state.fields.kind} required>
        {(props) => (
          <select {...props} value={kind} onChange={(event) => setKind(event.target.value as ActivityKind)}>
            {ACTIVITY_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`activityKind.${k}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('records.date')} error={state.fields.occurredOn ?? state.fields.date} required>
        {(props) => <DateInput {...props} value={occurredOn} onChange={setOccurredOn} />}
      </Field>
      <Field label={t('records.quantity')} error={state.fields.quantity}>
        {(props) => (
          <input
            {...props}
            inputMode="numeric"
            pattern="[0-9. ]*"
            value={quantity}
            onChange={(event) => setQuantity(event.target.value)}
          />
        )}
      </Field>
      <Field label={t('records.amount')} error={state.fields.amount}>
        {(props) => (
          <input
            {...props}
            inputMode="numeric"
            pattern="[0-9. ]*"
            value={amount}
            onChange={(event) => setAmount(event.target.value)}
          />
        )}
      </Field>
      <Field label={t('records.note')} error={state.fields.note}>
        {(props) => <input {...props} value={note} onChange={(event) => setNote(event.target.value)} />}
      </Field>
    </FormShell>
  );
}
