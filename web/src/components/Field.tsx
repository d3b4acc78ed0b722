import { type ReactNode, useId } from 'react';

import { useLocale } from '../app/i18n';
import { DateInput } from './DateInput';

/**
 * A labelled form control with the API's complaint about it right beside it, tied to the control for
 * screen readers (aria-invalid, aria-describedby).
 */
export function Field({
  label,
  error,
  required,
  children,
}: {
  label: string;
  error?: string;
  required?: boolean;
  children: (props: {
    id: string;
    'aria-invalid': boolean;
    'aria-describedby'?: string;
    required?: boolean;
  }) => ReactNode;
}) {
  const { t } = useLocale();
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required && <span className="required"> ({t('records.required')})</span>}
      </label>
      {children({
        id,
        'aria-invalid': Boolean(error),
        'aria-describedby': error ? errorId : undefined,
        required,
      })}
      {error && (
        <span id={errorId} className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

/** A labelled text input (the common case of Field): its value and the API's complaint beside it. */
export function TextField({
  label,
  error,
  value,
  onChange,
  required = true,
  type = 'text',
  autoComplete,
}: {
  label: string;
  error?: string;
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  type?: 'text' | 'email' | 'password' | 'date';
  autoComplete?: string;
}) {
  return (
    <Field label={label} error={error} required={required}>
      {(props) =>
        type === 'date' ? (
          <DateInput {...props} value={value} onChange={onChange} />
        ) : (
          <input
            {...props}
            type={type}
            autoComplete={autoComplete}
            value={value}
            onChange={(event) => onChange(event.target.value)}
          />
        )
      }
    </Field>
  );
}
