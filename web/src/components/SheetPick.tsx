import { useId, useRef } from 'react';

import { useLocale } from '../app/i18n';

/**
 * Choosing a spreadsheet (CSV or Excel): the browser's own file button speaks the browser's language, so
 * it is hidden behind a button that speaks the page's, with the chosen file's name beside it.
 */
export function SheetPick({
  label,
  file,
  onPick,
}: {
  label: string;
  file: File | null;
  onPick: (file: File | null) => void;
}) {
  const { t } = useLocale();
  const fileId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  return (
    <div className="file-pick">
      <label htmlFor={fileId}>{label}</label>
      <input
        id={fileId}
        ref={fileInput}
        type="file"
        className="visually-hidden"
        tabIndex={-1}
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        onChange={(event) => onPick(event.target.files?.[0] ?? null)}
      />
      <button type="button" onClick={() => fileInput.current?.click()}>
        {t('plan.chooseFile')}
      </button>{' '}
      <span>{file ? file.name : t('plan.noFile')}</span>
    </div>
  );
}
