import { ORG_UNIT_KINDS } from '@cdvn/domain';
import { useState } from 'react';

import { useLocale } from '../../app/i18n';
import { Field, TextField } from '../../components/Field';
import { formatCount } from '../../components/format';
import { today } from '../../components/calendar';
import { useWrite } from '../../components/useWrite';
import { formatDate } from '../../components/format';
import { Refusals } from '../../components/Refusals';
import {
  ApplyRestructuringPlanDocument,
  type ApplyRestructuringPlanMutation,
  PreviewRestructuringPlanDocument,
  type OrgUnitKind,
  type PreviewRestructuringPlanMutation,
  type TreeChangeInput,
  type TreeChangeKind,
} from '../../graphql/graphql';
import { FormShell, given } from '../records/FormShell';
import { changeInWords } from './changes';

const KINDS: readonly TreeChangeKind[] = ['CREATE', 'MOVE', 'MERGE', 'CLOSE', 'RENAME'];

/** What a change, or a plan of several, will do: one change is previewed as a plan of one. */
export type Preview = PreviewRestructuringPlanMutation['previewRestructuringPlan'];

/** The moves listed one by one; a merge of a province moves hundreds of unions, counted after these. */
const SHOWN = 25;

/**
 * The preview in words: which units move where or close, whose memberships and roles follow, which years
 * and which reports are counted again.
 */
export function PreviewReport({ preview }: { preview: Preview }) {
  const { t, locale } = useLocale();
  return (
    <section aria-labelledby="tree-preview-heading" className="preview">
      <h4 id="tree-preview-heading">{t('structure.previewTitle')}</h4>
      {preview.created.map((unit) => (
        <p key={unit.code}>
          {t('structure.createdUnit', { name: unit.name, code: unit.code, parent: unit.parentAfter ?? '—' })}
        </p>
      ))}
      {preview.renamed.map((rename) => (
        <p key={rename.code}>{t('structure.renamed', { before: rename.before, after: rename.after })}</p>
      ))}
      {preview.moved.length > 0 && (
        <ul aria-label={t('structure.moved')}>
          {preview.moved.slice(0, SHOWN).map((unit) => (
            <li key={unit.code}>
              {t('structure.movedUnit', {
                name: unit.name,
                code: unit.code,
                from: unit.parentBefore ?? '—',
                to: unit.parentAfter ?? '—',
              })}
            </li>
          ))}
          {preview.moved.length > SHOWN && (
            <li>{t('structure.more', { n: preview.moved.length - SHOWN })}</li>
          )}
        </ul>
      )}
      {preview.closed.length > 0 && (
        <ul aria-label={t('structure.closed')}>
          {preview.closed.map((unit) => (
            <li key={unit.code}>{t('structure.closedUnit', { name: unit.name, code: unit.code })}</li>
          ))}
        </ul>
      )}
      <p>
        {t('structure.affected', {
          units: formatCount(locale, preview.unitsAffected),
          members: formatCount(locale, preview.membersAffected),
        })}
      </p>
      {preview.roles.length > 0 && (
        <ul aria-label={t('structure.roles')}>
          {preview.roles.map((role) => (
            <li key={`${role.email ?? role.apiKey}/${role.role}/${role.code}`}>
              {t('structure.role', {
                who: role.email ?? t('structure.apiKey', { name: role.apiKey }),
                role: t(`admin.role.${role.role}`),
                code: role.code,
              })}
            </li>
          ))}
        </ul>
      )}
      <p>
        {preview.years.length > 0
          ? t('structure.years', { years: preview.years.join(', ') })
          : t('structure.noFigures')}
      </p>
      {preview.reports.length > 0 ? (
        <ul aria-label={t('structure.reports')}>
          {preview.reports.slice(0, SHOWN).map((report) => (
            <li key={`${report.period}/${report.unitCode}`}>
              {t('structure.report', {
                name: report.unitName,
                code: report.unitCode,
                period: report.period,
                state: t(`reports.state.${report.state}`),
              })}
            </li>
          ))}
          {preview.reports.length > SHOWN && (
            <li>{t('structure.moreReports', { n: preview.reports.length - SHOWN })}</li>
          )}
        </ul>
      ) : (
        <p>{t('structure.noReports')}</p>
      )}
    </section>
  );
}

/**
 * Changes previewed first (the API applies them and rolls back), then applied as previewed: the state of
 * whichever step is next, the preview shown, and `reset` when the changes are edited.
 */
function usePreviewThenApply(onApplied: (result: ApplyRestructuringPlanMutation | null) => void) {
  const [previewState, preview] = useWrite(PreviewRestructuringPlanDocument);
  const [applyState, apply] = useWrite(ApplyRestructuringPlanDocument);
  const [shown, setShown] = useState<Preview | null>(null);
  return {
    shown,
    state: shown ? applyState : previewState,
    reset: () => setShown(null),
    run: async (changes: TreeChangeInput[]) => {
      if (!shown) {
        setShown((await preview({ changes }))?.previewRestructuringPlan ?? null);
      } else {
        onApplied(await apply({ changes }));
      }
    },
  };
}

/**
 * Changes of the tree with an effective date, each previewed before it is applied: the preview is the
 * change applied by the API and rolled back, so what it shows is what applying does.
 */
export function StructureSection({ unitCode, onDone }: { unitCode: string; onDone: () => void }) {
  const { t } = useLocale();
  const [kind, setKind] = useState<TreeChangeKind>('MOVE');
  const [unitKind, setUnitKind] = useState<OrgUnitKind>('GRASSROOTS_UNION');
  const [fields, setFields] = useState({
    code: unitCode,
    parentCode: '',
    sourceCodes: '',
    targetCode: '',
    successorCode: '',
    name: '',
    date: today(),
  });
  // A plan built here: several changes, previewed together and carried out as one transaction.
  const [planned, setPlanned] = useState<TreeChangeInput[]>([]);
  /** What was done, in words: applied now, or kept until the day it will be. */
  const [done, setDone] = useState<string | null>(null);
  const finish = (result: ApplyRestructuringPlanMutation | null) => {
    const outcome = result?.applyRestructuringPlan;
    if (!outcome) {
      return;
    }
    setDone(
      outcome.scheduled
        ? t('plan.scheduled', { n: outcome.changes, date: formatDate(outcome.scheduled.effectiveDate) })
        : outcome.changes === 1
          ? t('structure.applied')
          : t('plan.applied', { n: outcome.changes }),
    );
  };
  // One change, and the plan of several, each previewed first, then applied.
  const single = usePreviewThenApply(finish);
  const plan = usePreviewThenApply(finish);
  const change: TreeChangeInput = {
    kind,
    date: fields.date,
    code: given(fields.code),
    parentCode: given(fields.parentCode),
    sourceCodes: fields.sourceCodes
      .split(/[,\s]+/)
      .map((code) => code.trim())
      .filter(Boolean),
    targetCode: given(fields.targetCode),
    successorCode: given(fields.successorCode),
    name: given(fields.name),
    unitKind: kind === 'CREATE' ? unitKind : null,
  };
  const { state } = single;
  if (done) {
    return (
      <p role="status">
        {done}{' '}
        <button type="button" onClick={onDone}>
          {t('admin.close')}
        </button>
      </p>
    );
  }
  const text = (key: keyof typeof fields, label: string, required = true) => (
    <TextField
      type={key === 'date' ? 'date' : 'text'}
      label={label}
      error={state.fields[key]}
      required={required}
      value={fields[key]}
      onChange={(value) => {
        setFields({ ...fields, [key]: value });
        single.reset();
      }}
    />
  );
  return (
    <FormShell
      title={t('structure.title')}
      state={state}
      onSubmit={() => void single.run([change])}
      onCancel={onDone}
      submitLabel={single.shown ? t('structure.apply') : t('structure.preview')}
    >
      <Field label={t('structure.kind')} required>
        {(props) => (
          <select
            {...props}
            value={kind}
            onChange={(event) => {
              const next = event.target.value as TreeChangeKind;
              setKind(next);
              // A new unit is founded under this one, with a code of its own.
              if (next === 'CREATE') {
                setFields({ ...fields, code: '', parentCode: fields.parentCode || unitCode });
              }
              single.reset();
            }}
          >
            {KINDS.map((value) => (
              <option key={value} value={value}>
                {t(`structure.kinds.${value}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {kind === 'CREATE' && (
        <>
          {text('code', t('structure.newCode'))}
          {text('name', t('structure.unitName'))}
          <Field label={t('structure.unitKind')} error={state.fields.unitKind} required>
            {(props) => (
              <select
                {...props}
                value={unitKind}
                onChange={(event) => {
                  setUnitKind(event.target.value as OrgUnitKind);
                  single.reset();
                }}
              >
                {ORG_UNIT_KINDS.filter((value) => value !== 'NATIONAL_FEDERATION').map((value) => (
                  <option key={value} value={value}>
                    {t(`kind.${value}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {text('parentCode', t('structure.parentOfNew'))}
        </>
      )}
      {kind === 'MERGE' && (
        <>
          {text('sourceCodes', t('structure.sourceCodes'))}
          {text('targetCode', t('structure.targetCode'))}
        </>
      )}
      {kind !== 'MERGE' && kind !== 'CREATE' && text('code', t('admin.unitCode'))}
      {kind === 'MOVE' && text('parentCode', t('structure.parentCode'))}
      {kind === 'CLOSE' && text('successorCode', t('structure.successorCode'), false)}
      {kind === 'RENAME' && text('name', t('structure.name'))}
      {text('date', t('structure.date'))}
      {single.shown && <PreviewReport preview={single.shown} />}
      <button
        type="button"
        onClick={() => {
          setPlanned([...planned, change]);
          plan.reset();
          single.reset();
        }}
      >
        {t('structure.addToPlan')}
      </button>
      {planned.length > 0 && (
        <section aria-labelledby="built-plan-heading" className="built-plan">
          <h4 id="built-plan-heading">{t('structure.builtPlan', { n: planned.length })}</h4>
          <ol>
            {planned.map((each, i) => (
              <li key={`${i}/${each.kind}/${each.date}`}>
                {describeChange(t, each)}{' '}
                <button
                  type="button"
                  onClick={() => {
                    setPlanned(planned.filter((_, j) => j !== i));
                    plan.reset();
                  }}
                >
                  {t('structure.removeFromPlan')}
                </button>
              </li>
            ))}
          </ol>
          <Refusals state={plan.state} />
          {plan.shown && <PreviewReport preview={plan.shown} />}
          <button type="button" onClick={() => void plan.run(planned)}>
            {plan.shown ? t('plan.apply') : t('structure.previewPlan')}
          </button>
        </section>
      )}
    </FormShell>
  );
}

/** A change of a plan being built, in words, with the day it takes effect. */
function describeChange(
  t: (key: string, options?: Record<string, unknown>) => string,
  change: TreeChangeInput,
) {
  return t('plan.from', { what: changeInWords(t, change), date: formatDate(change.date) });
}
