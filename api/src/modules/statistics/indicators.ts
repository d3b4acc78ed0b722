/**
 * The derived figures that compare units of different sizes: ratios of a unit's figures, the change on
 * the previous year and a position among peers. Pure arithmetic on figures already read; null wherever
 * the denominator is zero (no ratio is invented from nothing).
 */

const ratio = (numerator: number, denominator: number): number | null =>
  denominator === 0 ? null : numerator / denominator;

/** Members admitted in the year per 100 members at its end (or today, for the current year). */
export function newMembersPer100(newMembers: number, members: number): number | null {
  const value = ratio(newMembers, members);
  return value === null ? null : value * 100;
}

/** Members per grassroots union at the end of the year. */
export function membersPerGrassrootsUnion(members: number, grassrootsUnits: number): number | null {
  return ratio(members, grassrootsUnits);
}

/** The share of women among the members at the end of the year (0.6 is 60%). */
export function womenShare(womenMembers: number, members: number): number | null {
  return ratio(womenMembers, members);
}

/**
 * The share of the grassroots unions rated "hoàn thành tốt nhiệm vụ" or better, of all of them; null
 * while none of them has been rated for the year (nothing to compare yet, not 0%).
 */
export function goodOrBetterShare(
  ratings: { excellent: number; good: number; rated: number },
  grassrootsUnits: number,
): number | null {
  return ratings.rated === 0 ? null : ratio(ratings.excellent + ratings.good, grassrootsUnits);
}

/** Targets reached (value at least the target), of the targets set; null when none was set. */
export function targetAchievement(targets: Array<{ target: bigint; actual: bigint }>): {
  set: number;
  met: number;
  share: number | null;
} {
  const met = targets.filter((t) => t.actual >= t.target).length;
  return { set: targets.length, met, share: ratio(met, targets.length) };
}

/** The change of a figure on the previous year: the difference, and the ratio (0.05 is +5%). */
export function yearOnYear(
  previous: bigint | null,
  current: bigint,
): { difference: bigint | null; ratio: number | null } {
  if (previous === null) {
    return { difference: null, ratio: null };
  }
  return {
    difference: current - previous,
    ratio: previous === 0n ? null : Number(current - previous) / Number(previous),
  };
}

/**
 * The percentile among `of` peers of a unit that `below` peers rank below (a worse value): the share of
 * the other peers it is ahead of, 1 for the first, 0 for the last, 1 when alone. Tied peers are ahead
 * of nobody they tie with, so they share a percentile.
 */
export function percentile(below: number, of: number): number {
  return of <= 1 ? 1 : below / (of - 1);
}
