import type { EntityManager } from '@mikro-orm/postgresql';

import type { Scope } from '../../auth/scope';

import { refusal } from '../../shared/errors';
import type { Money } from '../../shared/money';
import {
  Activity,
  ACTIVITY_KINDS,
  type ActivityKind,
  Programme,
  type Qualifier,
  QUALIFIERS,
} from './activity.entity';
import { inRecordTransaction } from '../../shared/request-writes';
import { requireDate } from '../../shared/dates';
import { requireUnitOn, unitByCode } from '../org-unit/org-unit.lookup';
import { type ActivityInsert, type ActivityRow, insertActivities } from './activity.queries';

export interface NewActivity {
  unitCode: string;
  kind: ActivityKind;
  occurredOn: string;
  quantity?: number;
  amount?: Money;
  programmeCode?: string | null;
  programmePhase?: number | null;
  note?: string | null;
  quantityQualifier?: Qualifier | null;
  amountQualifier?: Qualifier | null;
  provenance?: string;
}

function validate(input: NewActivity, today: string): void {
  requireDate(input.occurredOn, 'occurredOn');
  if (input.occurredOn > today) {
    throw refusal('ACTIVITY_IN_FUTURE', { date: input.occurredOn }, 'occurredOn');
  }
  if (!ACTIVITY_KINDS.includes(input.kind)) {
    throw refusal('ACTIVITY_KIND_UNKNOWN', { kind: input.kind }, 'kind');
  }
  const quantity = input.quantity ?? 0;
  const amount = input.amount ?? 0n;
  if (!Number.isInteger(quantity) || quantity < 0) {
    throw refusal('QUANTITY_NEGATIVE', {}, 'quantity');
  }
  if (amount < 0n) {
    throw refusal('AMOUNT_NEGATIVE', {}, 'amount');
  }
  if (quantity === 0 && amount === 0n) {
    throw refusal('QUANTITY_OR_AMOUNT', {}, 'quantity');
  }
  for (const [field, qualifier] of [
    ['quantityQualifier', input.quantityQualifier],
    ['amountQualifier', input.amountQualifier],
  ] as const) {
    if (qualifier && !QUALIFIERS.includes(qualifier)) {
      throw refusal('QUALIFIER_VALUE', { values: QUALIFIERS.join(', ') }, field);
    }
  }
  if (
    input.programmePhase !== null &&
    input.programmePhase !== undefined &&
    (!Number.isInteger(input.programmePhase) || input.programmePhase < 1)
  ) {
    throw refusal('PROGRAMME_PHASE', {}, 'programmePhase');
  }
}

/** Records activities, all or none, each on a day its unit exists; returns them as they are read. */
export async function recordActivities(
  em: EntityManager,
  scope: Scope,
  inputs: NewActivity[],
  today: string,
): Promise<ActivityRow[]> {
  inputs.forEach((input) => validate(input, today));
  return inRecordTransaction(em, async (tx) => {
    const rows: Array<ActivityInsert & { programme: Programme | null }> = [];
    // Each unit and programme is looked up once, however many rows name it.
    const units = new Map<string, Awaited<ReturnType<typeof unitByCode>>>();
    const programmes = new Map<string, Programme | null>();
    for (const input of inputs) {
      const unit =
        units.get(input.unitCode) ??
        (await unitByCode(tx, scope, input.unitCode, scope.today, 'unitCode', null));
      units.set(input.unitCode, unit);
      await scope.require('record:write', unit.id, input.occurredOn);
      requireUnitOn(unit, input.occurredOn, 'occurredOn');
      let programme: Programme | null = null;
      if (input.programmeCode) {
        if (!programmes.has(input.programmeCode)) {
          programmes.set(input.programmeCode, await tx.findOne(Programme, { code: input.programmeCode }));
        }
        programme = programmes.get(input.programmeCode)!;
        if (!programme) {
          throw refusal('PROGRAMME_UNKNOWN', { code: input.programmeCode }, 'programmeCode');
        }
      }
      rows.push({
        unitId: unit.id,
        kind: input.kind,
        occurredOn: input.occurredOn,
        quantity: input.quantity ?? 0,
        amount: input.amount ?? 0n,
        programme,
        programmeId: programme?.id ?? null,
        programmePhase: input.programmePhase ?? null,
        note: input.note ?? null,
        quantityQualifier: input.quantityQualifier ?? null,
        amountQualifier: input.amountQualifier ?? null,
        provenance: input.provenance ?? 'recorded through the API',
      });
    }
    const ids = await insertActivities(tx, rows);
    return rows.map((row, i) => ({
      id: ids[i],
      unit_id: row.unitId,
      kind: row.kind,
      occurred_on: row.occurredOn,
      quantity: row.quantity,
      quantity_qualifier: row.quantityQualifier,
      amount: row.amount.toString(),
      amount_qualifier: row.amountQualifier,
      programme_code: row.programme?.code ?? null,
      programme_name: row.programme?.name ?? null,
      programme_phase: row.programmePhase,
      note: row.note,
      provenance: row.provenance,
    }));
  });
}

export async function deleteActivity(em: EntityManager, scope: Scope, id: number): Promise<void> {
  await inRecordTransaction(em, async (tx) => {
    const activity = await tx.findOne(Activity, { id });
    if (!activity) {
      throw scope.missing('record:write', 'ACTIVITY_UNKNOWN', {}, 'id');
    }
    await scope.require('record:write', activity.unit.id, activity.occurredOn);
    tx.remove(activity);
    await tx.flush();
  });
}
