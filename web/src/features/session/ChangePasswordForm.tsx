import { useState } from 'react';

import { useLocale } from '../../app/i18n';
import { TextField } from '../../components/Field';
import { useWrite } from '../../components/useWrite';
import { ChangePasswordDocument } from '../../graphql/graphql';
import { FormShell } from '../records/FormShell';

/**
 * After an administrator's reset the account holds no role until the person sets their own password:
 * the page asks for it (the given one, and the new one twice) before anything else.
 */
export function ChangePasswordForm({ onChanged, onCancel }: { onChanged: () => void; onCancel: () => void }) {
  const { t } = useLocale();
  const [state, write] = useWrite(ChangePasswordDocument);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const mismatch = again !== '' && again !== next ? t('password.mismatch') : undefined;
  const submit = async () => {
    if (next === again && (await write({ currentPassword: current, newPassword: next }))) {
      onChanged();
    }
  };
  return (
    <main id="main" className="login">
      <h1>{t('password.title')}</h1>
      <p>{t('password.why')}</p>
      <FormShell title={t('password.title')} state={state} onSubmit={submit} onCancel={onCancel}>
        <TextField
          label={t('password.current')}
          error={state.fields.currentPassword}
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={setCurrent}
        />
        <TextField
          label={t('password.new')}
          error={state.fields.newPassword}
          type="password"
          autoComplete="new-password"
          value={next}
          onChange={setNext}
        />
        <TextField
          label={t('password.again')}
          error={mismatch}
          type="password"
          autoComplete="new-password"
          value={again}
          onChange={setAgain}
        />
      </FormShell>
    </main>
  );
}
