import { useState } from 'react';

import { useLocale } from '../../app/i18n';
import { DateInput } from '../../components/DateInput';
import { Field } from '../../components/Field';
import { useWrite } from '../../components/useWrite';
import {
  CreateMemberDocument,
  type Gender,
  UpdateMemberDocument,
  type UnitMembersQuery,
} from '../../graphql/graphql';
import { today } from '../../components/calendar';
import { FormShell, given } from './FormShell';

export type MemberRow = NonNullable<UnitMembersQuery['orgUnit']>['members']['edges'][number]['node'];

interface Props {
  /** The member to edit; a new member when absent. */
  member?: MemberRow;
  /** The grassroots union admitting a new member (the unit on screen when it is one). */
  unitCode: string;
  onDone: (saved: boolean) => void;
}

/** Admits a member (kết nạp) or corrects a member's personal data. */
export function MemberForm({ member, unitCode, onDone }: Props) {
  const { t } = useLocale();
  const [created, create] = useWrite(CreateMemberDocument);
  const [updated, update] = useWrite(UpdateMemberDocument);
  const state = member ? updated : created;
  const [values, setValues] = useState({
    fullName: member?.fullName ?? '',
    gender: (member?.gender ?? 'FEMALE') as Gender,
    birthDate: member?.birthDate ?? '',
    phone: member?.phone ?? '',
    nationalId: member?.nationalId ?? '',
    cardNumber: member?.cardNumber ?? '',
    joinedOn: today(),
    unitCode,
  });
  const set = (key: keyof typeof values) => (event: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [key]: event.target.value }));
  const personal = {
    fullName: values.fullName.trim(),
    gender: values.gender,
    birthDate: given(values.birthDate),
    phone: given(values.phone),
    nationalId: given(values.nationalId),
    cardNumber: given(values.cardNumber),
  };
  const submit = async () => {
    const saved = member
      ? await update({ id: member.id, input: personal })
      : await create({ input: { ...personal, joinedOn: values.joinedOn, unitCode: values.unitCode.trim() } });
    if (saved) {
      onDone(true);
    }
  };
  const error = state.fields;
  return (
    <FormShell
      title={member ? t('records.editMember') : t('records.addMember')}
      state={state}
      onSubmit={submit}
      onCancel={() => onDone(false)}
    >
      <Field label={t('records.fullName')} error={error.fullName} required>
        {(props) => <input {...props} value={values.fullName} onChange={set('fullName')} />}
      </Field>
      <Field label={t('records.gender')} error={error.gender} required>
        {(props) => (
          <select {...props} value={values.gender} onChange={set('gender')}>
            <option value="FEMALE">{t('gender.FEMALE')}</option>
            <option value="MALE">{t('gender.MALE')}</option>
          </select>
        )}
      </Field>
      <Field label={t('records.birthDate')} error={error.birthDate}>
        {(props) => (
          <DateInput
            {...props}
            value={values.birthDate}
            onChange={(value) => set('birthDate')({ target: { value } })}
          />
        )}
      </Field>
      <Field label={t('records.phone')} error={error.phone}>
        {(props) => <input {...props} type="tel" value={values.phone} onChange={set('phone')} />}
      </Field>
      <Field label={t('records.nationalId')} error={error.nationalId}>
        {(props) => (
          <input {...props} inputMode="numeric" value={values.nationalId} onChange={set('nationalId')} />
        )}
      </Field>
      <Field label={t('records.cardNumber')} error={error.cardNumber}>
        {(props) => <input {...props} value={values.cardNumber} onChange={set('cardNumber')} />}
      </Field>
      {!member && (
        <>
          <Field label={t('records.joinedOn')} error={error.joinedOn ?? error.date} required>
            {(props) => (
              <DateInput
                {...props}
                value={values.joinedOn}
                onChange={(value) => set('joinedOn')({ target: { value } })}
              />
            )}
          </Field>
          <Field label={t('records.memberUnit')} error={error.unitCode} required>
            {(props) => <input {...props} value={values.unitCode} onChange={set('unitCode')} />}
          </Field>
        </>
      )}
    </FormShell>
  );
}
