import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';

import type { Context } from '../../graphql/context';
import { toConnection } from '../../shared/connection';
import { refusal } from '../../shared/errors';
import { fromGlobalId, toGlobalId } from '../../shared/ids';
import { moneyFromDb } from '../../shared/money';
import { decodeCursor, pageSize } from '../../shared/pagination';
import { OrgUnitNode } from '../org-unit/org-unit.types';
import type { ActivityKind, Qualifier } from './activity.entity';
import type { ActivityRow } from './activity.loaders';
import { deleteActivity, recordActivities } from './activity.service';
import { ActivityConnection, ActivityListArgs, ActivityNode, RecordActivityInput } from './activity.types';
import { requireYear } from '../../shared/dates';

function activityNode(row: ActivityRow): ActivityNode {
  return Object.assign(new ActivityNode(), {
    id: toGlobalId('Activity', Number(row.id)),
    unitId: row.unit_id,
    kind: row.kind,
    occurredOn: row.occurred_on,
    quantity: row.quantity,
    quantityQualifier: row.quantity_qualifier,
    amount: moneyFromDb(row.amount),
    amountQualifier: row.amount_qualifier,
    programme: row.programme_code ? { code: row.programme_code, name: row.programme_name! } : null,
    programmePhase: row.programme_phase,
    note: row.note,
    provenance: row.provenance,
  });
}

@Resolver(() => ActivityNode)
export class ActivityResolver {
  @FieldResolver(() => OrgUnitNode, { description: 'The unit that recorded it, as it stood on that day.' })
  async unit(@Root() activity: ActivityNode, @Ctx() ctx: Context): Promise<OrgUnitNode> {
    return OrgUnitNode.of((await ctx.loaders.orgUnit.unitById.load(activity.unitId))!, activity.occurredOn);
  }

  @Mutation(() => ActivityNode, {
    description: 'Records an activity of a unit; its rollups include it as soon as this returns.',
  })
  async recordActivity(
    @Arg('input', () => RecordActivityInput) input: RecordActivityInput,
    @Ctx() ctx: Context,
  ): Promise<ActivityNode> {
    const [recorded] = await recordActivities(
      ctx.em,
      ctx.scope,
      [
        {
          ...input,
          kind: input.kind as ActivityKind,
          quantity: input.quantity ?? 0,
          amount: input.amount ?? 0n,
          // The Qualifier enum's values are the article's words (gần, hơn, trên).
          quantityQualifier: (input.quantityQualifier ?? null) as Qualifier | null,
          amountQualifier: (input.amountQualifier ?? null) as Qualifier | null,
        },
      ],
      ctx.today,
    );
    return activityNode(recorded);
  }

  @Mutation(() => Boolean, { description: 'Deletes a recorded activity; the rollups drop it at once.' })
  async deleteActivity(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<boolean> {
    const parsed = fromGlobalId(id);
    if (!parsed || parsed.type !== 'Activity') {
      throw refusal('ID_NOT_ACTIVITY', {}, 'id');
    }
    await deleteActivity(ctx.em, ctx.scope, parsed.id);
    return true;
  }
}

@Resolver(() => OrgUnitNode)
export class OrgUnitActivitiesResolver {
  @FieldResolver(() => ActivityConnection, {
    description:
      'Activities of the year recorded by this unit and the units under it at the end of the year, latest first.',
  })
  async activities(
    @Root() unit: OrgUnitNode,
    @Args() args: ActivityListArgs,
    @Ctx() ctx: Context,
  ): Promise<ActivityConnection> {
    requireYear(args.year, ctx.today);
    const page = await ctx.loaders.activity.activitiesByOwnerId.load({
      ownerId: unit.dbId,
      year: args.year,
      kind: args.kind ?? null,
      first: pageSize(args.first),
      after: args.after ? decodeCursor(args.after) : null,
    });
    return toConnection(page, activityNode);
  }
}
