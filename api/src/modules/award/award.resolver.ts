import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';

import type { Context } from '../../graphql/context';
import { toGlobalId } from '../../shared/ids';
import { memberIdOf } from '../member/member.resolver';
import { OrgUnitNode } from '../org-unit/org-unit.types';
import type { AwardKind } from './award.entity';
import { grantAwards } from './award.service';
import { AwardNode, GrantAwardInput } from './award.types';

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
      [
        {
          ...input,
          kind: input.kind as AwardKind,
          memberId: input.memberId ? memberIdOf(input.memberId) : null,
        },
      ],
      ctx.today,
    );
    const [unit, issuer] = await Promise.all([
      ctx.loaders.orgUnit.unitById.load(award.unit.id),
      award.issuer ? ctx.loaders.orgUnit.unitById.load(award.issuer.id) : Promise.resolve(null),
    ]);
    return Object.assign(new AwardNode(), {
      id: toGlobalId('Award', award.id),
      kind: award.kind,
      issuer: issuer ? OrgUnitNode.of(issuer, award.awardedOn) : null,
      issuerName: award.issuerName,
      unit: OrgUnitNode.of(unit!, award.awardedOn),
      collective: award.collective,
      recipientName: award.recipientName,
      awardedOn: award.awardedOn,
      reason: award.reason,
    });
  }
}
