import { useEffect, useState } from 'react';
import { DayPicker } from 'react-day-picker';
import { enGB, vi } from 'react-day-picker/locale';

import { useLocale } from '../app/i18n';
import { formatDate } from './format';

/** "15/12/2022" (d/m/yyyy, as offices write it) or "2022-12-15" → "2022-12-15"; null for no calendar day. */
export function isoOf(text: string): string | null {
  const trimmed = text.trim();
  const dmy = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(trimmed);
  const ymd = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  const parts = dmy ? [dmy[3], dmy[2], dmy[1]] : ymd ? [ymd[1], ymd[2], ymd[3]] : null;
  if (!parts) {
    return null;
  }
  const [year, month, day] = parts;
  const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : null;
}

/** A day the calendar picked (a local midnight) as YYYY-MM-DD. */
function isoOfDay(day: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

/**
 * A date typed and shown dd/mm/yyyy whatever the browser's locale (a native date input follows it:
 * mm/dd/yyyy in an English browser), with a calendar (react-day-picker, keyboard accessible) beside it.
 * It hands up YYYY-MM-DD once the text is a day, else the text as typed, for the API to refuse beside
 * the field.
 */
export function DateInput({
  value,
  onChange,
  ...input
}: {
  value: string;
  onChange: (value: string) => void;
  id?: string;
  required?: boolean;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
  'aria-label'?: string;
}) {
  const { t, locale } = useLocale();
  const [text, setText] = useState(() => (isoOf(value) ? formatDate(isoOf(value)!) : value));
  const [open, setOpen] = useState(false);
  // A value set from outside (a reset, a link) shows as dd/mm/yyyy; what is being typed stays as typed.
  useEffect(() => {
    if ((isoOf(text) ?? text.trim()) !== value) {
      setText(isoOf(value) ? formatDate(isoOf(value)!) : value);
    }
  }, [value, text]);
  const chosen = isoOf(text);
  return (
    <span className="date-input">
      <input
        {...input}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder={t('date.placeholder')}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          onChange(isoOf(event.target.value) ?? event.target.value.trim());
        }}
      />
      <button
        type="button"
        className="date-pick"
        aria-expanded={open}
        aria-label={t('date.pick')}
        onClick={() => setOpen(!open)}
      >
        ▦
      </button>
      {open && (
        <span className="date-popover">
          <DayPicker
            mode="single"
            locale={locale === 'vi' ? vi : enGB}
            captionLayout="dropdown"
            startMonth={new Date(1930, 0)}
            endMonth={new Date(new Date().getFullYear() + 2, 11)}
            defaultMonth={chosen ? new Date(`${chosen}T00:00:00`) : undefined}
            selected={chosen ? new Date(`${chosen}T00:00:00`) : undefined}
            autoFocus
            onSelect={(day) => {
              if (day) {
                const iso = isoOfDay(day);
                setText(formatDate(iso));
                onChange(iso);
                setOpen(false);
              }
            }}
          />
        </span>
      )}
    </span>
  );
}
