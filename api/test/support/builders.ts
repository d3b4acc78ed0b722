import { Scope } from '../../src/auth/scope';
import type { OrgUnitKind } from '@cdvn/domain';
import type { EntityManager } from '@mikro-orm/postgresql';

import { createUnits, type NewOrgUnit } from '../../src/modules/org-unit/org-unit.service';

/**
 * Builds a small tree for one test: `tree().national().province('A').union('A-CDVC', 'A').grassroots('A-G1', 'A-CDVC')`.
 * Every unit starts on the builder's date unless told otherwise.
 */
export class TreeBuilder {
  private readonly units: NewOrgUnit[] = [];

  constructor(private readonly validFrom = '2000-01-01') {}

  add(code: string, kind: OrgUnitKind, parentCode: string | null, validFrom = this.validFrom): this {
    this.units.push({
      code,
      name: `Unit ${code}`,
      kind,
      parentCode,
      validFrom,
      provenance: 'assumption: test data',
    });
    return this;
  }

  national(code = 'VN'): this {
    return this.add(code, 'NATIONAL_FEDERATION', null);
  }

  province(code: string, parentCode = 'VN'): this {
    return this.add(code, 'PROVINCIAL_FEDERATION', parentCode);
  }

  union(code: string, parentCode: string): this {
    return this.add(code, 'PUBLIC_SERVANT_UNION', parentCode);
  }

  grassroots(code: string, parentCode: string, validFrom?: string): this {
    return this.add(code, 'GRASSROOTS_UNION', parentCode, validFrom);
  }

  async build(em: EntityManager): Promise<void> {
    await createUnits(em.fork(), Scope.SYSTEM, this.units);
  }
}

export function tree(validFrom?: string): TreeBuilder {
  return new TreeBuilder(validFrom);
}

/**
 * The property tests' starting point: an emptied database with a small tree of three provinces, two
 * intermediate unions and five grassroots unions, from 2015.
 */
export async function freshSmallTree(em: EntityManager): Promise<void> {
  await em
    .getConnection()
    .execute(
      'truncate activity, award, membership, member, target, unit_rating, stat_own, stat_delta, stat_rollup, stat_rollup_year, programme, org_unit_succession, org_unit_path, org_unit_parent, org_unit restart identity cascade',
    );
  await tree('2015-01-01')
    .national()
    .province('P1')
    .province('P2')
    .province('P3')
    .union('S1', 'P1')
    .union('S2', 'P2')
    .grassroots('G1', 'S1')
    .grassroots('G2', 'S1')
    .grassroots('G3', 'S2')
    .grassroots('G4', 'P3')
    .grassroots('G5', 'P3')
    .build(em);
}
