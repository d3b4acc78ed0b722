import { useSearchParams } from 'react-router';
import { useQuery } from 'urql';

import { useLocale } from '../../app/i18n';
import { today } from '../../components/calendar';
import { formatDate } from '../../components/format';
import { Problem } from '../../components/Problem';
import { ReportPeriodsDocument, UnitReportDocument } from '../../graphql/graphql';
import { useUnitPage } from '../navigator/UnitPage';
import { mayRecord, roleAt, useViewer } from '../session/viewer';
import { Inbox } from './Inbox';
import { ReportForm } from './ReportForm';

/** The half-year whose entry is open today (the last one opened), else the last period of all. */
function currentPeriod(periods: Array<{ code: string; kind: string; opensOn: string }>): string | undefined {
  const now = today();
  const opened = periods.filter((p) => p.kind === 'HALF_YEAR' && p.opensOn <= now);
  return (opened.at(-1) ?? periods.at(-1))?.code;
}

/**
 * "Báo cáo": the unit's report for a period (filled in and submitted by its officers; approved, returned
 * or reopened by the level above), and for an upper level the inbox of its children with the missing list.
 */
export function ReportsPage() {
  const { t } = useLocale();
  const viewer = useViewer();
  const { unit, role } = useUnitPage();
  const [params, setParams] = useSearchParams();
  const [{ data: calendar, error: calendarError }] = useQuery({ query: ReportPeriodsDocument });
  const periods = calendar?.reportPeriods ?? [];
  const period = params.get('period') ?? currentPeriod(periods);
  const [{ data, error, fetching }, refetch] = useQuery({
    query: UnitReportDocument,
    variables: { code: unit.code, period: period ?? '' },
    pause: !period,
  });
  // The level above acts on this report: a role held at one of the unit's ancestors, not at the unit itself.
  const roleAbove = roleAt(
    viewer,
    unit.ancestors.edges.map(({ node }) => node.code),
  );
  const report = data?.orgUnit?.report;
  return (
    <section aria-labelledby="reports-heading" aria-busy={fetching}>
      <h2 id="reports-heading">{t('reports.title')}</h2>
      <label>
        {t('reports.period')}
        <select
          value={period ?? ''}
          onChange={(event) =>
            setParams((previous) => {
              const next = new URLSearchParams(previous);
              next.set('period', event.target.value);
              return next;
            })
          }
        >
          {[...periods].reverse().map((p) => (
            <option key={p.code} value={p.code}>
              {t(`reports.periodLabel.${p.kind}`, { code: p.code, asAt: formatDate(p.asAt) })}
            </option>
          ))}
        </select>
      </label>
      {calendarError && <Problem error={calendarError} />}
      {error && <Problem error={error} />}
      {data &&
        period &&
        (report ? (
          <ReportForm
            // A new form when the report moves on (its declared values as saved), the typed ones kept otherwise.
            key={`${unit.code} ${period} ${report.state} ${report.history.length}`}
            unitCode={unit.code}
            unitName={unit.name}
            period={period}
            report={report}
            mayFill={mayRecord(role)}
            mayReview={mayRecord(roleAbove) && unit.ancestors.edges.length > 0}
            onChanged={() => refetch({ requestPolicy: 'network-only' })}
          />
        ) : (
          <p role="note">{t('reports.noReport', { period })}</p>
        ))}
      {period && unit.kind !== 'GRASSROOTS_UNION' && <Inbox unitCode={unit.code} period={period} />}
    </section>
  );
}
