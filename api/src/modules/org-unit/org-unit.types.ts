import { ORG_UNIT_KINDS, type OrgUnitKind as Kind } from '@cdvn/domain';
import { ArgsType, Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

import { DateScalar } from '../../graphql/scalars';
import { toGlobalId } from '../../shared/ids';
import { nameOn, type OrgUnitRecord } from './org-unit.record';

export const OrgUnitKind = Object.fromEntries(ORG_UNIT_KINDS.map((kind) => [kind, kind])) as {
  [K in Kind]: K;
};

registerEnumType(OrgUnitKind, {
  name: 'OrgUnitKind',
  description: 'The level of a unit in the union hierarchy.',
  valuesConfig: {
    NATIONAL_FEDERATION: { description: 'Tổng Liên đoàn Lao động Việt Nam' },
    PROVINCIAL_FEDERATION: { description: 'Liên đoàn Lao động tỉnh, thành phố' },
    PUBLIC_SERVANT_UNION: { description: 'Công đoàn Viên chức tỉnh (dissolved in 2025)' },
    SECTORAL_UNION: { description: 'Công đoàn ngành, and national sectoral and corporate unions' },
    DISTRICT_FEDERATION: { description: 'Liên đoàn Lao động huyện (until 30 June 2025)' },
    COMMUNE_UNION: { description: 'Công đoàn xã, phường (from 1 July 2025)' },
    INDUSTRIAL_ZONE_UNION: { description: 'Công đoàn các khu công nghiệp, khu kinh tế' },
    GRASSROOTS_UNION: { description: 'Công đoàn cơ sở: the only level with members' },
  },
});

@ObjectType('OrgUnit', { description: 'A unit of the union hierarchy (đơn vị công đoàn).' })
export class OrgUnitNode {
  @Field(() => ID, { description: 'Opaque global id.' })
  id!: string;

  @Field({
    description: 'Stable, human-readable unique code, unchanged when the unit moves (e.g. "QN-CDVC").',
  })
  code!: string;

  @Field({
    description:
      'The name the unit bore on the date it was reached through (a query as of 2022 shows the name of 2022).',
  })
  name!: string;

  @Field(() => OrgUnitKind)
  kind!: Kind;

  @Field(() => DateScalar, { description: 'First day the unit exists.' })
  validFrom!: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Last day the unit exists (inclusive); null while it exists.',
  })
  validTo!: string | null;

  /** Database id, for loaders. */
  dbId!: number;

  /** The date whose tree this node was reached through: the default of its tree fields. */
  asOf!: string;

  static of(record: OrgUnitRecord, asOf: string): OrgUnitNode {
    return Object.assign(new OrgUnitNode(), {
      id: toGlobalId('OrgUnit', record.id),
      dbId: record.id,
      code: record.code,
      name: nameOn(record, asOf),
      kind: record.kind,
      validFrom: record.validFrom,
      validTo: record.validTo,
      asOf,
    });
  }
}

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field()
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ObjectType()
export class OrgUnitEdge {
  @Field()
  cursor!: string;

  @Field(() => OrgUnitNode)
  node!: OrgUnitNode;
}

@ObjectType({ description: 'A page of units (Relay connection).' })
export class OrgUnitConnection {
  @Field(() => Int, { description: 'All units matching the filters, on every page.' })
  totalCount!: number;

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => [OrgUnitEdge])
  edges!: OrgUnitEdge[];
}

@ArgsType()
export class OrgUnitListArgs {
  @Field(() => OrgUnitKind, { nullable: true, description: 'Only units of this kind.' })
  kind?: Kind | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Part of the name or code; case and Vietnamese diacritics are ignored ("quang ninh" finds "Quảng Ninh").',
  })
  search?: string | null;

  @Field(() => Int, { nullable: true, description: 'Page size: 100 when omitted, at most 500.' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page.' })
  after?: string | null;
}

@ArgsType()
export class OrgUnitTreeArgs extends OrgUnitListArgs {
  @Field(() => DateScalar, {
    nullable: true,
    description:
      'The tree of this day. Default: the date the unit was reached with, which defaults to today.',
  })
  asOf?: string | null;
}

@ArgsType()
export class OrgUnitParentArgs {
  @Field(() => DateScalar, {
    nullable: true,
    description: 'The parent on this day. Default as for the tree fields.',
  })
  asOf?: string | null;
}
