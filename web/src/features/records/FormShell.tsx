import type { FormEvent, ReactNode } from 'react';

import { useLocale } from '../../app/i18n';
import type { WriteState } from '../../components/useWrite';

/** A record form: its heading, the refusals that name no field, and save / cancel. */
export function FormShell({
  title,
  state,
  onSubmit,
  onCancel,
  submitLabel,
  children,
}: {
  title: string;
  state: WriteState;
  onSubmit: () => void;
  onCancel: () => void;
  /** The submit button's words; "Save" when omitted. */
  submitLabel?: string;
  children: ReactNode;
}) {
  const { t } = useLocale();
  return (
    <form
      className="record-form"
      aria-label={title}
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <h3>{title}</h3>
      {state.form.map((message) => (
        <p key={message} role="alert" className="problem">
          {message}
        </p>
      ))}
      {children}
      <div className="actions">
        <button type="submit" disabled={state.fetching}>
          {submitLabel ?? t('records.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('records.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Empty inputs are left out of a write, so that the API's defaults and "not given" apply. */
export function given(value: string): string | null {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** "740.000.000" or "740000000" → "740000000": the dots Vietnamese write between thousands are dropped. */
export function wholeNumber(value: string): string | null {
  const digits = value.replace(/[.\s,]/g, '');
  return digits === '' ? null : digits;
}
