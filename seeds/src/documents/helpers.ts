import { demoTree } from '../demo-tree';
import { dayBetween, seededRandom, splitExactly, vietnameseName } from '../random';
import type { SeedAward, SeedMember } from '../types';

/** What the documents' facts are built with: amounts, the units under a union, synthetic members and awards. */

export const MILLION = 1_000_000n;
export const BILLION = 1_000_000_000n;

export function grassrootsOf(parentCode: string): string[] {
  return demoTree()
    .units.filter((unit) => unit.parentCode === parentCode && unit.kind === 'GRASSROOTS_UNION')
    .map((unit) => unit.code);
}

export /** Awards to `count` recipients among `units` (cycling), collective or individual. */
function awardsTo(
  count: number,
  units: string[],
  base: Omit<SeedAward, 'unitCode' | 'recipientName'>,
  random: () => number,
): SeedAward[] {
  return Array.from({ length: count }, (_, i) => ({
    ...base,
    unitCode: units[i % units.length],
    ...(base.collective ? {} : { recipientName: vietnameseName(random).fullName }),
  }));
}

/** Members of `units` whose numbers add up to `count`, joining between two dates. */
export function membersOf(
  units: string[],
  count: number,
  first: string,
  last: string,
  seed: number,
  provenance: string,
  unitStart?: Map<string, string>,
): SeedMember[] {
  const random = seededRandom(seed);
  const shares = splitExactly(count, units.length, random);
  return units.flatMap((unitCode, u) =>
    Array.from({ length: shares[u] }, (_, i) => {
      const person = vietnameseName(random);
      const from = unitStart?.get(unitCode) ?? first;
      return {
        ...person,
        birthDate: dayBetween('1965-01-01', '1998-12-31', random),
        cardNumber: `${unitCode}-${String(i + 1).padStart(4, '0')}`,
        unitCode,
        joinedOn: dayBetween(from > first ? from : first, last, random),
        provenance,
      };
    }),
  );
}
