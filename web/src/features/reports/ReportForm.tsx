import { useState } from 'react';

import { useLocale } from '../../app/i18n';
import { downloadXlsx } from '../../components/exportTable';
import { Field } from '../../components/Field';
import { formatCount, formatDate, formatMoney, type Locale } from '../../components/format';
import { useWrite } from '../../components/useWrite';
import {
  ApproveReportDocument,
  MarkReportNotReportedDocument,
  ReopenReportDocument,
  type ReportFieldsFragment,
  ReturnReportDocument,
  SaveReportDocument,
  SubmitReportDocument,
} from '../../graphql/graphql';

type Report = ReportFieldsFragment;
type ReportField = Report['fields'][number];

const EDITABLE = ['DRAFT', 'RETURNED', 'REOPENED'];

/** The client's check of a declared value, as the API checks it (reporting.service.ts), before sending. */
export function checkValue(field: Pick<ReportField, 'type' | 'min' | 'max'>, value: string): string | null {
  const text = value.trim();
  if (text === '' || field.type === 'TEXT') {
    return null;
  }
  const pattern = field.type === 'PERCENT' ? /^\d{1,3}(\.\d{1,2})?$/ : /^\d{1,18}$/;
  if (!pattern.test(text)) {
    return field.type === 'PERCENT' ? 'reports.invalidPercent' : 'reports.invalidWhole';
  }
  const number = Number(text);
  if ((field.min !== null && number < field.min) || (field.max !== null && number > field.max)) {
    return 'reports.outOfBounds';
  }
  return null;
}

function shown(locale: Locale, field: Pick<ReportField, 'type'>, value: string | null): string {
  if (value === null) {
    return '—';
  }
  if (field.type === 'VND') {
    return formatMoney(locale, value);
  }
  return field.type === 'COUNT' ? formatCount(locale, Number(value)) : value;
}

/** A step taken with a reason (return, reopen, not reported): the reason asked for in place. */
function ReasonStep({
  label,
  busy,
  onConfirm,
}: {
  label: string;
  busy: boolean;
  onConfirm: (reason: string) => Promise<boolean>;
}) {
  const { t } = useLocale();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {label}
      </button>
    );
  }
  return (
    <div className="reason-step" role="group" aria-label={label}>
      <Field label={t('reports.reason')} required>
        {(props) => (
          <textarea {...props} value={reason} onChange={(event) => setReason(event.target.value)} />
        )}
      </Field>
      <button
        type="button"
        disabled={busy || reason.trim() === ''}
        onClick={async () => {
          if (await onConfirm(reason)) {
            setOpen(false);
            setReason('');
          }
        }}
      >
        {t('reports.confirm', { step: label })}
      </button>
      <button type="button" onClick={() => setOpen(false)}>
        {t('records.cancel')}
      </button>
    </div>
  );
}

/**
 * A unit's report for a period, in its form's sections. Its officers fill the declared fields (checked as
 * they type, then by the API) and submit; the level above approves, returns or reopens it with a reason; a
 * submitted or approved report says why it is locked and who can reopen it.
 */
export function ReportForm({
  unitCode,
  unitName,
  period,
  report,
  mayFill,
  mayReview,
  onChanged,
}: {
  unitCode: string;
  unitName: string;
  period: string;
  report: Report;
  mayFill: boolean;
  mayReview: boolean;
  /** Reads the report again after a step (the steps answer with its state only). */
  onChanged: () => void;
}) {
  const { t, locale } = useLocale();
  const [values, setValues] = useState<Record<string, string>>(() =>
    Object.fromEntries(report.fields.filter((f) => !f.computed).map((f) => [f.key, f.own ?? ''])),
  );
  const [save, saveReport] = useWrite(SaveReportDocument);
  const [submit, submitReport] = useWrite(SubmitReportDocument);
  const [approve, approveReport] = useWrite(ApproveReportDocument);
  const [back, returnReport] = useWrite(ReturnReportDocument);
  const [reopen, reopenReport] = useWrite(ReopenReportDocument);
  const [skip, markNotReported] = useWrite(MarkReportNotReportedDocument);
  const editable = mayFill && EDITABLE.includes(report.state);
  const steps = [save, submit, approve, back, reopen, skip];
  const busy = steps.some((s) => s.fetching);
  const problems = steps.flatMap((s) => s.form);
  const serverFields = Object.assign({}, ...steps.map((s) => s.fields)) as Record<string, string>;
  const localErrors = Object.fromEntries(
    report.fields
      .filter((f) => !f.computed)
      .map((f) => [f.key, checkValue(f, values[f.key] ?? '')])
      .filter(([, error]) => error !== null),
  ) as Record<string, string>;
  const variables = { code: unitCode, period };
  const changed = () =>
    report.fields
      .filter((f) => !f.computed && (values[f.key] ?? '') !== (f.own ?? ''))
      .map((f) => ({ key: f.key, value: values[f.key] ?? '' }));

  const saveChanges = async (): Promise<boolean> => {
    if (Object.keys(localErrors).length > 0) {
      return false;
    }
    const pending = changed();
    if (pending.length === 0) {
      return true;
    }
    return (await saveReport({ ...variables, values: pending })) !== null;
  };
  const returned = [...report.history]
    .reverse()
    .find((h) => h.toState === 'RETURNED' || h.toState === 'REOPENED');
  const sections = [...new Set(report.fields.map((f) => f.section))];
  const label = (f: ReportField) => (locale === 'en' ? f.labelEn : f.label);

  return (
    <article aria-labelledby="report-heading" className="report">
      <h3 id="report-heading">
        {report.form.name} · {period}
      </h3>
      <p>
        <span className={`state state-${report.state}`} data-state={report.state}>
          {t(`reports.state.${report.state}`)}
        </span>
        {report.deadline && <> · {t('reports.deadline', { date: formatDate(report.deadline) })}</>}
        {report.submittedAt && (
          <> · {t('reports.submittedAt', { date: formatDate(report.submittedAt.slice(0, 10)) })}</>
        )}
      </p>
      {report.lockReason && (
        <p role="note" className="locked">
          {t('reports.locked')} {report.lockReason}
        </p>
      )}
      {returned?.reason && EDITABLE.includes(report.state) && (
        <p role="note" className="returned">
          {t(`reports.reasonOf.${returned.toState}`)}: <q>{returned.reason}</q>
        </p>
      )}
      {report.notReportedReason && (
        <p role="note">
          {t('reports.notReported')}: <q>{report.notReportedReason}</q>
        </p>
      )}
      {problems.length > 0 && (
        <ul className="problems" role="alert">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <form
        onSubmit={async (event) => {
          event.preventDefault();
          if (await saveChanges()) {
            onChanged();
          }
        }}
      >
        {sections.map((section) => (
          <fieldset key={section}>
            <legend>{section}</legend>
            {report.fields
              .filter((f) => f.section === section)
              .map((f) =>
                f.computed || !editable ? (
                  <p key={f.key} className="figure" data-key={f.key}>
                    <span>{label(f)}</span> <strong>{shown(locale, f, f.value)}</strong>
                    {f.computed && <small> ({t('reports.computed')})</small>}
                  </p>
                ) : (
                  <Field
                    key={f.key}
                    label={
                      f.value !== f.own && f.value !== null
                        ? `${label(f)} (${t('reports.withChildren', { total: shown(locale, f, f.value) })})`
                        : label(f)
                    }
                    error={
                      localErrors[f.key]
                        ? t(localErrors[f.key], { min: f.min ?? 0, max: f.max ?? '…' })
                        : serverFields[f.key]
                    }
                  >
                    {(props) =>
                      f.type === 'TEXT' ? (
                        <textarea
                          {...props}
                          name={f.key}
                          value={values[f.key] ?? ''}
                          onChange={(event) => setValues({ ...values, [f.key]: event.target.value })}
                        />
                      ) : (
                        <input
                          {...props}
                          name={f.key}
                          inputMode={f.type === 'PERCENT' ? 'decimal' : 'numeric'}
                          value={values[f.key] ?? ''}
                          onChange={(event) => setValues({ ...values, [f.key]: event.target.value })}
                        />
                      )
                    }
                  </Field>
                ),
              )}
          </fieldset>
        ))}
        <div className="actions">
          {editable && (
            <>
              <button type="submit" disabled={busy}>
                {t('reports.save')}
              </button>
              <button
                type="button"
                disabled={busy}
                onClick={async () => {
                  if (await saveChanges()) {
                    const done = await submitReport(variables);
                    if (done) {
                      onChanged();
                    }
                  }
                }}
              >
                {t('reports.submit')}
              </button>
            </>
          )}
          {mayReview && report.state === 'SUBMITTED' && (
            <>
              <button
                type="button"
                disabled={busy}
                onClick={async () => {
                  const done = await approveReport(variables);
                  if (done) {
                    onChanged();
                  }
                }}
              >
                {t('reports.approve')}
              </button>
              <ReasonStep
                label={t('reports.return')}
                busy={busy}
                onConfirm={async (reason) => {
                  const done = await returnReport({ ...variables, reason });
                  if (done) {
                    onChanged();
                  }
                  return done !== null;
                }}
              />
            </>
          )}
          {mayReview && report.state === 'APPROVED' && (
            <ReasonStep
              label={t('reports.reopen')}
              busy={busy}
              onConfirm={async (reason) => {
                const done = await reopenReport({ ...variables, reason });
                if (done) {
                  onChanged();
                }
                return done !== null;
              }}
            />
          )}
          {mayReview && EDITABLE.includes(report.state) && !report.notReportedReason && (
            <ReasonStep
              label={t('reports.markNotReported')}
              busy={busy}
              onConfirm={async (reason) => {
                const done = await markNotReported({ ...variables, reason });
                if (done) {
                  onChanged();
                }
                return done !== null;
              }}
            />
          )}
          <button
            type="button"
            onClick={() =>
              void downloadXlsx(
                `${unitCode} ${report.form.code} ${period}`,
                [t('reports.section'), t('reports.field'), t('reports.value')],
                [
                  [report.form.name, `${unitCode} · ${unitName}`, period],
                  ...report.fields.map((f) => [
                    f.section,
                    label(f),
                    f.value === null
                      ? null
                      : f.type === 'TEXT' || f.type === 'PERCENT'
                        ? f.value
                        : Number(f.value),
                  ]),
                ],
              )
            }
          >
            {t('reports.downloadXlsx')}
          </button>
        </div>
      </form>
      {report.changesSinceApproval.length > 0 && (
        <table>
          <caption>{t('reports.changes')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reports.field')}</th>
              <th scope="col">{t('reports.approvedValue')}</th>
              <th scope="col">{t('reports.currentValue')}</th>
              <th scope="col">{t('reports.difference')}</th>
            </tr>
          </thead>
          <tbody>
            {report.changesSinceApproval.map((c) => {
              const field = report.fields.find((f) => f.key === c.key)!;
              return (
                <tr key={c.key}>
                  <th scope="row">{label(field)}</th>
                  <td>{shown(locale, field, c.approved)}</td>
                  <td>{shown(locale, field, c.current)}</td>
                  <td>{c.difference ?? '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {report.history.length > 0 && (
        <details>
          <summary>{t('reports.history')}</summary>
          <ol>
            {report.history.map((h) => (
              <li key={`${h.at} ${h.toState}`}>
                {formatDate(h.at.slice(0, 10))} · {t(`reports.state.${h.toState}`)} · {h.actor}
                {h.onBehalf && ` (${t('reports.onBehalf')})`}
                {h.reason && (
                  <>
                    {' '}
                    · <q>{h.reason}</q>
                  </>
                )}
              </li>
            ))}
          </ol>
        </details>
      )}
    </article>
  );
}
