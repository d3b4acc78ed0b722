import type { EntityManager } from '@mikro-orm/postgresql';

import { Scope } from '../../src/auth/scope';
import {
  createMember,
  endMembership,
  memberById,
  transferMember,
  updateMember,
} from '../../src/modules/member/member.service';
import { closeUnit, moveUnit } from '../../src/modules/org-unit/org-unit.service';

/** The member and tree steps the property tests' random histories share. */
export type HistoryStep =
  | { op: 'member'; unit: string; date: string; male?: boolean }
  | { op: 'gender'; index: number }
  | { op: 'transfer'; index: number; unit: string; date: string }
  | { op: 'leave'; index: number; date: string }
  | { op: 'move'; unit: string; parent: string; date: string }
  | { op: 'close'; unit: string; date: string };

const NOTE = 'assumption: property test';

/** Applies one step as the system; `members` holds the ids admitted so far, which later steps pick from. */
export async function applyHistoryStep(
  em: EntityManager,
  step: HistoryStep,
  members: number[],
  today: string,
): Promise<void> {
  switch (step.op) {
    case 'member': {
      const m = await createMember(
        em.fork(),
        Scope.SYSTEM,
        {
          fullName: 'Thành viên',
          gender: step.male ? 'MALE' : 'FEMALE',
          unitCode: step.unit,
          joinedOn: step.date,
        },
        today,
      );
      members.push(m.id);
      return;
    }
    case 'gender':
      // A corrected gender: every membership of the member moves between the women and the men.
      if (members.length > 0) {
        const id = members[step.index % members.length];
        const { gender } = await memberById(em.fork(), Scope.SYSTEM, id);
        await updateMember(em.fork(), Scope.SYSTEM, id, { gender: gender === 'FEMALE' ? 'MALE' : 'FEMALE' });
      }
      return;
    case 'transfer':
      if (members.length > 0) {
        await transferMember(
          em.fork(),
          Scope.SYSTEM,
          members[step.index % members.length],
          step.unit,
          step.date,
          today,
        );
      }
      return;
    case 'leave':
      if (members.length > 0) {
        await endMembership(
          em.fork(),
          Scope.SYSTEM,
          members[step.index % members.length],
          step.date,
          'nghỉ hưu',
          today,
        );
      }
      return;
    case 'move':
      return moveUnit(em.fork(), Scope.SYSTEM, step.unit, step.parent, step.date, NOTE);
    case 'close':
      return closeUnit(em.fork(), Scope.SYSTEM, step.unit, step.date, { provenance: NOTE });
  }
}
