import { PERIOD_KINDS, REPORT_FIELD_TYPES, type PeriodKind, type ReportFieldType } from '@cdvn/domain';
import type { EntityManager } from '@mikro-orm/postgresql';

import type { Scope } from '../../auth/scope';
import { isIsoDate } from '../../shared/dates';
import { appError, badUserInput } from '../../shared/errors';
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
    throw badUserInput(`${what} is 1 to ${TEXT_MAX} characters.`, field);
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
      throw badUserInput(`${input.metric} is not a metric of the catalogue.`, `${at}.metric`);
    }
    if (input.type || input.min != null || input.max != null || input.sums != null) {
      throw badUserInput(
        'A computed field takes its type and sums from its metric: give a metric or a type, not both.',
        at,
      );
    }
    // A computed field's key is its metric: the report's figures are keyed by metric.
    return { ...base, key: input.metric, metric: input.metric };
  }
  if (!KEY.test(base.key)) {
    throw badUserInput(
      'A field key is a camelCase word of letters and digits, such as womenWorkers.',
      `${at}.key`,
    );
  }
  if (METRIC_BY_FIELD.has(base.key)) {
    throw badUserInput(`${base.key} is a metric: a declared field needs another key.`, `${at}.key`);
  }
  if (!input.type || !(REPORT_FIELD_TYPES as readonly string[]).includes(input.type)) {
    throw badUserInput('A declared field has a type: COUNT, VND, PERCENT or TEXT.', `${at}.type`);
  }
  const numeric = input.type !== 'TEXT';
  const min = input.min ?? (numeric ? 0 : undefined);
  const max = input.max ?? (input.type === 'PERCENT' ? 100 : undefined);
  if (!numeric && (input.min != null || input.max != null)) {
    throw badUserInput('A text field has no bounds.', at);
  }
  if (min !== undefined && (min < 0 || (max !== undefined && max < min))) {
    throw badUserInput('Bounds run from 0 up: min ≤ max.', `${at}.min`);
  }
  if (input.type === 'PERCENT' && max !== undefined && max > 100) {
    throw badUserInput('A percentage is at most 100.', `${at}.max`);
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
    throw badUserInput('A form is for half-year or year periods.', 'periodKind');
  }
  if (!isIsoDate(input.validFrom)) {
    throw badUserInput('validFrom is a date such as 2027-01-01.', 'validFrom');
  }
  if (input.fields.length === 0 || input.fields.length > MAX_FIELDS) {
    throw badUserInput(`A form has 1 to ${MAX_FIELDS} fields.`, 'fields');
  }
  const fields = input.fields.map((field, i) => checkedField(field, `fields.${i}`));
  const seen = new Set<string>();
  fields.forEach((field, i) => {
    if (seen.has(field.key)) {
      throw badUserInput(`The form has ${field.key} twice.`, `fields.${i}.key`);
    }
    seen.add(field.key);
  });
  if (input.level === 'UPPER' && !fields.some((f) => 'metric' in f)) {
    throw badUserInput('An upper level’s form computes at least one figure of the catalogue.', 'fields');
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
      throw badUserInput(
        `${form.code} is a ${latest.period_kind} form of the ${latest.level} level: a new version keeps both.`,
        latest.period_kind !== form.periodKind ? 'periodKind' : 'level',
      );
    }
    return queries.insertForm(tx, { ...form, version: (latest?.version ?? 0) + 1 });
  });
}
