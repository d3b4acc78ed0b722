import { Arg, Args, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';

import type { Context } from '../../graphql/context';
import { toConnection } from '../../shared/connection';
import { toGlobalId } from '../../shared/ids';
import { decodeCursor, pageSize } from '../../shared/pagination';
import { memberIdOf } from '../member/member.resolver';
import { OrgUnitNode } from '../org-unit/org-unit.types';
import type { AwardKind } from './award.entity';
import type { AwardRow } from './award.loaders';
import { grantAwards } from './award.service';
import { AwardConnection, AwardListArgs, AwardNode, GrantAwardInput } from './award.types';
import { requireYear } from '../../shared/dates';

async function awardNode(row: AwardRow, ctx: Context): Promise<AwardNode> {
  const [unit, issuer] = await Promise.all([
    ctx.loaders.orgUnit.unitById.load(row.unit_id),
    row.issuer_id === null ? Promise.resolve(null) : ctx.loaders.orgUnit.unitById.load(row.issuer_id),
  ]);
  return Object.assign(new AwardNode(), {
    id: toGlobalId('Award', Number(row.id)),
    kind: row.kind,
    issuer: issuer ? OrgUnitNode.of(issuer, row.awarded_on) : null,
    issuerName: row.issuer_name,
    unit: OrgUnitNode.of(unit!, row.awarded_on),
    collective: row.collective,
    recipientName: row.recipient_name,
    awardedOn: row.awarded_on,
    forYear: row.for_year,
    reason: row.reason,
    provenance: row.provenance,
  });
}

@Resolver(() => AwardNode)
export class AwardResolver {
  @Mutation(() => AwardNode, {
    description: 'Records an award; refused when the issuer’s level may not grant that kind.',
  })
  async grantAward(
    @Arg('input', () => GrantAwardInput) input: GrantAwardInput,
    @Ctx() ctx: Context,
  ): Promise<AwardNode> {
    const [award] = await grantAwards(
      ctx.em,
      ctx.scope,
      [
        {
          ...input,
          kind: input.kind as AwardKind,
          memberId: input.memberId ? memberIdOf(input.memberId) : null,
        },
      ],
      ctx.today,
    );
    return awardNode(
      {
        id: award.id,
        kind: award.kind,
        issuer_id: award.issuer?.id ?? null,
        issuer_name: award.issuerName,
        unit_id: award.unit.id,
        collective: award.collective,
        recipient_name: award.recipientName,
        awarded_on: award.awardedOn,
        for_year: award.forYear,
        reason: award.reason,
        provenance: award.provenance,
      },
      ctx,
    );
  }
}

@Resolver(() => OrgUnitNode)
export class OrgUnitAwardsResolver {
  @FieldResolver(() => AwardConnection, {
    description: 'Awards honouring the year in this unit’s subtree, latest first.',
  })
  async awards(
    @Root() unit: OrgUnitNode,
    @Args() args: AwardListArgs,
    @Ctx() ctx: Context,
  ): Promise<AwardConnection> {
    requireYear(args.year, ctx.today);
    const page = await ctx.loaders.award.awardsByOwnerId.load({
      ownerId: unit.dbId,
      year: args.year,
      collective: args.collective ?? null,
      first: pageSize(args.first),
      after: args.after ? decodeCursor(args.after) : null,
    });
    const nodes = await Promise.all(page.nodes.map((row) => awardNode(row, ctx)));
    const byId = new Map(nodes.map((node, i) => [page.nodes[i].id, node]));
    return toConnection(page, (row) => byId.get(row.id)!);
  }
}
