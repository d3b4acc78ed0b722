import { PERIOD_KINDS, REPORT_FIELD_TYPES, type PeriodKind, type ReportFieldType } from '@cdvn/domain';
import type { EntityManager } from '@mikro-orm/postgresql';

import type { Scope } from '../../auth/scope';
import { isIsoDate } from '../../shared/dates';
import { appError, refusal } from '../../shared/errors';
import { inRecordTransaction } from '../../shared/request-writes';
import { METRIC_BY_FIELD } from '../statistics/metrics';
import type { FormDefinition, FormField } from './reporting.calendar';
import * as queries from './reporting.queries';
import type { FormRow } from './reporting.queries';

/**
 * The national body changes a form by publishing a new version of it: the version applies to the periods
 * whose date falls on or after its `validFrom`; a report already begun keeps the version it was begun on,
 * so a published version never changes a submitted or approved report.
 */

export interface FormFieldInput {
  key: string;
  section: string;
  label: string;
  labelEn: string;
  /** A metric of the catalogue (its field name): the field is computed from the records. */
  metric?: string | null;
  /** Otherwise the field is declared by the unit, of this type and within these bounds. */
  type?: ReportFieldType | null;
  min?: number | null;
  max?: number | null;
  sums?: boolean | null;
}

export interface FormInput {
  code: string;
  name: string;
  periodKind: PeriodKind;
  level: 'GRASSROOTS' | 'UPPER';
  validFrom: string;
  source: string;
  fields: FormFieldInput[];
}

const MAX_FIELDS = 200;
const TEXT_MAX = 300;
const KEY = /^[a-z][A-Za-z0-9]{0,59}$/;

function text(value: string, field: string, what: string): string {
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > TEXT_MAX) {
    throw refusal('FORM_TEXT_LENGTH', { what, max: TEXT_MAX }, field);
  }
  return trimmed;
}

function checkedField(input: FormFieldInput, at: string): FormField {
  const base = {
    key: input.key.trim(),
    section: text(input.section, `${at}.section`, 'A section'),
    label: text(input.label, `${at}.label`, 'A label'),
    labelEn: text(input.labelEn, `${at}.labelEn`, 'An English label'),
  };
  if (input.metric) {
    if (!METRIC_BY_FIELD.has(input.metric)) {
      throw refusal('FORM_METRIC_UNKNOWN', { metric: input.metric }, `${at}.metric`);
    }
    if (input.type || input.min != null || input.max != null || input.sums != null) {
      throw refusal('FORM_COMPUTED_FIELD_TYPED', {}, at);
    }
    // A computed field's key is its metric: the report's figures are keyed by metric.
    return { ...base, key: input.metric, metric: input.metric };
  }
  if (!KEY.test(base.key)) {
    throw refusal('FORM_KEY_FORMAT', {}, `${at}.key`);
  }
  if (METRIC_BY_FIELD.has(base.key)) {
    throw refusal('FORM_KEY_IS_METRIC', { key: base.key }, `${at}.key`);
  }
  if (!input.type || !(REPORT_FIELD_TYPES as readonly string[]).includes(input.type)) {
    throw refusal('FORM_FIELD_TYPE', {}, `${at}.type`);
  }
  const numeric = input.type !== 'TEXT';
  const min = input.min ?? (numeric ? 0 : undefined);
  const max = input.max ?? (input.type === 'PERCENT' ? 100 : undefined);
  if (!numeric && (input.min != null || input.max != null)) {
    throw refusal('FORM_TEXT_BOUNDS', {}, at);
  }
  if (min !== undefined && (min < 0 || (max !== undefined && max < min))) {
    throw refusal('FORM_BOUNDS_ORDER', {}, `${at}.min`);
  }
  if (input.type === 'PERCENT' && max !== undefined && max > 100) {
    throw refusal('FORM_PERCENT_MAX', {}, `${at}.max`);
  }
  return {
    ...base,
    type: input.type,
    ...(min !== undefined ? { min } : {}),
    ...(max !== undefined ? { max } : {}),
    // Percentages and text never add up; counts and amounts do unless the form says otherwise.
    ...(numeric && input.type !== 'PERCENT' && input.sums !== false ? {} : { sums: false }),
  };
}

/** The input as a form definition (without its version), or the first thing wrong with it. */
export function checkedForm(input: FormInput): Omit<FormDefinition, 'version'> {
  if (!(PERIOD_KINDS as readonly string[]).includes(input.periodKind)) {
    throw refusal('FORM_PERIOD_KIND', {}, 'periodKind');
  }
  if (!isIsoDate(input.validFrom)) {
    throw refusal('FORM_VALID_FROM', {}, 'validFrom');
  }
  if (input.fields.length === 0 || input.fields.length > MAX_FIELDS) {
    throw refusal('FORM_FIELD_COUNT', { max: MAX_FIELDS }, 'fields');
  }
  const fields = input.fields.map((field, i) => checkedField(field, `fields.${i}`));
  const seen = new Set<string>();
  fields.forEach((field, i) => {
    if (seen.has(field.key)) {
      throw refusal('FORM_KEY_TWICE', { key: field.key }, `fields.${i}.key`);
    }
    seen.add(field.key);
  });
  if (input.level === 'UPPER' && !fields.some((f) => 'metric' in f)) {
    throw refusal('FORM_UPPER_NEEDS_METRIC', {}, 'fields');
  }
  return {
    code: text(input.code, 'code', 'A form code'),
    name: text(input.name, 'name', 'A form name'),
    periodKind: input.periodKind,
    level: input.level,
    validFrom: input.validFrom,
    source: text(input.source, 'source', 'A source'),
    fields,
  };
}

/**
 * Publishes the next version of a form (a new code starts at version 1), national body only; audited by
 * the table's trigger. A code keeps its kind of period and level from version to version.
 */
export async function publishReportForm(em: EntityManager, scope: Scope, input: FormInput): Promise<FormRow> {
  if (!scope.isNational('record:write')) {
    throw appError('FORBIDDEN', 'Report forms are managed by the national federation.');
  }
  const form = checkedForm(input);
  return inRecordTransaction(em, async (tx) => {
    const versions = await queries.formVersions(tx, form.code, { forUpdate: true });
    const latest = versions.at(-1);
    if (latest && (latest.period_kind !== form.periodKind || latest.level !== form.level)) {
      throw refusal(
        'FORM_VERSION_KIND',
        { code: form.code, periodKind: latest.period_kind, level: latest.level },
        latest.period_kind !== form.periodKind ? 'periodKind' : 'level',
      );
    }
    return queries.insertForm(tx, { ...form, version: (latest?.version ?? 0) + 1 });
  });
}
