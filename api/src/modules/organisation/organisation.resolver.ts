import { Arg, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';

import type { Context } from '../../graphql/context';
import { OrgUnitNode } from '../org-unit/org-unit.types';
import { rankUnits } from '../statistics/ranking';
import { SortDirection, StatsMetric } from '../statistics/statistics.types';
import { clustersOf } from './organisation.queries';
import {
  appointOfficer,
  type OfficerRole,
  recordCongressTerm,
  setAnnualTheme,
  setClusterMembers,
} from './organisation.service';
import {
  AnnualThemeNode,
  AppointOfficerInput,
  CongressTermNode,
  EmulationClusterNode,
  OfficerNode,
} from './organisation.types';
import { requireYear } from '../../shared/dates';
import { DateScalar } from '../../graphql/scalars';
import { refusal } from '../../shared/errors';

@Resolver(() => OrgUnitNode)
export class OrganisationResolver {
  @FieldResolver(() => [OfficerNode], {
    description:
      'Officers in office on the unit’s date; with `from` and `to`, those whose term overlaps that span (the officers of a year and of its conference, held early in the next).',
  })
  async officers(
    @Root() unit: OrgUnitNode,
    @Ctx() ctx: Context,
    @Arg('from', () => DateScalar, { nullable: true, description: 'Default: the unit’s date.' })
    from?: string | null,
    @Arg('to', () => DateScalar, { nullable: true, description: 'Default: the unit’s date.' })
    to?: string | null,
  ): Promise<OfficerNode[]> {
    const [start, end] = [from ?? unit.asOf, to ?? unit.asOf];
    if (end < start) {
      throw refusal('RANGE_ORDER', {}, 'to');
    }
    const rows = await ctx.loaders.organisation.officersByUnitId.load({ unitId: unit.dbId, date: end });
    return rows
      .filter((row) => row.term_to === null || row.term_to >= start)
      .map((row) => ({
        fullName: row.full_name,
        role: row.role,
        termFrom: row.term_from,
        termTo: row.term_to,
        provenance: row.provenance,
      }));
  }

  @FieldResolver(() => [CongressTermNode])
  async congressTerms(@Root() unit: OrgUnitNode, @Ctx() ctx: Context): Promise<CongressTermNode[]> {
    const rows = await ctx.loaders.organisation.congressTermsByUnitId.load({ unitId: unit.dbId });
    return rows.map((row) => ({
      number: row.number,
      fromYear: row.from_year,
      toYear: row.to_year,
      provenance: row.provenance,
    }));
  }

  @FieldResolver(() => AnnualThemeNode, {
    nullable: true,
    description: 'The theme the unit works under in the year.',
  })
  async annualTheme(
    @Root() unit: OrgUnitNode,
    @Arg('year', () => Int) year: number,
    @Ctx() ctx: Context,
  ): Promise<AnnualThemeNode | null> {
    requireYear(year, ctx.today);
    const row = await ctx.loaders.organisation.themeByUnitId.load({ unitId: unit.dbId, year });
    if (!row) {
      return null;
    }
    const owner = await ctx.loaders.orgUnit.unitById.load(row.unit_id);
    return { unit: OrgUnitNode.of(owner!, unit.asOf), theme: row.theme, provenance: row.provenance };
  }
}

@Resolver(() => EmulationClusterNode)
export class EmulationClusterResolver {
  @Query(() => [EmulationClusterNode], {
    description: 'The emulation clusters of a year, each with its members ranked by a metric.',
  })
  async emulationClusters(
    @Arg('year', () => Int) year: number,
    @Arg('orderBy', () => StatsMetric, { defaultValue: 'members' }) orderBy: string,
    @Arg('direction', () => SortDirection, { defaultValue: SortDirection.DESC }) direction: SortDirection,
    @Ctx() ctx: Context,
  ): Promise<EmulationClusterNode[]> {
    requireYear(year, ctx.today);
    const clusters = await clustersOf(ctx.em, year);
    return Promise.all(
      clusters.map(async (cluster) => ({
        code: cluster.code,
        name: cluster.name,
        year,
        ranking: await rankUnits(ctx, cluster.unit_ids, year, orderBy, direction),
      })),
    );
  }

  @Mutation(() => Boolean, {
    description: 'Sets the members of a cluster for a year (creating the cluster on first use).',
  })
  async setClusterMembers(
    @Arg('code', () => String) code: string,
    @Arg('name', () => String) name: string,
    @Arg('year', () => Int) year: number,
    @Arg('unitCodes', () => [String]) unitCodes: string[],
    @Arg('ownerCode', () => String, {
      nullable: true,
      description:
        'The unit that defines the cluster and alone changes it: the national federation (default), or a province federation for a cluster of its own units.',
    })
    ownerCode: string | null,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    await setClusterMembers(ctx.em, ctx.scope, { code, name, year, unitCodes, ownerCode }, ctx.today);
    return true;
  }

  @Mutation(() => Boolean)
  async appointOfficer(
    @Arg('input', () => AppointOfficerInput) input: AppointOfficerInput,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    await appointOfficer(ctx.em, ctx.scope, { ...input, role: input.role as OfficerRole });
    return true;
  }

  @Mutation(() => Boolean)
  async setAnnualTheme(
    @Arg('unitCode', () => String) unitCode: string,
    @Arg('year', () => Int) year: number,
    @Arg('theme', () => String) theme: string,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    await setAnnualTheme(ctx.em, ctx.scope, { unitCode, year, theme }, ctx.today);
    return true;
  }

  @Mutation(() => Boolean)
  async recordCongressTerm(
    @Arg('unitCode', () => String) unitCode: string,
    @Arg('fromYear', () => Int) fromYear: number,
    @Arg('toYear', () => Int) toYear: number,
    @Arg('number', () => String, { nullable: true }) number: string | null,
    @Ctx() ctx: Context,
  ): Promise<boolean> {
    await recordCongressTerm(ctx.em, ctx.scope, { unitCode, fromYear, toYear, number });
    return true;
  }
}
