import { useState } from 'react';
import { useQuery } from 'urql';

import { useDataChanged } from '../../app/dataChanged';
import { useLocale } from '../../app/i18n';
import type { Column } from '../../components/DataTable';
import { DataTable } from '../../components/DataTable';
import { formatDate, formatMoment } from '../../components/format';
import { sayMessage, sayRefusal } from '../../components/messages';
import { Problem } from '../../components/Problem';
import { Refusals } from '../../components/Refusals';
import { SheetPick } from '../../components/SheetPick';
import { useWrite } from '../../components/useWrite';
import {
  CancelRestructuringPlanDocument,
  RestructuringPlansDocument,
  type RestructuringPlansQuery,
} from '../../graphql/graphql';
import { readToken } from '../session/token';
import { changeInWords } from './changes';
import { type Preview, PreviewReport } from './StructureSection';

interface RowError {
  row: number;
  message: string;
  messageCode?: string;
  params?: Record<string, unknown>;
}

interface PlanAnswer {
  data?: {
    errors: RowError[];
    changes: number;
    preview: Preview | null;
    applied: boolean;
    scheduled: { id: string; effectiveDate: string } | null;
  };
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** The plans listed even while there are none, so that the list is read again after one is scheduled. */
const PLANS = { additionalTypenames: ['RestructuringPlan'] };

/** Sends the sheet to POST /plan/preview or /plan/apply, with the session's token and the file's name. */
async function send(action: 'preview' | 'apply', file: File): Promise<PlanAnswer> {
  const xlsx = file.name.toLowerCase().endsWith('.xlsx');
  const query = new URLSearchParams({ format: xlsx ? 'xlsx' : 'csv', name: file.name });
  const response = await fetch(`/plan/${action}?${query.toString()}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${readToken() ?? ''}` },
    body: file,
  });
  return (await response.json()) as PlanAnswer;
}

/**
 * A restructuring plan uploaded as a sheet (unit ← the units it is formed from, effective date, new name):
 * checked whole and previewed first, then applied as one transaction, or not at all. A plan dated after
 * today is kept until its date, listed below, and may be cancelled until then.
 */
export function PlanSection() {
  const { t } = useLocale();
  const [file, setFile] = useState<File | null>(null);
  const [answer, setAnswer] = useState<PlanAnswer | null>(null);
  const [busy, setBusy] = useState(false);
  const [plans, reloadPlans] = useQuery({ query: RestructuringPlansDocument, context: PLANS });
  const dataChanged = useDataChanged();
  const run = async (action: 'preview' | 'apply') => {
    if (!file) {
      return;
    }
    setBusy(true);
    try {
      const sent = await send(action, file);
      setAnswer(sent);
      if (sent.data?.applied) {
        // The tree changed: every page shown reads it again.
        dataChanged();
      } else if (sent.data?.scheduled) {
        reloadPlans({ requestPolicy: 'network-only' });
      }
    } catch {
      setAnswer({ errors: [{ message: t('problem.other') }] });
    } finally {
      setBusy(false);
    }
  };
  const plan = answer?.data;
  const done = plan?.applied || plan?.scheduled;
  return (
    <section aria-labelledby="admin-plan-heading">
      <h4 id="admin-plan-heading">{t('plan.title')}</h4>
      <p>{t('plan.columns')}</p>
      <SheetPick
        label={t('plan.file')}
        file={file}
        onPick={(picked) => {
          setFile(picked);
          setAnswer(null);
        }}
      />{' '}
      <button type="button" disabled={!file || busy} onClick={() => void run('preview')}>
        {t('plan.check')}
      </button>
      {answer?.errors?.map((error) => (
        <p key={error.message} role="alert" className="problem">
          {sayRefusal(t, error.extensions?.code, error.extensions?.messageCode, error.extensions?.params)}
        </p>
      ))}
      {plan && plan.errors.length > 0 && (
        <ul role="alert" aria-label={t('plan.rowErrors')} className="problem">
          {plan.errors.map((error) => (
            <li key={`${error.row}/${error.message}`}>
              {t('plan.rowError', {
                row: error.row,
                message: sayMessage(t, error.messageCode, error.params) ?? error.message,
              })}
            </li>
          ))}
        </ul>
      )}
      {plan?.applied && <p role="status">{t('plan.applied', { n: plan.changes })}</p>}
      {plan?.scheduled && (
        <p role="status">
          {t('plan.scheduled', { n: plan.changes, date: formatDate(plan.scheduled.effectiveDate) })}
        </p>
      )}
      {plan?.preview && !done && (
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
      {plans.error && <Problem error={plans.error} />}
      {plans.data && plans.data.restructuringPlans.length > 0 && (
        <ScheduledPlans plans={plans.data.restructuringPlans} />
      )}
    </section>
  );
}

type Plan = RestructuringPlansQuery['restructuringPlans'][number];

/** The plans kept until their date: what each does, its state, and Cancel while it waits. */
function ScheduledPlans({ plans }: { plans: Plan[] }) {
  const { t } = useLocale();
  const [cancelState, cancel] = useWrite(CancelRestructuringPlanDocument);
  const describe = (plan: Plan) => plan.changes.map((change) => changeInWords(t, change)).join('; ');
  const stateOf = (plan: Plan) =>
    plan.status === 'FAILED'
      ? `${t('plan.status.FAILED')}: ${sayRefusal(t, plan.failureCode, plan.failureCode, plan.failureParams)}`
      : t(`plan.status.${plan.status}`);
  const columns: Column<Plan>[] = [
    {
      header: t('plan.effectiveDate'),
      value: (plan) => plan.effectiveDate,
      render: (p) => formatDate(p.effectiveDate),
    },
    { header: t('plan.what'), value: describe },
    { header: t('plan.fileName'), value: (plan) => plan.fileName ?? '' },
    { header: t('plan.createdBy'), value: (plan) => plan.createdBy ?? '' },
    { header: t('admin.createdAt'), value: (plan) => formatMoment(plan.createdAt) },
    { header: t('admin.state'), value: stateOf },
    {
      header: t('admin.actions'),
      value: () => null,
      render: (plan) =>
        plan.status === 'SCHEDULED' ? (
          <button
            type="button"
            aria-label={`${t('plan.cancel')} ${formatDate(plan.effectiveDate)}`}
            onClick={() => void cancel({ id: plan.id })}
          >
            {t('plan.cancel')}
          </button>
        ) : null,
    },
  ];
  return (
    <>
      <Refusals state={cancelState} />
      <DataTable
        caption={t('plan.scheduledPlans')}
        columns={columns}
        rows={plans}
        rowKey={(plan) => plan.id}
        fileName={t('plan.scheduledPlans')}
      />
    </>
  );
}
