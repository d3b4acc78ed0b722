import { useState } from 'react';

import { useLocale } from '../../app/i18n';
import { readToken } from '../session/token';
import { type Preview, PreviewReport } from './StructureSection';

interface PlanAnswer {
  data?: {
    errors: Array<{ row: number; message: string }>;
    changes: number;
    preview: Preview | null;
    applied: boolean;
  };
  errors?: Array<{ message: string }>;
}

/** Sends the sheet to POST /plan/preview or /plan/apply, with the session's token. */
async function send(action: 'preview' | 'apply', file: File): Promise<PlanAnswer> {
  const xlsx = file.name.toLowerCase().endsWith('.xlsx');
  const response = await fetch(`/plan/${action}?format=${xlsx ? 'xlsx' : 'csv'}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${readToken() ?? ''}` },
    body: file,
  });
  return (await response.json()) as PlanAnswer;
}

/**
 * A restructuring plan uploaded as a sheet (unit ← the units it is formed from, effective date, new name):
 * checked whole and previewed first, then applied as one transaction, or not at all.
 */
export function PlanSection() {
  const { t } = useLocale();
  const [file, setFile] = useState<File | null>(null);
  const [answer, setAnswer] = useState<PlanAnswer | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (action: 'preview' | 'apply') => {
    if (!file) {
      return;
    }
    setBusy(true);
    try {
      setAnswer(await send(action, file));
    } catch {
      setAnswer({ errors: [{ message: t('problem.other') }] });
    } finally {
      setBusy(false);
    }
  };
  const plan = answer?.data;
  return (
    <section aria-labelledby="admin-plan-heading">
      <h4 id="admin-plan-heading">{t('plan.title')}</h4>
      <p>{t('plan.columns')}</p>
      <label>
        {t('plan.file')}
        <input
          type="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(event) => {
            setFile(event.target.files?.[0] ?? null);
            setAnswer(null);
          }}
        />
      </label>{' '}
      <button type="button" disabled={!file || busy} onClick={() => void run('preview')}>
        {t('plan.check')}
      </button>
      {answer?.errors?.map((error) => (
        <p key={error.message} role="alert" className="problem">
          {error.message}
        </p>
      ))}
      {plan && plan.errors.length > 0 && (
        <ul role="alert" aria-label={t('plan.rowErrors')} className="problem">
          {plan.errors.map((error) => (
            <li key={`${error.row}/${error.message}`}>
              {t('plan.rowError', { row: error.row, message: error.message })}
            </li>
          ))}
        </ul>
      )}
      {plan?.applied && <p role="status">{t('plan.applied', { n: plan.changes })}</p>}
      {plan?.preview && (
        <>
          <p>{t('plan.changes', { n: plan.changes })}</p>
          <PreviewReport preview={plan.preview} />
          <button type="button" disabled={busy} onClick={() => void run('apply')}>
            {t('plan.apply')}
          </button>{' '}
          <button type="button" onClick={() => setAnswer(null)}>
            {t('records.cancel')}
          </button>
        </>
      )}
    </section>
  );
}
