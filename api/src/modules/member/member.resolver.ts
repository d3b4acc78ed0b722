import { actorOf } from '../../auth/viewer';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from 'type-graphql';

import type { Context } from '../../graphql/context';
import { DateScalar } from '../../graphql/scalars';
import { toConnection } from '../../shared/connection';
import { TAKEN } from '../../shared/db-errors';
import { isAppError, refusal } from '../../shared/errors';
import { fromGlobalId, toGlobalId } from '../../shared/ids';
import { decodeCursor, pageSize } from '../../shared/pagination';
import { OrgUnitNode } from '../org-unit/org-unit.types';
import type { Member, Membership } from './member.entity';
import type { MemberRow, MembershipRow } from './member.loaders';
import { createMember, endMembership, transferMember, updateMember } from './member.service';
import {
  CreateMemberInput,
  type GenderValue,
  MemberConnection,
  MemberListArgs,
  MemberNode,
  MembershipNode,
  UpdateMemberInput,
} from './member.types';

/**
 * A write that sets a national id number, which is checked against every member in the country:
 * throttled per actor, and a refusal because another member holds the number is audited (the refusal
 * itself says nothing of who holds it).
 */
async function nationalIdChecked<T>(
  ctx: Context,
  input: { nationalId?: string | null },
  operation: string,
  target: { memberId?: number; unitCode?: string },
  write: () => Promise<T>,
): Promise<T> {
  if (!input.nationalId) {
    return write();
  }
  await ctx.auth.throttle.nationalIdCheck(actorOf(ctx.viewer));
  try {
    return await write();
  } catch (error) {
    if (isAppError(error) && error.extensions.field === 'nationalId' && error.message.startsWith(TAKEN)) {
      await ctx.auth.auditNationalIdRefused(ctx.viewer, operation, target);
    }
    throw error;
  }
}

export function memberIdOf(globalId: string, field = 'memberId'): number {
  const id = fromGlobalId(globalId);
  if (!id || id.type !== 'Member') {
    throw refusal('ID_NOT_MEMBER', {}, field);
  }
  return id.id;
}

function memberNode(row: MemberRow | Member): MemberNode {
  const isRow = 'full_name' in row;
  return Object.assign(new MemberNode(), {
    id: toGlobalId('Member', Number(row.id)),
    dbId: Number(row.id),
    fullName: isRow ? row.full_name : row.fullName,
    gender: row.gender as GenderValue,
    birthDate: isRow ? row.birth_date : row.birthDate,
    phone: row.phone,
    nationalId: isRow ? row.national_id : row.nationalId,
    cardNumber: isRow ? row.card_number : row.cardNumber,
  });
}

async function membershipNode(row: MembershipRow, ctx: Context): Promise<MembershipNode> {
  const unit = await ctx.loaders.orgUnit.unitById.load(row.unit_id);
  return {
    unit: OrgUnitNode.of(unit!, row.joined_on),
    joinedOn: row.joined_on,
    leftOn: row.left_on,
    leaveReason: row.leave_reason,
    admission: row.admission,
  };
}

function periodRow(period: Membership): MembershipRow {
  return {
    member_id: period.member.id,
    unit_id: period.unit.id,
    joined_on: period.joinedOn,
    left_on: period.leftOn,
    leave_reason: period.leaveReason,
    admission: period.admission,
  };
}

@Resolver(() => MemberNode)
export class MemberResolver {
  @FieldResolver(() => [MembershipNode], {
    description: 'The member’s periods in grassroots unions, oldest first.',
  })
  async memberships(@Root() member: MemberNode, @Ctx() ctx: Context): Promise<MembershipNode[]> {
    const rows = await ctx.loaders.member.membershipsByMemberId.load(member.dbId);
    return Promise.all(rows.map((row) => membershipNode(row, ctx)));
  }

  @Mutation(() => MemberNode, { description: 'Admits a member (kết nạp) into a grassroots union.' })
  async createMember(
    @Arg('input', () => CreateMemberInput) input: CreateMemberInput,
    @Ctx() ctx: Context,
  ): Promise<MemberNode> {
    return memberNode(
      await nationalIdChecked(ctx, input, 'createMember', { unitCode: input.unitCode }, () =>
        createMember(ctx.em, ctx.scope, input, ctx.today),
      ),
    );
  }

  @Mutation(() => MemberNode)
  async updateMember(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateMemberInput) input: UpdateMemberInput,
    @Ctx() ctx: Context,
  ): Promise<MemberNode> {
    const memberId = memberIdOf(id, 'id');
    return memberNode(
      await nationalIdChecked(ctx, input, 'updateMember', { memberId }, () =>
        updateMember(ctx.em, ctx.scope, memberId, input),
      ),
    );
  }

  @Mutation(() => MembershipNode, {
    description: 'Moves a member to another grassroots union from `date` on.',
  })
  async transferMember(
    @Arg('memberId', () => ID) memberId: string,
    @Arg('toUnitCode', () => String) toUnitCode: string,
    @Arg('date', () => DateScalar) date: string,
    @Ctx() ctx: Context,
  ): Promise<MembershipNode> {
    const period = await transferMember(ctx.em, ctx.scope, memberIdOf(memberId), toUnitCode, date, ctx.today);
    return membershipNode(periodRow(period), ctx);
  }

  @Mutation(() => MembershipNode, {
    description: 'Ends a membership; `lastDay` is the last day in the union.',
  })
  async endMembership(
    @Arg('memberId', () => ID) memberId: string,
    @Arg('lastDay', () => DateScalar) lastDay: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: Context,
  ): Promise<MembershipNode> {
    const period = await endMembership(ctx.em, ctx.scope, memberIdOf(memberId), lastDay, reason, ctx.today);
    return membershipNode(periodRow(period), ctx);
  }
}

@Resolver(() => OrgUnitNode)
export class OrgUnitMembersResolver {
  @FieldResolver(() => MemberConnection, {
    description: 'Members of the grassroots unions under this unit on the date, by name.',
  })
  async members(
    @Root() unit: OrgUnitNode,
    @Args() args: MemberListArgs,
    @Ctx() ctx: Context,
  ): Promise<MemberConnection> {
    const asOf = args.asOf ?? unit.asOf;
    // The loaders escape the text for LIKE.
    const search = args.search?.trim() || null;
    const countKey = { unitId: unit.dbId, asOf, search };
    const page = await ctx.loaders.member.membersByOwnerId.load({
      ownerId: unit.dbId,
      leaf: unit.kind === 'GRASSROOTS_UNION',
      asOf,
      search,
      first: pageSize(args.first),
      after: args.after ? decodeCursor(args.after) : null,
    });
    const { totalCount: counted, ...connection } = toConnection(page, memberNode);
    return Object.assign(new MemberConnection(), connection, { counted, countKey });
  }
}

@Resolver(() => MemberConnection)
export class MemberConnectionResolver {
  @FieldResolver(() => Int, {
    description: 'How many members the list holds (all pages); counted only when asked for.',
  })
  async totalCount(@Root() connection: MemberConnection, @Ctx() ctx: Context): Promise<number> {
    return connection.counted ?? ctx.loaders.member.memberCounts.load(connection.countKey);
  }
}
