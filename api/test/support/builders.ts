import { Scope } from '../../src/auth/scope';
import type { OrgUnitKind } from '@cdvn/seeds';
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
