import { isNationalId, type MessageCode, SHEET_LAYOUTS, messageOf } from '@cdvn/domain';
import type { EntityManager } from '@mikro-orm/postgresql';

import type { Scope } from '../../auth/scope';
import { isIsoDate } from '../../shared/dates';
import { translateDbError } from '../../shared/db-errors';
import { isAppError } from '../../shared/errors';
import { inRecordTransaction } from '../../shared/request-writes';
import { type ActivityKind, Programme } from '../activity/activity.entity';
import { type NewActivity, recordActivities } from '../activity/activity.service';
import { admitMembers, type NewMember } from '../member/member.service';
import { unitsWithCodes } from '../org-unit/org-unit.lookup';
import type { RowStream, Table } from './bulk.format';
import * as queries from './bulk.queries';
import { type NewCollection, recordCollections } from '../finance/finance.service';
import {
  EMPLOYER_KIND_LABELS,
  formatMonth,
  parseEmployerKind,
  parseMonth,
  CellError,
  formatDay,
  formatWhole,
  parseActivityKind,
  parseDay,
  parseGender,
  parseWhole,
  ACTIVITY_KIND_LABELS,
} from './bulk.layout';

/** A row that cannot be imported: its number in the sheet (the header is row 1), the column, why. */
export interface Problem {
  row: number;
  column?: string;
  /** Why, in English; the message code and its parameters say it in a client's own words. */
  reason: string;
  messageCode?: string;
  params?: Record<string, unknown>;
}

/** A problem of a row by its message code: the English reason, with the code and parameters beside it. */
function problem(
  row: number,
  column: string | undefined,
  code: MessageCode,
  params: Record<string, string | number> = {},
): Problem {
  return { row, ...(column ? { column } : {}), reason: messageOf(code, params), messageCode: code, params };
}

export interface ImportResult {
  imported: number;
  /** Rows already recorded (the same file imported again): left alone. */
  skipped: number;
  problems: Problem[];
}

export type Progress = (phase: 'validating' | 'writing', done: number, total: number) => void;

const EVERY = 1000;

/** Where each header of the layout sits in the file; the required ones must be there. */
function columnsOf<H extends Record<string, string>>(
  table: Table,
  headers: H,
  required: ReadonlyArray<keyof H>,
): { index: Record<keyof H, number>; problems: Problem[] } {
  const index = {} as Record<keyof H, number>;
  const problems: Problem[] = [];
  for (const [key, header] of Object.entries(headers) as Array<[keyof H, string]>) {
    index[key] = table.headers.findIndex((h) => h.normalize('NFC').toLowerCase() === header.toLowerCase());
    if (index[key] < 0 && required.includes(key)) {
      problems.push(problem(1, header, 'SHEET_COLUMN_REQUIRED', { column: header }));
    }
  }
  return { index, problems };
}

/** Reads one row's cells through the parsers, collecting every cell that does not read. */
function rowReader(row: string[], rowNumber: number, problems: Problem[]) {
  return <T>(index: number, header: string, parse: (text: string) => T, required: boolean): T | null => {
    const text = index >= 0 ? (row[index] ?? '').trim() : '';
    if (text === '') {
      if (required) {
        problems.push(problem(rowNumber, header, 'CELL_EMPTY'));
      }
      return null;
    }
    try {
      return parse(text);
    } catch (error) {
      if (error instanceof CellError) {
        problems.push(problem(rowNumber, header, error.code, error.params));
        return null;
      }
      throw error;
    }
  };
}

/** A read row's cells let go (see `eachRow`). */
const READ: string[] = [];

/**
 * Each of the sheet's rows in turn, with its number in the sheet (the header is row 1), and the progress
 * every thousand rows; returns how many there were. The table's rows are consumed: each is let go once
 * read, so that a large file's cells and the records read from them are not all held at once (a file of
 * 620,000 members held ~110 MB of cells).
 */
function eachRow(table: Table, progress: Progress, visit: (cells: string[], row: number) => void): number {
  const { rows } = table;
  table.rows = [];
  for (let i = 0; i < rows.length; i += 1) {
    const cells = rows[i];
    rows[i] = READ;
    visit(cells, i + 2);
    if ((i + 1) % EVERY === 0) {
      progress('validating', i + 1, rows.length);
    }
  }
  return rows.length;
}

/**
 * The units named in the file, each checked once: it must be one the viewer may write to, exist on
 * the row's date, and (for members) be a grassroots union.
 */
async function unitChecker(em: EntityManager, scope: Scope, rows: Array<{ code: string; date: string }>) {
  // Every unit named in one statement (an import of a province's month names thousands).
  const units = await unitsWithCodes(
    em,
    rows.map((row) => row.code),
  );
  // Each unit is written to for the dates on which the viewer may write there (auth/scope.ts).
  const writable = new Set<string>();
  const pairs = new Map(rows.map((row) => [`${row.code} ${row.date}`, row]));
  await Promise.all(
    [...pairs].map(async ([key, { code, date }]) => {
      const unit = units.get(code);
      if (unit && isIsoDate(date) && (await scope.can('record:write', unit.id, date))) {
        writable.add(key);
      }
    }),
  );
  // Days are given as the sheet writes them (dd/mm/yyyy), in the English reason and the parameters alike.
  return (
    code: string,
    date: string,
    today: string,
    /** The refusal of a unit that is not a grassroots union, where only those may be named. */
    grassrootsOnly: MessageCode | null,
  ): { code: MessageCode; params: Record<string, string> } | null => {
    const unit = units.get(code);
    if (!unit || !writable.has(`${code} ${date}`)) {
      return { code: 'UNIT_NOT_WRITABLE_ON', params: { code, day: formatDay(date) } };
    }
    if (grassrootsOnly && unit.kind !== 'GRASSROOTS_UNION') {
      return { code: grassrootsOnly, params: { code } };
    }
    if (date > today) {
      return { code: 'DAY_IN_FUTURE', params: { day: formatDay(date) } };
    }
    if (date < unit.validFrom || (unit.validTo !== null && date > unit.validTo)) {
      return { code: 'UNIT_NOT_ON_DAY', params: { code, day: formatDay(date) } };
    }
    return null;
  };
}

/** Writes all rows or none; a refusal at write time (which validation should have caught) is reported. */
async function writeAll(write: () => Promise<number>): Promise<{ imported: number; problems: Problem[] }> {
  try {
    return { imported: await write().catch(translateDbError), problems: [] };
  } catch (error) {
    if (isAppError(error)) {
      const { messageCode, params } = error.extensions;
      return {
        imported: 0,
        problems: [
          {
            row: 0,
            reason: error.message,
            ...(typeof messageCode === 'string'
              ? { messageCode, params: params as Record<string, unknown> }
              : {}),
          },
        ],
      };
    }
    throw error;
  }
}

/**
 * How many of a sheet's new rows are written at a time, all in one transaction: the memory of an import's
 * writes (the rows' JSON, sent twice) follows this, not the file, and the client sees the writing advance.
 */
export const WRITE_CHUNK_ROWS = 10_000;

/** How one kind of record is checked against the database and written, once its rows have been read. */
interface Finish<T> {
  unitCode: (item: T) => string;
  date: (item: T) => string;
  grassrootsOnly: MessageCode | null;
  unitColumn: string;
  /** What makes a row the same as one recorded before (so that a file imported twice adds nothing). */
  keyOf: (item: T) => string;
  /** Which of these keys are already recorded in these units on these days. */
  existingKeys: (unitCodes: string[], days: string[], keys: string[]) => Promise<string[]>;
  write: (em: EntityManager, items: T[]) => Promise<number>;
}

/**
 * The second half of every import: units and dates checked, the rows already recorded (or given twice)
 * set aside, then the others written a chunk at a time, all in one transaction: all written or none.
 */
async function finishImport<T>(
  em: EntityManager,
  scope: Scope,
  parsed: Array<{ row: number; item: T }>,
  problems: Problem[],
  context: { today: string; total: number; progress: Progress; chunkRows: number },
  how: Finish<T>,
): Promise<ImportResult> {
  const checked = await rowsToWrite(em, scope, parsed, problems, context, how);
  if (checked.problems.length > 0) {
    return { imported: 0, skipped: 0, problems: checked.problems.sort((a, b) => a.row - b.row) };
  }
  const { fresh } = checked;
  const { chunkRows } = context;
  context.progress('writing', 0, fresh.length);
  const written = await writeAll(() =>
    inRecordTransaction(em, async (tx) => {
      let imported = 0;
      for (let start = 0; start < fresh.length; start += chunkRows) {
        imported += await how.write(tx, fresh.slice(start, start + chunkRows));
        context.progress('writing', Math.min(start + chunkRows, fresh.length), fresh.length);
      }
      return imported;
    }),
  );
  return {
    imported: written.imported,
    skipped: written.problems.length ? 0 : parsed.length - fresh.length,
    problems: written.problems,
  };
}

/**
 * The rows to write: every row's unit and date checked (problems otherwise), then those not recorded
 * already and not given before in the file. Its own function, so that what it builds for every row (the
 * places, the keys, the set of recorded ones: ~250 MB for 620,000 members) is let go before the writing.
 */
async function rowsToWrite<T>(
  em: EntityManager,
  scope: Scope,
  parsed: Array<{ row: number; item: T }>,
  problems: Problem[],
  context: { today: string; total: number; progress: Progress },
  how: Finish<T>,
): Promise<{ problems: Problem[]; fresh: T[] }> {
  // Each row's unit and date, read once for the checks and the recorded keys.
  const places = parsed.map((p) => ({ code: how.unitCode(p.item), date: how.date(p.item) }));
  const check = await unitChecker(em, scope, places);
  parsed.forEach(({ row }, i) => {
    const refused = check(places[i].code, places[i].date, context.today, how.grassrootsOnly);
    if (refused) {
      problems.push(problem(row, how.unitColumn, refused.code, refused.params));
    }
  });
  context.progress('validating', context.total, context.total);
  if (problems.length > 0) {
    return { problems, fresh: [] };
  }
  // Which rows are recorded already, asked once for the whole file: the records of the sheet's days in its
  // units are read once (asked a chunk at a time, a file of today's joiners read today's 300,000 ten times).
  const keys = parsed.map((p) => how.keyOf(p.item));
  const recorded = new Set(
    await how.existingKeys(
      [...new Set(places.map((p) => p.code))],
      [...new Set(places.map((p) => p.date))],
      keys,
    ),
  );
  // A row given again later in the file is skipped like one recorded before.
  const fresh: T[] = [];
  parsed.forEach(({ item }, i) => {
    if (!recorded.has(keys[i])) {
      fresh.push(item);
    }
    recorded.add(keys[i]);
  });
  return { problems, fresh };
}

/** Members from a sheet: every row checked first, then all written in one transaction, or none. */
export async function importMembers(
  em: EntityManager,
  scope: Scope,
  table: Table,
  today: string,
  progress: Progress,
  chunkRows = WRITE_CHUNK_ROWS,
): Promise<ImportResult> {
  const { headers: h, required } = SHEET_LAYOUTS.members;
  const { index, problems } = columnsOf(table, h, required);
  if (problems.length > 0) {
    return { imported: 0, skipped: 0, problems };
  }
  const parsed: Array<{ row: number; member: NewMember }> = [];
  const total = eachRow(table, progress, (cells, row) => {
    const before = problems.length;
    const read = rowReader(cells, row, problems);
    const member: NewMember = {
      fullName: read(index.fullName, h.fullName, (t) => t, true) ?? '',
      gender: read(index.gender, h.gender, parseGender, true) ?? 'MALE',
      birthDate: read(index.birthDate, h.birthDate, parseDay, false),
      phone: read(index.phone, h.phone, (t) => t, false),
      nationalId: read(index.nationalId, h.nationalId, (t) => t, false),
      cardNumber: read(index.cardNumber, h.cardNumber, (t) => t, false),
      unitCode: read(index.unitCode, h.unitCode, (t) => t.toUpperCase(), true) ?? '',
      joinedOn: read(index.joinedOn, h.joinedOn, parseDay, true) ?? '',
      provenance: 'imported from a spreadsheet',
    };
    if (member.nationalId && !isNationalId(member.nationalId)) {
      problems.push(problem(row, h.nationalId, 'NATIONAL_ID_CELL'));
    }
    if (member.phone && !/^\+?[0-9 .]{8,15}$/.test(member.phone)) {
      problems.push(problem(row, h.phone, 'PHONE_CELL', { value: member.phone }));
    }
    if (member.birthDate && member.joinedOn && member.birthDate >= member.joinedOn) {
      problems.push(problem(row, h.birthDate, 'BORN_BEFORE_JOINING'));
    }
    if (problems.length === before) {
      parsed.push({ row, member });
    }
  });
  return finishImport(
    em,
    scope,
    parsed.map(({ row, member }) => ({ row, item: member })),
    problems,
    { today, total, progress, chunkRows },
    {
      unitCode: (m) => m.unitCode,
      date: (m) => m.joinedOn,
      grassrootsOnly: 'MEMBERS_ROW_GRASSROOTS',
      unitColumn: h.unitCode,
      // The same person in the same union from the same day is already there: imported before.
      keyOf: (m) => [m.fullName.trim().toLowerCase(), m.birthDate ?? '', m.unitCode, m.joinedOn].join('|'),
      existingKeys: (codes, days, keys) => queries.existingKeys(em, 'members', codes, days, keys),
      write: (tx, fresh) => admitMembers(tx, scope, fresh, today),
    },
  );
}

/** Activities from a sheet, all or none, as for members. */
export async function importActivities(
  em: EntityManager,
  scope: Scope,
  table: Table,
  today: string,
  progress: Progress,
  chunkRows = WRITE_CHUNK_ROWS,
): Promise<ImportResult> {
  const { headers: h, required } = SHEET_LAYOUTS.activities;
  const { index, problems } = columnsOf(table, h, required);
  if (problems.length > 0) {
    return { imported: 0, skipped: 0, problems };
  }
  const programmes = new Set((await em.find(Programme, {})).map((p) => p.code));
  const parsed: Array<{ row: number; activity: NewActivity & { quantity: number; amount: bigint } }> = [];
  const total = eachRow(table, progress, (cells, row) => {
    const before = problems.length;
    const read = rowReader(cells, row, problems);
    const quantity = read(index.quantity, h.quantity, parseWhole, false) ?? 0n;
    const activity = {
      unitCode: read(index.unitCode, h.unitCode, (t) => t.toUpperCase(), true) ?? '',
      kind: read(index.kind, h.kind, parseActivityKind, true) ?? ('OTHER' as ActivityKind),
      occurredOn: read(index.occurredOn, h.occurredOn, parseDay, true) ?? '',
      quantity: Number(quantity),
      amount: read(index.amount, h.amount, parseWhole, false) ?? 0n,
      programmeCode: read(index.programmeCode, h.programmeCode, (t) => t, false),
      programmePhase: read(index.programmePhase, h.programmePhase, (t) => Number(parseWhole(t)), false),
      note: read(index.note, h.note, (t) => t, false),
      provenance: 'imported from a spreadsheet',
    };
    if (quantity > 2_147_483_647n) {
      problems.push(problem(row, h.quantity, 'NUMBER_TOO_LARGE'));
    }
    if (problems.length === before && activity.quantity === 0 && activity.amount === 0n) {
      problems.push(problem(row, h.quantity, 'QUANTITY_OR_AMOUNT_CELL'));
    }
    if (activity.programmeCode && !programmes.has(activity.programmeCode)) {
      problems.push(problem(row, h.programmeCode, 'PROGRAMME_UNKNOWN', { code: activity.programmeCode }));
    }
    if (problems.length === before) {
      parsed.push({ row, activity });
    }
  });
  return finishImport(
    em,
    scope,
    parsed.map(({ row, activity }) => ({ row, item: activity })),
    problems,
    { today, total, progress, chunkRows },
    {
      unitCode: (a) => a.unitCode,
      date: (a) => a.occurredOn,
      grassrootsOnly: null,
      unitColumn: h.unitCode,
      // The same figure of the same unit, kind and day (with the same programme and note) is already there.
      keyOf: (a) =>
        [
          a.unitCode,
          a.kind,
          a.occurredOn,
          a.quantity,
          a.amount,
          a.programmeCode ?? '',
          a.programmePhase ?? '',
          a.note ?? '',
        ].join('|'),
      existingKeys: (codes, days, keys) => queries.existingKeys(em, 'activities', codes, days, keys),
      write: async (tx, fresh) => (await recordActivities(tx, scope, fresh, today)).length,
    },
  );
}

/**
 * Grassroots unions' months of collections from a sheet, all or none, as for members; a month already
 * recorded is replaced by the sheet's (the sheet is the union's corrected figures), and a month given
 * twice in the sheet is a problem of its second row.
 */
export async function importCollections(
  em: EntityManager,
  scope: Scope,
  table: Table,
  today: string,
  progress: Progress,
  chunkRows = WRITE_CHUNK_ROWS,
): Promise<ImportResult> {
  const { headers: h, required } = SHEET_LAYOUTS.collections;
  const { index, problems } = columnsOf(table, h, required);
  if (problems.length > 0) {
    return { imported: 0, skipped: 0, problems };
  }
  const parsed: Array<{ row: number; item: NewCollection }> = [];
  const given = new Set<string>();
  const total = eachRow(table, progress, (cells, row) => {
    const before = problems.length;
    const read = rowReader(cells, row, problems);
    const members = read(index.membersPaying, h.membersPaying, parseWhole, true) ?? 0n;
    const item: NewCollection = {
      unitCode: read(index.unitCode, h.unitCode, (t) => t.toUpperCase(), true) ?? '',
      month: read(index.month, h.month, parseMonth, true) ?? '',
      employerKind: read(index.employerKind, h.employerKind, parseEmployerKind, false),
      membersPaying: Number(members),
      salaryBase: read(index.salaryBase, h.salaryBase, parseWhole, true) ?? 0n,
      payroll: read(index.payroll, h.payroll, parseWhole, true) ?? 0n,
      duesCollected: read(index.duesCollected, h.duesCollected, parseWhole, true) ?? 0n,
      fundingPaid: read(index.fundingPaid, h.fundingPaid, parseWhole, true) ?? 0n,
      provenance: 'imported from a spreadsheet',
    };
    if (members > 2_147_483_647n) {
      problems.push(problem(row, h.membersPaying, 'NUMBER_TOO_LARGE'));
    }
    const key = `${item.unitCode} ${item.month}`;
    if (problems.length === before && given.has(key)) {
      problems.push(problem(row, h.month, 'FINANCE_MONTH_TWICE', { code: item.unitCode, month: item.month }));
    }
    given.add(key);
    if (problems.length === before) {
      parsed.push({ row, item });
    }
  });
  return finishImport(
    em,
    scope,
    parsed,
    problems,
    { today, total, progress, chunkRows },
    {
      unitCode: (c) => c.unitCode,
      date: (c) => `${c.month}-01`,
      grassrootsOnly: 'FINANCE_GRASSROOTS_ONLY',
      unitColumn: h.unitCode,
      // Every row is written: a month recorded before is replaced.
      keyOf: (c) => `${c.unitCode} ${c.month}`,
      existingKeys: () => Promise.resolve([]),
      write: async (tx, fresh) => (await recordCollections(tx, scope, fresh, today)).length,
    },
  );
}

/** Each row as it is read, in a sheet's cells. */
async function* cellsOf<T>(rows: AsyncIterable<T>, cells: (row: T) => string[]): AsyncGenerator<string[]> {
  for await (const row of rows) {
    yield cells(row);
  }
}

/** The recorded months of a year of the grassroots unions in a unit's subtree, in the import layout. */
export function exportCollections(em: EntityManager, unitId: number, year: number): RowStream {
  return {
    headers: Object.values(SHEET_LAYOUTS.collections.headers),
    countUpTo: (cap) => queries.exportRowCount(em, 'collections', unitId, year, cap),
    rows: cellsOf(queries.collectionsForExport(em, unitId, year), (r) => [
      r.code,
      formatMonth(r.month),
      EMPLOYER_KIND_LABELS[r.employer_kind as keyof typeof EMPLOYER_KIND_LABELS],
      formatWhole(BigInt(r.members_paying)),
      formatWhole(BigInt(r.salary_base)),
      formatWhole(BigInt(r.payroll)),
      formatWhole(BigInt(r.dues_collected)),
      formatWhole(BigInt(r.funding_paid)),
    ]),
  };
}

/** The members of a unit's subtree on a day, in the import layout (personal data: member:read). */
export function exportMembers(em: EntityManager, unitId: number, asOf: string): RowStream {
  return {
    headers: Object.values(SHEET_LAYOUTS.members.headers),
    countUpTo: (cap) => queries.exportRowCount(em, 'members', unitId, asOf, cap),
    rows: cellsOf(queries.membersForExport(em, unitId, asOf), (r) => [
      r.full_name ?? '',
      r.gender === 'FEMALE' ? 'Nữ' : 'Nam',
      formatDay(r.birth_date),
      r.phone ?? '',
      r.national_id ?? '',
      r.card_number ?? '',
      r.code ?? '',
      formatDay(r.joined_on),
    ]),
  };
}

/** The activities of a year in a unit's subtree (the tree of 31 December), in the import layout. */
export function exportActivities(em: EntityManager, unitId: number, year: number): RowStream {
  return {
    headers: Object.values(SHEET_LAYOUTS.activities.headers),
    countUpTo: (cap) => queries.exportRowCount(em, 'activities', unitId, year, cap),
    rows: cellsOf(queries.activitiesForExport(em, unitId, year), (r) => [
      r.code ?? '',
      ACTIVITY_KIND_LABELS[r.kind as ActivityKind],
      formatDay(r.occurred_on),
      formatWhole(BigInt(r.quantity ?? 0)),
      formatWhole(BigInt(r.amount ?? 0)),
      r.programme ?? '',
      r.programme_phase ?? '',
      r.note ?? '',
    ]),
  };
}
