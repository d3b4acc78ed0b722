import { isNationalId } from '@cdvn/domain';
import type { EntityManager } from '@mikro-orm/postgresql';

import type { Scope } from '../../auth/scope';

import { addDays, isIsoDate, requireDate } from '../../shared/dates';
import { atRow, refusal } from '../../shared/errors';
import type { OrgUnit } from '../org-unit/org-unit.entity';
import { type Gender, Member, Membership } from './member.entity';
import { inRecordTransaction } from '../../shared/request-writes';
import { requireUnitOn, unitByCode } from '../org-unit/org-unit.lookup';
import { admitMany } from './member.queries';

export interface NewMember {
  fullName: string;
  gender: Gender;
  birthDate?: string | null;
  phone?: string | null;
  nationalId?: string | null;
  cardNumber?: string | null;
  unitCode: string;
  joinedOn: string;
  provenance?: string;
}

/** Members belong to grassroots unions only, on days the union exists, and never in the future. */
async function grassrootsOn(
  em: EntityManager,
  scope: Scope,
  code: string,
  date: string,
  today: string,
): Promise<OrgUnit> {
  const unit = await unitByCode(em, scope, code, date, 'unitCode');
  if (unit.kind !== 'GRASSROOTS_UNION') {
    throw refusal('MEMBERS_IN_GRASSROOTS_ONLY', { code: unit.code, kind: unit.kind }, 'unitCode');
  }
  if (date > today) {
    throw refusal('MEMBER_EVENT_IN_FUTURE', { date }, 'date');
  }
  requireUnitOn(unit, date, 'date');
  return unit;
}

function validateMember(input: Omit<NewMember, 'unitCode' | 'joinedOn'>, joinedOn?: string): void {
  if (input.fullName.trim() === '') {
    throw refusal('MEMBER_NAME_REQUIRED', {}, 'fullName');
  }
  if (input.gender !== 'FEMALE' && input.gender !== 'MALE') {
    throw refusal('GENDER_VALUE', {}, 'gender');
  }
  if (input.birthDate) {
    if (!isIsoDate(input.birthDate)) {
      throw refusal('DATE_FORMAT', { value: input.birthDate }, 'birthDate');
    }
    if (joinedOn && input.birthDate >= joinedOn) {
      throw refusal('BORN_BEFORE_JOINING', {}, 'birthDate');
    }
  }
  if (input.nationalId && !isNationalId(input.nationalId)) {
    throw refusal('NATIONAL_ID_FORMAT', {}, 'nationalId');
  }
}

/** Admits a member (kết nạp) into a grassroots union. */
export async function createMember(
  em: EntityManager,
  scope: Scope,
  input: NewMember,
  today: string,
): Promise<Member> {
  requireDate(input.joinedOn, 'joinedOn');
  validateMember(input, input.joinedOn);
  return inRecordTransaction(em, async (tx) => {
    const unit = await grassrootsOn(tx, scope, input.unitCode, input.joinedOn, today);
    const member = tx.create(Member, {
      fullName: input.fullName.trim(),
      gender: input.gender,
      birthDate: input.birthDate ?? null,
      phone: input.phone ?? null,
      nationalId: input.nationalId ?? null,
      cardNumber: input.cardNumber ?? null,
      provenance: input.provenance ?? 'recorded through the API',
      holderUnitId: unit.id,
    });
    // Admitted, after the fact, into a union that has since closed: the membership ends with the union, as
    // closing it ended its other members' (the web client's backdated admissions met a bare refusal).
    tx.create(Membership, {
      member,
      unit,
      joinedOn: input.joinedOn,
      leftOn: unit.validTo,
      leaveReason: unit.validTo ? 'UNIT_CLOSED' : null,
      admission: true,
    });
    await tx.flush();
    return member;
  });
}

export async function updateMember(
  em: EntityManager,
  scope: Scope,
  id: number,
  patch: Partial<Omit<NewMember, 'unitCode' | 'joinedOn' | 'provenance'>>,
): Promise<Member> {
  return inRecordTransaction(em, async (tx) => {
    const member = await memberById(tx, scope, id);
    const next = {
      ...member,
      ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
    };
    validateMember(next);
    tx.assign(member, { ...next, fullName: next.fullName.trim() });
    await tx.flush();
    return member;
  });
}

export async function memberById(em: EntityManager, scope: Scope, id: number): Promise<Member> {
  const member = await em.findOne(Member, { id });
  if (!member || member.holderUnitId === null) {
    throw scope.missing('record:write', 'MEMBER_UNKNOWN', {}, 'memberId');
  }
  // A member is changed by those who may write where the union that holds the member stands (an earlier
  // union of a transferred member may not): the holder is the database's, whatever memberships are seen.
  await scope.require('record:write', member.holderUnitId, scope.today);
  return member;
}

async function openMembership(em: EntityManager, member: Member): Promise<Membership> {
  const current = await em.findOne(Membership, { member, leftOn: null }, { populate: ['unit'] });
  if (!current) {
    throw refusal('MEMBER_NOT_IN_UNION', { name: member.fullName }, 'memberId');
  }
  return current;
}

/** Moves a member to another grassroots union from `date` on: one period ends, the next begins. */
export async function transferMember(
  em: EntityManager,
  scope: Scope,
  memberId: number,
  toUnitCode: string,
  date: string,
  today: string,
): Promise<Membership> {
  requireDate(date, 'date');
  return inRecordTransaction(em, async (tx) => {
    const member = await memberById(tx, scope, memberId);
    const current = await openMembership(tx, member);
    const unit = await grassrootsOn(tx, scope, toUnitCode, date, today);
    if (current.unit.id === unit.id) {
      throw refusal('MEMBER_ALREADY_IN_UNIT', { name: member.fullName, code: unit.code }, 'unitCode');
    }
    if (date <= current.joinedOn) {
      throw refusal('TRANSFER_AFTER_JOINING', { code: current.unit.code, date: current.joinedOn }, 'date');
    }
    current.leftOn = addDays(date, -1);
    current.leaveReason = 'TRANSFER';
    await tx.flush();
    const next = tx.create(Membership, {
      member,
      unit,
      joinedOn: date,
      leftOn: null,
      leaveReason: null,
      admission: false,
    });
    await tx.flush();
    return next;
  });
}

/** Ends a member's membership: `lastDay` is the last day in the union. */
export async function endMembership(
  em: EntityManager,
  scope: Scope,
  memberId: number,
  lastDay: string,
  reason: string,
  today: string,
): Promise<Membership> {
  requireDate(lastDay, 'lastDay');
  if (lastDay > today) {
    throw refusal('LEAVE_IN_FUTURE', { date: lastDay }, 'lastDay');
  }
  if (reason.trim() === '') {
    throw refusal('LEAVE_REASON_REQUIRED', {}, 'reason');
  }
  return inRecordTransaction(em, async (tx) => {
    const current = await openMembership(tx, await memberById(tx, scope, memberId));
    if (lastDay < current.joinedOn) {
      throw refusal(
        'LEAVE_BEFORE_JOINING',
        { code: current.unit.code, joined: current.joinedOn, date: lastDay },
        'lastDay',
      );
    }
    current.leftOn = lastDay;
    current.leaveReason = reason.trim();
    await tx.flush();
    return current;
  });
}

/**
 * Admits many members at once (demo data, imports): every row is checked first, then all are written
 * in one transaction with three statements, whatever their number.
 */
export async function admitMembers(
  em: EntityManager,
  scope: Scope,
  inputs: NewMember[],
  today: string,
): Promise<number> {
  inputs.forEach((input, row) => {
    try {
      requireDate(input.joinedOn, 'joinedOn');
      validateMember(input, input.joinedOn);
    } catch (error) {
      throw atRow(row + 1, error, 'members');
    }
  });
  return inRecordTransaction(em, async (tx) => {
    const codes = [...new Set(inputs.map((input) => input.unitCode))];
    const units = new Map<string, OrgUnit>();
    for (const code of codes) {
      units.set(code, await unitByCode(tx, scope, code, scope.today, 'unitCode', null));
    }
    for (const input of inputs) {
      await scope.require('record:write', units.get(input.unitCode)!.id, input.joinedOn);
    }
    inputs.forEach((input, row) => {
      const unit = units.get(input.unitCode)!;
      if (unit.kind !== 'GRASSROOTS_UNION') {
        throw atRow(
          row + 1,
          refusal('MEMBERS_IN_GRASSROOTS_ONLY', { code: unit.code, kind: unit.kind }),
          'members',
        );
      }
      if (input.joinedOn > today) {
        throw atRow(row + 1, refusal('MEMBER_EVENT_IN_FUTURE', { date: input.joinedOn }), 'members');
      }
      requireUnitOn(unit, input.joinedOn, 'members');
    });
    return admitMany(
      tx,
      inputs.map((input) => ({
        full_name: input.fullName.trim(),
        gender: input.gender,
        birth_date: input.birthDate ?? null,
        phone: input.phone ?? null,
        national_id: input.nationalId ?? null,
        card_number: input.cardNumber ?? null,
        provenance: input.provenance ?? 'recorded through the API',
        unit_id: units.get(input.unitCode)!.id,
        joined_on: input.joinedOn,
        // As for one member (createMember): admitted into a union that has closed since, until its end.
        left_on: units.get(input.unitCode)!.validTo,
      })),
    );
  });
}
